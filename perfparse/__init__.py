"""perfparse: typed figures and checked arithmetic from Chinese county budget reports."""
from .frames import to_frame
from .pipeline import parse_file, parse_html, parse_text
from .scrape import crawl
from .records import Attachment, Cell, Check, Document, Figure, Relation, Report, Table

__version__ = "0.1.0"


__all__ = ["parse_text", "parse_file", "parse_html", "crawl", "to_frame",
           "Attachment", "Cell", "Check", "Document", "Figure", "Relation", "Report", "Table",
           "__version__"]
