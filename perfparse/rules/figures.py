"""Words around a number that qualify it, set its period, or show it is not a measure."""

# Before the number.
APPROX_BEFORE = ("约合", "大约", "约", "近", "逾", "超过", "将近")
COMPARATOR_BEFORE = (("≥", "ge"), ("≤", "le"), (">=", "ge"), ("<=", "le"), (">", "gt"),
                     ("<", "lt"), ("不低于", "ge"), ("不少于", "ge"), ("不高于", "le"),
                     ("不超过", "le"), ("不大于", "le"), ("不小于", "ge"))
# Between number and unit: 100多万元, 50余人.
MORE_BETWEEN = ("多", "余")
RANGE_SEPARATORS = ("至", "到", "~", "～", "-", "—", "－")

# Characters that, glued right before a number, show it is part of a code, a word or garbage.
# (A comma or a colon may come before a figure: 增加3万元,增长5% / 金额:20万元 / a CSV cell.)
NOT_AFTER = "0123456789./\\_-@#&=?\ufffd%" + "abcdefghijklmnopqrstuvwxyz" \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ〔[【"
# ... and right after the number (before any unit).
NOT_BEFORE = "0123456789/\\_@#&=?\ufffd〕]】" + "abcdefghijklmnopqrstuvwxyz" \
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Words just before a number that make it page furniture or mojibake, not a measure: view
# counters, and the debris a wrong charset leaves (锟斤拷 is U+FFFD read as GBK).
NOT_A_MEASURE_BEFORE = ("浏览次数", "浏览量", "点击数", "点击量", "访问量", "阅读数", "阅读：", "阅读:",
                        "阅读量", "锟斤拷", "烫烫", "屯屯")

# Labels after which a bare number is a score (得分 19), and what may follow it instead.
SCORE_LABELS = ("自评得分", "综合得分", "得分", "分值", "总分")
SCORE_UNIT_AFTER = "分"

# Labels after which a bare number is a ratio of two amounts (城乡居民收入比为2.08).
RATIO_LABELS = ("收入比", "收入之比", "比值", "倍差")

# Period cues in the clause before a figure, checked in this order.
PERIOD_CUES = (
    ("previous", ("上年", "上一年", "去年", "上年度", "同期", "上期")),
    ("budget", ("年初预算", "预算数", "预算安排", "调整预算", "调整后预算", "全年预算", "预算批复",
                "批复预算", "预算为", "预算的")),
    ("target", ("目标值", "指标值", "目标", "计划", "标准")),
    ("current", ("本年", "本年度", "今年", "全年", "当年", "实际", "决算", "执行数", "完成")),
)
# Table column headers.
HEADER_PERIOD_CUES = (
    ("previous", ("上年", "去年", "上一年")),
    ("budget", ("预算", "年初")),
    ("target", ("目标", "指标值", "计划", "分值", "权重")),
    ("current", ("本年", "决算", "执行", "实际", "完成", "得分")),
)
