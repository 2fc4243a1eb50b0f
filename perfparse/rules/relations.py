"""Words that make a claim out of figures, as small patterns. Read by perfparse.claims."""
import regex

# 分产业看 / 按性别分： / 按经营地统计， / 在地区生产总值中， / 从地区分布看: a breakdown with no 其中.
# (按可比价格计算 and the like say how a figure is computed, not how it is divided.)
CLASSIFY_OPENER = (
    r"分\p{Han}{1,6}看|从[^，,。；;]{1,10}看"
    r"|按(?!可比|不变|现价|常住|户籍|同口径|规定|要求|计划|时|期|月|季)[^，,。；;：:]{1,8}?"
    r"(?:划分|分|统计)(?=[，,：:])"
    r"|在[^，,。；;\d]{2,10}中(?=[，,：:])")

# The words between two figures (the "lead" of the second) decide what the second one is.
# Ordered: the first row that matches wins.

# 比上年增加X / 较2019年…增加X / 同比减收X / 与上年相比各减少X: a change of the sentence's level.
CHANGE_LEAD = regex.compile(
    r"(?:增加|增长|减少|下降|增收|减收|上升|降低|多|少|提高|回落|节约|节支|超支|增支|减支|增产|减产"
    r"|净增|净减|调增|调减)(?:了|为|是|各|约)?$")
# Which of those words mean a fall.
DOWN_WORDS = regex.compile(r"减少|下降|减收|降低|少|回落|节约|节支|减支|减幅|下降率|降幅|减产|净减|调减")
# A change word right after a figure (…A减少D).
CHANGE_AFTER = regex.compile(r"[ ]?(?:增加|减少|增长|下降|增收|减收|提高|降低)")
# 由A调整为B，调增D / 由A变动为B: A is the amount before, B after.
FROM_AMOUNT = regex.compile(r"由(?:年初预算|年初|原)?$")
TO_AMOUNT = regex.compile(r"^[^，,。；;\d]{0,12}?(?:调整|变动|变更|提高|增加|减少|下降|降低|压减|追加)?(?:为|到|至)$")
# 增长12.7%，高于全疆（1.7%）11.0个百分点: the rate against the one compared in brackets.
ABOVE_WORD = regex.compile(r"(?:高于|快于|超过|超出)")
BELOW_WORD = regex.compile(r"(?:低于|慢于|落后于?)")
SAVINGS_WORD = regex.compile(r"节约|节支|节资|审减|核减|压减")
# 预算金额A，中标金额B，节约率P% / 送审金额A，审定金额B，审减率P%: the fall from A to B.
FALL_RATE = regex.compile(r"(?:节约率|节支率|节资率|审减率|核减率|压减率)(?:为|是|达)?$")
# 出生率A‰，死亡率B‰，自然增长率C‰: C = A − B.
BIRTH_RATE = regex.compile(r"出生率")
DEATH_RATE = regex.compile(r"死亡率")
NATURAL_RATE = regex.compile(r"自然增长率")
# Rates defined as one stated amount over another: (the rate's name, numerator, denominator),
# each matched against the words that lead to a figure and its metric.
DEFINED_RATES = tuple((regex.compile(rate), regex.compile(num), regex.compile(den)) for
                      rate, num, den in (
    (r"城镇化率(?:为|是|达)?$", r"城镇(?:常住)?人口", r"(?<!城镇|城市|乡村|农村)(?:常住人口|总人口)"),
))
# 收入A，支出B，当年收支结余C: C = A − B.
SURPLUS_CUE = regex.compile(r"(?:当年|本年|年度)?收支(?:结余|缺口|差额)(?:为|是)?$")
UP_WORDS = regex.compile(r"增加|增长|增收|上升|多|提高|增幅|增长率|增速|超支|增支")
# 增长35.1% / 增长率为35.1% / 增幅150.38% / 下降(以下简称…)42.5%: a growth rate.
RATE_LEAD = regex.compile(
    r"(?:增长|下降|增幅|减幅|降幅|增长率|下降率|增速|上升|降低|回落|增产|减产|增|降)"
    r"(?:幅度|率)?(?:变|达到|达|为|是|了|约)*$")
# What a metric may carry beyond the quantity it names, for matching a quantity across parts
# of a report: note marks (①, [2]), spaces, and the words of doing or planning.
QUANTITY_NOISE = regex.compile(
    r"[\u2460-\u2473\s]|\[\d+\]|完成|执行数|执行|实现|预算数|安排|预计|预期|计划|实际|达到|决算数|拟|"
    r"(?:年初|调整后?|变动后)预算|"
    r"^[^，,。；;：:]*?其中[：:]?|地方|(?:为|按|约|共|是)$")
# The run of name characters a quantity's words end in (after its noise is gone).
NAME_RUN = regex.compile(r"[\p{Han}“”]+$")
# Words every budget quantity shares: a name of only these names none in particular.
GENERIC_QUANTITY = regex.compile(r"预算|收入|支出|总计|合计|资金|[—\-－]")
# Words around a category's name that do not make it another thing: numbering, punctuation,
# the money words and the verbs of stating an amount.
CATEGORY_FILLER = regex.compile(
    r"[\s\d.．、，,；;：:（）()“”\-—]|支出|经费|资金|收入|预算|决算|数|安排|为|是|共|合计|完成|实现")
# 增加D万元，增加P% / 减少D，减少P%: the bare change word before a change's rate.
BARE_CHANGE = regex.compile(r"[，,]\s*(?:增加|减少)(?:了)?\s*")
# 提高0.7个百分点: a change of a percentage, in points.
PP_LEAD = regex.compile(r"(?:提高|增加|上升|下降|降低|减少|回落|增长)(?:了)?$")
# 占总收入100% / 占比77.9% / 占全年支出的比重为22.1%
SHARE_LEAD = regex.compile(r"占(?P<whole>[^，,。；;]{0,20}?)(?:的)?(?:比重|比例|比)?(?:为|是|达)?$")
# 第二产业增加值比重为67.3%: a share whose whole the sentence named before.
BARE_SHARE = regex.compile(r"(?P<subject>\p{Han}{2,16}?)(?:的)?比重(?:为|是|达)?$")
# 完成率100% / 执行率为97% / 覆盖率77.48% / "最多跑一次"率达99.55% / 为预算的99.1%
RATIO_LEAD = regex.compile(
    r"(?:(?<kind>完成率|执行率|覆盖率|达标率|合格率|满意率|办结率|使用率|到位率|兑现率|控制率|率)"
    r"(?:为|是|达|达到|约)*|(?<kind>(?:为|占|完成|达到|是)(?:年初|调整)?预算(?:数)?(?:的)?)"
    r"|(?<kind>的))$")
# 预算 as a budget (年初预算, 调整预算, 预算数, 支出预算为), not inside a fund's name
# (一般公共预算收入, 政府性基金预算支出).
BUDGET_WORD = regex.compile(
    r"(?<!公共|基金|经营|保险)预算(?!收入|支出|收支|资金)|调整为|调整后|调整到|调增为|调减为|调整至")
# The budgets a rate or change may name, tried in this order.
BUDGET_KINDS = ("调整", "变更", "年初")
# 年均增长P%: compounded over several years.
AVERAGE_RATE = regex.compile(r"年均|平均每年|平均增长|平均增速")
# What a rate is named for: 办结率 → 办结, 完成率 → 完成 (the numerator's own verb).
RATE_STEM = regex.compile(r"(\p{Han}{2})率(?:为|是|达|达到|约)*$")
SAVINGS_LEAD = regex.compile(r"(?:节约率|节支率|节资率|节约比例)(?:为|是|达)*$")
PREMIUM_LEAD = regex.compile(r"(?:增价率|溢价率|增值率)(?:为|是|达)*$")
# 人均支出94元 / 户均 / 平均每人
PER_CAPITA_LEAD = regex.compile(r"(?:人均|户均|平均每人|每人平均|平均每户|生均|人均支出)")
# 已达考核指标13%的标准 / 达到…要求 / 高于 / 不低于
THRESHOLD_LEAD = regex.compile(r"(?:已达|达到|超过|高于|不低于|优于|满足)[^，,。；;]{0,12}$")
THRESHOLD_TAIL = regex.compile(r"^(?:的|以上)?(?:标准|要求|目标|以上|考核|任务|指标)")
# 较2024年的2190万元 / 比上年的 / 上年度 X: the previous level stated outright.
PREVIOUS_LEAD = regex.compile(
    r"(?:较|比|与)(?:上年|上一年|去年|(?:19|20)\d\d年)[^，,。；;]{0,12}?$")
# 完成率98.5%，较目标值95%提高3.5个百分点: the value after 较/比 is the base of the change.
COMPARED_LEAD = regex.compile(r"(?:较|(?<!占)比(?!重|例|率|值)|与)[^，,。；;]{0,10}$")
# A comparison between a level and its change: 比上年增加 / 较2019年 / 与上年相比 / 同比.
# 与上年相比增加D / 比上年减少D opening its sentence: a change with no subject of its own.
SUBJECTLESS_CHANGE = regex.compile(
    r"^[，,\s]*(?:与上年(?:相比|比较)|比上年|较上年|同比)[，,\s]*(?:增加|减少|增长|下降|持平)(?:了)?\s*$")
# 财政拨款支出主要内容如下：⏎ / 项目支出具体情况如下：⏎: a heading over numbered lines of parts.
NUMBERED_INTRO = regex.compile(
    r"(?P<name>\p{Han}{2,16}?)(?:的)?(?:主要内容|具体情况|具体内容|主要构成|构成情况|明细情况)"
    r"(?:如下|包括)[:：]?[ \t]*\n")
# A cue that closes its line over a list of item lines: 包括： / 其中： / …如下：
LINE_LIST_CUE = regex.compile(r"(?:其中|包括|如下|具体为|分别为)[:：][ \t]*(?=\n)")
# What opens an item line: ——, 1. / 1、, （1）, （一）, 一、, ①; `n` the number.
ITEM_MARK = regex.compile(
    r"[ \t　]*(?:(?P<dash>——|—)|(?P<arabic>(?P<n>\d{1,2})[.．、](?!\d))"
    r"|(?P<paren>[（(](?P<n>\d{1,2})[)）])|(?P<cparen>[（(](?P<n>[一二三四五六七八九十])[)）])"
    r"|(?P<chinese>(?P<n>[一二三四五六七八九十])、)|(?P<circled>(?P<n>[①-⑳])))")
SENTENCE_BREAK_BACK = regex.compile(r"(?r)[。！？!?]")
# What a metric may end with beyond the quantity it names: 支出预算 → 支出.
METRIC_TAIL = regex.compile(r"(?:预算数|决算数|预算|决算|总额|数)$")
COMPARISON_CUE = regex.compile(r"比|较|与[^，,。；;]{0,12}相比|同比|环比|上年|去年|同期")
# What may stand between two changes of one item (同比增收A，同比减收B): change and comparison
# words, and whatever is not a Chinese character. Anything else names another item.
CHANGE_WORDS = regex.compile(
    r"增加|增长|减少|下降|增收|减收|上升|降低|提高|回落|节约|超支|增支|减支|同比|环比|比上年|较上年"
    r"|与上年相比|上年|去年|同期|分别|各|了|为|是|约|[^\p{Han}]")
ITEM_WORDS = regex.compile(r"\p{Han}")
# Whose figures: the whole area, or the government's own level (本级). Longest first.
SCOPE_WORD = regex.compile(
    r"全(?:省|市|州|盟|县|区|旗|镇|乡)|(?:省|市|州|县|区|旗)?本级|(?:省|市|州|县|区|旗|乡|镇|乡镇)级(?!别)")
# Verbs a metric's name may carry that do not change what it names (支出安排 = 支出).
NAME_NOISE = regex.compile(r"(?:安排|完成|实现|达到|预计|总数|总额|总量)$")
# Words that say "this year's" without changing what is measured.
THIS_YEAR_WORD = regex.compile(r"本年度|本年|当年|今年|全年|(?:19|20)\d\d年度?")
# The last clause boundary before a point (searched right to left).
CLAUSE_START = regex.compile(r"(?r)[，,；;：:。]")
# The run of one-character categories a total's name enumerates (猪牛羊禽 in 猪牛羊禽肉产量).
ENUMERATION_RUN = regex.compile(r"[猪牛羊禽马驴骡鸡鸭鹅鱼虾蟹稻麦豆薯棉麻糖油茶果菜粮]{2,}$")
# What separates the parts of a structure ratio.
RATIO_COLON = regex.compile(r"[:：∶]")
# A sentence ends between two figures.
SENTENCE_BREAK = regex.compile(r"[。！？!?\n]")
# 由A%提高到B%: the first percentage is the earlier one.
FROM_TO = regex.compile(r"\G[^，,。；;]{0,12}?(?:提高|上升|下降|降低|增加|减少|回落)?(?:到|至)")
# (…人民代表大会…批准的…收入为X: the approved budget.)
BUDGET_LEAD = regex.compile(
    r"(?:(?:较|比|与)(?:年初)?预算|(?:年初|调整后?|全年|当年|变更后)预算)(?:数)?(?:为|是)?$"
    r"|批准的[^，,。；;]{0,30}(?:为|是)$")
# A year named before a budget (比2024年预算): another year's budget.
YEAR_WORD = regex.compile(r"(?:19|20)\d\d年")
# 比上年预算减少: a change against last year's budget is a change against the previous year.
PREVIOUS_WORDS = regex.compile(r"上年|去年|上一年|同期|同比")
# A figure led by these is the plan a completion rate divides by.
PLAN_WORDS = regex.compile(r"目标|计划|任务|预算|应")
# A figure in a 其中 list that totals the items before it: 三项合计18.45亿元.
SUBTOTAL_LEAD = regex.compile(
    r"(?:[两二三四五六七八九十\d]+项|以上|上述)?(?:合计|小计|共计|总计|决算结果|总收入|总支出"
    r"|总收入完成|总支出完成)(?:为|是|达)?$")
# A trade balance and the flows it nets.
TRADE_BALANCE = regex.compile(r"顺差|逆差")
EXPORT_WORD = regex.compile(r"出口")
IMPORT_WORD = regex.compile(r"进口(?!总)")
# Words of a revenue or an expenditure total.
TOTAL_WORD_ANY = regex.compile(r"总计|合计|决算结果|总收入|总支出")
INCOME_WORD = regex.compile(r"收入")
# 实际完成B / 执行数B after a budget: the outturn of what the budget names.
OUTTURN_LEAD = regex.compile(r"^[，,]?(?:实际|全年)?(?:完成|执行|实现)(?:数)?(?:为|是)?$")
SPEND_WORD = regex.compile(r"支出")
# 收支相抵，年终结余X / 收支相抵后结转下年X: revenue total less expenditure total.
# 收支相抵，(全市社会保险基金)当年结余X: an amount netted from the revenue and spending before.
NET_SAID = regex.compile(r"收支相抵")
NET_AMOUNT = regex.compile(r"(?:结余|结转|结存|缺口|赤字)(?:资金)?(?:为|是)?\s*$")
NET_CUE = regex.compile(r"收支相抵[^，,。；;]{0,6}[，,]?[^，,。；;\d]{0,10}$")
# …支出总计B，年终结转C: what a balance statement carries over after its two totals.
CARRY_AFTER_TOTAL = regex.compile(r"^[，,；;]?(?:年终|年末|当年)(?:结转|结余|结转结余|滚存结余)(?:为|是)?$")
# …，收入总计D / …，支出合计D / …，共计D: a total after the amounts it sums.
TAIL_TOTAL = regex.compile(
    r"[，,；;、]\p{Han}{0,8}(?:总计|合计|共计|总收入|总支出|可用财力)(?:为|是|达)?$")
# …，三项合计D / …，以上合计D: a subtotal of the items before it, nothing else named (not
# "2022年支出总计D", which is another total).
SUBTOTAL_ONLY = regex.compile(
    r"^[，,、；;：:\s]*(?:[两二三四五六七八九十\d]+项|以上|上述|上述各项|以上各项)?"
    r"(?:合计|小计|共计|总计)(?:为|是|达)?$")
# 加上…合计: the amounts before the total add up to it (a fund's receipts or uses).
# (加上年结转 is 加 + 上年结转; 收入加预计转移性收入 has a bare 加.)
PLUS_CUE = regex.compile(r"加上|再加上|(?<=收入|支出|预算)加(?![强快大速])|(?<=[，,])减去")
# …，(相应)安排支出E / 支出安排E: what the receipts before it fund (a fund's budget).
ARRANGED_LEAD = regex.compile(r"[，,](?:[^，,。；;\d]{0,16})?(?:安排[^，,。；;\d]{0,6}支出|支出安排)"
                              r"(?:预算)?(?:为|是)?\s*$")
# Count units that count the same kind of thing, by their first character.
COUNT_CLASS = {"所": "个", "家": "个", "座": "个", "处": "个", "间": "个", "名": "人",
               "只": "头", "匹": "头"}
# 余额控制在限额以内 / 未超过限额: balances are claimed to stay within their limits.
WITHIN_LIMIT = regex.compile(
    r"限额(?:以内|之内|内)|(?:未超过|不超过|低于|未突破|不突破)[^。；;]{0,8}限额")
# A category inside a bracket after a limit or a balance: 限额A（一般债务B，专项债务C）.
BRACKET_CATEGORY = regex.compile(r"^[（(，,、；;\s]*(?P<key>一般债务|专项债务)(?:为|是)?$")
# A limit added in the year (新增债务限额, 提前下达限额): no limit a balance is held to.
NEW_LIMIT = regex.compile(r"新增|提前|增加下达|追加")
# Who issued a limit: 省级下达 names the province, not the scope of the limit.
ISSUED_BY = regex.compile(r"(?:省级|省|自治区|上级|财政部|中央)(?:财政厅|财政部门)?下达")
# A limit of the year's end, or the total limit: what a year-end balance is held to.
YEAR_END_LIMIT = regex.compile(r"年末|年底|末[^，,。；;]{0,8}限额|总限额|核定")
# The category before 限额 or 余额 in the words leading to a figure: 一般债务 / 专项债务.
LIMIT_OR_BALANCE = regex.compile(
    r"(?P<key>\p{Han}{2,4}?)(?P<what>限额|余额)(?:为|是|达|共)?$")
OPENING = regex.compile(r"年初|期初|上年末")
# 第一产业、第二产业、第三产业增加值占地区生产总值的比重分别为a%、b%和c%.
SHARES_RESPECTIVELY = regex.compile(
    r"(?P<subject>[\p{Han}、]{2,30}?)占(?P<whole>\p{Han}{2,16}?)(?:的)?(?:比重|比例)?"
    r"(?:分别为|分别是|分别达到|分别达)")
# 分别为 before a list of values, and the separators of the names listed before it.
RESPECTIVELY = regex.compile(r"分别为|分别是|分别占")
NAME_SPLIT = regex.compile(r"[、和及与，,\s]+")
# A clause after ； about repayment is no longer an item of a 其中 list of receipts.
LIST_ENDER = regex.compile(r"[^，,。；;]{0,10}(?:偿还|归还|还本)|(?:偿还|归还|还本)")
# Words by which a clause after a semicolon starts another total, unless its siblings have them.
NEW_TOTAL = regex.compile(r"年末|年初|期末|期初|余额|合计|总计|共计|总产|总额|总量|各项|全年|全部")
# A bracket holding a figure: a remark on the part before it, never a part of the list.
BRACKETED = regex.compile(r"[（(][^（()）]{0,120}?\d[^（()）]{0,120}?[)）]")
# A bracket after an amount that states changes or rates is no breakdown of it.
CHANGE_IN_BRACKET = regex.compile(r"增|减|降|%|％|比|较|同比")
# …，市本级收入总计D: an item that is a total is no part of the list before it.
TOTAL_WORD = regex.compile(r"总计|合计|共计")
# An item restating the whole area (…，全市一般公共预算支出D) is no part of the list before.
WHOLE_AREA = regex.compile(r"全(?:省|市|州|盟|县|区|旗)")
# 亩产, 人均, 单价, 平均, 率, 指数: a level that is an average, not a sum of its parts.
INTENSIVE = regex.compile(r"亩产|单产|人均|户均|均价|单价|平均|指数|价格|密度")
# What is trimmed from the words before a list item to leave its name.
ITEM_TRIM = regex.compile(
    r"[^\p{Han}]|其中|包括|分别为|分别是|具体为|以及|及|和|与|为|是|达|共|计|有|的|实现|完成")
# 分别为 followed at once by a value: the values of things named before it.
VALUE_FIRST = regex.compile(r"[：:\s]*[-+]?\d")
# A、B、C分别为x、y、z: names listed before 分别为 get one value each.
NAMES_BEFORE = regex.compile(r"[、和及与][^，,。；;：:、]{1,12}(?:的[^，,。；;：:、]{0,8})?$")
# The semicolons that separate clauses (full- and half-width).
CLAUSE_SEMICOLON = regex.compile(r"[；;]")
# A part that is something done with the money, not a category of it: 实际拨付使用X,
# 目前已拨付X, 累计支付X.
NOT_A_PART = regex.compile(r"已|目前|实际|累计|拨付|(?<!转移)支付|使用")
# Cues of a breakdown inside a breakdown: one that ends the outer list, or one that belongs to
# a single part (in brackets; 主要是…等).
NESTED_CUE = regex.compile(
    r"其中|包括|分别为|分别是|具体为|主要是|主要为|主要有|主要包括|主要用于|在[^，,。；;]{1,8}中(?:有)?")
# 加 / 减 between the amounts of a list: which way the ones after it count.
SIGN_WORD = regex.compile(r"加上|加|减去|减除|扣除|减(?!少|收|支|幅|税|费|免|持|负|轻|排|缓)")
# 减上解省级A、补助县级B: amounts taken away from the total that follows.
MINUS_CUE = regex.compile(r"(?:减去|减除|扣除|减)(?!少|收|支|幅|税|费|免|持|负|轻|排|缓)")
PARTIAL_END = regex.compile(r"等(?![级次于同额])")
# 等 closing a list before the sentence goes on (A、B等，加上…).
PARTIAL_CLOSE = regex.compile(r"等(?=[，,；;])")
# 从地区分布看 / 按下达级次划分 / 按债券性质分: another classification of the same total.
CLASSIFY_CUE = regex.compile(CLASSIFY_OPENER)
# 二、项目资金使用情况 run into a sentence whose full stop was lost: a heading ends a list.
HEADING_IN_TEXT = regex.compile(r"(?<![\d.])(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])")
# The sectors of a 三次产业结构, in their order, and the words that name them.
SECTORS = (regex.compile(r"第一产业|农业|农林牧渔"), regex.compile(r"第二产业|工业"),
           regex.compile(r"第三产业|服务业"))
# What joins the items of a list of figures: 分别增加96.30万元、92.10万元.
LIST_JOINER = regex.compile(r"[、和与及或]")
# 其中 / 分别为: what follows breaks the sentence's level down.
# X中，… opening a sentence (the 中 is the cue; X names the total).
NAMED_IN = regex.compile(r"[\s　]*(?!在|其)\p{Han}{2,12}?\K中(?=[，,：:])")
PARTS_CUE = regex.compile(r"其中|包括|分别为|分别是|具体为|主要[^，,。；;：:]{0,8}[：:]|"
                          + CLASSIFY_OPENER)
# Words that say a breakdown names only some of the parts: 工资50万元、房租20万元等; 主要有.
# 其中产出指标中，…: the parts that follow break down one part of the total, not the total.
PARTIAL_MARKERS = regex.compile(
    r"等(?![级次于同额])|主要|部分|之一|重点|例如|如|\G其中[^，,。；;：:]{1,12}?中[，,：:]")
# Stock-flow words of a debt or fund balance.
BALANCE_OPEN = regex.compile(r"年初[^，,。；;]{0,8}余额|上年末[^，,。；;]{0,8}余额|期初余额")
BALANCE_IN = regex.compile(r"新增|增加|发行|举借|借入|收入")
BALANCE_OUT = regex.compile(r"归还|偿还|还本|减少|置换|支出")
BALANCE_CLOSE = regex.compile(r"年末[^，,。；;]{0,8}余额|期末余额")
LIMIT_WORDS = regex.compile(r"限额")
# Row and column labels of totals in tables.
TOTAL_LABEL = regex.compile(r"^(?:合\s*计|总\s*计|小\s*计|总\s*分|合计数|总计数|本年收入合计|本年支出合计)$|合计$|总计$")
# A column header that ends the run of columns a 合计 column totals: another period, a rate.
COLUMN_RUN_STOP = regex.compile(r"上年|去年|预算|年初|率|%|％|比例|占比|增减|变动|备注|说明")
# Table columns of a completion rate: letters （A） （B） and 执行率（B/A）, or by their words.
COLUMN_MARK = regex.compile(r"[（(]([A-Z])[)）]")
RATIO_MARK = regex.compile(r"[（(]([A-Z])\s*[/÷]\s*([A-Z])[)）]")
RATE_COLUMN = regex.compile(r"执行率|完成率|到位率")
PLAN_COLUMN = regex.compile(r"预算|计划")
DONE_COLUMN = regex.compile(r"执行数|完成数|实际|执行金额|到位|决算")
# Table columns of a year-on-year comparison.
PREV_COLUMN = regex.compile(r"上年|去年|上一年")
CUR_COLUMN = regex.compile(r"本年|当年|今年|决算数")
CHANGE_COLUMN = regex.compile(r"增减额|增减数|增减$|变动额|增加额")
GROWTH_COLUMN = regex.compile(r"增减率|增长率|增减幅度|增幅|变动率|增减%")
SCORE_WEIGHT = regex.compile(r"分值|权重|标准分|满分")
SCORE_GOT = regex.compile(r"得分|评分|自评得分")

# 人均可支配收入 and its four sources, which make it up by the statistics office's definition
# (工资性收入 + 经营净收入 + 财产净收入 + 转移净收入). Matched against a figure's lead.
INCOME_TOTAL = regex.compile(r"人均可支配收入|人均纯收入")
INCOME_SOURCE = regex.compile(
    r"(?P<kind>工资|经营|财产|转移)性?净?收入(?:为|达|达到|是|共)?$")
INCOME_GROUP = regex.compile(r"城镇|农村|乡村|城市|牧区|全体|城乡")

# What a change's words say beside the item they name (2022年度…支出决算数比上年减少: the item
# is …支出决算): the comparison, the change, the year, 数.
CHANGE_ITEM_NOISE = regex.compile(
    r"\d{4}年度?|与[^，,。；;]{0,12}相比|比上年|较上年|比\d{4}年度?|较\d{4}年度?|同比|"
    r"增加|增长|减少|下降|增收|减收|增支|减支|上升|降低|提高|[增减]$|数(?=比|较|$)|[^\p{Han}]")
# A name's tail that does not make it another item (一般公共预算财政拨款 = …拨款支出).
ITEM_GENERIC_TAIL = regex.compile(r"^(?:支出|收入|决算|预算|数|金额|总额|经费)*$")

# The names of GDP: 地区生产总值, 生产总值, 地区生产总值（GDP）, GDP, 国内生产总值.
GDP_NAME = regex.compile(r"^(?:(?:地区|国内)?生产总值(?:[（(]GDP[)）])?|GDP)$")
# A note's mark in a name: 地区生产总值[2].
NOTE_MARK = regex.compile(r"\[\d{1,2}\]")
# N个行业中M个增长，增长面P%: the share of the N that grew (亏损面: that made a loss).
BREADTH_LEAD = regex.compile(r"(?:增长|下降|亏损|盈利)面(?:为|达|达到|是)?$")
BREADTH_OF = regex.compile(r"(?<!其)中[，,]?(?:有|共有)?$")
# 应补助人数A，实际补助人数B / 预定X A，实际已完成X B: what was done against what was set.
ACTUAL_OF = regex.compile(r"^[，,；;\s]*实际(?:已)?(?:完成|实现|达到)?(?P<name>\p{Han}{2,20}?)(?:为|达|是)?$")
# …拉动经济增长0.6个百分点 / 下拉固定资产投资0.9个百分点: the points a part adds to a rate.
PULL_LEAD = regex.compile(r"(?P<verb>拉动|下拉|带动)(?P<target>[^，,。；;\d]{2,30}?)(?:增长|增速)?(?:了)?$")
# What a pull's target and a rate's metric share once the words of growth and scope are gone.
PULL_NOISE = regex.compile(r"增长|增速|的|^全?(?:省|市|州|盟|县|区|旗)")
PULL_ALIASES = ((regex.compile(r"规上"), "规模以上"),
                (regex.compile(r"^(?:经济|GDP|生产总值|地区生产总值)$"), "地区生产总值"))
# A heading line that names a 类 and states no amount: （一）一般公共服务（类）.
CLASS_HEADING = regex.compile(
    r"^[ \t]*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)[ \t]*"
    r"(?P<name>[^\n\d（()）]{2,20}?)(?:支出)?[（(]类[)）][ \t]*$", regex.M)
# A whole area or another time named inside a bracket: a figure compared with, never a part
# of the amount before it (4894元（全国5963元、全省4881元、全市6351元）).
COMPARED_AREA = regex.compile(r"全(?:国|省|市|州|盟|县|区|旗)|同期|上年|去年|平均")
