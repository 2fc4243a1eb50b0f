"""Where portals put things: selectors, tags and link patterns kept apart from the reading logic."""

# Article containers of the common CMSs (TRS, VSB, 大汉, UCAP, eWebEditor, UEditor, generic).
# Hints only: a candidate matching one has its score raised by BODY_HINT_BONUS; the container
# is still chosen on its own text, so a hint that matches a sidebar of links loses.
BODY_HINTS = (
    ".TRS_Editor", ".TRS_UEDITOR", ".trs_editor_view", "#UCAP-CONTENT", "ucapcontent",
    ".v_news_content", "#vsb_content", "[id^=vsb_content]", ".vsbcontent", "#zoom", ".zoom",
    "#Zoom", "#fontzoom", ".article-content", ".article_content", ".art_con", ".pages_content",
    "#article", ".bt_content", "#content", ".content", ".detail-content", ".news_content",
    ".xxgk_content", ".ewebeditor_doc", ".Section1", ".WordSection1", "article", "main",
)
BODY_HINT_BONUS = 1.15
# Headline elements: a tag or a class/id word that names a title (regex on class and id).
TITLE_TAGS = ("h1", "h2", "h3")
TITLE_HINT = (r"title|biaoti|headline"
              r"|(?:^|[-_\s])(?:tit|bt|heading)(?:$|[-_\s\d])")
# <title> and og:title join the headline to the site name with one of these.
TITLE_SEPARATORS = r"\s*(?:_+|\|+|--+|—+|–|-{1}|::|»|›)\s*"
# Meta tags read only when the page shows no value of its own (fallbacks, not sources).
META_TAGS = {
    "articletitle": "title", "og:title": "title",
    "pubdate": "published", "firstpublishedtime": "published", "published": "published",
    "og:release_date": "published", "article:published_time": "published",
    "publishdate": "published",
    "contentsource": "content_source",
}
# Dates in article URLs (TRS t20230512_…, 大汉 art/2023/5/12/…, …/2023-05/12/…): the last
# fallback for the publication date, after the page and its meta tags.
URL_DATES = (
    r"/t((?:19|20)\d\d)(\d\d)(\d\d)_\d+",
    r"/art/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})/",
    r"/((?:19|20)\d\d)-(\d\d)/(\d\d)/",
    r"/((?:19|20)\d\d)/(\d\d)-(\d\d)/",
)
# Meta tags that say when the page was generated: no date on the page can be later.
PAGE_TIME_TAGS = ("others", "htmlgeneratetime", "lastmodifiedtime")
# Elements never read as text. `nav` is navigation by definition; HTML5 `header` is not
# dropped, as article headers hold 发布于 … 来源 ….
NOISE_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "select",
              "option", "button", "input", "textarea", "svg", "canvas", "video", "audio", "nav",
              "footer", "map")
# Class words that hide an element (Bootstrap and CMS conventions).
HIDDEN_CLASSES = frozenset(("hidden", "hide", "is-hidden", "d-none", "display-none"))
HIDDEN_STYLE = r"display\s*:\s*none|visibility\s*:\s*hidden"
# Elements that may hold the document when a page embeds it instead of printing it.
EMBED_TAGS = ("iframe", "embed", "object")
EMBED_FILE_PARAMS = ("file", "url", "src", "path", "pdf")
# Image sources that are page furniture, not article content.
IMAGE_NOISE = ("icon", "logo", "share", "fenxiang", "qrcode", "ewm", "erweima", "banner",
               "btn", "button", "arrow", "spacer", "blank.gif", "wza", "dzjg", "jiucuo", "beian",
               "gongan")
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".zip", ".rar", ".et",
                         ".ofd")
# Links that are attachments without an extension (download?id=…).
ATTACHMENT_URL_HINTS = ("download", "downfile", "attach", "fujian", "getfile")
BLOCK_TAGS = frozenset(("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
                        "section", "article", "ul", "ol", "dd", "dt", "dl", "blockquote", "pre",
                        "center", "hr", "caption", "header", "main", "aside", "form", "table",
                        "td", "th", "address", "figure", "figcaption"))
# Inline elements whose `title` attribute is the only label a card shows (an icon).
LABEL_ICON_TAGS = ("i", "span", "em", "b", "label")
