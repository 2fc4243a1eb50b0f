"""The words of the Ministry's 绩效自评表 (项目支出 and 部门整体支出): its funding block and its
indicator block, as their headers and row labels are written. Read by
perfparse.readers.texttables and perfparse.statements.selfeval.
"""
import regex

# Funding-block columns, by key: the header words of each, tried longest first in one pass over
# the header's text (cells joined, as PDF and Word exports split 年初 | 预算数 over two lines).
FUND_COLUMNS = (
    ("initial", r"年初预算数?|年初预算"),
    ("full", r"全年[（(]?调整[)）]?预算数?|调整后预算数?|全年预算数?|调整预算数?"
             r"|预算数\s{0,2}[（(]A[)）]|(?<![初后年度])预算数(?!\s{0,2}[（(]B)"),
    ("done", r"全年执行数?|预算执行数|实际执行数?|执行数\s{0,2}[（(]B[)）]|(?<!预算)执行数"),
    ("weight", r"分值|权重|标准分"),
    ("rate", r"预算执行率|执行率\s{0,2}[（(]B\s{0,2}/\s{0,2}A[)）]|执行率\s{0,2}[（(]%[)）]|执行率"),
    ("score", r"得分|评分"),
    ("reason", r"偏差原因[^|\n]{0,20}|原因[^|\n]{0,10}|说明"),
)
# Where a funding block starts: its corner label (项目资金（万元）, 预算执行情况, 年度预算数).
FUND_START = regex.compile(r"(?:年度|部门|年度部门)?(?:项目资金|预算执行情况|年度预算数|资金情况)")
# Rows of a funding block: the total, and its parts by source (the template's 其中 rows).
FUND_TOTAL = regex.compile(r"^(?:年度)?(?:财政)?资金总额[:：]?$|^总额[:：]?$|^年度资金总额|^资金总额")
FUND_PART = regex.compile(
    r"^(?:其中\s{0,2}[:：]?\s{0,2})?(?:(?:当年|本年|年度)?财政拨款|财政资金|本级财政资金|上年结转"
    r"|结转资金|财政专户|其他资金|单位资金|自筹资金|社会资金|中央|省级|市级|县级|州级|区级"
    r"|一般公共预算|政府性基金|国有资本经营预算)")
# A 部门整体 form breaks its total down twice: by source (the parts above) and by the
# nature of spending. Each is a whole of its own; the headings between them hold no values.
FUND_NATURE = regex.compile(r"^(?:其中\s{0,2}[:：]?\s{0,2})?(?:基本支出|项目支出)[:：]?$")
FUND_GROUP = regex.compile(r"^(?:按收入性质分|按支出性质分|按资金来源分|按资金性质分|按经济性质分)[:：]?$")
# The unit the corner declares (项目资金（万元）, 年度预算数(万元)).
FUND_UNIT = regex.compile(r"[（(]\s{0,2}(万元|元)\s{0,2}[)）]")
# A block's points in its label: 产出指标(50分), 预算执行情况(10分), (20分).
POINTS = regex.compile(r"[（(]\s{0,2}(\d{1,3}(?:\.\d{1,2})?)\s{0,2}分\s{0,2}[)）]")
# 得分(20分*执行率): the funding score is its points times the rate (the document says so).
SCORE_FORMULA = regex.compile(
    r"(?:得分|评分)?\s{0,2}[（(]?\s{0,2}(\d{1,3})\s{0,2}分?\s{0,2}[*×xX]\s{0,2}(?:预算)?执行率"
    r"|分值\s{0,2}[*×xX]\s{0,2}(?:预算)?执行率")

# Indicator-block columns, by key.
IND_COLUMNS = (
    ("level1", r"一级指标"),
    ("level2", r"二级指标"),
    ("level3", r"三级指标|指标名称|指标内容"),
    ("nature", r"指标性质"),
    ("target", r"年度指标值|年初指标值|年初目标值\s{0,2}(?:[（(]A[)）])?|全年目标值|目标值|指标值"
               r"|预期目标值"),
    ("measure", r"度量单位|计量单位"),
    ("actual", r"实际完成值\s{0,2}(?:[（(]B[)）])?|全年实际值\s{0,2}(?:[（(]B[)）])?|完成值|实际值"
               r"|全年完成值"),
    ("weight", r"分值|权重"),
    ("score", r"得分|自评得分|指标得分"),
    ("reason", r"偏差原因[^|\n]{0,20}|未完成原因[^|\n]{0,20}|原因分析[^|\n]{0,20}"),
)
IND_START = regex.compile(r"一级指标")
# Labels of the first and second indicator levels (产出指标(50分), 数量指标).
# (成本指标 is a first level in the newer template, a second one under 产出 in the older: read
# as a second level, it sums the same either way.)
LEVEL1 = regex.compile(r"^(?:产出|效益|满意度|项目决策|项目管理|项目产出|项目效益|决策|过程|效果"
                       r")指标?\s{0,2}(?:[（(]\s{0,2}\d{1,3}\s{0,2}分\s{0,2}[)）])?$")
LEVEL2 = regex.compile(r"^\p{Han}{1,10}指标\s{0,2}(?:[（(]\s{0,2}\d{1,3}\s{0,2}分\s{0,2}[)）])?$")
# A comparator written in a target or in the indicator's name: ≥12个, 合格率(≥95%).
COMPARATOR = regex.compile(r"[≥≤＞＜>=<＝]|不低于|不少于|不高于|不超过|不大于|不小于|大于等于|小于等于")
GE = regex.compile(r"≥|＞|>|不低于|不少于|不小于|大于等于")
LE = regex.compile(r"≤|＜|<|不高于|不超过|不大于|小于等于")
# Where a form ends: its conclusions and signatures.
FORM_END = regex.compile(r"^(?:评价结论|存在问题|改进措施|项目负责人|财务负责人|填表人|联系电话|说明[:：])")
# A row's label that totals the whole form: 合计 of 分值, 总分.
FORM_TOTAL = regex.compile(r"^(?:合计|总分|自评总分|总计)[:：]?$")
# A header or row label is short; a longer cell is a sentence that mentions the words.
MAX_LABEL_CHARS = 24
# How many cells a form may span (bounded work on hostile text).
MAX_FORM_CELLS = 4000
# The target and actual columns' headers, for the figures of their cells.
IND_TARGET = dict(IND_COLUMNS)["target"]
IND_ACTUAL = dict(IND_COLUMNS)["actual"]
