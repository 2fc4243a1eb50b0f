"""Bytes → text for every reader and the crawler: BOM, HTTP header, <meta charset>, detection.

A label is trusted only when the bytes decode under it; gb2312 and gbk are read as their
superset gb18030, since portals labelled gb2312 routinely carry characters outside it.
"""
from __future__ import annotations

import codecs
import re

from ..errors import UndecodableInput

# Labels that name a subset of a wider encoding; decode with the wider one.
WIDER = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "cp936": "gb18030", "ms936": "gb18030", "windows-936": "gb18030", "euc-cn": "gb18030",
    "csgb2312": "gb18030", "chinese": "gb18030",
    "big5": "big5hkscs",
    "ascii": "utf-8", "us-ascii": "utf-8",
}
# Server defaults that say nothing about the page (requests and many servers send these).
WEAK = {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252"}

_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]{1,40})""", re.I)
_META = re.compile(rb"<meta\b[^>]{0,500}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.+-]{1,40})", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
HEAD_BYTES = 4096
# Code point ranges of ordinary simplified-Chinese text: CJK ideographs (with extension A),
# CJK punctuation, fullwidth forms, general punctuation (“ ” …).
CHINESE_RANGES = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x3000, 0x303F), (0xFF00, 0xFFEF),
                  (0x2000, 0x206F), (0x00B7, 0x00B7), (0x00D7, 0x00D7), (0x2460, 0x24FF))
CHINESE_SHARE = 0.9
MAX_REPLACED = 0.02


def normalise(label: str | None) -> str | None:
    """The codec to decode a charset label with, or None if Python does not know it.

    >>> normalise("GB2312"), normalise("utf8"), normalise("nonsense")
    ('gb18030', 'utf-8', None)
    """
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = WIDER.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return WIDER.get(name, name)


def header_charset(content_type: str | None) -> str | None:
    """The charset named in a Content-Type header."""
    if not content_type:
        return None
    m = _CHARSET.search(content_type.encode("latin-1", "replace"))
    return m.group(1).decode("ascii") if m else None


def meta_charset(data: bytes) -> str | None:
    """The charset named by <meta charset> or <meta http-equiv> in the page's first bytes."""
    m = _META.search(data[:HEAD_BYTES])
    return m.group(1).decode("ascii") if m else None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_html(data: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode a page; returns (text, codec used). A leading BOM wins and is dropped.

    >>> decode_html("镕".encode("gb18030"), "text/html; charset=gb2312")
    ('镕', 'gb18030')
    >>> decode_html("增长".encode("gbk"), "text/html; charset=utf-8")[1]
    'gb18030'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), codec
    header = header_charset(content_type)
    labels = [] if header is None or header.lower() in WEAK else [header]
    labels.append(meta_charset(data) or "")
    if header and header.lower() in WEAK:
        labels.append(header)
    utf8 = _is_multibyte_utf8(data)
    tried: list[str] = []
    for label in labels:
        named = normalise(label)
        if named is None or named in tried:
            continue
        tried.append(named)
        # Text that is valid multibyte UTF-8 is UTF-8 whatever a legacy label says: GBK
        # text of any length is practically never valid UTF-8 by accident.
        if utf8 and named != "utf-8" and not named.startswith("utf-16"):
            continue
        strict = _strict(data, named)
        if strict is not None:
            return strict, named
    if utf8:
        return data.decode("utf-8"), "utf-8"
    detected = _detect(data)
    if detected is not None:
        strict = _strict(data, detected)
        if strict is not None:
            return strict, detected
    # A page with a few broken bytes (a truncated character) is still worth reading; one
    # that is mostly undecodable is not.
    for codec in tried + [c for c in (detected, "gb18030") if c and c not in tried]:
        text = data.decode(codec, errors="replace")
        if text.count("\ufffd") <= MAX_REPLACED * max(len(text), 1):
            return text, codec
    raise UndecodableInput("page bytes are not text in any declared or detected encoding")


def _looks_chinese(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 0x7F]
    plain = sum(1 for ch in wide if any(lo <= ord(ch) <= hi for lo, hi in CHINESE_RANGES))
    return plain >= CHINESE_SHARE * len(wide)


def _detect(data: bytes) -> str | None:
    # Detectors guess wildly on short Chinese pages (GBK read as cp949 or big5); on a
    # Chinese portal GB18030 is the prior, kept when its reading is plainly Chinese text.
    text = _strict(data, "gb18030")
    if text is not None and _looks_chinese(text):
        return "gb18030"
    from charset_normalizer import from_bytes
    best = from_bytes(data[:200_000]).best()
    return normalise(best.encoding) if best is not None else None
