"""The metadata block (索引号, 发布机构, 发布日期 …) in its many layouts, and what follows from it."""
from __future__ import annotations

import datetime as _dt

import regex

from ..rules.meta import (ADMIN_SUFFIXES, FIRST_YEAR, HEADER_LABELS, META_LABELS, NOT_PLACES,
                          PUBLISHER_SUFFIXES, STOP_KEYS, TITLE_CUES, WIDGET_WORDS)

_HEAD_LINES = 60


def _spaced(label: str) -> str:
    # 索  引 号: portals pad labels with spaces to align them.
    return r"[ \t\u3000]*".join(regex.escape(ch) for ch in label)


def _label_pattern(labels) -> str:
    return "|".join(_spaced(lb) for lb in sorted(labels, key=len, reverse=True))


_LABEL_TO_KEY = {label: key for key, labels in META_LABELS for label in labels}
_LABELS = regex.compile(
    r"(?:^|(?<=[\s\[【|：:]))[\[【]?[ \t\u3000]*(?P<label>" + _label_pattern(_LABEL_TO_KEY)
    + r")[ \t\u3000]*[\]】]?[ \t\u3000]*[:：]?", regex.M)
_HEADER_TO_KEY = {**_LABEL_TO_KEY,
                  **{label: key for key, labels in HEADER_LABELS for label in labels}}
# In a page header a label may follow the previous value without a space (信息来源：本网发布日期：),
# so a label glued to the text before it counts when a colon follows it.
_GLUEABLE = [lb for lb, key in _HEADER_TO_KEY.items()
             if len(lb) >= 3 or key in ("publisher", "published", "updated", "views", "author",
                                        "widget")]
_HEADER_LABELS = regex.compile(
    # At a line's start a label may run into its value (a grid row of two inline cells) …
    r"(?:^[ \t\u3000]*[\[【]?[ \t\u3000]*(?P<label>" + _label_pattern(_HEADER_TO_KEY)
    + r")[ \t\u3000]*[\]】]?[ \t\u3000]*[:：]?"
    # … elsewhere it stands apart from the words around it …
    r"|(?<![\p{Han}A-Za-z0-9])[\[【]?[ \t\u3000]*(?P<label>" + _label_pattern(_HEADER_TO_KEY)
    + r")(?=[\s:：\]】]|$)[ \t\u3000]*[\]】]?[ \t\u3000]*[:：]?"
    # … or is followed by its colon: glued to the word before it only when it cannot be the
    # tail of a longer name (本网发布日期：, 徐丹丹来源：; not ICP备案编号：, 单位名称：) …
    r"|(?P<label>" + _label_pattern(_GLUEABLE) + r")[ \t\u3000]*[:：]"
    # … anywhere else after something that is not a word (2026-05-08出处：).
    r"|(?<!\p{Han})(?P<label>" + _label_pattern(_HEADER_TO_KEY) + r")[ \t\u3000]*[:：])",
    regex.M)
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
_NOT_PLACE = regex.compile(r"关于|[\d０-９]+\s*年度?|[（(【\[《][^）)】\]》]{0,12}[）)】\]》]")
_COUNTY = regex.compile(r"([\p{Han}]{1,8}?(?:" + "|".join(ADMIN_SUFFIXES) + r"))")


# Dates written with separators, for finding a date inside a line (no bare digit runs).
_SEPARATED_DATE = regex.compile(
    r"(?<!\d)((?:19|20)\d\d)\s*([-/.年])\s*(\d{1,2})\s*(?:\2|月)\s*(\d{1,2})(?!\d)\s*日?")


def valid_date(iso: str, latest: _dt.date | None = None) -> bool:
    """A real calendar date, not before FIRST_YEAR and not after `latest` (default: today).

    >>> valid_date("2024-02-29"), valid_date("2025-02-29"), valid_date("1989-05-01")
    (True, False, False)
    """
    try:
        day = _dt.date.fromisoformat(iso)
    except (TypeError, ValueError):
        return False
    return FIRST_YEAR <= day.year and day <= (latest or _dt.date.today())


def find_dates(text: str, latest: _dt.date | None = None) -> list[tuple[int, str]]:
    """(offset, ISO date) of every valid date written with separators in `text`.

    >>> find_dates("第A06版：公告2026年05月19日 索引号 2026-00012")
    [(8, '2026-05-19')]
    """
    out = []
    for m in _SEPARATED_DATE.finditer(text.translate(_DIGITS)):
        iso = f"{m.group(1)}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"
        if valid_date(iso, latest):
            out.append((m.start(), iso))
    return out


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


def meta_pairs(head: str, header: bool = False,
               latest: _dt.date | None = None) -> dict[str, str]:
    """Label/value pairs from the text of a metadata block, whatever its layout.

    `header`: the block is a page header around a headline, where the looser labels of
    HEADER_LABELS (时间, 出处, 作者 …) are read too, and a date must be a real one no later
    than `latest` (the page's own time, default today).

    >>> meta_pairs("信息来源：本网发布日期：2026-02-27 浏览次数：12", header=True)
    {'publisher': '本网', 'published': '2026-02-27'}
    """
    out: dict[str, str] = {}
    table = _HEADER_TO_KEY if header else _LABEL_TO_KEY
    matches = list((_HEADER_LABELS if header else _LABELS).finditer(head))
    for i, m in enumerate(matches):
        key = table["".join(m.group("label").split())]
        nxt = matches[i + 1].start() if i + 1 < len(matches) else len(head)
        chunk = head[m.end():nxt]
        line_end = chunk.find("\n")
        value = _clean_value(chunk if line_end < 0 else chunk[:line_end])
        if not value and line_end >= 0:
            # Bulleted layouts put the value on the next line.
            rest = [ln for ln in chunk[line_end:].split("\n") if ln.strip(_STRIP)]
            value = _clean_value(rest[0]) if rest else ""
        if not value or key in out:
            continue
        if key in ("published", "written", "updated"):
            value = normalise_date(value)
            if _ISO.fullmatch(value) and not valid_date(value, latest if header else _FAR):
                continue
            if header and not _ISO.fullmatch(value):
                continue
        elif key == "publisher" and header:
            value = clean_publisher(value)
            if not value:
                continue
        elif key in ("doc_no", "index_no") and not regex.search(r"\d", value):
            continue  # a template's empty 〔〕号
        out[key] = value
    for key in STOP_KEYS:
        out.pop(key, None)
    return out


_ISO = regex.compile(r"\d{4}-\d\d-\d\d")
# A document's own dates are not bounded by today: plans and budgets name future years.
_FAR = _dt.date(2200, 1, 1)
_PUBLISHER_TAIL = regex.compile(r"\s*(?:(?:19|20)\d\d\s*[-/.年]|\d{1,2}:\d\d).*$")


def clean_publisher(value: str) -> str:
    """The agency name of a 来源 / 发布机构 value: no date or time glued after it, no 《》.

    >>> clean_publisher("岳阳市统计局2026-04-30"), clean_publisher("《普洱日报》")
    ('岳阳市统计局', '普洱日报')
    """
    value = _PUBLISHER_TAIL.sub("", value).strip(_STRIP + "《》“”\"'")
    # A bracket closed or opened by the line around it, not by the name: （信息来源：某局）.
    for opening, closing in (("（", "）"), ("(", ")")):
        while value.endswith(closing) and value.count(closing) > value.count(opening):
            value = value[:-1].rstrip()
        while value.startswith(opening) and value.count(opening) > value.count(closing):
            value = value[1:].lstrip()
    if not (2 <= len(value) <= 40) or not regex.search(r"\p{Han}|[A-Za-z]{2}", value):
        return ""
    return value


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
            # 关于… and the year are not part of the place name that follows them.
            m = next((m for m in _COUNTY.finditer(_NOT_PLACE.sub(" ", field))
                      if m.group(1) not in NOT_PLACES), None)
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
