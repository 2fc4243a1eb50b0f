"""Where portals put things: selectors and link patterns kept apart from the reading logic."""

# Article bodies of the common CMSs, most specific first (TRS, VSB, 大汉, generic).
BODY_SELECTORS = (
    ".TRS_Editor", ".TRS_UEDITOR", "#UCAP-CONTENT", ".v_news_content", "#vsb_content",
    "#zoom", ".zoom", "#Zoom", ".article-content", ".article_content", ".art_con", ".pages_content",
    "#article", ".bt_content", "#content", ".content", ".detail-content", ".news_content",
    ".xxgk_content", "article",
)
TITLE_SELECTORS = (
    "meta[name=ArticleTitle]", "h1", ".news-title", ".article-title", "h2", ".title", "#title",
    ".tit",
)
META_TAGS = {
    "ArticleTitle": "title", "PubDate": "published", "ContentSource": "publisher",
    "firstpublishedtime": "published",
}
# Blocks whose text is never the article: navigation, footer, share widgets.
NOISE_SELECTORS = ("script", "style", "noscript", "iframe", "nav", "header", "footer",
                   "select", "button")
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".zip", ".rar", ".et")
# Links that are attachments without an extension (download?id=…).
ATTACHMENT_URL_HINTS = ("download", "downfile", "attach", "fujian", "getfile")
BLOCK_TAGS = frozenset(("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "section", "article", "ul", "ol", "dd", "dt", "dl", "blockquote", "pre",
                        "center", "hr", "caption"))
