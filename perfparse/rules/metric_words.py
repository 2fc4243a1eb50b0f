"""Words trimmed from a clause to leave the noun phrase a figure measures."""
import regex

# Leading words: time, place and connectors (longest first within the alternation).
LEADING = regex.compile(
    r"^(?:(?:截至|截止)(?:\d{4}年)?(?:\d{1,2}月(?:底|末)?|目前|年底)|\d{4}年(?:度)?|\d{1,2}月(?:份)?"
    r"|本年度|上年度|本年|上年|全年|今年|去年|当年|年初|年末|其中|另外|此外|同时|共有|共|全县|我县|我局"
    r"|本单位|本部门|单位|部门|主要用于|用于|以及|和|及|与|、|的|在|对|是|为|合计|总计|累计|实现|完成"
    r"|[\s\d.]+)+")
# Trailing words: verbs and links that sit between the noun and its number.
TRAILING = regex.compile(
    r"(?:为|是|达|达到|共计|共|合计|总计|累计|约|近|实现|完成|计|的|有|占|了|到|至|共有|总额为"
    r"|分别为|分别|各是|各为|各|金额|数额|数|\s)+$")
# A clause ending in one of these makes the next number a change or a rate, not a level.
CHANGE_CUE = regex.compile(
    r"(?:增加|减少|增长|下降|增收|减收|提高|降低|上升|增幅|减幅|增长率|下降率|增速|回落|持平|多|少|节约"
    r"|增|减|降|升)(?:了|为|是|达|达到|幅度为|率为|率|幅)?$")
# Local metrics too vague to stand alone: use the sentence's subject instead.
GENERIC = frozenset((
    "", "支出", "收入", "资金", "金额", "经费", "费用", "合计", "总计", "数", "总额", "比例", "增长率",
    "增幅", "减幅", "率", "情况", "年度", "本年", "上年", "增长", "下降", "增加", "减少", "其中",
    "预算", "决算", "执行数", "预算数", "上年度支出", "上年度收入", "支出情况", "收入情况", "人均支出",
))
QUOTES = "“”\"'‘’《》「」〈〉"
