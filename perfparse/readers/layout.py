"""Where things are on a portal page: the headline, the article container, the header lines
around them, and the lines at a body's edges that are not the article.

Everything here works on a parsed page from which script, navigation and hidden elements were
removed (`clean_page`). The body is chosen by scoring containers on their own text, not by the
first CMS selector that matches: selectors in rules/html.py only raise a candidate's score.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs, urljoin, urlsplit

import regex
from bs4 import BeautifulSoup, NavigableString, Tag

from ..rules import html as H
from ..rules import meta as M
from .meta import _HEADER_LABELS, _HEADER_TO_KEY, _SEPARATED_DATE, find_dates, meta_pairs

_HAN = regex.compile(r"\p{Han}")
_DIGIT = regex.compile(r"\d")
_PUNCT = regex.compile(r"[，。；：、！？]")
# Marks of a sentence (a metadata line has colons, a list has 、, neither has these).
_SENT = regex.compile(r"[，。；！？]")
_SENTENCE_END = regex.compile(r"[。；！？]")
_WS = regex.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_HIDDEN_STYLE = regex.compile(H.HIDDEN_STYLE, regex.I)
_TITLE_HINT = regex.compile(H.TITLE_HINT, regex.I)
_TITLE_SPLIT = regex.compile(H.TITLE_SEPARATORS)
_LEADING_REGION = regex.compile(r"^[（(【\[][^）)】\]]{1,12}[）)】\]]")
_MAX_CREDIT_DEPTH = 40
# A child keeping this share of its container's score stands for the container; so does one
# keeping DESCEND_PROSE of it when the rest has hardly a sentence (a header, widgets, a list of
# related titles).
DESCEND = 0.9
DESCEND_PROSE = 0.6
PROSE_PUNCT = 0.02
# Metadata and credit lines are short; a longer line is text.
SHORT_LINE = 80
# Ancestors of the headline/body wrapper searched for metadata, nearest first.
HEADER_LEVELS = 3


def norm(text: str) -> str:
    """Text without whitespace or zero-width characters (for comparing titles)."""
    return _WS.sub("", text)


def display(text: str) -> str:
    """Whitespace collapsed; none left between two Chinese characters (a <br> inside a title)."""
    text = _WS.sub(" ", text).strip()
    return regex.sub(r"(?<=[\p{Han}\p{Ps}\p{Pe}\p{Po}]) (?=[\p{Han}\p{Ps}\p{Pe}\p{Po}])", "", text)


def _han(text: str) -> int:
    return len(_HAN.findall(text))


# --------------------------------------------------------------------------- cleaning

@dataclass
class Embed:
    """An iframe, embed or object: where a page shows a document instead of printing it."""
    src: str
    file: str = ""     # the document it shows, when its address names one


def _embedded_file(src: str, base: str) -> str:
    """The document an embed shows: its own address, or a file= parameter of a viewer."""
    low = src.lower().split("?")[0].split("#")[0]
    if low.endswith(H.ATTACHMENT_EXTENSIONS):
        return urljoin(base, src)
    query = parse_qs(urlsplit(src).query)
    for key in H.EMBED_FILE_PARAMS:
        for value in query.get(key, ()):
            if value.lower().split("?")[0].endswith(H.ATTACHMENT_EXTENSIONS):
                return urljoin(urljoin(base, src), value)
    return ""


def _hidden(el: Tag) -> bool:
    if el.has_attr("hidden"):
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    return any(c.lower() in H.HIDDEN_CLASSES for c in el.get("class") or ())


def _shown_label(el: Tag) -> bool:
    """A hidden label a script shows when its value is filled (来源： hidden, 市财政局 shown)."""
    if len(el.contents) > 2:
        return False  # a label is a word, not a hidden block
    text = norm(el.get_text())
    if not text.endswith((":", "：")) or text.rstrip(":：") not in _HEADER_TO_KEY:
        return False
    nxt = el.find_next_sibling()
    return nxt is not None and not _hidden(nxt) and bool(norm(nxt.get_text()))


def clean_page(soup: BeautifulSoup, base: str = "", keep_hidden: bool = False) -> list[Embed]:
    """Drop what is never article text (scripts, navigation, forms, hidden elements unless
    `keep_hidden`) and return the embedded documents found before they go."""
    embeds = []
    for el in soup.find_all(H.EMBED_TAGS):
        src = (el.get("src") or el.get("data") or "").strip()
        if src and not src.lower().startswith(("javascript:", "about:")):
            embeds.append(Embed(src, _embedded_file(src, base)))
    doomed = soup.find_all(H.NOISE_TAGS)
    if not keep_hidden:
        doomed += [el for el in soup.find_all(True) if _hidden(el) and not _shown_label(el)]
    for el in doomed:
        if not el.decomposed:
            el.decompose()
    return embeds


# --------------------------------------------------------------------------- statistics

@dataclass
class _Stats:
    han: int = 0
    link_han: int = 0
    punct: int = 0
    digits: int = 0
    chars: int = 0
    sent: int = 0


class PageIndex:
    """Per element: its text counts and its place in document order.

    One iterative walk: each string is credited to its nearest ancestors (at most
    _MAX_CREDIT_DEPTH), so pages nested thousands deep stay linear.
    """

    def __init__(self, root: Tag):
        self.root = root
        self.order: dict[int, int] = {}
        self.tags: list[Tag] = []
        self.stats: dict[int, _Stats] = {}
        path: list[Tag] = [root]
        links = 1 if root.name == "a" else 0
        stack = [iter(root.children)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                if path.pop().name == "a":
                    links -= 1
                continue
            if isinstance(child, Tag):
                self.order[id(child)] = len(self.tags)
                self.tags.append(child)
                path.append(child)
                if child.name == "a":
                    links += 1
                stack.append(iter(child.children))
                continue
            if type(child) is not NavigableString:
                continue
            n, d = _han(child), len(_DIGIT.findall(child))
            chars = len(norm(child))
            if not chars:
                continue
            p = len(_PUNCT.findall(child))
            sent = len(_SENT.findall(child)) if p else 0
            for el in path[-_MAX_CREDIT_DEPTH:]:
                st = self.stats.get(id(el))
                if st is None:
                    st = self.stats[id(el)] = _Stats()
                st.chars += chars
                if links:
                    st.link_han += n
                else:
                    st.han += n
                    st.punct += p
                    st.sent += sent
                    st.digits += d

    def get(self, el: Tag) -> _Stats:
        return self.stats.get(id(el)) or _Stats()


# --------------------------------------------------------------------------- headline

@dataclass
class Headline:
    element: Tag | None
    text: str
    hinted: bool = False    # an h1–h3 or an element whose class or id names a title


_FOLD_DROP = regex.compile(r"[\p{P}\p{S}\s\u200b-\u200d\ufeff]+")


def fold(text: str) -> str:
    """A title in the form used for matching: full-width folded, no punctuation or spaces,
    so 《》 against <>, （） against () or a dropped quote mark still match."""
    return _FOLD_DROP.sub("", unicodedata.normalize("NFKC", text)).lower()


def title_refs(soup: BeautifulSoup, tags: dict[str, list[str]]) -> list[str]:
    """What the page says its title is, outside the page body: meta tags and <title> parts."""
    refs: list[str] = []
    for value in tags.get("title", ()):
        refs.append(value)
    if soup.title and soup.title.string is not None or (soup.title and soup.title.get_text()):
        full = regex.sub(r"<[^>]{0,20}>", "", soup.title.get_text())
        refs.append(full)
        refs += _TITLE_SPLIT.split(full)
    out = []
    for r in refs:
        for v in (r, _LEADING_REGION.sub("", norm(r))):
            v = fold(v)
            if len(v) >= 4 and v not in out:
                out.append(v)
    return out


def _significant(el: Tag) -> list:
    return [c for c in el.children if not (isinstance(c, NavigableString) and not c.strip())
            and (isinstance(c, Tag) or type(c) is NavigableString)]


def _meta_part(text: str) -> bool:
    """A date or a label line printed inside a headline element (<span>2024-03-05</span>)."""
    flat = norm(text)
    if not flat:
        return False
    if find_dates(flat) and _han(_SEPARATED_DATE.sub("", flat)) <= 12:
        return True
    return _starts_with_label(text) and ":" in text.replace("：", ":")


def headline_parts(el: Tag) -> tuple[str, list[str]]:
    """The headline's own text, and what its element holds besides: a date or a label line
    in a child element (or after a <br>), a badge (a year tag, a counter) at its end."""
    kids = _significant(el)
    while len(kids) == 1 and isinstance(kids[0], Tag) and kids[0].name != "br":
        kids = _significant(kids[0])
    keep: list[str] = []
    extra: list[str] = []
    after_br = False
    for c in kids:
        if isinstance(c, Tag) and c.name == "br":
            after_br = True
            keep.append(" ")
            continue
        text = c.get_text() if isinstance(c, Tag) else str(c)
        if (isinstance(c, Tag) or after_br) and _meta_part(text):
            extra.append(display(text))
            continue
        keep.append(text)
    if len(kids) > 1 and isinstance(kids[-1], Tag) and keep:
        tail = kids[-1].get_text()
        if keep[-1] == tail and tail.strip() and not _HAN.search(tail) and len(norm(tail)) <= 6:
            keep.pop()  # a badge
    return "".join(keep), extra


def _match(text: str, refs: list[str]) -> int:
    """How well an element's text matches the page's own idea of its title: 3 equal, 2 one
    inside the other (a site prefix, a truncated <title>), 0 not at all."""
    best = 0
    for r in refs:
        if text == r:
            return 3
        if len(text) >= 6 and ((text in r and len(text) >= 0.5 * len(r))
                               or (text.startswith(r) and len(r) >= 8
                                   and len(text) <= 2 * len(r))):
            best = 2
    return best


def find_headline(index: PageIndex, refs: list[str]) -> Headline:
    """The article's headline element: the visible element that best matches the title the
    page names in its meta tags and <title>, a headline tag or class breaking ties."""
    best: tuple[int, int] | None = None
    best_el, best_text = None, ""
    for el in index.tags:
        if el.name in ("html", "body", "head", "title", "a", "li", "tr", "table", "ul", "ol",
                       "tbody"):
            continue
        st = index.get(el)
        if not (4 <= st.chars <= 240) or not (st.han or st.link_han):
            continue
        raw = el.get_text()
        text = fold(raw)
        q = _match(text, refs)
        alt, _ = headline_parts(el)
        if alt != raw:
            q2 = _match(fold(alt), refs)
            if q2 >= q:
                q, raw = q2, alt
        if not q:
            continue
        # A longer match is the likelier headline: <title> parts include the site's name.
        score = q * 15 + _headline_bonus(el) + min(len(text), 60) / 5
        if el.find_parent("li") is not None or _grid_value(el):
            score -= 4  # a list item, or the 名称/标题 cell of a metadata grid
        key = (score, -index.order[id(el)])
        if best is None or key > best:
            best, best_el, best_text = key, el, raw
    if best_el is not None:
        return Headline(best_el, display(best_text), _headline_bonus(best_el) > 0)
    return Headline(None, "")


def _grid_value(el: Tag) -> bool:
    """Whether `el` is (inside) the value cell of a label/value grid: 名称： | 某报告."""
    cell = el if el.name in ("td", "th") else el.find_parent(("td", "th"))
    label = cell.find_previous_sibling(("td", "th")) if cell is not None else None
    return label is not None and norm(label.get_text()).rstrip(":：") in _HEADER_TO_KEY


def _headline_bonus(el: Tag) -> int:
    bonus = {"h1": 4, "h2": 3, "h3": 2}.get(el.name, 0)
    names = " ".join([*(el.get("class") or ()), el.get("id") or "", el.name])
    if _TITLE_HINT.search(names):
        bonus += 3
    return bonus


# How far back from the body a headline is looked for, in title-like candidates.
HEADLINE_REACH = 8


def nearest_headline(index: PageIndex, body: Tag) -> Headline:
    """No element matches the page's own title: the most headline-like short block among the
    few nearest before the body text (a headline tag or class, a title word), the nearest
    winning ties. Blocks at the head of the body itself count when tagged as headlines."""
    body_at = index.order.get(id(body), 0)
    inside = {id(a) for a in body.parents}
    first_text = _first_prose(index, body)
    if first_text is not None:
        stop = index.order.get(id(first_text), body_at)
    else:
        # No sentence in the body at all: its headline-tagged blocks are candidates too.
        last = body.find_all(True)
        stop = index.order.get(id(last[-1]), body_at) + 1 if last else body_at
    found: list[tuple[float, Tag, str]] = []
    for pos in range(stop - 1, -1, -1):
        el = index.tags[pos]
        in_body = pos > body_at
        if id(el) in inside or el.name in ("a", "li", "tr", "ul", "ol", "table") \
                or (in_body and _headline_bonus(el) <= 0):
            continue
        st = index.get(el)
        tagged = _headline_bonus(el) > 0
        if not (6 <= st.chars <= 120) or st.han + st.link_han < 6 \
                or (st.link_han > st.han and not tagged):
            continue
        if el.find(_BLOCKS_NOT_BR) is not None or el.find_parent(("a", "li")) is not None:
            continue  # one line of text, not a list item or a link
        if _grid_value(el):
            continue  # the value cell of a metadata grid (名称：…)
        text = display(headline_parts(el)[0])
        if edge_kind(Item(text, len(norm(text)))) is not None or _SENTENCE_END.search(text[-1:]):
            continue
        bonus = _headline_bonus(el) + (2 if any(c in text for c in M.TITLE_CUES) else 0)
        found.append((bonus - 0.5 * len(found), el, text))
        if len(found) >= HEADLINE_REACH:
            break
    best = max(found, key=lambda f: f[0], default=None)
    if best is None or _headline_bonus(best[1]) <= 0 and best[0] <= 0:
        return Headline(None, "")
    return Headline(best[1], best[2], _headline_bonus(best[1]) > 0)


_BLOCKS_NOT_BR = [t for t in H.BLOCK_TAGS if t not in ("br", "hr")]


def _first_prose(index: PageIndex, body: Tag) -> Tag | None:
    """The first block of the body that holds a sentence."""
    for el in body.find_all(("p", "div", "td", "li", "span", "font")):
        st = index.get(el)
        if st.sent and st.han >= 10 and el.find(_BLOCKS_NOT_BR) is None:
            return el
    return None


# --------------------------------------------------------------------------- body

def _parse_hints(hints) -> tuple[frozenset, frozenset, tuple, frozenset]:
    """Simple selectors (.class, #id, [id^=prefix], tag) as sets, matched without soupsieve
    (which would walk the page once per selector)."""
    classes, ids, prefixes, tags = set(), set(), [], set()
    for h in hints:
        if h.startswith("."):
            classes.add(h[1:].lower())
        elif h.startswith("#"):
            ids.add(h[1:].lower())
        elif h.startswith("[id^="):
            prefixes.append(h[5:-1].strip("'\"").lower())
        else:
            tags.add(h.lower())
    return frozenset(classes), frozenset(ids), tuple(prefixes), frozenset(tags)


_HINTS = _parse_hints(H.BODY_HINTS)


def _hinted(index: PageIndex, extra: tuple[str, ...] = ()) -> set[int]:
    classes, ids, prefixes, tags = _HINTS if not extra else _parse_hints(H.BODY_HINTS + extra)
    out: set[int] = set()
    for el in index.tags:
        el_id = (el.get("id") or "").lower()
        if el.name in tags or el_id in ids or (el_id and el_id.startswith(prefixes)) \
                or any(c.lower() in classes for c in el.get("class") or ()):
            out.add(id(el))
    return out


_TABLE_PARTS = frozenset(("tbody", "thead", "tfoot", "tr", "td", "th"))
_NOT_BODY = frozenset(("a", "h1", "h2", "h3", "h4", "h5", "h6"))
_LAYOUT_BLOCKS = ("p", "div", "br", "table", "ul", "ol", "h1", "h2", "h3", "h4", "span")


def _no_prose_besides(index: PageIndex, kids: list[Tag], top: Tag, before_title) -> bool:
    """Whether the children besides `top` (after the headline) hold hardly any sentence."""
    rest = [index.get(c) for c in kids if c is not top and not before_title(c)]
    han, sent = sum(st.han for st in rest), sum(st.sent for st in rest)
    return sent <= PROSE_PUNCT * max(han, 1)


def find_body(index: PageIndex, headline: Headline, hints: tuple[str, ...] = ()) -> Tag | None:
    """The container of the article text: the best-scoring element (Chinese text and
    sentence punctuation, link text counting against it), then its child that keeps nearly
    all of its score, as long as there is one. `hints` adds a portal's own container
    selectors to the CMS ones (profiles.csv, column `body`). None when the page has no text."""
    hinted = _hinted(index, hints)
    title = headline.element
    title_at = index.order.get(id(title), -1) if title is not None else -1
    around_title = {id(a) for a in title.parents} if title is not None else set()

    def own(el: Tag) -> float:
        st = index.get(el)
        return st.han + 2 * st.punct + 0.3 * st.digits - 3 * st.link_han

    cache: dict[int, float] = {}

    def before_title(el: Tag) -> bool:
        return title_at >= 0 and index.order.get(id(el), 0) < title_at \
            and id(el) not in around_title

    def raw(el: Tag) -> float:
        if id(el) in cache:
            return cache[id(el)]
        s = own(el)
        if id(el) in around_title:
            # What precedes the headline inside it (a menu, a list) counts as a sidebar would.
            before = [c for c in el.find_all(True, recursive=False)
                      if index.order.get(id(c), 0) < title_at and id(c) not in around_title]
            s -= 0.7 * sum(max(own(c), 0) for c in before)
        elif s > 0 and title_at >= 0 and index.order.get(id(el), 0) < title_at:
            # A block that ends before the headline starts is a sidebar or a menu.
            s *= 0.3
        cache[id(el)] = s
        return s

    def score(el: Tag) -> float:
        s = raw(el)
        return s * H.BODY_HINT_BONUS if s > 0 and id(el) in hinted else s

    # A headline tag is never the container of the text.
    candidates = [index.root] + [el for el in index.tags
                                 if el.name not in _NOT_BODY and el is not title]
    if not candidates:
        return None
    best = max(candidates, key=score)
    if score(best) <= 0:
        return None
    cur = best
    # Down to the child that keeps nearly all the text; a hint does not hold a wrapper up.
    while True:
        kids = [c for c in cur.find_all(True, recursive=False)
                if c is not title and c.name not in _NOT_BODY]
        top = max(kids, key=raw, default=None)
        if top is None or raw(top) <= 0:
            break
        if top.name in _TABLE_PARTS and top.find(_LAYOUT_BLOCKS) is None:
            break  # a data table is read whole; only a layout table's cell is a container
        keeps = raw(top) / raw(cur) if raw(cur) > 0 else 1.0
        if keeps < DESCEND and not (
                keeps >= DESCEND_PROSE and _no_prose_besides(index, kids, top, before_title)):
            break
        cur = top
    return cur


def wrapper(a: Tag | None, b: Tag) -> Tag:
    """The smallest element holding both the headline and the body."""
    if a is None:
        return b.parent if isinstance(b.parent, Tag) else b
    seen = {id(x) for x in [a, *a.parents]}
    for x in [b, *b.parents]:
        if id(x) in seen:
            return x
    return b


# --------------------------------------------------------------------------- header lines

class _Mark:
    def __init__(self, name: str, entering: bool):
        self.name, self.entering = name, entering


def marked_lines(root: Tag, marks: dict[int, str], skip: set[int]) -> list[str | _Mark]:
    """The text of `root` as lines (blocks end lines, link text included), with a mark when
    an element named in `marks` starts and ends; elements in `skip` give no text."""
    out: list[str | _Mark] = []
    buf: list[str] = []

    def flush():
        text = display("".join(buf))
        buf.clear()
        if text:
            out.append(text)

    stack: list = [(iter(root.children), None)]
    while stack:
        it, closing = stack[-1]
        child = next(it, None)
        if child is None:
            stack.pop()
            if closing is not None:
                flush()
                if isinstance(closing, _Mark):
                    out.append(closing)
            continue
        if isinstance(child, NavigableString):
            if type(child) is NavigableString:
                buf.append(str(child))
            continue
        if not isinstance(child, Tag):
            continue
        name = marks.get(id(child))
        if id(child) in skip:
            flush()
            if name:
                out.append(_Mark(name, True))
                out.append(_Mark(name, False))
            continue
        if child.name in H.LABEL_ICON_TAGS and not child.get_text(strip=True):
            label = norm(child.get("title") or "")
            if label in _HEADER_TO_KEY:
                buf.append(" " + label + "：")
            continue
        block = child.name in H.BLOCK_TAGS or name is not None
        if block:
            flush()
            if name:
                out.append(_Mark(name, True))
        stack.append((iter(child.children),
                      _Mark(name, False) if name else (True if block else None)))
    flush()
    return out


@dataclass
class HeaderZones:
    """Lines around the headline and the body, grouped by distance, nearest first; each
    zone says whether a bare date in it may be the page's (only zones up to the headline)."""
    zones: list[tuple[list[str], bool]] = field(default_factory=list)


def header_zones(headline: Headline, body: Tag | None, root: Tag) -> HeaderZones:
    """Zones of header text: between headline and body; the wrapper of both before the
    headline and after the body; then each of a few ancestors of the wrapper."""
    title = headline.element
    if title is not None and body is not None and (
            any(a is body for a in title.parents) or any(a is title for a in body.parents)):
        # The headline sits inside the chosen container: its edges hold the header.
        title = None
    anchor = body if body is not None else title
    if anchor is None:
        return HeaderZones()
    top = wrapper(title, body) if body is not None else (title.parent or title)
    if not isinstance(top, Tag):
        return HeaderZones()
    levels = [top]
    for _ in range(HEADER_LEVELS):
        parent = levels[-1].parent
        if levels[-1] is root or not isinstance(parent, Tag):
            break
        levels.append(parent)
    marks = {id(el): f"L{i}" for i, el in enumerate(levels)}
    if title is not None:
        marks[id(title)] = "title"
    if body is not None:
        marks[id(body)] = "body"
    skip = {id(x) for x in (title, body) if x is not None}
    seq = marked_lines(levels[-1], marks, skip)
    # Which of title / body comes first, and the line positions of every mark.
    pos: dict[tuple[str, bool], int] = {}
    for i, x in enumerate(seq):
        if isinstance(x, _Mark):
            pos.setdefault((x.name, x.entering), i)
    zones: list[tuple[list[str], bool]] = []

    def lines(a: int, b: int) -> list[str]:
        return [x for x in seq[a:b] if isinstance(x, str)]

    if title is not None and body is not None:
        t0, t1 = pos[("title", True)], pos[("title", False)]
        b0, b1 = pos[("body", True)], pos[("body", False)]
        first_end, second_start = (t1, b0) if t0 < b0 else (b1, t0)
        zones.append((lines(first_end, second_start), True))
        start, end = min(t0, b0), max(t1, b1)
    else:
        start, end = pos[(("body" if body is not None else "title"), True)], \
            pos[(("body" if body is not None else "title"), False)]
    # Ring by ring outwards: the wrapper's lines before and after, then each ancestor's.
    for i in range(len(levels)):
        lo, hi = pos.get((f"L{i}", True), 0), pos.get((f"L{i}", False), len(seq))
        zones.append((lines(lo, start), True))
        zones.append((lines(end, hi), False))
        start, end = lo, hi
    return HeaderZones(zones)


# Beside a bare date a header has a label or two, not a headline of its own.
BARE_DATE_HAN = 16


def _bare_date(lines: list[str], latest: dt.date | None, nearest_last: bool) -> str | None:
    """A date printed without a label of its own (beside the headline, before 来源, inside a
    publisher value); dates that belong to 成文日期, 索引号 and the like are not taken."""
    found = []
    dated = [line for line in lines if find_dates(line, latest)]
    if len(dated) >= 3:
        return None  # a list of dated items (notices, related articles), none of them ours
    for line in dated:
        if len(line) > SHORT_LINE or _han(_SEPARATED_DATE.sub("", line)) > BARE_DATE_HAN:
            continue
        labels = [(m.start(), _HEADER_TO_KEY.get("".join(m.group("label").split())))
                  for m in _HEADER_LABELS.finditer(line)]
        for at, iso in find_dates(line, latest):
            owner = next((k for p, k in reversed(labels) if p < at), None)
            if owner in (None, "publisher", "views", "author", "widget", "category"):
                found.append(iso)
                break
    if not found:
        return None
    return found[-1] if nearest_last else found[0]


def header_meta(zones: HeaderZones, latest: dt.date | None) -> dict[str, str]:
    """Label/value pairs of the zones, nearest zone first; a bare date near the headline
    when no zone so far gave a labelled one."""
    meta: dict[str, str] = {}
    for i, (lines, may_date) in enumerate(zones.zones):
        for key, value in meta_pairs("\n".join(lines), header=True, latest=latest).items():
            meta.setdefault(key, value)
        if "published" in meta or "written" in meta:
            continue
        if "updated" in meta:
            # 更新时间 where no 发布时间 is shown: the nearest date the page gives.
            meta["published"] = meta["updated"]
            continue
        if may_date:
            # Zone 0 runs from the headline down; the others end at the headline.
            iso = _bare_date(lines, latest, nearest_last=i > 0)
            if iso:
                meta["published"] = iso
    meta.pop("updated", None)
    return meta


# --------------------------------------------------------------------------- body edges

@dataclass
class Item:
    """One paragraph or table of a body, in reading order."""
    text: str = ""
    chars: int = 0
    link_chars: int = 0
    file_link: bool = False
    headline: int = 0       # 2: the page's headline element, tagged or classed; 1: untagged
    table: Tag | None = None
    rows: list[list[str]] | None = None
    before_link: str = ""   # the text before a link that ends the paragraph, if one does


_WIDGET_STRIP = regex.compile("|".join(regex.escape(w) for w in
                                       sorted(M.WIDGET_TOKENS, key=len, reverse=True)))
_END_HEADING = regex.compile(
    r"^[\s【\[]*(?:" + "|".join(regex.escape(w) for w in M.END_HEADINGS) + ")")
_CREDIT = regex.compile(
    r"^[\s（(【\[]*(?:" + "|".join(regex.escape(w) for w in M.CREDIT_LABELS) + r")\s*[:：]")
_OPENER = regex.compile(
    r"^[\s【\[]*(?:" + "|".join(regex.escape(w) for w in M.BREADCRUMB_OPENERS) + r")\s*[:：]")
_SEPARATOR = regex.compile("|".join(regex.escape(w) for w in M.BREADCRUMB_SEPARATORS))
_URL = regex.compile(r"(?:https?://|www\.)[\w./?=&%#:;~+-]{1,500}", regex.I)


def _starts_with_label(text: str) -> bool:
    m = _HEADER_LABELS.match(text.lstrip("【[（( \u3000"))
    return m is not None and (m.end() < len(text) and text[m.end() - 1] in ":：" or
                              m.group(0).rstrip().endswith((":", "：", "】", "]")))


_FIELD = regex.compile(r"(\p{Han}{2,6})\s*[:：]")


def _trail_of_links(text: str) -> bool:
    """首页 > 栏目 > 正文, or a selector's 省 > left hanging: two separators, or one at the end."""
    seps = _SEPARATOR.findall(text)
    return len(seps) >= 2 or (len(seps) == 1 and text.rstrip().endswith(seps[0]))


def _foreign_field(text: str) -> bool:
    """A `名称：` field no page header uses (填报, 联系人, 联系电话): the line is the
    document's own sign-off, not the page's metadata."""
    for m in _FIELD.finditer(text):
        name = m.group(1)
        if not any(name.endswith(label) for label in _HEADER_TO_KEY):
            return True
    return False


def _glued_label(text: str) -> bool:
    """A label with its colon after a date, a digit or a bracket (2026-05-08出处：…)."""
    for m in _HEADER_LABELS.finditer(text):
        if m.group(0).rstrip().endswith((":", "：")) and m.start() > 0 \
                and not _HAN.match(text[m.start() - 1]):
            return True
    return False


def edge_kind(item: Item) -> str | None:
    """Why a line at a body's edge is not article text, or None when it is."""
    if item.table is not None:
        return "meta" if _meta_table(item.rows or []) else None
    text = item.text
    flat = norm(text)
    if not flat or (not _HAN.search(flat) and not _DIGIT.search(flat)):
        return "empty"
    # An address does not make a credit line long.
    flat_short = _URL.sub("", flat)
    if item.headline:
        return "headline"
    if flat.rstrip(":：") in _HEADER_TO_KEY:
        return "label"
    if item.file_link and item.link_chars >= 0.5 * item.chars:
        return "attachment"
    if item.chars and item.link_chars >= 0.9 * item.chars:
        return "link"
    if _END_HEADING.match(text):
        return "end"
    if flat.startswith(M.PROMO_MARK) and flat.endswith(M.PROMO_MARK):
        return "promo"
    stripped = _WIDGET_STRIP.sub("", flat)
    if stripped != flat and not _HAN.search(stripped) and not _DIGIT.search(stripped):
        return "widget"
    if len(flat_short) > SHORT_LINE:
        return None
    if (_starts_with_label(text) or _glued_label(text)) and not _foreign_field(text):
        return "meta"
    text_short = _URL.sub("", text)
    credit = _CREDIT.match(text_short)
    if credit and len(flat_short) <= 40 and not regex.search(r"[:：]", text_short[credit.end():]):
        # One credit field (审核人：…, 责任编辑：…); a sign-off row with 填报 and 联系人 is the
        # document's own.
        return "credit"
    if not _SENTENCE_END.search(flat) and (
            _OPENER.match(text)
            or (len(flat) <= 60 and not regex.search(r"[，,]", flat) and _trail_of_links(text))):
        return "breadcrumb"
    if len(flat) <= 50 and flat[0] in "（(" \
            and any(w in flat for w in M.REPOST_NOTE_WORDS) \
            and any(v in flat for v in M.REPOST_NOTE_VERBS):
        return "repost"
    if len(flat) <= 40 and not _SENTENCE_END.search(flat) \
            and any(w in flat for w in M.REPORTER_WORDS) \
            and any(v in flat for v in M.REPORTER_VERBS):
        return "credit"
    return None


def _meta_table(rows: list[list[str]]) -> bool:
    """A grid of 索引号 / 发布机构 / 发布日期 … cells: the page's metadata, not the article's."""
    cells = [norm(c) for r in rows for c in r if norm(c)]
    labels = sum(1 for c in cells if c.rstrip(":：") in _HEADER_TO_KEY
                 or (_starts_with_label(c) and len(c) <= 40))
    return labels >= 2 and labels >= 0.25 * len(cells)


def trim_edges(items: list[Item]) -> tuple[list[Item], list[str], list[str]]:
    """The body without the lines at its edges that are not article text; the text of what
    was cut at the head and at the tail (it may hold metadata)."""
    head: list[str] = []
    tail: list[str] = []
    lo, i = 0, len(items) - 1
    # Tail first: a related-links heading ends the article and takes what follows with it.
    while i >= lo:
        if edge_kind(items[i]) is None:
            cut = _end_heading_before(items, lo, i)
            if cut is None:
                break
            tail[:0] = [_item_text(x) for x in items[cut:i + 1]]
            i = cut - 1
            continue
        tail.insert(0, _item_text(items[i]))
        i -= 1
    hi = i + 1
    if hi > lo and _glued_tail_link(items[hi - 1]):
        last = items[hi - 1]
        tail.insert(0, last.text[len(last.before_link):])
        items = items[:hi - 1] + [replace(last, text=last.before_link,
                                          chars=len(norm(last.before_link)), link_chars=0)]
    while lo < hi:
        item = items[lo]
        kind = edge_kind(item)
        if kind is None or kind == "end":
            break
        if kind == "label":
            # A grid cell holding a label, the next line its value (unless it is a label too).
            head.append(_item_text(item))
            lo += 1
            if lo < hi and edge_kind(items[lo]) is None and len(norm(items[lo].text)) <= 40 \
                    and not _SENTENCE_END.search(items[lo].text):
                head.append(_item_text(items[lo]))
                lo += 1
            continue
        if kind == "headline" and item.headline < 2:
            # A headline element without a headline tag or class is the document's own first
            # line (a Word page's title) unless the page's metadata follows it.
            nxt = next((k for k in map(edge_kind, items[lo + 1:hi]) if k != "empty"), None)
            if nxt is None or nxt == "headline":
                break
        head.append(_item_text(item))
        lo += 1
    return items[lo:hi], head, tail


def _glued_tail_link(item: Item) -> bool:
    """A short link after the paragraph's final sentence (返回搜狐，查看更多; 阅读原文)."""
    before = norm(item.before_link)
    return bool(before) and item.chars - len(before) <= 20 and before[-1] in "。！？；)）”\"" \
        and not item.file_link


def _end_heading_before(items: list[Item], lo: int, i: int, reach: int = 15) -> int | None:
    """An end heading (相关阅读, 上一篇 …) shortly before `i`, with only short lines between."""
    for j in range(i, max(lo, i - reach) - 1, -1):
        x = items[j]
        if _END_HEADING.match(x.text):
            return j
        if x.table is not None or len(norm(x.text)) > SHORT_LINE:
            return None
    return None


def _item_text(item: Item) -> str:
    if item.table is not None:
        return "\n".join(" ".join(c for c in row if c) for row in (item.rows or []))
    return item.text


# --------------------------------------------------------------------------- no article text

def content_images(headline: Headline, base: str) -> list[str]:
    """Images shown under the headline (the article as pictures), furniture left out."""
    title = headline.element
    if title is None:
        return []
    scope = title
    for _ in range(3):
        if isinstance(scope.parent, Tag):
            scope = scope.parent
    out: list[str] = []
    after = False
    for el in scope.descendants:
        if el is title:
            after = True
        if not after or not isinstance(el, Tag) or el.name != "img":
            continue
        src = (el.get("src") or el.get("data-src") or "").strip()
        low = src.lower()
        if not src or low.startswith("data:") or any(w in low for w in H.IMAGE_NOISE) \
                or el.find_parent("a") is not None:
            continue
        url = urljoin(base, src)
        if url not in out:
            out.append(url)
    return out
