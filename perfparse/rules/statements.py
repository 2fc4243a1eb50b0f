"""The genre's standard tables: their titles, the sets they belong to, the identities between
them and the narrative's names for what they hold. Read by perfparse.statements and
perfparse.claims.statements; only language data is here.

Titles are matched on text with spaces and quotation marks taken out (“三公”经费 → 三公经费);
where several patterns match the same title the longest match wins, so that
一般公共预算财政拨款支出决算表 is never read as 支出决算表.
"""
import regex

# (key, set, canonical name, title pattern). Sets: final (部门决算, the Ministry's nine tables),
# budget (部门预算: the eight of the national template, 国有资本经营 since 2019, and local
# extras), selfeval (绩效自评表).
KINDS = (
    ("F1", "final", "收入支出决算总表", r"(?<!财政拨款)(?:部门)?(?:收入支出|收支)决算总表"),
    ("F2", "final", "收入决算表", r"(?<!财政拨款|支出)收入决算(?:明细)?表"),
    ("F3", "final", "支出决算表", r"(?<!基本|财政拨款|经费|收入|运行)支出决算(?:明细)?表"),
    ("F4", "final", "财政拨款收入支出决算总表", r"财政拨款(?:收入支出|收支)决算总表"),
    ("F5", "final", "一般公共预算财政拨款支出决算表", r"一般公共预算财政拨款支出决算(?:明细)?表"),
    ("F6", "final", "一般公共预算财政拨款基本支出决算表",
     r"一般公共预算财政拨款基本支出决算(?:明细)?表"),
    ("F7", "final", "财政拨款“三公”经费支出决算表",
     r"(?:一般公共预算)?(?:财政拨款)?三公经费(?:财政拨款)?支出决算表"),
    ("F8", "final", "政府性基金预算财政拨款收入支出决算表",
     r"政府性基金预算财政拨款(?:收入)?支出决算表"),
    ("F9", "final", "国有资本经营预算财政拨款收入支出决算表",
     r"国有资本经营预算财政拨款(?:收入)?支出决算表"),
    ("B1", "budget", "部门收支总表",
     r"(?<!财政拨款)(?:部门|单位|财务)?收支(?:预算)?总表"),
    ("B2", "budget", "部门收入总表", r"(?<!财政拨款)(?:部门|单位)?收入(?:预算)?总表"),
    ("B3", "budget", "部门支出总表", r"(?<!财政拨款|收)(?:部门|单位)?支出(?:预算)?总表"),
    ("B4", "budget", "财政拨款收支总表", r"财政拨款收支(?:预算)?总表"),
    ("B5", "budget", "一般公共预算支出表",
     r"一般公共预算(?:财政拨款)?支出(?:功能分类)?(?:预算)?表"),
    ("B6", "budget", "一般公共预算基本支出表",
     r"一般公共预算(?:财政拨款)?基本支出[^表。，]{0,14}?表"),
    ("B7", "budget", "政府性基金预算支出表",
     r"政府性基金(?:预算)?(?:财政拨款)?支出(?:功能分类)?(?:预算)?表"),
    ("B8", "budget", "国有资本经营预算支出表",
     r"国有资本经营预算(?:财政拨款)?支出(?:功能分类)?(?:预算)?表"),
    ("B9", "budget", "一般公共预算“三公”经费支出表",
     r"(?:一般公共预算)?(?:财政拨款)?三公经费[^表。，决]{0,14}?(?:预算)?表"),
    ("B10", "budget", "财政拨款支出预算表（功能科目）", r"(?<!一般公共预算)财政拨款支出预算表"),
    ("B11", "budget", "财政拨款基本支出预算表（经济科目）", r"(?<!一般公共预算)财政拨款基本支出预算表"),
    ("B12", "budget", "机关运行经费支出预算表", r"机关运行经费(?:支出)?预算表"),
    ("B13", "budget", "政府采购支出预算表", r"政府采购(?:支出)?预算表"),
    ("S1", "selfeval", "项目支出绩效自评表", r"项目支出绩效自评表|项目绩效自评表"),
    ("S2", "selfeval", "部门整体支出绩效自评表", r"部门整体(?:支出)?绩效自评表"),
)
# The tables a set is expected to hold when the document gives no list of its own.
EXPECTED = {
    "final": ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9"),
    "budget": ("B1", "B2", "B3", "B4", "B5", "B6", "B9", "B7"),
}
# A document is taken for a full set (and missing tables reported) from this many of its
# expected tables present.
FULL_SET_FROM = 4

# Characters taken out before titles are matched.
TITLE_NOISE = regex.compile(r"[\s\"“”'‘’「」『』]+")
# A note that a table is empty: 本表无数据, 故本表为空表, 本部门无政府性基金…收支.
EMPTY_NOTE = regex.compile(
    r"本表无数据|本表为空|为空表|无数据|本(?:部门|单位)[^。；\n]{0,30}?无[^。；\n]{0,30}?(?:收入|支出|收支|经费|安排)"
    r"|没有[^。；\n]{0,30}?(?:收入|支出|收支)")
# How far after a table (or a heading) its note may stand.
NOTE_REACH = 240
# How far before a table its title may stand (characters of text).
TITLE_REACH = 320
# A contents list: three or more title lines in a row, each short.
TOC_MIN_LINES = 3
TOC_LINE_MAX = 48

# Sides of a two-sided table whose last totals must agree: 收入总计 = 支出总计.
INCOME_SIDE = "收入"
SPENDING_SIDE = "支出"

# Columns of a standard table that total the columns after them, row by row (the template
# defines the columns, so the sum is the document's own): 本年支出合计 = 基本支出 + 项目支出 + ….
ROW_TOTAL_COLUMN = regex.compile(r"^(?:合计|小计|本年收入合计|本年支出合计|收入合计|支出合计)$")
ROW_TOTAL_KINDS = ("F2", "F3", "F5", "F8", "F9", "B2", "B3", "B5", "B6", "B7", "B8", "B10",
                   "B11")
# Columns that stop the run a total column adds up.
ROW_TOTAL_STOP = regex.compile(r"上年|年初|结转|结余|率|%|比例|增减|备注")

# Names of what a table row holds, as the narrative writes them and as the tables label them.
# Each: (quantity key, narrative phrase, where in the tables: (table key, row label pattern or
# "TOTAL", column header pattern or "", side)). The narrative phrase must end the words before
# the figure (fillers such as 为/共计 allowed). Order: longer phrases first.
QUANTITIES = (
    # 决算
    ("fiscal_total", r"财政拨款(?:收入支出|收支)总计",
     (("F4", "^总计$", "", "收入"),)),
    ("grand_total", r"(?<!财政拨款)(?:收入支出|收支)总计",
     (("F1", "^总计$", "", "收入"),)),
    ("income_total", r"(?<!财政拨款)本年收入合计",
     (("F1", "^本年收入合计$", "", "收入"), ("F2", "TOTAL", "本年收入合计", ""))),
    ("spending_total", r"(?<!财政拨款)本年支出合计",
     (("F1", "^本年支出合计$", "", "支出"), ("F3", "TOTAL", "本年支出合计", ""))),
    ("fiscal_income", r"(?<!一般公共预算)财政拨款收入",
     (("F2", "TOTAL", "财政拨款收入", ""),)),
    ("other_income", r"(?<!财政拨款)其他收入", (("F2", "TOTAL", "^其他收入$", ""),)),
    ("business_income", r"(?<!经营)事业收入", (("F2", "TOTAL", "^事业收入$", ""),)),
    ("gpb_spending", r"一般公共预算财政拨款支出(?:决算)?",
     (("F5", "TOTAL", "^合计$", ""),)),
    ("gpb_basic", r"一般公共预算财政拨款基本支出", (("F5", "TOTAL", "^基本支出$", ""),)),
    ("basic", r"(?<!财政拨款)(?<!一般公共预算)基本支出",
     (("F3", "TOTAL", "^基本支出$", ""),)),
    ("project", r"(?<!财政拨款)(?<!一般公共预算)项目支出",
     (("F3", "TOTAL", "^项目支出$", ""),)),
    ("personnel", r"人员经费", (("F6", "^人员经费合计$", "", ""),)),
    ("public", r"(?<!日常)公用经费", (("F6", "^公用经费合计$", "", ""),)),
    # 预算 (the figure is the budget itself: 预算 words do not make it another period)
    ("b_fiscal_both", r"财政拨款收[、，,]?支(?:出)?(?:总预算|预算总计)",
     (("B4", "LAST", "", "收入"),)),
    ("b_both", r"(?<!财政拨款)收[、，,]?支(?:出)?(?:总预算|预算总计|预算总额)",
     (("B1", "LAST", "", "收入"),)),
    ("b_income", r"(?<!财政拨款)(?<!一般公共预算)(?:本年)?收入预算(?:总计|合计|总额)?",
     (("B1", "LAST", "", "收入"), ("B2", "TOTAL", "", ""))),
    ("b_spending", r"(?<!财政拨款)(?<!一般公共预算)(?:本年)?支出预算(?:总计|合计|总额)?",
     (("B1", "LAST", "", "支出"), ("B3", "TOTAL", "", ""))),
    ("b_fiscal_income", r"(?<!一般公共预算)财政拨款收入(?:预算)?(?:总计)?",
     (("B2", "TOTAL", "财政拨款", ""), ("B4", "LAST", "", "收入"))),
    ("b_fiscal_spending", r"(?<!一般公共预算)财政拨款(?:预算)?支出(?:预算)?",
     (("B4", "LAST", "", "支出"),)),
    ("b_gpb_spending", r"一般公共预算(?:财政)?拨款支出(?:预算)?",
     (("B5", "TOTAL", "", ""),)),
    ("b_basic", r"(?<!财政拨款)基本支出(?:预算)?(?:数)?",
     (("B3", "TOTAL", "^基本支出$", ""),)),
    ("b_project", r"(?<!财政拨款)项目支出(?:预算)?(?:数)?",
     (("B3", "TOTAL", "^项目支出$", ""),)),
)
# Fillers between a quantity's name and its figure: 本年收入合计为…, 总计共….
QUANTITY_FILLER = regex.compile(r"(?:[（(]类[)）])?(?:为|是|共计|合计|共|达|:|：)?\s{0,2}$")
# What may stand before a quantity's name: the start of the clause, a mark, the unit's name
# (…财政局, …福利院), a year (2024年度). Anything else makes it another quantity
# (政府性基金拨款支出预算 is no 支出预算).
QUANTITY_BEFORE = r"(?:^|(?<=[^\p{Han}]|[局院厅委部办会心所站队校馆团室处社年度的中]))"
# Quantities of a 预算 document start with b_; the others are a 决算's.
BUDGET_QUANTITY = "b_"
# Words before a figure that make it no level of this year: a change, last year, a budget.
NOT_A_CHANGE = regex.compile(r"比|较|增加|减少|增长|下降|持平|上年|上一年|同期|增减")
NOT_A_LEVEL = regex.compile(NOT_A_CHANGE.pattern + r"|年初预算|全年预算|预算数|预算为")
# A function class named in the narrative: 一般公共服务支出（类）2106.66万元.
CLASS_IN_TEXT = regex.compile(
    r"(?P<name>\p{Han}{2,20}?)[（(]类[)）]\s{0,2}(?:支出)?(?:预算)?(?:为|是)?\s{0,2}$")
# A 项 named with its 类 and 款: 一般公共服务支出（类）财政事务（款）行政运行（项）.
ITEM_PATH = regex.compile(
    r"(?:(?P<cls>\p{Han}{2,20}?)[（(]类[)）])?(?P<kuan>[\p{Han}（）()]{2,24}?)[（(]款[)）]"
    r"(?P<xiang>[\p{Han}（）()“”]{2,30}?)\s{0,2}[（(]项[)）]")
# An item's amount written right after its path (“…（项）”1,623.18万元; …（项）支出9370.12万元).
ITEM_AMOUNT_LEAD = regex.compile(r"^[”\"」』\s]{0,3}(?:支出|预算)?(?:为|是)?\s{0,2}$")
# Name variants that mean the same subject: 其它 for 其他.
NAME_VARIANTS = str.maketrans({"它": "他"})
# Within an item's paragraph: 年初预算为X万元，支出决算为Y万元.
ITEM_BUDGET = regex.compile(r"(?P<which>年初|全年|调整后?|调整)?预算(?:数)?(?:为|是)?\s{0,2}$")
ITEM_ACTUAL = regex.compile(r"(?:支出)?决算(?:数)?(?:为|是)?\s{0,2}$")
# 决算数大于/小于/等于预算数 and its kin, with the word that says which.
DIRECTION_WORDS = regex.compile(
    r"决算数?(?P<word>大于|多于|高于|超过|小于|少于|低于|等于)(?P<which>年初|全年|调整后?)?预算数?"
    r"|决算数?与(?P<which2>年初|全年|调整后?)?预算数?(?P<same>持平|相等|一致|相同)")
# A template's unfilled alternative (大于（小于）) or a hedge (基本持平) says nothing.
DIRECTION_HEDGE = regex.compile(r"[（(](?:大于|小于|等于|持平)[)）]|基本持平|基本一致|略")
DIRECTION_OF = {"大于": "ge", "多于": "ge", "高于": "ge", "超过": "ge",
                "小于": "le", "少于": "le", "低于": "le", "等于": "eq"}
# How far back an item's paragraph may reach for its 年初预算 and 决算 (characters).
DIRECTION_REACH = 240

# The 三公 items as the narrative names them, and the column of the 三公 table (F7/B9) that
# holds each; a figure led by 预算 reads the 预算数 column, else the 决算数 one (决算) or the
# table's only one (预算).
SANGONG_ITEMS = (
    (r"因公出国[（(]境[)）]费", r"因公出国"),
    (r"公务用车购置及运行(?:维护)?费|公务车购置及运行费", r"公务用车购置及运行[^/]*(?:/小计)?$|公务用车购置及运行[^/]*/小计"),
    (r"公务用车购置费|公务车购置费", r"公务用车购置费"),
    (r"公务(?:用)?车(?:用车)?运行(?:维护)?费", r"公务用车运行"),
    (r"公务接待费", r"公务接待费"),
    (r"三公经费(?:财政拨款)?(?:支出)?|三公经费(?:支出)?预算", r"^(?:三公经费(?:预算数)?/)?合计|三公经费/小计|三公经费预算数/合计"),
)
SANGONG_BUDGET = regex.compile(r"预算")
SANGONG_ACTUAL_COLUMN = regex.compile(r"决算")
SANGONG_BUDGET_COLUMN = regex.compile(r"预算")

# Messages of the findings (completeness and codes), in the report's language.
MSG_PRESENT = "{name}：已公开（{title}）"
MSG_EMPTY = "{name}：表内无数据{stated}"
MSG_EMPTY_STATED = "，文中说明无数据"
MSG_MISSING = "{name}：未找到（{why}列出）"
WHY_TOC = "目录"
WHY_TEMPLATE = "同类公开的标准表格"
MSG_CODE = "科目编码{code}应为“{expected}”，表中为“{got}”"
