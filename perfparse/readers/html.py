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
    best, best_score = soup.body or soup, -1
    for el in soup.find_all(("div", "td", "article", "section", "main")):
        text = _han(el.get_text())
        links = sum(_han(a.get_text()) for a in el.find_all("a"))
        score = text - 3 * links
        if score > best_score:
            best, best_score = el, score
    return best


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
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text
            c += cs
    if not grid:
        return []
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]


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
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    self.buf.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in NOISE_SELECTORS:
                continue
            if child.name == "table":
                self.flush()
                rows = table_rows(child)
                caption = child.find("caption")
                hint = (caption.get_text() if caption else "") + " " + self.last_para
                unit = _UNIT.findall(hint + " " + " ".join(rows[0]) if rows else hint)
                self.b.add_table(rows, unit=unit[-1] if unit else None,
                                 title=caption.get_text().strip() if caption else "")
                continue
            block = child.name in BLOCK_TAGS
            if block:
                self.flush()
            self.walk(child)
            if block:
                self.flush()


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
