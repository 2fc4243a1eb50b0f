"""Labels of the metadata block that portals print above an article (GENRE.md), and the lines
that border an article body without being part of it."""

# (key, labels). Longer labels first inside each row so 信息索引号 wins over 索引号. Read in
# documents' own text as well as in page headers.
META_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("index_no", ("信息索引号", "监督索引号", "索引号", "索引编号", "索取号", "报表编号", "信息编号",
                  "编号", "索引號", "編號")),
    ("publisher", ("发布机构", "发文机关", "发文单位", "发布单位", "发布部门", "公开单位", "信息来源",
                   "文章来源", "来源单位", "来源", "所属机构", "發布機構", "發文機關", "來源")),
    ("category", ("公开目录", "主题分类", "信息分类", "所属主题", "组配分类", "体裁分类", "分类",
                  "栏目")),
    ("published", ("发布日期", "发布时间", "发表时间", "公开日期", "公开时间", "生成日期", "日期",
                   "更新时间", "發布日期", "發布時間")),
    ("written", ("成文日期", "发文日期", "印发日期")),
    ("doc_no", ("发文字号", "文号", "發文字號", "文號")),
    ("topic", ("主题词", "关键词")),
    ("title", ("信息名称", "标题", "名称")),
    ("views", ("浏览量", "浏览次数", "阅读次数", "访问量", "点击数", "点击量")),
)
# Labels only a page header uses: read around the headline, never in a document's text, where
# 时间 or 出处 would take a sentence for a date or a source.
HEADER_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("publisher", ("出处", "稿源")),
    ("published", ("发布于", "创建时间", "信息时间", "发稿时间", "录入时间", "上传时间", "时间")),
    # Read only when nothing says when the page was published.
    ("updated", ("更新时间", "更新日期", "修改时间", "最后更新")),
    ("author", ("责任编辑", "审核人", "作者", "编辑", "审核", "记者", "撰稿", "供稿", "通讯员",
                "摄影", "校对")),
    ("views", ("访问次数", "浏览", "点击", "阅读")),
    ("category", ("服务对象", "时效", "有效性")),
    ("widget", ("文字大小", "字体大小", "字号", "字体", "分享到", "分享")),
)
# Keys read from labels but not kept in the metadata (they only end the value before them).
STOP_KEYS = ("views", "author", "widget")

# Words that end the metadata block or are widgets, never values.
WIDGET_WORDS = ("【字体", "字体：", "字号：", "【打印", "打印本页", "关闭窗口", "分享到", "大 中 小",
                "收藏", "无障碍", "适老化", "长者模式", "我要打印", "我要纠错", "打印", "【关闭")

# Widget tokens: a line made of these (and brackets, bars, punctuation) is a widget line.
# Longer first so 关闭窗口 is taken whole.
WIDGET_TOKENS = ("打印本页", "打印此页", "打印文章", "我要打印", "打印", "关闭本页", "关闭窗口",
                 "关闭文章", "关闭页面", "关闭", "返回顶部", "返回列表", "返回首页", "返回", "顶部",
                 "分享到", "分享", "收藏本页", "加入收藏", "收藏", "我要纠错", "内容纠错", "纠错",
                 "字体大小", "文字大小", "字号", "字体", "大中小", "大", "中", "小", "扫一扫",
                 "在手机打开当前页", "在手机上查看当前页面", "手机扫一扫", "用手机看", "用手机查看",
                 "手机查看", "下载", "保存为WORD", "保存", "微信", "微博", "QQ空间", "朋友圈",
                 "TOP", "默认", "放大", "缩小", "听全文", "语音播报", "浏览次数", "阅读次数",
                 "访问量", "次")
# A line opening with one of these ends the article: what follows is related links, the
# previous / next article, attachments boxes or the template's notices.
END_HEADINGS = ("相关阅读", "相关链接", "相关文章", "相关稿件", "相关新闻", "相关文件", "相关附件",
                "相关信息", "相关解读", "相关政策", "关联稿件", "关联政策", "关联资讯", "关联文件",
                "推荐阅读", "热点推荐", "上一篇", "下一篇", "附件下载", "文件下载", "网友评论",
                "扫一扫", "平台声明", "免责声明", "版权声明", "声明：", "责任编辑", "主办单位",
                "主办：", "版权所有")
# Credit and source lines at a body's edge: metadata, not article text.
CREDIT_LABELS = ("信息来源", "文章来源", "来源", "原文地址", "原文链接", "责任编辑", "编辑", "审核人",
                 "审核", "校对", "撰稿", "供稿", "记者", "通讯员", "作者", "摄影", "编审")
# Words of a reposting site's note that the original's figures or tables were left out.
REPOST_NOTE_WORDS = ("原文",)
REPOST_NOTE_VERBS = ("查阅", "查看", "访问", "详见")
# Words of a credit line that names a reporter without a label (…记者 某某 整理).
REPORTER_WORDS = ("记者", "通讯员")
REPORTER_VERBS = ("整理", "报道", "采写", "摄")
# Breadcrumb openers and separators.
BREADCRUMB_OPENERS = ("当前位置", "您当前的位置", "您现在的位置", "您的位置", "所在位置", "位置",
                      "选择区域")
BREADCRUMB_SEPARATORS = (">", "＞", "»", "›", "→", "->")
# A promotion line a site appends inside the article area: ※ … ※.
PROMO_MARK = "※"

# Title cues: a line holding one of these and short enough is taken as the title.
TITLE_CUES = ("报告", "决算", "预算", "公报", "说明", "自评", "评价", "公开", "情况", "報告", "決算",
              "預算", "說明", "評價", "总结", "分析", "计划")
# The signature at the end of a report: the publishing body, then the date.
PUBLISHER_SUFFIXES = ("局", "委员会", "委", "办公室", "办", "中心", "人民政府", "政府", "院", "所", "站",
                      "厅", "部", "会", "馆", "处", "队", "镇", "乡", "街道办事处")

ADMIN_SUFFIXES = ("自治县", "自治旗", "县", "旗", "区", "市")
# Words ending in a place suffix that name no place (全市 …).
NOT_PLACES = frozenset(("全市", "全县", "全区", "全州", "全旗", "本市", "本县", "本区", "我市", "我县",
                        "我区", "各县", "各区", "各市", "城区", "市区", "县区", "辖区", "园区", "社区",
                        "景区", "库区", "片区", "新区"))
# Earliest year a portal page can be published in.
FIRST_YEAR = 1990
