"""perfparse: typed figures and checked arithmetic from Chinese county budget reports."""
# DESIGN.md names the batch entry point batch(); run_batch is the same function.
from .batch import run_batch
from .batch import run_batch as batch
from .errors import (Blocked, BrokenFile, FetchError, InputError, MissingExtra, PerfparseError,
                     RobotsDisallowed, SettingError, StoreError, TooLarge, UndecodableInput,
                     UnsupportedFormat, WorkerDied)
from .export import store_frames
from .frames import to_frame
from .pipeline import parse_file, parse_html, parse_text
from .records import Attachment, Cell, Check, Document, Figure, Relation, Report, Table
from .scrape import crawl

# The one place the version is written: setup.cfg reads it (version = attr: …).
__version__ = "0.1.0"


__all__ = ["parse_text", "parse_file", "parse_html", "crawl", "batch", "run_batch", "to_frame",
           "store_frames",
           "Attachment", "Cell", "Check", "Document", "Figure", "Relation", "Report", "Table",
           "PerfparseError", "InputError", "UnsupportedFormat", "MissingExtra",
           "UndecodableInput", "BrokenFile", "SettingError", "FetchError", "Blocked",
           "RobotsDisallowed", "TooLarge", "StoreError", "WorkerDied",
           "__version__"]
