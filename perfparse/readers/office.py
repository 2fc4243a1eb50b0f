"""Office and PDF attachments: the entry points readers/__init__.py dispatches to.

PDF lives in pdf.py, Word in docx.py, spreadsheets in sheets.py, MHT in mht.py; this module
decides between them for zip and OLE containers and guards against zip bombs.
"""
from __future__ import annotations

import io
import zipfile

from ..errors import BrokenFile, UnsupportedFormat
from ..records import Document
from .mht import decode_mht, read_mht
from .pdf import read_pdf

__all__ = ["read_pdf", "read_ooxml", "read_ole", "read_mht", "decode_mht", "check_zip"]

# Zip-bomb guard, applied before any member is decompressed.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024   # small members compress well legitimately
MAX_MEMBERS = 10_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names in an OLE directory are UTF-16LE.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# Directory names end in a NUL character; matching it keeps "Bookmark" text from counting.
_BOOK_STREAMS = ("Workbook\0".encode("utf-16-le"), "Book\0".encode("utf-16-le"))
_MHT_MARKERS = (b"mime-version:", b"multipart/related")
# Root streams that identify OLE files we do not read, for a message that names them.
_OTHER_OLE = (("powerpoint document", "a PowerPoint presentation"),
              ("contents", "a Works or Publisher file"),
              ("equation native", "an embedded equation"))


def check_zip(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse an archive whose declared sizes could exhaust memory (a zip bomb).

    zipfile stops at each member's declared size and checks its CRC, so the declared sizes
    bound what reading can produce.
    """
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BrokenFile(f"{source}: zip with {len(infos)} members (limit {MAX_MEMBERS})")
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_UNZIPPED_BYTES:
            raise BrokenFile(f"{source}: zip bomb? unpacks to more than "
                             f"{MAX_UNZIPPED_BYTES // 2**20} MB")
        if info.file_size > RATIO_FLOOR_BYTES and \
                info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise BrokenFile(f"{source}: zip bomb? member {info.filename!r} expands "
                             f"{ratio}:1 (limit {MAX_RATIO}:1)")


def read_ooxml(data: bytes, source: str, ext: str = "") -> Document:
    """Read a zip-based Office file (.docx or .xlsx, whatever its name says)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError,
            OSError, EOFError) as exc:
        raise BrokenFile(f"{source}: corrupt zip container ({exc})") from exc
    with archive:
        check_zip(archive, source)
        names = set(archive.namelist())
        if "word/document.xml" in names:
            from .docx import read_docx
            return read_docx(data, source)
        if "xl/workbook.xml" in names:
            from .sheets import read_xlsx
            return read_xlsx(data, source, archive)
    if "content.xml" in names:
        raise UnsupportedFormat(f"{source}: OpenDocument files are not supported; "
                                "save as .docx or .xlsx")
    raise UnsupportedFormat(f"{source}: a zip archive{' named ' + ext if ext else ''}, "
                            "not a Word or Excel file")


def read_ole(data: bytes, source: str, ext: str = "") -> Document:
    """Read an OLE2 file: Word 97–2003 (.doc, .wps) via doc.py, .xls workbooks via xlrd.

    What the container holds decides, not its name: a .doc that is really a workbook is
    read as one. Other OLE files (PowerPoint, an encrypted .docx/.xlsx, Works) are refused.
    """
    if not data.startswith(_OLE_MAGIC):
        head = data[:4096].lower()
        if any(marker in head for marker in _MHT_MARKERS):
            return read_mht(data, source)
        raise BrokenFile(f"{source}: named {ext or 'an Office file'} but is not one "
                         "(no OLE2 signature)")
    streams = _ole_streams(data)
    if streams is None:           # no olefile, or a directory it refuses: guess from bytes
        if _WORD_STREAM in data and not any(s in data for s in _BOOK_STREAMS):
            streams = {"worddocument"}
        else:
            streams = {"workbook"}
    if "worddocument" in streams:
        from .doc import read_doc
        return read_doc(data, source, ext or ".doc")
    if streams & {"workbook", "book"}:
        from .sheets import read_xls
        return read_xls(data, source)
    if "encryptedpackage" in streams:
        raise BrokenFile(f"{source}: an encrypted (password protected) Office document")
    what = next((name for stream, name in _OTHER_OLE if stream in streams), None)
    raise UnsupportedFormat(f"{source}: an OLE file that is "
                            f"{what or 'not a Word or Excel document'}")


def _ole_streams(data: bytes) -> set[str] | None:
    """Lower-cased names of the root streams of an OLE file.

    None without olefile, or when olefile refuses the container: xlrd reads some workbooks
    olefile calls damaged, and a damaged Word file is reported by the .doc reader.
    """
    try:
        import olefile
    except ImportError:
        return None
    try:
        with olefile.OleFileIO(data) as ole:
            return {entry[0].lower() for entry in ole.listdir(streams=True, storages=True)}
    except Exception:   # olefile fails on damaged containers in many ways; see above
        return None
