"""Units, their kinds and scales. Order matters: longer units first (亿元 before 元)."""
from decimal import Decimal

# (unit as written, kind, scale to the base unit). Tried longest first by the pattern builder.
UNITS: tuple[tuple[str, str, Decimal], ...] = (
    ("亿元", "money", Decimal(100000000)),
    ("万亿元", "money", Decimal(1000000000000)),
    ("千万元", "money", Decimal(10000000)),
    ("百万元", "money", Decimal(1000000)),
    ("万元", "money", Decimal(10000)),
    ("千元", "money", Decimal(1000)),
    ("元", "money", Decimal(1)),
    ("个百分点", "pp", Decimal(1)),
    ("百分点", "pp", Decimal(1)),
    ("%", "percent", Decimal(1)),
    ("平方公里", "area", Decimal(1)),
    ("平方千米", "area", Decimal(1)),
    ("平方米", "area", Decimal(1)),
    ("公顷", "area", Decimal(1)),
    ("亩", "area", Decimal(1)),
    ("人次", "count", Decimal(1)),
    ("户次", "count", Decimal(1)),
    ("件次", "count", Decimal(1)),
    ("份次", "count", Decimal(1)),
    ("场次", "count", Decimal(1)),
    ("批次", "count", Decimal(1)),
    ("车次", "count", Decimal(1)),
    ("架次", "count", Decimal(1)),
    ("人", "count", Decimal(1)),
    ("名", "count", Decimal(1)),
    ("个", "count", Decimal(1)),
    ("件", "count", Decimal(1)),
    ("项", "count", Decimal(1)),
    ("场", "count", Decimal(1)),
    ("批", "count", Decimal(1)),
    ("家", "count", Decimal(1)),
    ("条", "count", Decimal(1)),
    ("笔", "count", Decimal(1)),
    ("户", "count", Decimal(1)),
    ("辆", "count", Decimal(1)),
    ("次", "count", Decimal(1)),
    ("所", "count", Decimal(1)),
    ("台（套）", "count", Decimal(1)),
    ("台(套)", "count", Decimal(1)),
    ("台套", "count", Decimal(1)),
    ("个工作日", "other", Decimal(1)),
    ("工作日", "other", Decimal(1)),
    ("台", "count", Decimal(1)),
    ("套", "count", Decimal(1)),
    ("份", "count", Decimal(1)),
    ("座", "count", Decimal(1)),
    ("处", "count", Decimal(1)),
    ("间", "count", Decimal(1)),
    ("张", "count", Decimal(1)),
    ("篇", "count", Decimal(1)),
    ("期", "count", Decimal(1)),
    ("起", "count", Decimal(1)),
    ("宗", "count", Decimal(1)),
    ("册", "count", Decimal(1)),
    ("本", "count", Decimal(1)),
    ("头", "count", Decimal(1)),
    ("只", "count", Decimal(1)),
    ("羽", "count", Decimal(1)),
    ("枚", "count", Decimal(1)),
    ("艘", "count", Decimal(1)),
    ("株", "count", Decimal(1)),
    ("分", "score", Decimal(1)),
    ("公里", "other", Decimal(1)),
    ("千米", "other", Decimal(1)),
    ("米", "other", Decimal(1)),
    ("吨", "other", Decimal(1)),
    ("公斤", "other", Decimal(1)),
    ("千克", "other", Decimal(1)),
    ("千瓦时", "other", Decimal(1)),
    ("度", "other", Decimal(1)),
    ("千瓦", "other", Decimal(1)),
    ("立方米", "other", Decimal(1)),
    ("天", "other", Decimal(1)),
    ("小时", "other", Decimal(1)),
    ("岁", "other", Decimal(1)),
)
UNIT_INFO = {u: (kind, scale) for u, kind, scale in UNITS}

# Magnitude prefixes written before a non-money unit: 4.5万人, 120万份次, 1.2万亩.
MAGNITUDES = (("亿", Decimal(100000000)), ("万", Decimal(10000)), ("千", Decimal(1000)))

# What may follow a unit and shows it was not a unit after all (分钟 is time, 个月 a duration,
# 次年 the next year, 元旦 a holiday, 人民 a word, 分别/分之 are not scores).
UNIT_NOT_FOLLOWED_BY = {
    "分": "钟别之配析类项局中管批期段成担摊值数",
    "个": "月人体别案",
    "次": "年日月",
    "元": "旦",
    "人": "民员大社",
    "名": "称单次义",
    "家": "庭属",
    "期": "间末初限",
    "场": "所地景",
    "本": "级年期单部",
    "所": "属有在需以",
    "台": "账",
    "只": "是有能要会见",
    "度": "的过假",
    "间": "隔",
    "处": "理置",
    "天": "然",
    "米": "粮",
    "件": "事",
    "条": "例件",
    "起": "草",
    "头": "部",
    "份": "额",
}

# Half-width equivalents for full-width digits and marks; traditional unit characters.
# Each row maps one character to one character so offsets stay valid.
CHAR_MAP = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "．": ".", "％": "%", "－": "-", "＋": "+", "萬": "万", "億": "亿", "圓": "元",
    "長": "长", "減": "减", "點": "点", "個": "个", "項": "项", "額": "额", "≧": "≥", "≦": "≤",
    "﹪": "%", "–": "-", "−": "-", "\u3000": " ",
})

# Chinese numerals, with the financial capitals (大写) of receipts and budget tables.
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9,
             "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6, "陸": 6,
             "柒": 7, "捌": 8, "玖": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
# 廿 = 二十, 卅 = 三十, 卌 = 四十: a whole number of tens in one character (廿五 = 25).
CN_TENS = {"廿": 20, "卅": 30, "卌": 40}
CN_BIG_UNITS = {"万": 10000, "亿": 100000000}
