"""HTML article pages: body, tables kept as tables, metadata block, attachment links.

Where the headline, the body and the metadata sit is worked out in layout.py; this module
turns the chosen body into a Document and assembles the metadata, the page's own values first
and its meta tags only as a fallback. A page without article text (images, an embedded PDF,
a script-filled shell) says so in meta["no_text"] instead of passing for an empty report.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from urllib.parse import urljoin

import regex
from bs4 import BeautifulSoup, NavigableString, Tag

from ..records import Attachment, Document
from ..rules.html import (ATTACHMENT_EXTENSIONS, ATTACHMENT_URL_HINTS, BLOCK_TAGS, META_TAGS,
                          PAGE_TIME_TAGS, TITLE_SEPARATORS, URL_DATES)
from .builder import DocumentBuilder
from .layout import (Headline, Item, PageIndex, clean_page, content_images, display,
                     find_body, find_headline, header_meta, header_zones, headline_parts,
                     nearest_headline, norm, title_refs, trim_edges)
from .meta import find_dates, guess_title, normalise_date, text_meta, valid_date

_HAN = regex.compile(r"\p{Han}")
_NUMERIC_CELL = regex.compile(r"[-+]?[\d,，.]+\s*[%％]?")
_URL_DATES = tuple(regex.compile(p) for p in URL_DATES)
_UNIT = regex.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|元)")
_SCRIPT_URL = regex.compile(
    r"""["']([^"'\s<>]{1,300}?(?:\.(?:pdf|docx?|xlsx?|wps|zip|et)|download[^"'\s<>]{0,200}))["']""",
    regex.I)
# Spans larger than these are a hostile or broken table: the grid would not fit in memory.
MAX_COLSPAN = 50
MAX_ROWSPAN = 500
MAX_GRID_CELLS = 200_000
# Fewer Chinese characters than this in what is left of the body once its edges are trimmed,
# and no table: the page has no article text (what was taken for a body was page furniture).
MIN_TEXT_HAN = 1


def _han(text: str) -> int:
    return len(_HAN.findall(text))


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def table_rows(table: Tag) -> list[list[str]]:
    """Rows of an HTML table with colspan and rowspan filled in.

    Spans are capped (MAX_COLSPAN, MAX_ROWSPAN) and a span is cut short where the grid
    would pass MAX_GRID_CELLS, so hostile markup cannot blow up time or memory.
    """
    grid: dict[tuple[int, int], str] = {}
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    n_rows = len(trs)
    for r, tr in enumerate(trs):
        c = 0
        for cell in tr.find_all(("td", "th"), recursive=False):
            while (r, c) in grid:
                c += 1
            text = _cell_text(cell)
            try:
                cs = max(1, min(MAX_COLSPAN, int(cell.get("colspan", 1))))
                rs = max(1, min(MAX_ROWSPAN, int(cell.get("rowspan", 1))))
            except (TypeError, ValueError):
                cs = rs = 1
            # A span never reaches past the table's own last row.
            rs = min(rs, n_rows - r)
            room = MAX_GRID_CELLS - len(grid)
            if room <= 0:
                break
            if rs * cs > room:
                rs = max(1, min(rs, room // cs))
                cs = max(1, min(cs, room // rs))
            # A merged label names every column it spans; a merged number is one value and
            # is written once, or its figure would be counted twice.
            fill = "" if _NUMERIC_CELL.fullmatch(text) else text
            for dr in range(rs):
                for dc in range(cs):
                    grid.setdefault((r + dr, c + dc), text if dr == dc == 0 else fill)
            c += cs
    if not grid:
        return []
    n_rows = max(r for r, _ in grid) + 1
    n_cols = max(c for _, c in grid) + 1
    # The rows are written out dense: a wide row over many rows must not multiply out.
    n_cols = min(n_cols, max(1, 2 * MAX_GRID_CELLS // n_rows))
    return [[grid.get((r, c), "") for c in range(n_cols)] for r in range(n_rows)]


class _Inline:
    """The children of an inline element: leaving them does not end a paragraph."""

    def __init__(self, children):
        self._it = iter(children)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)


class _Link(_Inline):
    """The children of a link: their text is link text (a file link's, when it names one)."""

    def __init__(self, children, file: bool):
        super().__init__(children)
        self.file = file


class _Headline:
    """The children of the headline element: one block, flagged."""

    def __init__(self, children, level: int):
        self._it = iter(children)
        self.level = level

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)


def _is_file_link(a: Tag) -> bool:
    href = (a.get("href") or "").strip().lower()
    if not href or href.startswith(("javascript:", "mailto:", "#")):
        return False
    return href.split("?")[0].split("#")[0].endswith(ATTACHMENT_EXTENSIONS) \
        or any(h in href for h in ATTACHMENT_URL_HINTS)


class _Walker:
    """A body as Items (paragraphs and tables) in reading order."""

    def __init__(self, headline: Tag | None = None, headline_level: int = 0):
        self.items: list[Item] = []
        self.buf: list[tuple[str, bool, bool]] = []
        self.headline = headline
        self.headline_level = headline_level
        self.flag = 0

    def flush(self) -> None:
        text = " ".join("".join(t for t, _, _ in self.buf).split())
        if text:
            chars = len(norm(text))
            link = sum(len(norm(t)) for t, in_link, _ in self.buf if in_link)
            files = any(f for _, _, f in self.buf)
            # The text before a link that closes the paragraph (…。返回搜狐，查看更多).
            n = len(self.buf)
            while n and (self.buf[n - 1][1] or not self.buf[n - 1][0].strip()):
                n -= 1
            before = " ".join("".join(t for t, _, _ in self.buf[:n]).split()) \
                if 0 < n < len(self.buf) and link < chars else ""
            self.items.append(Item(text, chars, link, files, self.flag, before_link=before))
        self.buf = []

    def walk(self, node: Tag) -> list[Item]:
        """Text and tables in reading order. Iterative: portals nest thousands deep."""
        if node.name == "table":
            rows = table_rows(node)
            return [Item(table=node, rows=rows)] if rows else []
        stack: list = [iter(node.children)]
        links: list[_Link] = []
        while stack:
            child = next(stack[-1], None)
            if child is None:
                top = stack.pop()
                if isinstance(top, _Link):
                    links.pop()
                elif isinstance(top, _Headline):
                    self.flush()
                    self.flag = 0
                elif not isinstance(top, _Inline):
                    self.flush()  # leaving a block ends its paragraph
                continue
            if isinstance(child, NavigableString):
                if type(child) is NavigableString:
                    self.buf.append((str(child), bool(links), any(x.file for x in links)))
                continue
            if not isinstance(child, Tag):
                continue
            if child is self.headline:
                self.flush()
                self.flag = self.headline_level
                stack.append(_Headline(child.children, self.headline_level))
                continue
            if child.name == "table":
                self.flush()
                rows = table_rows(child)
                if rows:
                    self.items.append(Item(table=child, rows=rows))
                continue
            if child.name == "a":
                link = _Link(child.children, _is_file_link(child))
                links.append(link)
                stack.append(link)
            elif child.name in BLOCK_TAGS:
                self.flush()
                stack.append(iter(child.children))
            else:
                stack.append(_Inline(child.children))
        self.flush()
        return self.items


def _build(items: list[Item]) -> DocumentBuilder:
    builder = DocumentBuilder()
    last_para = ""
    for item in items:
        if item.table is None:
            builder.add_paragraph(item.text)
            last_para = item.text
            continue
        rows = item.rows or []
        caption = item.table.find("caption")
        hint = (caption.get_text() if caption else "") + " " + last_para
        unit = _UNIT.findall(hint + " " + " ".join(rows[0]) if rows else hint)
        builder.add_table(rows, unit=unit[-1] if unit else None,
                          title=caption.get_text().strip() if caption else "")
    return builder


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


def _meta_tags(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Meta tags by the key they would fill, every value in page order."""
    out: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip().lower()
        content = (tag.get("content") or "").strip()
        if not content:
            continue
        key = META_TAGS.get(name)
        if key:
            out.setdefault(key, []).append(content)
        elif name in PAGE_TIME_TAGS:
            out.setdefault("page_time", []).append(content)
    return out


def _page_time(tags: dict[str, list[str]]) -> _dt.date | None:
    """When the page was generated, if it says: no date on it can be later."""
    days = [iso for value in tags.get("page_time", ()) for _, iso in find_dates(value)]
    return _dt.date.fromisoformat(max(days)) if days else None


def _no_text_reason(scripted: bool, embeds, images: list[str], files: bool) -> str:
    if any(e.file for e in embeds):
        return "embedded"
    if images:
        return "images"
    if files:
        return "attachments"
    return "script" if scripted else "empty"


@dataclass
class _Layout:
    headline: Headline
    body: Tag | None
    items: list[Item]
    meta: dict[str, str]
    embeds: list


def _lay_out(soup: BeautifulSoup, url: str, refs, latest, keep_hidden: bool,
             hints: tuple[str, ...] = ()) -> _Layout:
    """Headline, body items and header metadata of one parse of the page (which it cleans)."""
    embeds = clean_page(soup, url, keep_hidden=keep_hidden)
    root = soup.body or soup
    index = PageIndex(root)
    headline = find_headline(index, refs)
    body = find_body(index, headline, hints)
    if headline.element is None and body is not None:
        headline = nearest_headline(index, body)
    items: list[Item] = []
    head: list[str] = []
    tail: list[str] = []
    if body is not None:
        level = 2 if headline.hinted else 1
        items, head, tail = trim_edges(_Walker(headline.element, level).walk(body))
    zones = header_zones(headline, body, root)
    if headline.element is not None:
        # A date or label line inside the headline element is the nearest header of all.
        inner = headline_parts(headline.element)[1]
        if inner:
            zones.zones.insert(0, (inner, True))
    if head:
        # The container's own head lines are the nearest header there is when it holds
        # the headline; else they come right after the lines between headline and body.
        inside = headline.element is None or body is None or \
            any(a is body for a in headline.element.parents)
        zones.zones.insert(0 if inside else 1, (head, True))
    if tail:
        zones.zones.append((tail, False))
    return _Layout(headline, body, items, header_meta(zones, latest), embeds)


def _has_text(items: list[Item]) -> bool:
    return any(i.table is not None for i in items) or \
        sum(_han(i.text) for i in items) >= MIN_TEXT_HAN


def read_html(html: str, url: str = "", hints: tuple[str, ...] = ()) -> Document:
    """An article page as a Document: its body text and tables, metadata and attachments.

    `hints`: simple selectors of the portal's article container (a site profile's `body`),
    which raise that container's score.
    """
    soup = BeautifulSoup(html, "lxml")
    attachments = _attachments(soup, url)
    tags = _meta_tags(soup)
    latest = _page_time(tags)
    refs = title_refs(soup, tags)
    # A page that loads its content with a script (an SPA shell, a challenge page).
    scripted = soup.find("script", src=True) is not None
    title_tag = display(soup.title.get_text()) if soup.title else ""
    lay = _lay_out(soup, url, refs, latest, keep_hidden=False, hints=hints)
    if not _has_text(lay.items):
        # Some templates hide the article until a script shows it: read the hidden parts
        # too before saying the page has no text.
        again = _lay_out(BeautifulSoup(html, "lxml"), url, refs, latest, keep_hidden=True,
                         hints=hints)
        if _has_text(again.items):
            lay = again
    meta = dict(lay.meta)
    items = lay.items
    _fill_from_tags(meta, tags, latest, url)
    title = lay.headline.text or meta.get("title") or next(iter(tags.get("title", ())), "") \
        or _fallback_title(title_tag, items)
    if title:
        meta["title"] = title
    elif "title" in meta:
        del meta["title"]
    if url.startswith(("http://", "https://")):
        meta["url"] = url
    if not _has_text(items):
        images = content_images(lay.headline, url)
        meta["no_text"] = _no_text_reason(scripted, lay.embeds, images, bool(attachments))
        if images:
            meta["images"] = " ".join(u.replace(" ", "%20") for u in images)
        items = []
        for e in lay.embeds:
            if e.file and all(a.url != e.file for a in attachments):
                attachments.append(Attachment(e.file, ""))
    builder = _build(items)
    builder.add_attachments(attachments)
    doc = builder.build(meta, url)
    # The title, byline or signature may sit inside the container taken as the body.
    return replace(doc, meta=text_meta(doc.text, meta))


def _fill_from_tags(meta: dict[str, str], tags: dict[str, list[str]],
                    latest: _dt.date | None, url: str = "") -> None:
    """Meta tags, then the URL, fill only what the page itself does not show."""
    if "published" not in meta and "written" not in meta:
        for value in tags.get("published", ()):
            iso = normalise_date(value)
            if valid_date(iso, latest):
                meta["published"] = iso
                break
    if "published" not in meta and "written" not in meta:
        for pattern in _URL_DATES:
            m = pattern.search(url)
            if m:
                iso = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
                if valid_date(iso, latest):
                    meta["published"] = iso
                    break
    if tags.get("content_source"):
        meta.setdefault("content_source", tags["content_source"][0])


def _fallback_title(title_tag: str, items: list[Item]) -> str:
    """No headline element: a title-like first line of the body, else <title> itself."""
    t = guess_title([i.text for i in items[:20] if i.table is None])
    if t:
        return t
    parts = regex.split(TITLE_SEPARATORS, title_tag) if title_tag else []
    return max(parts, key=_han) if parts else ""
