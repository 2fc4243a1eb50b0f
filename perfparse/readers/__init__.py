"""Readers: bytes or files in, Documents out. One module per family of formats."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import BrokenFile, InputError, UnsupportedFormat
from ..records import Document

MAX_FILE_BYTES = 200 * 1024 * 1024

# Extensions we read; a folder is read for all of these.
SUPPORTED = (".txt", ".html", ".htm", ".shtml", ".pdf", ".docx", ".doc", ".mht", ".mhtml",
             ".xlsx", ".xls", ".wps")


def sniff(data: bytes) -> str | None:
    """Guess a format from the first bytes, whatever the file is called.

    >>> sniff(b"%PDF-1.7 ..."), sniff(b"PK\\x03\\x04...."), sniff(b"  <!DOCTYPE html><html>")
    ('.pdf', 'zip', '.html')
    """
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"
    low = head[:512].lower()
    if low.startswith(b"mime-version") or b"multipart/related" in low:
        return ".mht"
    if low.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<meta", b"<body",
                       b"<div", b"<table", b"<p")):
        return ".html"
    return None


def read_bytes(data: bytes, name: str = "", content_type: str | None = None,
               source: str | None = None) -> Document:
    """Read a file's bytes into a Document; the format comes from its content, then its name."""
    from . import html, text
    source = source if source is not None else name
    if not data:
        raise InputError(f"{source or 'input'}: empty file")
    ext = os.path.splitext(name.split("?")[0])[1].lower()
    kind = sniff(data)
    if kind == ".html" or (kind is None and ext in (".html", ".htm", ".shtml")):
        if ext in (".pdf", ".xlsx", ".docx") and kind == ".html":
            # Portals answer a missing attachment with an HTML error page.
            raise BrokenFile(f"{source}: named {ext} but holds an HTML page")
        # A ".xls" or ".doc" that is really an HTML table export is read as the HTML it is.
        return html.read_html(text.decode(data, content_type, source), source)
    if kind == ".pdf" or ext == ".pdf":
        from .office import read_pdf
        return read_pdf(data, source)
    if kind == "zip":
        from .office import read_ooxml
        return read_ooxml(data, source, ext)
    if kind == "ole" or ext in (".xls", ".doc", ".wps"):
        from .office import read_ole
        return read_ole(data, source, ext)
    if kind == ".mht" or ext in (".mht", ".mhtml"):
        from .office import read_mht
        return read_mht(data, source)
    if ext in (".docx", ".xlsx"):
        from .office import read_ooxml
        return read_ooxml(data, source, ext)
    if ext in ("", ".txt", ".text", ".csv", ".md"):
        return text.read_text(text.decode(data, content_type, source), source)
    raise UnsupportedFormat(f"{source}: unsupported file type {ext or '(none)'}")


def read_path(path: str | os.PathLike) -> Document:
    """Read one file from disk."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; use iter_paths()")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BrokenFile(f"{p}: {size} bytes is over the {MAX_FILE_BYTES}-byte limit")
    return read_bytes(p.read_bytes(), p.name, source=str(p))


def iter_paths(path: str | os.PathLike) -> list[Path]:
    """The supported files under a folder, sorted; a file is returned as itself."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.is_file():
        return [p]
    return sorted(f for f in p.rglob("*")
                  if f.is_file() and f.suffix.lower() in SUPPORTED
                  and not f.name.startswith("."))
