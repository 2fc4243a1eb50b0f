"""Words that give a table's rows their place: numbering, 科目编码, 其中, totals, sides.

Read by perfparse.statements.layout; only language data is here.
"""
import regex

# Row numbering styles, outermost first. A label that opens with one of these is an item of an
# outline (一、 > （一） > 1. > (1) > ①); the style, not the number, gives the depth.
NUMBERING = (
    ("cn", regex.compile(r"^\s{0,2}(?P<n>[一二三四五六七八九十]{1,3})\s{0,2}[、.．，,]")),
    ("cn_paren", regex.compile(r"^\s{0,2}[（(]\s{0,2}(?P<n>[一二三四五六七八九十]{1,3})\s{0,2}[)）]")),
    ("arabic", regex.compile(r"^\s{0,2}(?P<n>\d{1,2})\s{0,2}(?:[、．]|\.(?!\d))")),
    ("arabic_paren", regex.compile(r"^\s{0,2}[（(]\s{0,2}(?P<n>\d{1,2})\s{0,2}[)）]")),
    ("circled", regex.compile(r"^\s{0,2}(?P<n>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
)
CN_ORDINALS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 其中：/ 其中: — a row that breaks down part of the row above it.
OF_WHICH = regex.compile(r"^\s{0,2}其中\s{0,2}[:：]?")

# A budget-subject code written in a label cell: 2010101 行政运行, 20101-人大事务, 201一般公共服务支出.
# Classification codes are 3 digits (类), 5 (款) or 7 (项); the first digit is 1 (收入), 2 (支出功能)
# or 3/5 (经济分类).
CODE_IN_LABEL = regex.compile(
    r"^\s{0,2}(?P<code>[1-5]\d{2}(?:\d{2}){0,2})(?:\s{0,3}[-－—、.．:：]\s{0,3}|\s{1,3}|(?=\p{Han}))"
    r"(?![万亿千元个人户次项件年月日])(?P<name>\p{Han}{2}.*)$")
# A cell that holds only a code (or a code's part in split 类|款|项 columns).
CODE_CELL = regex.compile(r"\d{2,7}")
# Words that may stand in a code column besides codes: the 类/款/项 header row's own cells.
CODE_COLUMN_WORDS = regex.compile(r"^(?:类|款|项|目|科目编码|功能分类科目编码|经济分类科目编码|编码|序号)$")
# Headers of key columns: codes and row numbers, never amounts.
CODE_HEADER = regex.compile(r"编码|代码|编号|序号|行次|^类$|^款$|^项$|/类$|/款$|/项$")
# The level a label's suffix names: 一般公共服务支出（类）.
LEVEL_SUFFIX = (("类", 1), ("款", 2), ("项", 3))
LEVEL_SUFFIX_RE = regex.compile(r"[（(](类|款|项)[)）]\s{0,2}$")

# Labels of total rows. A bare 合计/总计/小计 totals the block of rows it closes (or opens);
# 本年收入合计, 收入总计 … do so on their side of a two-sided table.
TOTAL_ROW = regex.compile(
    r"^(?:合\s{0,3}计|总\s{0,3}计|小\s{0,3}计|共\s{0,3}计|总\s{0,3}分|合计数|总计数)$"
    r"|^(?:本年|当年|本期)?(?:收入|支出|收支)(?:合计|总计|小计)$"
    r"|^(?:收入|支出)(?:预算)?(?:合计|总计)$"
    r"|^(?:收入|支出)总计$")
# A total row named for what it totals (人员经费合计): its parts are a guess of ours.
NAMED_TOTAL_ROW = regex.compile(r"(?:合计|总计|小计)$")

# Placeholders for an empty cell: dashes, slashes, ellipses.
PLACEHOLDER = regex.compile(r"^[—–\-/／－…。.·\s]{1,6}$")

# Sides of a two-sided table, named by the first level of their header.
SIDE_NAMES = (("收入", "收入"), ("支出", "支出"), ("资金来源", "收入"), ("资金运用", "支出"))

# Words of a header row, never of a data row: a table that starts with them is a new table,
# not the continuation of the one before it across a page break.
HEADER_WORD = regex.compile(
    r"^(?:收入|支出|项目|项目名称|科目名称|功能分类科目名称|功能科目名称|金额|决算数|预算数|本年收入|"
    r"本年支出|本年收入合计|本年支出合计|合计|基本支出|项目支出|科目编码|功能科目编码|经济分类|类|款|项|"
    r"收入/项目|支出/项目|指标|单位名称|序号)$")

# Header words of a form's later section (a 自评表's indicator block under its funding block):
# a row with two or more of them and no number starts a section with columns of its own.
SECTION_HEADER_WORD = regex.compile(
    r"^(?:一级指标|二级指标|三级指标|年度指标值|年初指标值|指标值|目标值|实际完成值|完成值|实际值|分值|得分|权重"
    r"|年初预算数?|全年预算数?|调整后?预算数?|预算数|全年执行数|预算执行数|执行数|执行率|预算执行率|决算数|金额"
    r"|预\s{0,3}算\s{0,3}科\s{0,3}目|科目名称|项目名称|完成数|指标名称|偏差原因\S{0,12})"
    r"\s{0,2}(?:[（(][^）)]{0,10}[)）])?$")
# A row that titles the next table of a sheet or a Word table holding several (附表7, …收入完成
# 情况表, 单位：万元): it ends a section.
SECTION_TITLE = regex.compile(r"^附表\s{0,2}\d{1,3}|表$|表[（(]|单位[:：]")

# Breakdowns of table rows known to be whole, beside perfparse/rules/partitions.py: the funding
# sources of a 自评表's 年度资金总额 (其中：当年财政拨款 / 上年结转资金 / 其他资金).
ROW_PARTITIONS = (
    ("资金来源", (
        ("财政拨款|财政资金|本级资金|中央|省级|市级|县级", True),
        ("上年结转|结转资金|财政专户", False), ("其他资金|单位资金|自筹|社会资金", False))),
)
# Rows that continue a 其中 list although the list may not be whole (中央补助资金, 县级配套资金).
ROW_SIBLINGS = (
    ("资金层级", (
        ("中央", False), ("省级|省本级", False), ("市级|州级|市本级", False),
        ("县级|区级|县本级|区本级|乡镇", False))),
)
# Headers of text columns that hold values, not row names (年度指标值 ≥95%, 实际完成值 明显改善).
VALUE_TEXT_HEADER = regex.compile(
    r"指标值|完成值|实际值|目标值|完成情况|计量单位|度量单位|^单位$|备注|说明|原因|性质|打印|是否")

# A unit declared with a colon in the caption lines before a table, whatever follows it
# (单位：万元收支预算总表, where the PDF ran the title into the caption); how far back to look.
UNIT_COLON = regex.compile(r"单位\s{0,3}[：:]\s{0,3}(?:人民币)?\s{0,2}(亿元|万元|千元|元)")
UNIT_REACH = 160

# A row that opens another classification of the row above it (分产业, 按行业分, 从地区看): the
# rows under it break that row down, again.
CLASSIFY_ROW = regex.compile(r"^(?:分|按)\p{Han}{1,8}?(?:分|看|划分)?$|^从\p{Han}{1,8}看$")
# Columns of shares (构成(%), 比重, 占比): their parts add to the whole's 100.
SHARE_COLUMN = regex.compile(r"构成|比重|占比|结构")
# How many rows a known breakdown may take.
MAX_PARTITION_ROWS = 12

# The names of the whole a known breakdown's rows may follow directly in a table (地区生产总值
# over 第一/第二/第三产业): by the breakdown's name in perfparse/rules/partitions.py.
PARTITION_WHOLE = (
    ("三次产业", r"生产总值|增加值|GDP"),
    ("三公经费", r"三公"),
    ("公务用车", r"公务用车购置及运行|公务用车费"),
    ("支出性质", r"^(?:本年)?支出(?:合计|总计)?$|支出合计|财政拨款支出"),
    ("基本支出构成", r"基本支出"),
    ("城乡", r"人口|居民|户数"),
    ("性别", r"人口|人数|职工"),
    ("税收与非税", r"^(?:一般公共预算)?收入$|收入合计|财政收入"),
)
# Columns that add up nothing: indices, prices, averages, per-head figures.
NOT_ADDITIVE = regex.compile(r"指数|价格|均价|单价|平均|人均|户均|亩产|单产|密度|利率")
