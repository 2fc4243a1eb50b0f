"""Scraping: crawl county portals politely into a store of Documents."""
from .crawl import CrawlSummary, Crawler, StartUrl, crawl
from ..readers.encoding import decode_html
from .fetch import USER_AGENT, Fetcher, Page

__all__ = ["CrawlSummary", "Crawler", "Fetcher", "Page", "StartUrl", "USER_AGENT", "crawl",
           "decode_html"]
