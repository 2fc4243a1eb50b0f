"""perfparse: typed figures and checked arithmetic from Chinese county budget reports."""
# DESIGN.md names the batch entry point batch(); run_batch is the same function.
from .batch import run_batch
from .batch import run_batch as batch
from .frames import to_frame
from .pipeline import parse_file, parse_html, parse_text
from .scrape import crawl
from .records import Attachment, Cell, Check, Document, Figure, Relation, Report, Table

__version__ = "0.1.0"


__all__ = ["parse_text", "parse_file", "parse_html", "crawl", "batch", "run_batch", "to_frame",
           "Attachment", "Cell", "Check", "Document", "Figure", "Relation", "Report", "Table",
           "__version__"]
