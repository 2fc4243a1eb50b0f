"""perfparse: typed figures and checked arithmetic from Chinese county budget reports."""
from .frames import to_frame
from .pipeline import parse_file, parse_html, parse_text
from .records import Attachment, Cell, Check, Document, Figure, Relation, Report, Table

__version__ = "0.1.0"


def crawl(*args, **kwargs):
    """Crawl portals into a store; see perfparse.scrape.crawl."""
    from .scrape import crawl as _crawl
    return _crawl(*args, **kwargs)


def batch(*args, **kwargs):
    """Run a batch over a sites registry; see perfparse.batch.run_batch."""
    from .batch import run_batch
    return run_batch(*args, **kwargs)


__all__ = ["parse_text", "parse_file", "parse_html", "crawl", "batch", "to_frame",
           "Attachment", "Cell", "Check", "Document", "Figure", "Relation", "Report", "Table",
           "__version__"]
