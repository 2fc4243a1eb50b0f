"""Labels of the metadata block that portals print above an article (GENRE.md)."""

# (key, labels). Longer labels first inside each row so 信息索引号 wins over 索引号.
META_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("index_no", ("信息索引号", "监督索引号", "索引号", "索引编号", "索取号", "报表编号", "信息编号",
                  "编号", "索引號", "編號")),
    ("publisher", ("发布机构", "发文机关", "发文单位", "发布单位", "发布部门", "公开单位", "信息来源",
                   "来源", "所属机构", "發布機構", "發文機關", "來源")),
    ("category", ("公开目录", "主题分类", "信息分类", "所属主题", "分类", "栏目")),
    ("published", ("发布日期", "发布时间", "公开日期", "生成日期", "日期", "更新时间", "發布日期",
                   "發布時間")),
    ("written", ("成文日期", "发文日期", "印发日期")),
    ("doc_no", ("发文字号", "文号", "發文字號", "文號")),
    ("topic", ("主题词", "关键词")),
    ("title", ("信息名称", "标题", "名称")),
    ("views", ("浏览量", "浏览次数", "访问量", "点击数")),
)

# Words that end the metadata block or are widgets, never values.
WIDGET_WORDS = ("【字体", "字体：", "字号：", "【打印", "打印本页", "关闭窗口", "分享到", "大 中 小",
                "收藏", "无障碍", "适老化", "长者模式")

# Title cues: a line holding one of these and short enough is taken as the title.
TITLE_CUES = ("报告", "决算", "预算", "公报", "说明", "自评", "评价", "公开", "情况", "報告", "決算",
              "預算", "說明", "評價")
# The signature at the end of a report: the publishing body, then the date.
PUBLISHER_SUFFIXES = ("局", "委员会", "委", "办公室", "办", "中心", "人民政府", "政府", "院", "所", "站",
                      "厅", "部", "会", "馆", "处", "队", "镇", "乡", "街道办事处")

ADMIN_SUFFIXES = ("自治县", "自治旗", "县", "旗", "区", "市")
