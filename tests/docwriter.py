"""A minimal writer of Word 97 binary files (.doc), for tests of perfparse.readers.doc.

It writes what the reader reads and lets a test vary each part independently: the piece
table (8-bit "compressed" or UTF-16 pieces, in any file order, with piece-level sprms),
paragraph properties in FKP pages (table cells, row ends with column boundaries, nesting,
properties moved to the Data stream), field characters, and FIB flags (encryption, the
Word 6/95 version number). The OLE container is written without a mini stream: every
stream is padded to the 4096-byte cutoff, which readers accept.

LibreOffice-made fixtures (tests/data/doc/) test the reader against a real Word writer;
this module covers the cases those files do not exercise.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field

SECTOR = 512
FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD

# Paragraph sprms (see perfparse/readers/doc.py).
IN_TABLE = struct.pack("<HB", 0x2416, 1)
TTP = struct.pack("<HB", 0x2417, 1)
INNER_CELL = struct.pack("<HB", 0x244B, 1)
INNER_TTP = struct.pack("<HB", 0x244C, 1)
# Character sprms: deleted under revision marking, hidden.
DELETED = struct.pack("<HB", 0x0800, 1)
HIDDEN = struct.pack("<HB", 0x083C, 1)


def itap(depth: int) -> bytes:
    return struct.pack("<Hi", 0x6649, depth)


def def_table(centers: list[int], vmerge: dict[int, int] | None = None,
              hmerge: dict[int, int] | None = None) -> bytes:
    """sprmTDefTable: boundaries and one TC80 per cell (vertMerge / horzMerge flags)."""
    n = len(centers) - 1
    body = bytes([n]) + b"".join(struct.pack("<h", x) for x in centers)
    for i in range(n):
        tcgrf = (vmerge or {}).get(i, 0) << 5 | (hmerge or {}).get(i, 0)
        body += struct.pack("<HH", tcgrf, 0) + b"\0" * 16
    return struct.pack("<HH", 0xD608, len(body) + 1) + body


@dataclass
class Para:
    """A paragraph: its text, its mark (\\r, or \\x07 for cells and rows) and its sprms."""
    text: str
    mark: str = "\r"
    grpprl: bytes = b""


def table(rows: list[list[str]], width: int = 1500, centers: list[list[int]] | None = None,
          vmerge: dict[tuple[int, int], int] | None = None) -> list[Para]:
    """The paragraphs of a depth-1 table: each cell ends with 0x07, each row with another."""
    out: list[Para] = []
    for r, row in enumerate(rows):
        for text in row:
            out.append(Para(text, "\x07", IN_TABLE + itap(1)))
        xs = centers[r] if centers else [i * width for i in range(len(row) + 1)]
        vm = {c: v for (rr, c), v in (vmerge or {}).items() if rr == r}
        out.append(Para("", "\x07", IN_TABLE + TTP + itap(1) + def_table(xs, vm)))
    return out


@dataclass
class Piece:
    """A run of characters of the text; `prm` is the piece's own property modifier."""
    length: int
    compressed: bool = False
    prm: int = 0


@dataclass
class DocSpec:
    paras: list[Para]
    pieces: list[Piece] | None = None      # default: one UTF-16 piece
    reverse_pieces: bool = False            # store the pieces in the file in reverse order
    prcs: list[bytes] = field(default_factory=list)   # grpprls that complex prms point to
    huge_papx: bool = False                 # move every non-empty PAPX to the Data stream
    nfib: int = 0x00C1
    flags: int = 0x0200                     # fWhichTblStm: the table stream is 1Table
    # Extra or replaced streams; None removes one.
    streams: dict[str, bytes | None] = field(default_factory=dict)
    papx: bool = True                       # False: the FIB points to no paragraph properties
    chars: list[tuple[int, int, bytes]] = field(default_factory=list)  # CP ranges' sprms


def build(spec: DocSpec) -> bytes:
    """The .doc file's bytes."""
    return cfb(streams(spec))


def streams(spec: DocSpec) -> dict[str, bytes]:
    """The streams of the .doc file, by name."""
    text = "".join(p.text + p.mark for p in spec.paras)
    pieces = spec.pieces or [Piece(len(text))]
    assert sum(p.length for p in pieces) == len(text)
    word = bytearray(1024)              # the FIB, written last
    # Piece text, placed after the FIB in file order (reversed if asked).
    spans, cp = [], 0
    for p in pieces:
        spans.append((cp, cp + p.length, p))
        cp += p.length
    fcs: dict[int, int] = {}
    for start, end, p in (reversed(spans) if spec.reverse_pieces else spans):
        chunk = text[start:end]
        fcs[start] = len(word)
        word += chunk.encode("cp1252") if p.compressed else chunk.encode("utf-16-le")
    # The file offset of every character, for the paragraph-property runs.

    def fc_of(cp: int) -> tuple[int, int]:
        for start, end, p in spans:
            if start <= cp < end:
                width = 1 if p.compressed else 2
                return fcs[start] + (cp - start) * width, width
        raise AssertionError(cp)

    data = bytearray()
    runs: list[tuple[int, int, bytes]] = []
    cp = 0
    for para in spec.paras:
        cp += len(para.text)
        fc, width = fc_of(cp)
        grpprl = para.grpprl
        if spec.huge_papx and grpprl:
            off = len(data)
            data += struct.pack("<H", len(grpprl)) + grpprl
            grpprl = struct.pack("<HI", 0x6646, off)
        runs.append((fc, fc + width, grpprl))
        cp += 1
    runs.sort()
    # Character runs: each CP range cut at piece boundaries, in file order.
    char_runs: list[tuple[int, int, bytes]] = []
    for lo, hi, grpprl in spec.chars:
        for start, end, p in spans:
            a, b = max(lo, start), min(hi, end)
            if a < b:
                width = 1 if p.compressed else 2
                char_runs.append((fcs[start] + (a - start) * width,
                                  fcs[start] + (b - start) * width, grpprl))
    char_runs.sort()
    while len(word) % SECTOR:
        word.append(0)
    chpx_fcs: list[int] = []
    chpx_pns: list[int] = []
    for i in range(0, len(char_runs), 8):
        chunk = char_runs[i:i + 8]
        chpx_fcs.append(chunk[0][0])
        chpx_pns.append(len(word) // SECTOR)
        word += _fkp(chunk, chpx=True)
    if char_runs:
        chpx_fcs.append(char_runs[-1][1])
    bte_fcs: list[int] = []
    bte_pns: list[int] = []
    for i in range(0, len(runs), 8):
        chunk = runs[i:i + 8]
        bte_fcs.append(chunk[0][0])
        bte_pns.append(len(word) // SECTOR)
        word += _fkp(chunk)
    bte_fcs.append(runs[-1][1])
    table_stream = bytearray()
    fc_bte = len(table_stream)
    table_stream += b"".join(struct.pack("<I", x) for x in bte_fcs)
    table_stream += b"".join(struct.pack("<I", x) for x in bte_pns)
    lcb_bte = len(table_stream) - fc_bte
    fc_chpx = len(table_stream)
    if char_runs:
        table_stream += b"".join(struct.pack("<I", x) for x in chpx_fcs)
        table_stream += b"".join(struct.pack("<I", x) for x in chpx_pns)
    lcb_chpx = len(table_stream) - fc_chpx
    fc_clx = len(table_stream)
    for grpprl in spec.prcs:
        table_stream += struct.pack("<BH", 1, len(grpprl)) + grpprl
    plc = b"".join(struct.pack("<I", s) for s, _, _ in spans) + struct.pack("<I", len(text))
    for start, _, p in spans:
        raw = fcs[start] * 2 | 0x40000000 if p.compressed else fcs[start]
        plc += struct.pack("<HIH", 0, raw, p.prm)
    table_stream += struct.pack("<BI", 2, len(plc)) + plc
    lcb_clx = len(table_stream) - fc_clx
    _fib(word, spec, len(text), fc_clx, lcb_clx, fc_bte, lcb_bte)
    struct.pack_into("<II", word, 154 + 8 * 12, fc_chpx, lcb_chpx)   # fcPlcfBteChpx
    out = {"WordDocument": bytes(word), "1Table": bytes(table_stream)}
    if data:
        out["Data"] = bytes(data)
    out.update(spec.streams)
    return {name: data for name, data in out.items() if data is not None}


def _fib(word: bytearray, spec: DocSpec, ccp_text: int, fc_clx: int, lcb_clx: int,
         fc_bte: int, lcb_bte: int) -> None:
    struct.pack_into("<HHHHHH", word, 0, 0xA5EC, spec.nfib, 0, 0x0804, 0, spec.flags)
    off = 32
    struct.pack_into("<H", word, off, 14)                   # csw
    off += 2 + 28
    struct.pack_into("<H", word, off, 22)                   # cslw
    lw = off + 2
    struct.pack_into("<I", word, lw + 4 * 3, ccp_text)       # ccpText
    off = lw + 88
    struct.pack_into("<H", word, off, 0x5D)                 # cbRgFcLcb
    pairs = off + 2
    if spec.papx:
        struct.pack_into("<II", word, pairs + 8 * 13, fc_bte, lcb_bte)
    struct.pack_into("<II", word, pairs + 8 * 33, fc_clx, lcb_clx)


def _fkp(runs: list[tuple[int, int, bytes]], chpx: bool = False) -> bytes:
    """One 512-byte FKP page of paragraph (or character) properties for consecutive runs."""
    # Runs cover only their mark; the gaps between them get default properties.
    bounds: list[int] = []
    props: list[bytes] = []
    for start, end, grpprl in runs:
        if bounds and bounds[-1] != start:
            props.append(b"")
            bounds.append(start)
        elif not bounds:
            bounds.append(start)
        props.append(grpprl)
        bounds.append(end)
    crun = len(props)
    page = bytearray(SECTOR)
    for i, fc in enumerate(bounds):
        struct.pack_into("<I", page, 4 * i, fc)
    top = SECTOR - 1
    entry = 1 if chpx else 13             # rgb bytes per run: an offset, or a BxPap
    for i, grpprl in enumerate(props):
        if not grpprl:
            continue
        if chpx:                          # Chpx: cb, grpprl
            blob = bytes([len(grpprl)]) + grpprl
        else:                             # PapxInFkp: cb (in words), istd 0, grpprl
            body = b"\0\0" + grpprl
            blob = bytes([(len(body) + 1) // 2]) + body if len(body) % 2 else \
                bytes([0, len(body) // 2]) + body
        top = (top - len(blob)) & ~1
        assert top > 4 * (crun + 1) + entry * crun, "FKP page overflow"
        page[top:top + len(blob)] = blob
        page[4 * (crun + 1) + entry * i] = top // 2
    page[SECTOR - 1] = crun
    return bytes(page)


def cfb(streams: dict[str, bytes]) -> bytes:
    """An OLE2 compound file (version 3) holding `streams` in its root storage."""
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    body = bytearray()
    starts = {}
    fat: list[int] = []
    # Streams under the 4096-byte cutoff would belong in the mini stream: pad them past it.
    streams = {name: data.ljust(4096, b"\0") for name, data in streams.items()}
    for name in names:
        data = streams[name]
        data += b"\0" * (-len(data) % SECTOR)
        starts[name] = len(fat)
        n = len(data) // SECTOR
        fat += [len(fat) + i + 1 for i in range(n - 1)] + [END]
        body += data
    entries = [_dir_entry("Root Entry", 5, END, 0, child=1 if names else FREE)]
    for i, name in enumerate(names, 1):
        entries.append(_dir_entry(name, 2, starts[name], len(streams[name]),
                                  right=i + 1 if i < len(names) else FREE))
    directory = b"".join(entries)
    directory += b"\0" * (-len(directory) % SECTOR)
    dir_start = len(fat)
    n_dir = len(directory) // SECTOR
    fat += [dir_start + i + 1 for i in range(n_dir - 1)] + [END]
    body += directory
    n_fat = 1
    while (len(fat) + n_fat) > n_fat * (SECTOR // 4):
        n_fat += 1
    fat_start = len(fat)
    fat += [FATSECT] * n_fat
    fat += [FREE] * (n_fat * (SECTOR // 4) - len(fat))
    body += b"".join(struct.pack("<I", x) for x in fat)
    assert n_fat <= 109
    header = bytearray(SECTOR)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, n_fat, dir_start, 0, 4096, END, 0, END, 0)
    difat = [fat_start + i for i in range(n_fat)] + [FREE] * (109 - n_fat)
    struct.pack_into("<109I", header, 76, *difat)
    return bytes(header) + bytes(body)


def _dir_entry(name: str, kind: int, start: int, size: int, child: int = FREE,
               right: int = FREE) -> bytes:
    raw = (name + "\0").encode("utf-16-le")
    entry = bytearray(128)
    entry[0:len(raw)] = raw
    struct.pack_into("<HBBIII", entry, 64, len(raw), kind, 1, FREE, right, child)
    struct.pack_into("<II", entry, 116, start, size)
    return bytes(entry)
