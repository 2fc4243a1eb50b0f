"""HTML article pages: body, tables kept as tables, metadata block, attachment links."""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urljoin

import regex
from bs4 import BeautifulSoup, NavigableString, Tag

from ..records import Attachment, Document
from ..rules.html import (ATTACHMENT_EXTENSIONS, ATTACHMENT_URL_HINTS, BLOCK_TAGS,
                          BODY_SELECTORS, META_TAGS, NOISE_SELECTORS, TITLE_SELECTORS)
from .builder import DocumentBuilder
from ..rules.meta import TITLE_CUES
from .meta import guess_title, meta_pairs, normalise_date, text_meta

_HAN = regex.compile(r"\p{Han}")
_NUMERIC_CELL = regex.compile(r"[-+]?[\d,，.]+\s*[%％]?")
_CANDIDATES = frozenset(("div", "td", "article", "section", "main"))
_MAX_CREDIT_DEPTH = 40
_UNIT = regex.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)")
_SCRIPT_URL = regex.compile(
    r"""["']([^"'\s<>]{1,300}?(?:\.(?:pdf|docx?|xlsx?|wps|zip|et)|download[^"'\s<>]{0,200}))["']""",
    regex.I)


def _han(text: str) -> int:
    return len(_HAN.findall(text))


def _body(soup: BeautifulSoup) -> Tag:
    for sel in BODY_SELECTORS:
        found = [el for el in soup.select(sel) if _han(el.get_text()) >= 20]
        if found:
            return max(found, key=lambda el: _han(el.get_text()))
    # No known container: the block with the most Chinese text, link text counting against
    # it twice over. One pass over the strings, each credited to its nearest ancestors,
    # keeps deeply nested pages linear.
    score: dict[int, int] = {}
    blocks: dict[int, Tag] = {}
    for s in soup.find_all(string=True):
        n = _han(s)
        if not n:
            continue
        in_link = s.find_parent("a") is not None
        for depth, el in enumerate(s.parents):
            if depth >= _MAX_CREDIT_DEPTH:
                break
            if el.name in _CANDIDATES:
                blocks[id(el)] = el
                score[id(el)] = score.get(id(el), 0) + (-2 * n if in_link else n)
    top = max(score.values(), default=-1)
    if top < 0:
        return soup.body or soup
    # Among equals the outermost, the first in document order.
    order = {id(el): i for i, el in enumerate(soup.find_all(list(_CANDIDATES)))}
    return blocks[min((k for k in score if score[k] == top), key=order.__getitem__)]


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def table_rows(table: Tag) -> list[list[str]]:
    """Rows of an HTML table with colspan and rowspan filled in."""
    grid: dict[tuple[int, int], str] = {}
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr.find_all(("td", "th"), recursive=False):
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            try:
                cs = max(1, min(50, int(cell.get("colspan", 1))))
                rs = max(1, min(500, int(cell.get("rowspan", 1))))
            except (TypeError, ValueError):
                cs = rs = 1
            # A merged label names every column it spans; a merged number is one value and
            # is written once, or its figure would be counted twice.
            fill = "" if _NUMERIC_CELL.fullmatch(text) else text
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text if dr == dc == 0 else fill
            c += cs
    if not grid:
        return []
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]


class _Inline:
    """The children of an inline element: leaving them does not end a paragraph."""

    def __init__(self, children):
        self._it = iter(children)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)


class _Walker:
    def __init__(self, builder: DocumentBuilder):
        self.b = builder
        self.buf: list[str] = []
        self.last_para = ""

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if text:
            self.b.add_paragraph(text)
            self.last_para = text

    def walk(self, node: Tag) -> None:
        """Text and tables in reading order. Iterative: portals nest thousands deep."""
        stack: list = [iter(node.children)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                if not isinstance(stack.pop(), _Inline):
                    self.flush()  # leaving a block ends its paragraph
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    self.buf.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in NOISE_SELECTORS:
                continue
            if child.name == "table":
                self.flush()
                self.table(child)
                continue
            if child.name in BLOCK_TAGS:
                self.flush()
                stack.append(iter(child.children))
            else:
                stack.append(_Inline(child.children))

    def table(self, el: Tag) -> None:
        rows = table_rows(el)
        caption = el.find("caption")
        hint = (caption.get_text() if caption else "") + " " + self.last_para
        unit = _UNIT.findall(hint + " " + " ".join(rows[0]) if rows else hint)
        self.b.add_table(rows, unit=unit[-1] if unit else None,
                         title=caption.get_text().strip() if caption else "")


def _attachments(soup: BeautifulSoup, url: str) -> list[Attachment]:
    found: list[Attachment] = []
    for a in soup.find_all("a", href=True):
        href = a["href"].strip()
        low = href.lower().split("?")[0]
        hinted = any(h in href.lower() for h in ATTACHMENT_URL_HINTS)
        if low.endswith(ATTACHMENT_EXTENSIONS) or hinted:
            if href.lower().startswith(("javascript:", "mailto:")):
                continue
            found.append(Attachment(urljoin(url, href), a.get_text(" ", strip=True)))
    for script in soup.find_all("script"):
        for m in _SCRIPT_URL.finditer(script.get_text()):
            found.append(Attachment(urljoin(url, m.group(1)), ""))
    seen, out = set(), []
    for a in found:
        if a.url not in seen:
            seen.add(a.url)
            out.append(a)
    return out


def read_html(html: str, url: str = "") -> Document:
    """An article page as a Document: its body text and tables, metadata and attachments."""
    soup = BeautifulSoup(html, "lxml")
    attachments = _attachments(soup, url)
    meta: dict[str, str] = {}
    for tag in soup.find_all("meta"):
        key = META_TAGS.get(tag.get("name", "") or "")
        if key and tag.get("content"):
            meta.setdefault(key, tag["content"].strip())
    for el in soup.select(",".join(NOISE_SELECTORS)):
        el.decompose()
    body = _body(soup)
    # The metadata block is whatever text of the page lies outside the body.
    body_text = body.get_text("\n")
    page_text = soup.get_text("\n")
    pos = page_text.find(body_text[:200]) if body_text.strip() else -1
    outside = page_text[:pos] if pos > 0 else page_text.replace(body_text, "\n")
    lines = [ln.strip() for ln in outside.split("\n") if ln.strip()]
    for key, value in meta_pairs("\n".join(lines)).items():
        meta.setdefault(key, value)
    meta.pop("views", None)
    if "published" in meta:
        meta["published"] = normalise_date(meta["published"])
    if "title" not in meta:
        for sel in TITLE_SELECTORS[1:]:
            el = soup.select_one(sel)
            if el and el.get_text(strip=True) and _han(el.get_text()) >= 6 \
                    and any(c in el.get_text() for c in TITLE_CUES):
                meta["title"] = " ".join(el.get_text().split())
                break
    if "title" not in meta:
        t = guess_title(lines) or (soup.title.get_text().strip() if soup.title else "")
        if t:
            meta["title"] = max(regex.split(r"\s*[_|－—-]\s*", t), key=_han)
    if url.startswith(("http://", "https://")):
        meta["url"] = url
    builder = DocumentBuilder()
    walker = _Walker(builder)
    walker.walk(body)
    walker.flush()
    builder.add_attachments(attachments)
    doc = builder.build(meta, url)
    # The title, byline or signature may sit inside the container taken as the body.
    return replace(doc, meta=text_meta(doc.text, meta))
