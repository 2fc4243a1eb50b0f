"""MHT web archives ("single file web page", often served as .doc): the HTML part, decoded."""
from __future__ import annotations

import email
import email.message
import re

from ..errors import BrokenFile, UndecodableInput
from ..records import Document

# Labels that name a subset of what we decode with: gb2312/gbk pages hold gb18030 characters.
CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
                   "cp936": "gb18030", "gb_2312-80": "gb18030", "unicode": "utf-16",
                   "us-ascii": "utf-8", "ascii": "utf-8"}
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_\-]{1,40})",
                           re.IGNORECASE)
# A numeric character reference cut by a line break the encoder put in: "&#2\r\n0803;".
_SPLIT_REF = re.compile(r"&#(x?[0-9A-Fa-f]{1,6})[ \t]{0,4}\r?\n[ \t]{0,4}([0-9A-Fa-f]{0,6};)")
# The email parser recurses once per nested multipart and runs out of stack near 1,000 levels;
# a saved web page has one multipart, a mail with attachments a few.
MAX_MULTIPARTS = 100
_MULTIPART_HEADER = re.compile(rb"^content-type:[ \t]{0,20}multipart/", re.IGNORECASE | re.M)


def decode_mht(data: bytes, source: str = "") -> str:
    """The HTML text of an MHT archive: first text/html part, transfer encoding undone.

    >>> mht = (b'MIME-Version: 1.0\\nContent-Type: multipart/related; boundary="b"\\n\\n'
    ...        b'--b\\nContent-Type: text/html; charset="utf-8"\\n'
    ...        b'Content-Transfer-Encoding: quoted-printable\\n\\n'
    ...        b'<p>&#2=\\n0803;=E5=85=83</p>\\n--b--\\n')
    >>> decode_mht(mht)
    '<p>&#20803;元</p>'
    """
    multiparts = sum(1 for _ in _MULTIPART_HEADER.finditer(data))
    if multiparts > MAX_MULTIPARTS:
        raise BrokenFile(f"{source}: MHT archive with {multiparts} nested multipart sections "
                         f"(limit {MAX_MULTIPARTS})")
    msg = email.message_from_bytes(data)
    part = _html_part(msg)
    if part is None:
        raise BrokenFile(f"{source}: MHT archive without an HTML part")
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        raise BrokenFile(f"{source}: MHT archive with an empty HTML part")
    text = _decode(payload, part.get_content_charset(), source)
    return _SPLIT_REF.sub(r"&#\1\2", text)


def read_mht(data: bytes, source: str) -> Document:
    """Read an MHT archive as the HTML page it holds."""
    from .html import read_html
    return read_html(decode_mht(data, source), source)


def _html_part(msg: email.message.Message) -> email.message.Message | None:
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            return part
    return None


def _decode(payload: bytes, declared: str | None, source: str) -> str:
    candidates = []
    for label in (declared, _meta_charset(payload), "utf-8", "gb18030"):
        if label:
            label = CHARSET_ALIASES.get(label.lower(), label.lower())
            if label not in candidates:
                candidates.append(label)
    for label in candidates:
        try:
            return payload.decode(label)
        except (UnicodeDecodeError, LookupError):
            continue
    raise UndecodableInput(f"{source}: MHT HTML part is not text in "
                           f"{', '.join(candidates)}")


def _meta_charset(payload: bytes) -> str | None:
    m = _META_CHARSET.search(payload[:4096])
    return m.group(1).decode("ascii") if m else None
