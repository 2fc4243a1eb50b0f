"""Binary Word 97–2003 files (.doc, and Word-compatible .wps): text and tables.

The text comes from the piece table ([MS-DOC] 2.4.1): the FIB names the table stream and the
CLX in it; each piece maps a run of character positions (CPs) to bytes of the WordDocument
stream, either 8-bit ("compressed", cp1252) or UTF-16LE. Paragraph properties (PAPX in FKP
pages, [MS-DOC] 2.9.175) tell table cells from ordinary paragraphs: a cell ends with mark
0x07, the row with one more 0x07 whose paragraph carries fTtp and the row's column
boundaries (sprmTDefTable), from which horizontal spans and vertical merges are rebuilt.
Field codes (HYPERLINK, PAGEREF, TOC …) are dropped and their displayed results kept.

Every read of the file's own offsets and counts is bounds-checked: a damaged file raises
BrokenFile, never an IndexError or struct.error.
"""
from __future__ import annotations

import bisect
import functools
import io
import sys
from array import array
from typing import Any, Iterator, NamedTuple

import regex

from ..errors import BrokenFile, MissingExtra, UnsupportedFormat
from ..records import Document
from .builder import DocumentBuilder
from .sheets import MAX_COLS, MAX_ROWS, Merge, emit_table

# FIB (File Information Block) layout, [MS-DOC] 2.5.1: the fixed FibBase, then three arrays
# whose lengths the file states (csw, cslw, cbRgFcLcb).
_WORD_IDENT = 0xA5EC
# Word 97 and later write nFib >= 0xC1 (some converters 0xC0); Word 6/95 (101–105) have
# another FIB and no Unicode piece table.
_MIN_NFIB = 0xC0
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_FIB_BASE = 32
_LW_CCP_TEXT = 3            # index of ccpText in FibRgLw97
_FC_PLCF_BTE_CHPX = 12      # index of the fcPlcfBteChpx/lcb pair in FibRgFcLcb97
_FC_PLCF_BTE_PAPX = 13      # index of the fcPlcfBtePapx/lcb pair
_FC_CLX = 33                # index of the fcClx/lcbClx pair
_PAGE = 512                 # FKP page size
_PIECE_FC_MASK = 0x3FFFFFFF
_PIECE_COMPRESSED = 0x40000000

# Sprms ([MS-DOC] 2.6) that structure tables.
_SPRM_P_F_IN_TABLE = 0x2416
_SPRM_P_F_TTP = 0x2417
_SPRM_P_ITAP = 0x6649
_SPRM_P_DTAP = 0x664A
_SPRM_T_DEF_TABLE = 0xD608
_SPRM_T_VERT_MERGE = 0xD62B
_SPRM_P_CHG_TABS = 0xC615
# A paragraph's properties too long for its FKP page (a wide row's column definitions) are
# stored in the Data stream; the FKP holds only this sprm with their offset.
_SPRM_P_HUGE_PAPX = (0x6646, 0x6645)
# Character sprms of text a reader does not see: deleted under revision marking (tracked
# changes keep the old text in the file) and hidden. Toggle operands: 1 on, 0x81 the style's
# opposite (styles neither delete nor hide in practice).
_SPRM_C_F_RMARK_DEL = 0x0800
_SPRM_C_F_VANISH = 0x083C
_TOGGLE_ON = (0x01, 0x81)
# TC80.tcgrf bits: horzMerge (bits 0–1: 1 first of a merge, 2/3 merged into the left);
# vertMerge (bits 5–6: 3 first of a vertical merge, 1 or 2 merged into the cell above).
_TC_HORZ = 0x0003
_TC_VERT_SHIFT = 5

# Paragraph marks: 0x0D paragraph, 0x07 cell or row end, 0x0C page or section break.
_PARA_END = regex.compile("[\r\x07\x0c]")
# Characters that stand for objects or layout, not text: picture (0x01), footnote and
# annotation references (0x02, 0x05), drawn object (0x08), optional hyphen (0x1F), and every
# other C0 control but tab and line break (0x0B, which becomes a line of its own).
_DROP: dict[int, str | None] = {c: None for c in range(0x20) if c not in (0x09, 0x0B)}
_DROP[0x1E] = "-"   # non-breaking hyphen
_SURROGATE = regex.compile("[\ud800-\udfff]")
# Column boundaries closer than this (in twips, 1/1440 inch) are one grid line: Word users
# dragging borders row by row leave them a few twips apart.
_GRID_TOLERANCE = 40
# A field nested deeper than this is corrupt: deeper begin marks start no field.
_MAX_FIELD_DEPTH = 64
_FIELD_MARK = regex.compile("[\x13\x14\x15]")
_DROPPED = regex.compile(b"\x01+")
# Grid cells that spans may add to one document's tables; past it, cells sit one per column
# (a damaged file can make each of a row's cells span every column).
MAX_GRID_CELLS = 5_000_000


def _cp1252_table() -> str:
    """cp1252 as [MS-DOC] 2.4.1 applies it to compressed text, undefined bytes kept as is."""
    out = []
    for b in range(256):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


_CP1252 = str.maketrans({i: ch for i, ch in enumerate(_cp1252_table()) if ord(ch) != i})


class _Corrupt(Exception):
    """A structure of the file points outside its stream; read_doc names the file."""


def _u16(buf: bytes, off: int) -> int:
    if off < 0 or off + 2 > len(buf):
        raise _Corrupt("truncated structure")
    return int.from_bytes(buf[off:off + 2], "little")


def _u32(buf: bytes, off: int) -> int:
    if off < 0 or off + 4 > len(buf):
        raise _Corrupt("truncated structure")
    return int.from_bytes(buf[off:off + 4], "little")


class _Fib(NamedTuple):
    ccp_text: int
    table_stream: str
    fc_clx: int
    lcb_clx: int
    fc_bte_papx: int
    lcb_bte_papx: int
    fc_bte_chpx: int
    lcb_bte_chpx: int


class _Piece(NamedTuple):
    cp: int            # first CP of the piece
    cp_end: int
    fc: int            # byte offset of its first character in WordDocument
    compressed: bool
    prm: int


class _Props(NamedTuple):
    """What a paragraph's properties say about tables."""
    depth: int = 0          # table nesting: 0 outside tables, 1 an ordinary table
    ttp: bool = False       # the row-end mark of a depth-1 row
    centers: tuple[int, ...] = ()   # column boundaries of the row (row-end marks only)
    tcgrf: tuple[int, ...] = ()     # per-cell merge flags (row-end marks only)


def read_doc(data: bytes, source: str, ext: str = ".doc") -> Document:
    """Read a binary Word document: paragraphs in order, tables as rows and cells."""
    try:
        import olefile
    except ImportError as exc:
        raise MissingExtra("office", "olefile", "binary Word .doc files") from exc
    kind = "WPS" if ext == ".wps" else "Word"
    word, table, extra, title = _streams(olefile, data, source, kind)
    try:
        fib = _read_fib(word, source, kind)
        tstream = table.get(fib.table_stream)
        if tstream is None:
            raise _Corrupt(f"the {fib.table_stream} stream named by the FIB is missing")
        pieces, grpprls = _read_clx(tstream, fib)
        text = _read_text(word, pieces, fib.ccp_text)
        papx = _PapxIndex(word, tstream, extra, fib)
        unseen = _unseen(word, tstream, fib, pieces, len(text))
        builder = DocumentBuilder()
        _assemble(builder, text, pieces, grpprls, papx, unseen)
    except _Corrupt as exc:
        raise BrokenFile(f"{source}: damaged {kind} {ext or '.doc'} file ({exc})") from exc
    meta = {"title": title} if title else {}
    return builder.build(meta, source=source)


def _streams(olefile, data: bytes, source: str,
             kind: str) -> tuple[bytes, dict[str, bytes], bytes, str]:
    """The WordDocument stream, the table streams, the Data stream and the title."""
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:   # olefile fails on damaged containers in many ways
        raise BrokenFile(f"{source}: damaged OLE container ({type(exc).__name__}: {exc})") \
            from exc
    with ole:
        if not ole.exists("WordDocument"):
            raise UnsupportedFormat(f"{source}: an OLE file without a WordDocument stream, "
                                    f"not a {kind} document")
        try:
            word = ole.openstream("WordDocument").read()
            table = {name: ole.openstream(name).read() for name in ("0Table", "1Table")
                     if ole.exists(name)}
            extra = ole.openstream("Data").read() if ole.exists("Data") else b""
        except Exception as exc:   # a sector chain that runs off the file, a loop …
            raise BrokenFile(f"{source}: damaged OLE container "
                             f"({type(exc).__name__}: {exc})") from exc
        title = _title(ole)
    return word, table, extra, title


def _title(ole) -> str:
    """The title in SummaryInformation, decoded with its own code page; "" if unreadable."""
    if not ole.exists("\x05SummaryInformation"):
        return ""
    try:
        props = ole.getproperties("\x05SummaryInformation", convert_time=False)
    except Exception:   # the title is optional; the body is read either way
        return ""
    raw = props.get(2)          # PIDSI_TITLE
    if isinstance(raw, str):
        return raw.strip("\x00 ").strip()
    if not isinstance(raw, bytes):
        return ""
    codepage = props.get(1)     # PID_CODEPAGE
    for enc in (f"cp{codepage}" if isinstance(codepage, int) else None, "gb18030", "utf-8"):
        if enc:
            try:
                return raw.decode(enc).strip("\x00 ").strip()
            except (UnicodeDecodeError, LookupError):
                continue
    return ""


def _read_fib(word: bytes, source: str, kind: str) -> _Fib:
    if len(word) < _FIB_BASE + 2:
        raise _Corrupt("the WordDocument stream is too short for a FIB")
    if _u16(word, 0) != _WORD_IDENT:
        raise _Corrupt("no Word signature in the FIB")
    nfib = _u16(word, 2)
    if nfib < _MIN_NFIB:
        raise UnsupportedFormat(f"{source}: {kind} 6.0/95 format (nFib {nfib}) is not "
                                "supported; save it as .docx")
    flags = _u16(word, 0x0A)
    if flags & _F_ENCRYPTED:
        raise BrokenFile(f"{source}: the {kind} document is encrypted (password protected)")
    csw = _u16(word, _FIB_BASE)
    lw = _FIB_BASE + 2 + 2 * csw
    cslw = _u16(word, lw)
    if cslw <= _LW_CCP_TEXT:
        raise _Corrupt("FIB without ccpText")
    ccp_text = _u32(word, lw + 2 + 4 * _LW_CCP_TEXT)
    fl = lw + 2 + 4 * cslw
    cb_fclcb = _u16(word, fl)
    if cb_fclcb <= _FC_CLX:
        raise _Corrupt("FIB without a CLX")
    pairs = fl + 2

    def pair(i: int) -> tuple[int, int]:
        return _u32(word, pairs + 8 * i), _u32(word, pairs + 8 * i + 4)

    fc_clx, lcb_clx = pair(_FC_CLX)
    fc_bte, lcb_bte = pair(_FC_PLCF_BTE_PAPX)
    fc_chpx, lcb_chpx = pair(_FC_PLCF_BTE_CHPX)
    return _Fib(ccp_text, "1Table" if flags & _F_WHICH_TABLE else "0Table",
                fc_clx, lcb_clx, fc_bte, lcb_bte, fc_chpx, lcb_chpx)


def _read_clx(tstream: bytes, fib: _Fib) -> tuple[list[_Piece], list[bytes]]:
    """The pieces of the piece table, and the grpprls (Prc) that complex Prms point to."""
    end = fib.fc_clx + fib.lcb_clx
    if fib.lcb_clx == 0 or end > len(tstream):
        raise _Corrupt("the piece table lies outside the table stream")
    pos = fib.fc_clx
    grpprls: list[bytes] = []
    while pos < end and tstream[pos] == 0x01:          # Prc: clxt, cbGrpprl, grpprl
        size = _u16(tstream, pos + 1)
        grpprls.append(tstream[pos + 3:pos + 3 + size])
        pos += 3 + size
    if pos >= end or tstream[pos] != 0x02:
        raise _Corrupt("no piece table (Pcdt) in the CLX")
    lcb = _u32(tstream, pos + 1)
    plc = pos + 5
    if lcb < 16 or plc + lcb > len(tstream) or (lcb - 4) % 12:
        raise _Corrupt("piece table of impossible size")
    n = (lcb - 4) // 12
    cps = [_u32(tstream, plc + 4 * i) for i in range(n + 1)]
    pieces = []
    for i in range(n):
        pcd = plc + 4 * (n + 1) + 8 * i
        raw = _u32(tstream, pcd + 2)
        compressed = bool(raw & _PIECE_COMPRESSED)
        fc = (raw & _PIECE_FC_MASK) // 2 if compressed else raw & _PIECE_FC_MASK
        if cps[i + 1] < cps[i]:
            raise _Corrupt("piece table out of order")
        pieces.append(_Piece(cps[i], cps[i + 1], fc, compressed, _u16(tstream, pcd + 6)))
    return pieces, grpprls


def _read_text(word: bytes, pieces: list[_Piece], ccp_text: int) -> str:
    """The main document's text, one character per CP (a surrogate pair stays two)."""
    if ccp_text > len(word):
        # Every character takes at least one byte of the stream; overlapping pieces that
        # claim more would multiply the file's text.
        raise _Corrupt(f"{ccp_text} characters claimed in a {len(word)}-byte stream")
    out: list[str] = []
    for p in pieces:
        if p.cp >= ccp_text:
            break
        n = min(p.cp_end, ccp_text) - p.cp
        width = 1 if p.compressed else 2
        chunk = word[p.fc:p.fc + n * width]
        if len(chunk) < n * width:
            raise _Corrupt("text runs past the end of the WordDocument stream (truncated?)")
        if p.compressed:
            out.append(chunk.decode("latin-1").translate(_CP1252))
        else:
            units = array("H")
            units.frombytes(chunk)
            if sys.byteorder == "big":
                units.byteswap()
            out.append("".join(map(chr, units)))
    return "".join(out)


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) pairs of a grpprl; a truncated last one is left out."""
    i, n = 0, len(grpprl)
    while i + 2 <= n:
        sprm = grpprl[i] | grpprl[i + 1] << 8
        i += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == _SPRM_T_DEF_TABLE:
            if i + 2 > n:
                return
            size = grpprl[i] | grpprl[i + 1] << 8    # counts itself minus one byte
            i += 2
            size -= 1
        elif sprm == _SPRM_P_CHG_TABS and i < n and grpprl[i] == 255:
            # The long form: deletions (4 bytes each) then additions (3 bytes each).
            dels = grpprl[i + 1] if i + 1 < n else 0
            j = i + 2 + 4 * dels
            adds = grpprl[j] if j < n else 0
            size = 2 + 4 * dels + 1 + 3 * adds
        else:
            if i >= n:
                return
            size = grpprl[i]
            i += 1
        if size < 0 or i + size > n:
            return
        yield sprm, grpprl[i:i + size]
        i += size


def _apply(grpprl: bytes, props: dict) -> None:
    """Fold the table-related sprms of `grpprl` into `props`."""
    for sprm, op in _sprms(grpprl):
        if not op:
            continue
        if sprm == _SPRM_P_F_IN_TABLE:
            props["in_table"] = op[0] != 0
        elif sprm == _SPRM_P_F_TTP:
            props["ttp"] = op[0] != 0
        elif sprm == _SPRM_P_ITAP and len(op) == 4:
            props["itap"] = int.from_bytes(op, "little", signed=True)
        elif sprm == _SPRM_P_DTAP and len(op) == 4:
            props["itap"] = props.get("itap", 0) + int.from_bytes(op, "little", signed=True)
        elif sprm == _SPRM_T_DEF_TABLE:
            _def_table(op, props)
        elif sprm == _SPRM_T_VERT_MERGE and len(op) >= 3 and "tcgrf" in props:
            itc, merge = op[1], op[2] & 0x03
            tcgrf = props["tcgrf"]
            if itc < len(tcgrf):
                tcgrf[itc] = (tcgrf[itc] & ~(0x03 << _TC_VERT_SHIFT)) | merge << _TC_VERT_SHIFT


@functools.lru_cache(maxsize=4096)
def _grpprl_props(grpprl: bytes) -> tuple[tuple[str, object], ...]:
    """The table properties of a grpprl; documents repeat a few grpprls thousands of times."""
    props: dict = {}
    _apply(grpprl, props)
    return tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items())


def _def_table(op: bytes, props: dict) -> None:
    """Column boundaries and TC80 merge flags of a row (TDefTableOperand after its cb)."""
    if not op:
        return
    itc = min(op[0], MAX_COLS)
    if 1 + 2 * (itc + 1) > len(op):
        return
    centers = [int.from_bytes(op[1 + 2 * i:3 + 2 * i], "little", signed=True)
               for i in range(itc + 1)]
    tcs = 1 + 2 * (itc + 1)
    tcgrf = [_u16(op, tcs + 20 * i) if tcs + 20 * i + 2 <= len(op) else 0
             for i in range(itc)]
    props["centers"] = centers
    props["tcgrf"] = tcgrf


class _PapxIndex:
    """Paragraph properties by the file offset (FC) of a paragraph's mark."""

    def __init__(self, word: bytes, tstream: bytes, data: bytes, fib: _Fib):
        self.word = word
        self.data = data
        self.pages: dict[int, tuple[list[int], list[bytes]]] = {}
        # Without a usable PlcBtePapx, tables fall back to the marks alone.
        self.fcs, self.pns = _bte(tstream, fib.fc_bte_papx, fib.lcb_bte_papx)

    @property
    def usable(self) -> bool:
        return bool(self.pns)

    def grpprl(self, fc: int) -> bytes | None:
        """The PAPX grpprl of the paragraph whose mark is at `fc`; None if not indexed."""
        i = bisect.bisect_right(self.fcs, fc) - 1
        if i < 0 or i >= len(self.pns):
            return None
        rgfc, papx = self._page(self.pns[i])
        j = bisect.bisect_right(rgfc, fc) - 1
        if j < 0 or j >= len(papx):
            return None
        grpprl = papx[j]
        if len(grpprl) >= 6 and grpprl[0] | grpprl[1] << 8 in _SPRM_P_HUGE_PAPX:
            off = _u32(grpprl, 2)
            size = _u16(self.data, off)
            if off + 2 + size > len(self.data):
                raise _Corrupt("paragraph properties past the end of the Data stream")
            grpprl = self.data[off + 2:off + 2 + size] + grpprl[6:]
        return grpprl

    def _page(self, pn: int) -> tuple[list[int], list[bytes]]:
        if pn in self.pages:
            return self.pages[pn]
        page = self.word[pn * _PAGE:(pn + 1) * _PAGE]
        if len(page) < _PAGE:
            raise _Corrupt("paragraph properties past the end of the stream (truncated?)")
        crun = page[_PAGE - 1]
        if 4 * (crun + 1) + 13 * crun > _PAGE - 1:
            raise _Corrupt("paragraph property page with an impossible run count")
        rgfc = [_u32(page, 4 * i) for i in range(crun + 1)]
        papx = []
        for i in range(crun):
            off = 2 * page[4 * (crun + 1) + 13 * i]
            if off == 0:
                papx.append(b"")      # default properties
                continue
            cb = page[off] if off < _PAGE else 0
            if cb:
                body = page[off + 1:off + 2 * cb]
            else:
                cb2 = page[off + 1] if off + 1 < _PAGE else 0
                body = page[off + 2:off + 2 + 2 * cb2]
            papx.append(body[2:])     # after the style index (istd)
        self.pages[pn] = (rgfc, papx)
        return self.pages[pn]


def _bte(tstream: bytes, fc: int, lcb: int) -> tuple[list[int], list[int]]:
    """A PlcBte (PAPX or CHPX): the FCs where its pages start and the pages' numbers."""
    if lcb < 12 or fc + lcb > len(tstream) or (lcb - 4) % 8:
        return [], []
    n = (lcb - 4) // 8
    fcs = [_u32(tstream, fc + 4 * i) for i in range(n + 1)]
    pns = [_u32(tstream, fc + 4 * (n + 1) + 4 * i) & 0x3FFFFF for i in range(n)]
    return fcs, pns


def _unseen(word: bytes, tstream: bytes, fib: _Fib, pieces: list[_Piece],
            length: int) -> bytearray | None:
    """A mask over the text's CPs of characters marked deleted or hidden; None if none."""
    _, pns = _bte(tstream, fib.fc_bte_chpx, fib.lcb_bte_chpx)
    runs: list[tuple[int, int]] = []          # FC ranges, in file order
    for pn in sorted(set(pns)):
        page = word[pn * _PAGE:(pn + 1) * _PAGE]
        if len(page) < _PAGE:
            raise _Corrupt("character properties past the end of the stream (truncated?)")
        crun = page[_PAGE - 1]
        if 5 * crun + 4 > _PAGE - 1:
            raise _Corrupt("character property page with an impossible run count")
        for i in range(crun):
            off = 2 * page[4 * (crun + 1) + i]
            if off == 0 or off >= _PAGE - 1:
                continue                        # default properties
            if _hides(page[off + 1:off + 1 + page[off]]):
                runs.append((_u32(page, 4 * i), _u32(page, 4 * (i + 1))))
    if not runs:
        return None
    runs.sort()
    starts = [lo for lo, _ in runs]
    mask = bytearray(length)
    for p in pieces:
        width = 1 if p.compressed else 2
        end_fc = p.fc + (min(p.cp_end, length) - p.cp) * width
        i = bisect.bisect_left(starts, end_fc) - 1
        while i >= 0 and runs[i][1] > p.fc:
            lo, hi = max(runs[i][0], p.fc), min(runs[i][1], end_fc)
            if lo < hi:
                a = p.cp + (lo - p.fc) // width
                b = min(length, p.cp + (hi - p.fc + width - 1) // width)
                mask[a:b] = b"\x01" * max(0, b - a)
            i -= 1
    return mask


@functools.lru_cache(maxsize=4096)
def _hides(grpprl: bytes) -> bool:
    """A run's character properties delete (revision marking) or hide its text."""
    hidden = False
    for sprm, op in _sprms(grpprl):
        if sprm in (_SPRM_C_F_RMARK_DEL, _SPRM_C_F_VANISH) and op:
            hidden = hidden or op[0] in _TOGGLE_ON
    return hidden


def _fields(text: str, unseen: bytearray | None = None) -> str:
    """The text with field codes dropped and field results kept; marks become nothing.

    A field is 0x13 code [0x14 result] 0x15. Unbalanced markers (a damaged file) are left
    out without taking text with them. `unseen` marks deleted and hidden characters, also
    dropped. Paragraph marks inside dropped text are kept so that the paragraph structure,
    and with it the property lookup, stays aligned.

    >>> _fields("a\\x13 PAGEREF _Toc1 \\\\h \\x145\\x15b\\x13 TIME \\x15c")
    'a5bc'
    """
    if "\x13" not in text and unseen is None:
        return text.replace("\x14", "").replace("\x15", "")
    drop = unseen if unseen is not None else bytearray(len(text))
    stack: list[list[int]] = []        # [begin, separator or -1]
    for m in _FIELD_MARK.finditer(text):
        ch, at = m.group(), m.start()
        drop[at] = 1
        if ch == "\x13":
            if len(stack) < _MAX_FIELD_DEPTH:
                stack.append([at, -1])
        elif ch == "\x14":
            if stack and stack[-1][1] < 0:
                stack[-1][1] = at
        elif stack:
            begin, sep = stack.pop()
            code_end = sep if sep >= 0 else at
            drop[begin:code_end] = b"\x01" * (code_end - begin)
    out = []
    last = 0
    for m in _DROPPED.finditer(bytes(drop)):
        out.append(text[last:m.start()])
        out.extend(ch for ch in text[m.start():m.end()] if ch in "\r\x07\x0c")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _clean(s: str) -> str:
    """Paragraph text as shown: objects and controls out, surrogate pairs joined."""
    s = s.translate(_DROP)
    if _SURROGATE.search(s):
        s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return s


class _Table:
    """Rows of one top-level table while it is read; cells are lists of paragraphs."""

    def __init__(self) -> None:
        self.rows: list[tuple[list[str], tuple[int, ...], tuple[int, ...]]] = []
        self.cells: list[str] = []
        self.parts: list[str] = []

    def add_text(self, s: str) -> None:
        if s.strip():
            self.parts.append(s)

    def add_nested(self, s: str) -> None:
        """Text of a table nested in the current cell: kept on the cell's line, spaced, so
        that its labels and numbers stay apart."""
        s = " ".join(s.split())
        if not s:
            return
        if self.parts:
            self.parts[-1] += " " + s
        else:
            self.parts.append(s)

    def end_cell(self) -> None:
        self.cells.append("\n".join(self.parts))
        self.parts = []

    def end_row(self, centers: tuple[int, ...], tcgrf: tuple[int, ...]) -> None:
        if self.parts:
            self.end_cell()
        if self.cells and len(self.rows) < MAX_ROWS:
            self.rows.append((self.cells, centers, tcgrf))
        self.cells = []

    def emit(self, builder: DocumentBuilder, caption: str, budget: list[int]) -> None:
        """Shape the table and add it; `budget` holds the grid cells spans may still add."""
        self.end_row((), ())
        if self.rows:
            grid, merges = _grid(self.rows, budget[0] > 0)
            budget[0] -= sum(len(row) for row in grid)
            emit_table(builder, grid, merges, caption=caption)


def _grid(rows: list[tuple[list[str], tuple[int, ...], tuple[int, ...]]],
          spans: bool = True) -> tuple[list[list[str]], list[Merge]]:
    """Cells placed on the table's column grid, with horizontal and vertical merges.

    Each row states its cells' boundaries; the grid is their union, so a cell as wide as
    two of the next row's becomes a span of two columns. Rows without boundaries (a damaged
    file) place their cells one per column.
    """
    lines = sorted({x for _, centers, _ in rows for x in centers})
    grid_x: list[int] = []
    for x in lines:
        if not grid_x or x - grid_x[-1] > _GRID_TOLERANCE:
            grid_x.append(x)
    use_grid = spans and 1 < len(grid_x) <= MAX_COLS + 1
    out: list[list[str]] = []
    merges: list[Merge] = []
    open_v: dict[int, list[int]] = {}      # first column -> [row0, col0, col1, row1]
    for r, (cells, centers, tcgrf) in enumerate(rows):
        row: list[str] = []
        fits = use_grid and len(centers) == len(cells) + 1
        for i, text in enumerate(cells[:MAX_COLS]):
            flags = tcgrf[i] if i < len(tcgrf) else 0
            if fits:
                c0 = _nearest(grid_x, centers[i])
                c1 = max(c0, _nearest(grid_x, centers[i + 1]) - 1)
            else:
                c0 = c1 = len(row)
            if c0 < len(row):          # boundaries out of order: keep the cell, in sequence
                c0, c1 = len(row), len(row) + c1 - c0
            if c0 >= MAX_COLS:
                break
            c1 = min(c1, MAX_COLS - 1)
            row.extend([""] * (c0 - len(row)))
            if flags & _TC_HORZ >= 2 and row and not text.strip():
                continue               # merged into the cell on its left (old-style merge)
            vert = flags >> _TC_VERT_SHIFT & 0x03
            if vert in (1, 2) and c0 in open_v:
                open_v[c0][3] = r
                row.extend([""] * (c1 - c0 + 1))
                continue
            if c0 in open_v:
                _close(open_v.pop(c0), merges)
            row.append(text)
            row.extend([""] * (c1 - c0))
            if vert == 3:
                open_v[c0] = [r, c0, c1, r]
            elif c1 > c0:
                merges.append(Merge(r, c0, r, c1))
        for c in [c for c, block in open_v.items() if block[3] < r]:
            _close(open_v.pop(c), merges)
        out.append(row)
    for block in open_v.values():
        _close(block, merges)
    return out, merges


def _nearest(grid_x: list[int], x: int) -> int:
    i = bisect.bisect_left(grid_x, x)
    if i == len(grid_x) or (i > 0 and x - grid_x[i - 1] <= grid_x[i] - x):
        i -= 1
    return i


def _close(block: list[int], merges: list[Merge]) -> None:
    r0, c0, c1, r1 = block
    if r1 > r0 or c1 > c0:
        merges.append(Merge(r0, c0, r1, c1))


def _props(papx: _PapxIndex, grpprls: list[bytes], piece: _Piece, cp: int) -> _Props | None:
    """Table properties of the paragraph whose mark is at `cp`; None when not indexed."""
    fc = piece.fc + (cp - piece.cp) * (1 if piece.compressed else 2)
    grpprl = papx.grpprl(fc)
    if grpprl is None:
        return None
    props: dict[str, Any] = dict(_grpprl_props(grpprl))
    if piece.prm & 1:          # a complex Prm: the piece's own sprms, from the CLX
        i = piece.prm >> 1
        if i < len(grpprls):
            props["tcgrf"] = list(props.get("tcgrf", ()))
            _apply(grpprls[i], props)
    depth = props.get("itap", 1 if props.get("in_table") else 0)
    if depth == 0 and props.get("in_table"):
        depth = 1
    # Deeper tables (itap 2+) need no cell structure: their text joins the enclosing cell.
    return _Props(depth=max(0, depth), ttp=bool(props.get("ttp")),
                  centers=tuple(props.get("centers", ())), tcgrf=tuple(props.get("tcgrf", ())))


def _assemble(builder: DocumentBuilder, raw: str, pieces: list[_Piece], grpprls: list[bytes],
              papx: _PapxIndex, unseen: bytearray | None) -> None:
    """Walk the paragraphs: body text to the builder, table cells into tables."""
    starts = [p.cp for p in pieces]
    # Field filtering changes lengths, so the properties are looked up on the raw text
    # first: one entry per paragraph mark, in order; the filtered text has the same marks.
    marks: list[tuple[str, _Props | None]] = []
    for m in _PARA_END.finditer(raw):
        cp = m.start()
        piece = pieces[bisect.bisect_right(starts, cp) - 1]
        props = _props(papx, grpprls, piece, cp) if papx.usable else None
        marks.append((m.group(), props))
    text = _fields(raw, unseen)
    table: _Table | None = None
    caption = ""
    budget = [MAX_GRID_CELLS]
    prev_mark = ""
    paragraphs = _PARA_END.split(text)
    for n, body in enumerate(paragraphs):
        body = _clean(body)
        if n >= len(marks):            # text after the last mark: an ordinary paragraph
            mark, props = "\r", _Props()
        else:
            mark, props = marks[n]
        if props is None:              # no properties: 0x07 marks alone say "table"
            in_table = mark == "\x07"
            props = _Props(depth=1 if in_table else 0,
                           ttp=in_table and not body.strip() and prev_mark == "\x07")
        prev_mark = mark
        if props.depth >= 1 or (table is not None and mark == "\x07"):
            if table is None:
                table = _Table()
            if props.depth >= 2:
                # A nested table: its cells become text of the enclosing cell.
                table.add_nested(body.replace("\x0b", " "))
                continue
            if props.ttp:
                table.end_row(props.centers, props.tcgrf)
            elif mark == "\x07":
                table.add_text(body.replace("\x0b", "\n"))
                table.end_cell()
            else:
                table.add_text(body.replace("\x0b", "\n"))
            continue
        if table is not None:
            table.emit(builder, caption, budget)
            table, caption = None, ""
        for line in body.split("\x0b"):
            builder.add_paragraph(line)
            caption = line.strip() or caption
    if table is not None:
        table.emit(builder, caption, budget)
