"""Words and URL shapes the scraper recognises on Chinese government portals.

Kept apart from the logic so a new portal family is a new row, not a code change. Order
matters where noted.
"""
from __future__ import annotations

import re

# Link texts that lead to the next page of a listing or of a split article.
NEXT_TEXTS = ("下一页", "下页", "后页", "next", ">")
# Link texts that lead to the last page of a listing (its URL often reveals the page count).
LAST_TEXTS = ("尾页", "末页", "最后一页", "last")

# Article URL families, most specific first. A URL matching one of these is an article.
ARTICLE_URLS = (
    # TRS: /202305/t20230512_1234567.html (a trailing _1 is page 2 of the same article)
    ("trs", re.compile(r"/\d{6}/t\d{8}_\d+\.s?html?$")),
    # VSB: /info/1033/5678.htm
    ("vsb", re.compile(r"/info/\d+/\d+\.s?html?$")),
    # 大汉 (Hanweb): art/2023/5/12/art_1234_567890.html
    ("dahan", re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.s?html?$")),
    ("content", re.compile(r"/content_\d+\.s?html?$")),
    # gkmlpt (Guangdong): /gkmlpt/content/2/2345/post_2345678.html
    ("post", re.compile(r"/content/(?:\d+/){0,3}post_\d+\.s?html?$")),
)

# Continuation pages of a split article: t20151009_67430_1.html, content_123-2.html.
ARTICLE_PART = re.compile(r"^(?P<stem>.+?)(?:_|-)(?P<n>\d{1,3})(?P<ext>\.s?html?)$")

# Mobile mirrors of the same article; never followed.
MOBILE_URL = re.compile(r"_wap\.s?html?$")

# Attachment file types; a link to one of these is an attachment, not a page.
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".zip",
                         ".rar", ".ofd")
# Download endpoints whose URL carries no extension.
ATTACHMENT_URL = re.compile(
    r"(?:download|downfile|attachment|filedown)[^/?]*\?[^#]*?"
    r"\b(?:id|fileid|wbfileid|file|filename)=",
    re.I)

# File types never worth fetching.
SKIP_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".svg", ".css", ".js", ".ico",
                   ".mp4", ".mp3", ".avi", ".flv", ".swf", ".exe", ".apk", ".woff", ".ttf")

# Query parameters that number the pages of a listing (?page=3, ?pageNo=3 …).
PAGE_PARAMS = ("page", "pageno", "pagenum", "pageindex", "currentpage", "curpage", "p", "pn")

# 共5页 / 共 5 页: a page count printed in the pager.
PAGE_COUNT_TEXT = re.compile(r"共\s*(\d{1,4})\s*页")

# The year a report is about, from its title (2023年度…, 2023年…).
TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
