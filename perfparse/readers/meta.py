"""The metadata block (索引号, 发布机构, 发布日期 …) in its many layouts, and what follows from it."""
from __future__ import annotations

import regex

from ..rules.meta import (ADMIN_SUFFIXES, META_LABELS, PUBLISHER_SUFFIXES, TITLE_CUES,
                          WIDGET_WORDS)

_HEAD_LINES = 60


def _spaced(label: str) -> str:
    # 索  引 号: portals pad labels with spaces to align them.
    return r"[ \t\u3000]*".join(regex.escape(ch) for ch in label)


_LABEL_TO_KEY = {label: key for key, labels in META_LABELS for label in labels}
_LABELS = regex.compile(
    r"(?:^|(?<=[\s\[【|：:]))[\[【]?[ \t\u3000]*(?P<label>"
    + "|".join(_spaced(lb) for lb in sorted(_LABEL_TO_KEY, key=len, reverse=True))
    + r")[ \t\u3000]*[\]】]?[ \t\u3000]*[:：]?", regex.M)
_STRIP = " \t\r\n\u3000:：|[]【】"
_DATE = regex.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?"
    r"|(?P<md>\d{2,4})(?!\d))")
_DATE_LINE = regex.compile(r"[（(]?\s*(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
                           r"\s*[)）]?")
_DIGITS = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)})
# A document number alone on a line under the title: 澄统发〔2025〕7号.
_DOC_NO_LINE = regex.compile(r"\p{Han}{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号")
_YEAR = regex.compile(r"((?:19|20)\d\d)\s*年")
_COUNTY = regex.compile(r"([\p{Han}]{1,8}?(?:" + "|".join(ADMIN_SUFFIXES) + r"))")


def normalise_date(value: str) -> str:
    """ISO date from the forms portals print.

    >>> [normalise_date(v) for v in ("2021-07-06", "2021年7月6日", "2024926", "2022-09-19 10:24")]
    ['2021-07-06', '2021-07-06', '2024-09-26', '2022-09-19']
    """
    m = _DATE.search(value.translate(_DIGITS))
    if not m:
        return value.strip()
    y = m.group("y")
    if m.group("m"):
        mo, d = int(m.group("m")), int(m.group("d"))
    else:
        md = m.group("md")
        # 2024926: month and day run together; a 3-digit run is M + DD, a 4-digit one MM + DD.
        if len(md) == 2:
            mo, d = int(md[0]), int(md[1])
        elif len(md) == 3:
            mo, d = int(md[0]), int(md[1:])
        else:
            mo, d = int(md[:2]), int(md[2:])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return value.strip()
    return f"{y}-{mo:02d}-{d:02d}"


def _clean_value(value: str) -> str:
    value = value.strip(_STRIP)
    for w in WIDGET_WORDS:
        i = value.find(w)
        if i >= 0:
            value = value[:i]
    return value.strip(_STRIP)


def meta_pairs(head: str) -> dict[str, str]:
    """Label/value pairs from the text of a metadata block, whatever its layout."""
    out: dict[str, str] = {}
    matches = list(_LABELS.finditer(head))
    for i, m in enumerate(matches):
        key = _LABEL_TO_KEY["".join(m.group("label").split())]
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(head)
        chunk = head[m.end():nxt]
        line_end = chunk.find("\n")
        value = _clean_value(chunk if line_end < 0 else chunk[:line_end])
        if not value and line_end >= 0:
            # Bulleted layouts put the value on the next line.
            rest = [ln for ln in chunk[line_end:].split("\n") if ln.strip(_STRIP)]
            value = _clean_value(rest[0]) if rest else ""
        if value and key not in out:
            if key == "published":
                value = normalise_date(value)
            out[key] = value
    return out


def guess_title(lines: list[str]) -> str:
    """The first short line that reads like a report title."""
    for line in lines:
        s = line.strip()
        if 6 <= len(s) <= 90 and any(c in s for c in TITLE_CUES) and not _LABELS.search(s) \
                and not s.startswith(("一、", "（一）", "(一)", "首页")) and ">" not in s:
            return s
    return ""


def derive(meta: dict[str, str]) -> dict[str, str]:
    """Fill county and fiscal year from title and publisher when the page does not state them."""
    title = meta.get("title", "")
    if "published" not in meta and "written" in meta:
        meta["published"] = meta["written"]
    if "year" not in meta:
        m = _YEAR.search(title.translate(_DIGITS))
        if m:
            meta["year"] = m.group(1)
    if "county" not in meta:
        for field in (meta.get("publisher", ""), title):
            m = _COUNTY.search(field)
            if m:
                meta["county"] = m.group(1)
                break
    return meta


def signature(text: str) -> dict[str, str]:
    """Publisher and date from the signature lines that close a report.

    >>> signature("正文。\\n\\n桐溪县财政局\\n2024年9月26日\\n")
    {'publisher': '桐溪县财政局', 'published': '2024-09-26'}
    """
    tail = [ln.strip() for ln in text[-600:].split("\n") if ln.strip()][-4:]
    for i in range(len(tail) - 1, 0, -1):
        date = normalise_date(tail[i])
        if regex.fullmatch(r"\d{4}-\d\d-\d\d", date) and len(tail[i]) <= 16:
            body = tail[i - 1]
            if len(body) <= 30 and body.endswith(PUBLISHER_SUFFIXES) and "。" not in body:
                return {"publisher": body, "published": date}
    return {}


def _publisher_line(s: str) -> bool:
    return len(s) <= 30 and s.endswith(PUBLISHER_SUFFIXES) and not any(p in s for p in "。，：:")


def byline(lines: list[str], title: str) -> dict[str, str]:
    """Publisher and date printed just under the title (统计公报, reports to the 人大).

    >>> byline(["花桥县2023年统计公报", "花桥县统计局", "（2024年3月28日）"], "花桥县2023年统计公报")
    {'publisher': '花桥县统计局', 'published': '2024-03-28'}
    """
    stripped = [ln.strip() for ln in lines]
    if not title or title not in stripped:
        return {}
    at = stripped.index(title)
    out: dict[str, str] = {}
    for s in stripped[at + 1:at + 4]:
        if "publisher" not in out and _publisher_line(s):
            # Joint publishers side by side (统计局　调查队): the first is the publisher.
            out["publisher"] = regex.split(r"\u3000+|\s{2,}", s)[0]
        elif "doc_no" not in out and _DOC_NO_LINE.fullmatch(s):
            out["doc_no"] = s
        elif "published" not in out and _DATE_LINE.fullmatch(s):
            out["published"] = normalise_date(s)
    return out


def text_meta(text: str, meta: dict[str, str] | None = None) -> dict[str, str]:
    """Metadata found in a document's own text: the block at its head, a byline under its
    title, the signature at its end. Keys already in `meta` are kept as they are."""
    meta = dict(meta or {})
    lines = text.split("\n", _HEAD_LINES)[:_HEAD_LINES]
    for key, value in meta_pairs("\n".join(lines)).items():
        meta.setdefault(key, value)
    meta.pop("views", None)
    title = meta.get("title") or guess_title(lines)
    if title:
        meta.setdefault("title", title)
    for found in (byline(lines, title), signature(text)):
        for key, value in found.items():
            meta.setdefault(key, value)
    return derive(meta)


def extract_meta(text: str) -> dict[str, str]:
    """Metadata of a plain-text document."""
    return text_meta(text)
