"""Relations and checks on constructed sentences of the genre."""
from decimal import Decimal

import pytest

from perfparse import parse_text
from perfparse.judge.intervals import Interval


def statuses(text):
    rep = parse_text(text)
    return {(c.rule, rep.text[c.start:c.end], c.status) for c in rep.checks}


NAMED_SHARES = ("第一产业、第二产业、第三产业增加值占地区生产总值的比重分别为17.3%、32.9%和49.9%，上年分别为"
                "17.6%、33.8%和48.6%。第二产业比重下降{chg}个百分点。")
SCORE_BLOCKS = ("项目名称 | 公厕改造\n项目资金（万元） | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
                "年度资金总额 | 320.00 | 304.00 | 10 | 95.00% | 9.5\n"
                "一级指标 | 三级指标 | 分值 | 得分\n产出指标 | 改造数量 | 50 | 48\n效益指标 | 满意度 | 40 | 40\n"
                "总分 | | 100 | {total}\n")
LIMITS = ("全县政府债务限额为98.60亿元，其中：一般债务限额36.20亿元，专项债务限额62.40亿元。\n"
          "全县政府债务余额{b}亿元，债务余额控制在限额以内。")
GROWTH_TABLE = ("<html><body><div id='zoom'><p>单位：万元</p><table><tr><th>项目</th><th>本年数</th>"
                "<th>上年数</th><th>增减额</th><th>增减率</th></tr><tr><td>其他收入</td><td>23.60</td>"
                "<td>31.80</td><td>-8.20</td><td>{rate}</td></tr></table></div></body></html>")
PAIRED = ("收入总计1,024.50万元，支出总计1,018.30万元。与上年相比，收入总计、支出总计分别增加96.30万元、"
          "92.10万元，分别增长10.37%、{r2}。")
SUBTOTAL = ("全县一般公共预算支出38.64亿元，增长3.5%。其中：教育支出7.92亿元、社会保障和就业支出6.35亿元、"
            "卫生健康支出4.18亿元，三项合计18.45亿元，占全县一般公共预算支出的47.7%。")
RATIO_TABLE = ("<html><body><div id='zoom'><table><tr><td>项目资金（万元）</td>"
               "<td colspan='2'>全年预算数（A）</td>"
               "<td>全年执行数（B）</td><td>执行率（B/A）</td></tr><tr><td>年度资金总额</td>"
               "<td colspan='2'>1,200.00</td><td>1,146.00</td><td>{rate}</td></tr></table></div>"
               "</body></html>")

# (sentence, expected (rule, figure, status) among the checks)
CASES = [
    ("本年收入合计1925.67万元，比上年增加120.5万元，增长6.67%。", ("growth_rate", "6.67%", "pass")),
    ("本年收入合计1925.67万元，比上年增加120.5万元，增长7.67%。", ("growth_rate", "7.67%", "fail")),
    ("支出1968.9万元，较2024年的2190万元减少221万元，下降10.1%。", ("change", "221万元", "pass")),
    ("支出1968.9万元，较2024年的2190万元减少221万元，下降10.1%。", ("growth_rate", "10.1%", "pass")),
    # A new item's 增长100% from a zero base is the genre's convention, not a disagreement.
    ("公务接待费0.3万元，增加0.3万元，增长100%。", ("growth_rate", "100%", "not_assessable")),
    ("公务接待费0.3万元，增加0.3万元，增长50%。", ("growth_rate", "50%", "fail")),
    ("房产税收入同比增收531万元，同比减收24万元，下降4.32%。", ("direction", "24万元", "fail")),
    ("全年县级收入31751万元，完成预算数31220万元的101.7%，较上年28899万元增长9.9%。",
     ("ratio", "101.7%", "pass")),
    ("全年县级收入31751万元，完成预算数31220万元的101.7%，较上年28899万元增长9.9%。",
     ("growth_rate", "9.9%", "pass")),
    ("年初债务余额135832万元，本年新增债券39272万元，归还本金10870万元，年末债务余额164234万元；"
     "核定债务限额164635万元。", ("balance", "164234万元", "pass")),
    ("年初债务余额135832万元，本年新增债券39272万元，归还本金10870万元，年末债务余额164334万元。",
     ("balance", "164334万元", "fail")),
    ("年末债务余额164234万元，债务限额164000万元。", ("threshold", "164234万元", "fail")),
    ("本年支出1925.67万元。其中：基本支出1500.2万元，占77.9%；项目支出425.47万元，占22.1%。",
     ("share", "77.9%", "pass")),
    ("本年支出1925.67万元。其中：基本支出1500.2万元，占77.9%；项目支出425.47万元，占22.1%。",
     ("sum", "1925.67万元", "pass")),
    ("本年支出1925.67万元，分别为基本支出1500.2万元、项目支出400.47万元。",
     ("sum", "1925.67万元", "fail")),
    ("比重由71.2%提高到73.5%，提高1.3个百分点。", ("change", "1.3个百分点", "fail")),
    ("会议费支出0元，上年度支出0.17万元，本年比上年减少0.17元，减幅100%。", ("unit", "0.17元", "fail")),
    ("城镇新增就业2,316人，完成目标任务2,200人的105.3%。", ("ratio", "105.3%", "pass")),
    ("新建农村供水工程18处，计划20处，完成率90.00%。", ("ratio", "90.00%", "pass")),
    # Whole counts are exact: 7 + 8 people is not 13 people, whatever the rounding rule; parts
    # that fall short may be a partial list (工勤编制 unnamed), parts that exceed cannot.
    ("定编人数13人，其中：公务员编制7人，事业编制5人。", ("sum", "13人", "uncertain")),
    ("定编人数13人，其中：公务员编制7人，事业编制8人。", ("sum", "13人", "fail")),
    # The total two sentences back, a budget sentence between; the level before 完成…的.
    ("支出1,234.56万元。与年初预算1,300.00万元相比，完成年初预算的94.97%。其中：基本支出1,000.00万元，"
     "占81.00%；项目支出234.56万元，占19.00%。", ("sum", "1,234.56万元", "pass")),
    ("支出1,234.56万元。与年初预算1,300.00万元相比，完成年初预算的94.97%。",
     ("ratio", "94.97%", "pass")),
    ("支出1,234.56万元。与年初预算1,300.00万元相比，完成年初预算的96.97%。",
     ("ratio", "96.97%", "fail")),
    # Held-out set, first run: paired 分别 lists pair by position.
    (PAIRED.format(r2="9.94%"), ("growth_rate", "9.94%", "pass")),
    (PAIRED.format(r2="8.94%"), ("growth_rate", "8.94%", "fail")),
    # …a 其中 list holding its own subtotal: the subtotal is checked, the list is partial.
    (SUBTOTAL, ("sum", "18.45亿元", "pass")),
    (SUBTOTAL, ("sum", "38.64亿元", "uncertain")),
    (SUBTOTAL, ("share", "47.7%", "pass")),
    # Second held-out set, first run:
    # 加上…合计 adds the amounts before it, the level of the sentence before included.
    ("本级收入6.48亿元。加上上级补助收入0.86亿元、上年结余0.31亿元，收入合计7.65亿元。",
     ("sum", "7.65亿元", "pass")),
    ("本级支出9.42亿元，加上调出资金0.90亿元、结转下年0.43亿元，支出合计10.65亿元。",
     ("sum", "10.65亿元", "fail")),
    # …上年为A%, the later percent is the previous one.
    ("税收占比重为70.5%，上年为67.5%，提高3个百分点。", ("change", "3个百分点", "pass")),
    # …a 分别为 nested in a 其中 list ends the outer list.
    ("本年支出100.00万元，其中：基本支出60.00万元；项目支出40.00万元，分别为：甲25.00万元、乙15.00万元。",
     ("sum", "100.00万元", "pass")),
    # …the plan a ratio divides by is not the total of a 其中.
    ("培训326人次，完成计划300人次的108.67%，其中考核合格314人次，合格率96.3%。",
     ("ratio", "96.3%", "pass")),
    # …a figure inside a closed parenthesis is not the total; 包括 names its own subject.
    ("全年预算520.00万元（年初预算480.00万元，追加40.00万元），其中：中央300.00万元，省级220.00万元。",
     ("sum", "520.00万元", "pass")),
    ("支出1,236.58万元，其中：基本支出412.30万元；项目支出824.28万元。项目支出包括抚恤580.00万元、"
     "安置156.28万元、军休88.00万元。", ("sum", "824.28万元", "pass")),
    # …naming fewer of the categories an earlier list named is a partial list.
    ("预算520.00万元，其中：中央补助资金300.00万元，省级补助资金120.00万元，县级配套资金100.00万元。"
     "全年执行507.26万元。其中省级补助资金执行118.26万元，县级配套资金执行89.00万元。",
     ("sum", "507.26万元", "uncertain")),
    # …a list may end by restating its total (办结190件).
    ("受理工单190件次，其中投诉类45件，咨询类145件，办结190件。", ("sum", "190件次", "pass")),
    # Second held-out set: a 百分点 change named by its category in a paired 分别为 list.
    (NAMED_SHARES.format(chg="0.9"), ("change", "0.9个百分点", "pass")),
    (NAMED_SHARES.format(chg="0.7"), ("change", "0.7个百分点", "fail")),
    # Fourth held-out set: the value after 较 is the base of a 百分点 change.
    ("巡查完成率98.5%，较目标值95%提高3.5个百分点。", ("change", "3.5个百分点", "pass")),
    ("巡查完成率98.5%，较目标值95%提高4.5个百分点。", ("change", "4.5个百分点", "fail")),
    # …a 自评表 whose 总分 adds the funds block's 得分 to the indicators' is complete when
    # its 分值 column adds up, so a wrong 得分 total fails.
    (SCORE_BLOCKS.format(total="97.5"), ("table_sum", "97.5", "pass")),
    (SCORE_BLOCKS.format(total="96.5"), ("table_sum", "96.5", "fail")),
    # Third held-out set, first run:
    # balances claimed within their limits, the limits stated elsewhere, per category.
    (LIMITS.format(b="99.35"), ("threshold", "99.35亿元", "fail")),
    (LIMITS.format(b="97.35"), ("threshold", "97.35亿元", "pass")),
    # …a 其中 list ends at a clause about repayment or a year-end balance.
    ("本年发行债券12.60亿元，其中：新增债券8.40亿元，再融资债券4.20亿元；偿还本金4.52亿元，其中：再融资"
     "偿还4.20亿元，预算资金偿还0.32亿元；年末余额99.35亿元。", ("sum", "4.52亿元", "pass")),
    # …a 执行率 measured against the latest (adjusted) budget.
    ("支出1,562.40万元，年初预算1,480.00万元，调整后预算1,605.00万元，预算执行率97.35%。",
     ("ratio", "97.35%", "pass")),
]


# Found on the real development set (../shared/real) and written here as sentences of our own:
# each row a shape of the genre, with what the checker must make of it.
REAL_SHAPES = [
    # 三次产业结构 a:b:c after the sectors' amounts: each part a share of the total.
    ("全县地区生产总值200.0亿元。分产业看，第一产业增加值20.0亿元；第二产业增加值80.0亿元；"
     "第三产业增加值100.0亿元。三次产业结构为10.0:40.0:50.0。", ("share", "40.0", "pass")),
    ("全县地区生产总值200.0亿元。分产业看，第一产业增加值20.0亿元；第二产业增加值80.0亿元；"
     "第三产业增加值100.0亿元。三次产业结构为10.0:45.0:45.0。", ("share", "45.0", "fail")),
    # …由上年的x:y:z调整为a:b:c，服务业比重提高D个百分点: last year's structure is the base.
    ("全县地区生产总值200.0亿元。分产业看，第一产业增加值20.0亿元；第二产业增加值80.0亿元；"
     "第三产业增加值100.0亿元。三次产业结构由上年的11.0:41.0:48.0调整为10.0:40.0:50.0，"
     "服务业比重提高2.0个百分点。", ("change", "2.0个百分点", "pass")),
    # A breakdown without 其中, opened by a classification: 按性别分.
    ("年末户籍人口30.50万人。按性别分：男15.20万人，女15.20万人。", ("sum", "30.50万人", "fail")),
    # A total after its list sums it: 收入总计.
    ("地方一般公共预算收入60000万元，上级补助收入30000万元，上年结转5000万元，收入总计96000万元。",
     ("sum", "96000万元", "fail")),
    # …加上: the base its own clause names, even a part of a 其中 list.
    ("地方一般公共预算收入完成5000万元。其中：税收收入3000万元，非税收入2000万元。地方一般公共预算"
     "收入加上上划收入1000万元，总收入6000万元。", ("sum", "6000万元", "pass")),
    # 收入A，支出B，当年收支结余C: C = A − B.
    ("社会保险基金收入800万元，社会保险基金支出700万元，当年收支结余90万元。",
     ("balance", "90万元", "fail")),
    # 出生率A‰，死亡率B‰，自然增长率C‰.
    ("全年出生率为7.20‰，死亡率为6.10‰，自然增长率为1.10‰。", ("balance", "1.10‰", "pass")),
    # 顺差 = 出口 − 进口.
    ("全年进出口总额100.0亿元。其中，出口60.0亿元；进口40.0亿元。贸易顺差21.0亿元。",
     ("balance", "21.0亿元", "fail")),
    # A total whose own name enumerates its parts (猪牛羊禽肉) is a complete partition, and a
    # part written in 吨 among 万吨 is a slip.
    ("全年猪牛羊禽肉产量10.00万吨。其中，猪肉产量6.00万吨；牛肉产量0.50吨；羊肉产量0.50万吨；"
     "禽肉产量3.00万吨。", ("sum", "10.00万吨", "fail")),
    # Medals and 省级以上 = 国家级 + 省级 are whole.
    ("共获得奖牌100枚，其中，金牌30枚，银牌30枚，铜牌30枚。", ("sum", "100枚", "fail")),
    # 分别为 followed by values gives each named thing its value: no breakdown of the amount.
    ("农业、工业和服务业用水量分别为3.0亿立方米、1.0亿立方米和0.5亿立方米。", None),
    # Rounded twice (x.x46 → x.x5 → x.x): uncertain, not fail.
    ("营业收入299.90亿元，比上年增加99.89亿元，增长50.0%。", ("growth_rate", "50.0%", "uncertain")),
    ("营业收入299.90亿元，比上年增加99.89亿元，增长50.1%。", ("growth_rate", "50.1%", "fail")),
    # 年均增长 compounds over years: no claim on this year's change.
    ("支出1200亿元，较五年前增加200亿元，年均增长3.7%。", None),
    # 为预算的P% with no budget stated checks nothing; 为调整预算的P% divides by the adjusted one.
    ("收入年初预算合计100亿元，执行中调整为110亿元，实际完成99亿元，为调整预算的90.0%。",
     ("ratio", "90.0%", "pass")),
    ("其中税收完成60亿元，为预算的95.0%。", None),
    # A share whose words name another subject (…中60岁以上人口占比) is not of the amount before.
    ("年末常住人口300万人，其中城镇人口200万人，常住人口中60岁以上人口占比为20.0%。", None),
    # An amount in brackets is a remark on the part before it, not the share's part.
    ("支出100万元，其中：基本支出40万元；项目支出60万元（含追加10万元），占60.0%。",
     ("share", "60.0%", "pass")),
    # 由A调整为B，调增D: the amount after 由 is the base.
    ("支出由190.26亿元变动为195.78亿元，调增5.52亿元。", ("change", "5.52亿元", "pass")),
    ("支出由190.26亿元变动为195.78亿元，调增5.62亿元。", ("change", "5.62亿元", "fail")),
    # 增长A%，高于X（B%）D个百分点, and a second comparison of the same rate.
    ("投资增长13.9%，高于全国（-17.2%）31.1个百分点，高于全省（-5.1%）19.0个百分点。",
     ("change", "19.0个百分点", "pass")),
    ("投资增长13.9%，高于全国（-17.2%）31.1个百分点，高于全省（-5.1%）18.0个百分点。",
     ("change", "18.0个百分点", "fail")),
    # 较…A减少D: an amount compared with is the base of the change right after it.
    ("余额为6890731万元，较调整时6840855万元增加49876万元。", ("change", "49876万元", "pass")),
    # 预算金额A，中标金额B，节约率P%: the fall from A to B.
    ("采购预算金额17.64亿元，中标金额16.6亿元，节约率5.88%。", ("growth_rate", "5.88%", "pass")),
    ("采购预算金额17.64亿元，中标金额16.6亿元，节约率6.88%。", ("growth_rate", "6.88%", "fail")),
    # The rate before its change (同比增长P%，增收D万元); not a change of an item named after.
    ("房产税收入1200万元，同比增长10.0%，增收109万元。", ("growth_rate", "10.0%", "pass")),
    ("房产税收入1200万元，同比增长12.0%，增收109万元。", ("growth_rate", "12.0%", "fail")),
    ("基金收入36.27亿元，增长85.7%，增长的主要原因是土地出让收入增加11.39亿元。", None),
    # 分性质看，A、B；分级次看，C、D: two classifications of one total, each its own sum.
    ("余额100亿元，分性质看，一般债务60亿元，专项债务40亿元；分级次看，市本级30亿元，县级70亿元。",
     ("sum", "100亿元", "pass")),
    # 减…: amounts taken away from the total after them.
    ("本级收入188.8亿元，加省级补助收入149.7亿元，减上解省级10.7亿元，可用财力327.8亿元。",
     ("sum", "327.8亿元", "pass")),
    # 比2024年预算增加D: last year's budget, not stated; no pairing with this year's amounts.
    ("收入预算1,212.12万元，其中：财政拨款收入950.12万元，比2023年预算增加0.46万元。", None),
    # 上年结余 is a stock of its own, not the previous year's amount of what follows.
    ("动用上年结余1449万元，支出完成1.4亿元，增长617%。", None),
    # 增长0% from a zero base with no change is the convention for nothing changed.
    ("基金收入0万元，与上年相比增加0万元，增长0%。", None),
    # An amount done with the money (实际拨付) is no category of it.
    ("收到资金10.00万元，其中中央资金8.00万元，省级资金2.00万元，实际拨付使用9.90万元。",
     ("sum", "10.00万元", "pass")),
    # A limit's 其中 parts are limits too.
    ("核定债务限额80.50亿元，其中：一般债务限额30.20亿元，专项债务限额50.30亿元。",
     ("sum", "80.50亿元", "pass")),
    ("核定债务限额80.50亿元，其中：一般债务限额30.20亿元，专项债务限额52.30亿元。",
     ("sum", "80.50亿元", "fail")),
    # A line that opens with 其中 breaks down the line before it.
    ("基金支出完成20.40亿元，为预算的98.0%。\n其中，养老保险基金支出12.10亿元，医疗保险基金支出"
     "8.30亿元。", ("sum", "20.40亿元", "pass")),
    # 收支相抵，…结余C: the revenue less the spending the lines before state.
    ("基金收入完成30.5亿元，为预算的101.0%。基金支出完成27.25亿元，为预算的99.0%。"
     "收支相抵，当年结余3.25亿元，年末滚存结余40亿元。", ("balance", "3.25亿元", "pass")),
    # …a budget less what was spent, when no revenue is named.
    ("全年支出预算调整为120.4亿元，实际支出119.6亿元，占调整预算的99.3%。收支相抵，结转0.8亿元。",
     ("balance", "0.8亿元", "pass")),
    # 收入预算A，支出预算B，年度收支结余C: budgets net too; an outturn after a budget is of it.
    ("总收入预算安排50.6亿元，总支出预算安排44.1亿元，年度收支结余6.5亿元。",
     ("balance", "6.5亿元", "pass")),
    ("基金收入预算为40.10亿元，实际完成41.30亿元，增长3.0%。支出预算为38.20亿元，实际完成37.90亿元。"
     "当年收支结余3.4亿元。", ("balance", "3.4亿元", "pass")),
    # 收入A，减去B、C，支出安排D: a chain that funds the spending, by our reading.
    ("基金预算收入90.5亿元，减去调入一般公共预算6亿元、征迁补偿支出50.2亿元，基金预算支出安排34.3亿元。",
     ("sum", "34.3亿元", "pass")),
    ("基金预算收入90.5亿元，减去调入一般公共预算6亿元、征迁补偿支出50.2亿元，基金预算支出安排36.3亿元。",
     ("sum", "36.3亿元", "uncertain")),
    # A subjectless 与上年相比 sentence is of the level the sentence before states.
    ("1．教育（类）支出2200.00万元，主要用于学校运转。与上年相比增加200.00万元，增长10.00%。",
     ("growth_rate", "10.00%", "pass")),
    ("1．教育（类）支出2200.00万元，主要用于学校运转。与上年相比增加200.00万元，增长11.00%。",
     ("growth_rate", "11.00%", "fail")),
    ("1．教育（类）支出2200.00万元，主要用于学校运转。\n与上年相比增加200.00万元，增长10.00%。",
     ("growth_rate", "10.00%", "pass")),
    # …but with two levels in that sentence, which one is ours to guess.
    ("基本支出100万元，项目支出50万元。与上年相比增加10万元，增长5%。",
     ("growth_rate", "5%", "uncertain")),
    # A budget's rate with no base of its own: last year's outturn of the same quantity, stated
    # in an earlier part; ours to pair, so never a fail.
    ("一、2025年预算执行情况\n全县一般公共预算收入完成20.40亿元，为预算的101.0%。\n"
     "二、2026年预算草案\n全县一般公共预算收入21.42亿元，增长5%。", ("growth_rate", "5%", "pass")),
    ("一、2025年预算执行情况\n全县一般公共预算收入完成20.40亿元，为预算的101.0%。\n"
     "二、2026年预算草案\n全县一般公共预算收入21.42亿元，增长8%。", ("growth_rate", "8%", "uncertain")),
    # A percent right after a change, with a bare 减少: that change's rate.
    ("教育支出1068.78万元。与上年相比减少539.73万元，减少33.55%。", ("growth_rate", "33.55%", "pass")),
    # A list set one item a line, each line ending with ；: one sentence, one list.
    ("本年支出预算合计300.00万元，其中：基本支出120.00万元，占40.00%；\n项目支出150.00万元，占50.00%；\n"
     "单位预留机动经费30.00万元，占10.00%。", ("sum", "300.00万元", "pass")),
    # …and a share a last digit made add to 100 with the others is not a disagreement.
    ("本年支出预算合计3000.00万元，其中：基本支出1000.00万元，占33.34%；\n项目支出1000.00万元，"
     "占33.33%；\n单位预留机动经费1000.00万元，占33.33%。", ("share", "33.34%", "uncertain")),
    ("本年支出预算合计3000.00万元，其中：基本支出1000.00万元，占33.35%；\n项目支出1000.00万元，"
     "占33.33%；\n单位预留机动经费1000.00万元，占33.33%。", ("share", "33.35%", "fail")),
    # 其中：人员经费A，主要包括…。公用经费B: the rest of a known partition in the next sentence.
    ("基本支出500.00万元，其中：人员经费420.00万元，主要包括：基本工资、津贴补贴。\n公用经费80.00万元，"
     "主要包括：办公费。", ("sum", "500.00万元", "pass")),
    ("基本支出500.00万元，其中：人员经费420.00万元，主要包括：基本工资、津贴补贴。\n公用经费90.00万元，"
     "主要包括：办公费。", ("sum", "500.00万元", "fail")),
    # …but not another thing that happens to open with the category's word.
    ("年末共有省级以上企业技术中心40个，其中国家级1个。省级工程技术研究中心94个。", None),
    # 总额X，较上年的Y减少D；其中：…: the 其中 breaks down this year's X, not last year's Y.
    ("经费预算总额为1500万元，较上年的1700万元减少200万元，下降11.8%；其中：公务接待费300万元，"
     "公务用车购置及运行维护费1200万元。", ("sum", "1500万元", "pass")),
    # A sibling category misplaced inside a part's bracket is not that part's.
    ("转移支付收入900万元，其中：一般转移支付收入700万元（含均衡性转移支付收入300万元、结算补助收入"
     "400万元，专项转移支付收入200万元）。", ("sum", "700万元", "pass")),
    # Shares of an unstated whole whose parts are a known partition: the whole is at least
    # their sum, so a share above part ÷ sum fails; one below may be of a larger whole.
    ("1．基本支出800.00元，占一般公共预算支出的80.00%。\n2．项目支出200.00元，占一般公共预算支出的"
     "25.00%。", ("share", "25.00%", "fail")),
    ("1．基本支出800.00元，占一般公共预算支出的70.00%。\n2．项目支出200.00元，占一般公共预算支出的"
     "20.00%。", ("share", "70.00%", "uncertain")),
    # …but 占年度调整预算的P% is a completion ratio of each, not a share of one whole.
    ("一般公共预算收入完成800万元，占年度调整预算的98.37%。政府性基金预算收入完成200万元，"
     "占年度调整预算的100.01%。", None),
    # 甲、乙、丙X占Y的比重分别为a%、b%、c%: each named part over the named whole.
    ("地区生产总值500.0亿元。其中：第一产业增加值50.0亿元；第二产业增加值200.0亿元；第三产业增加值"
     "250.0亿元。第一产业、第二产业、第三产业增加值占地区生产总值的比重分别为10.0%、40.0%和50.0%。",
     ("share", "40.0%", "pass")),
    ("地区生产总值500.0亿元。其中：第一产业增加值50.0亿元；第二产业增加值200.0亿元；第三产业增加值"
     "250.0亿元。三次产业增加值占地区生产总值比重分别为10.0%、42.0%和50.0%。",
     ("share", "42.0%", "fail")),
    # …占全市比重分别为: the whole is the area's own amount of that name.
    ("全年地区生产总值900.0亿元。\n分区县看，甲区地区生产总值500.0亿元；乙县地区生产总值300.0亿元；"
     "丙县地区生产总值100.0亿元。甲区、乙县、丙县地区生产总值占全市比重分别为55.6%、33.3%、11.1%。",
     ("share", "33.3%", "pass")),
    # A占X比重为P%，B比重为Q%: B's share is of the X the sentence named, the amounts by name.
    ("地区生产总值500.0亿元。其中：第一产业增加值50.0亿元；第二产业增加值200.0亿元；第三产业增加值"
     "250.0亿元。第一产业增加值占地区生产总值比重为10.0%，第二产业增加值比重为45.0%。",
     ("share", "45.0%", "fail")),
    # 城镇化率 is the urban share of the resident population.
    ("年末常住人口400.0万人，其中城镇常住人口240.0万人，乡村常住人口160.0万人；常住人口城镇化率为"
     "60.00%。", ("share", "60.00%", "pass")),
    ("年末常住人口400.0万人，其中城镇常住人口240.0万人，乡村常住人口160.0万人；常住人口城镇化率为"
     "62.00%。", ("share", "62.00%", "fail")),
    # Shares of 亿立方米 (a unit of its own) are shares all the same.
    ("全年用水总量8.00亿立方米，其中农业用水量6.00亿立方米，占全年用水量的75.0%；工业用水量2.00亿立方米，"
     "占25.0%。", ("share", "75.0%", "pass")),
    # X中，A，B opening a sentence breaks down the X stated before, as 其中 would.
    ("全县地方一般公共预算收入25.00亿元。全县地方一般公共预算收入中，税收收入18.00亿元，非税收入"
     "7.00亿元。", ("sum", "25.00亿元", "pass")),
    ("全县地方一般公共预算收入25.00亿元。全县地方一般公共预算收入中，税收收入18.00亿元，非税收入"
     "8.00亿元。", ("sum", "25.00亿元", "fail")),
    # 万美元 is money of its own: summed with dollars, never with 元.
    ("实际使用外资1000万美元，其中，第一产业100万美元，第二产业300万美元，第三产业600万美元。",
     ("sum", "1000万美元", "pass")),
    # Quantities in different units are no parts of one another (发电量 in 千瓦时, 装机 in 千瓦).
    ("全年发电量50亿千瓦时，其中风电装机容量30万千瓦，光伏装机容量40万千瓦。", None),
    # 种 counts kinds.
    ("查明资源储量矿种31种，其中：能源矿产6种，金属矿产5种，非金属矿产20种。",
     ("sum", "31种", "pass")),
    # The parts of a whole list each with its change: their changes add to the total's.
    ("基本支出2400.00元，同比减少100.00元。其中：人员经费2000.00元，同比增加50.00元；公用经费400.00元，"
     "同比减少150.00元。", ("sum", "100.00元", "pass")),
    ("基本支出2400.00元，同比减少100.00元。其中：人员经费2000.00元，同比增加50.00元；公用经费400.00元，"
     "同比减少170.00元。", ("sum", "100.00元", "fail")),
    # A 自评表 whose 年度资金总额 row is left at 0 above a source of 90: a plain disagreement,
    # not a unit slip (0 scaled by 10^4 takes in any small amount).
    ("项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
     "年度资金总额 | 0 | 0 | 0 | 10 | 0 | 0\n其中：本年财政拨款 | 90 | 89.974 | 89.974 | | |\n",
     ("table_sum", "0", "fail")),
    # A cue closing its line over item lines (——A…。⏎——B…。): the items' first amounts are
    # the total's parts; shown whole only by a known partition.
    ("收入总计170.00亿元，为预算的97.9%，包括：\n——本级收入40.00亿元，为预算的84.2%。其中：税收收入10.00亿元，"
     "非税收入30.00亿元。\n——转移性收入130.00亿元，为预算的102.8%。\n", ("sum", "170.00亿元", "pass")),
    ("收入总计170.00亿元，为预算的97.9%，包括：\n——本级收入40.00亿元，为预算的84.2%。\n——转移性收入"
     "140.00亿元，为预算的102.8%。\n", ("sum", "170.00亿元", "fail")),
    ("“三公”经费预算数为9.50万元，与上年持平。其中：\n（一）因公出国（境）费0万元。\n（二）公务用车购置及运行费"
     "4.50万元。\n（三）公务接待费4.00万元。\n", ("sum", "9.50万元", "fail")),
    # …a numbered list that falls short stays uncertain, even when it closes with 其他….
    ("返还性支出2000万元，其中：\n1.所得税基数返还支出100万元；\n2.增值税税收返还支出400万元；\n"
     "3.其他返还性支出300万元。\n", ("sum", "2000万元", "uncertain")),
    # …and （一）收入…（二）支出… under a 收、支 total are its two sides, not its parts.
    ("收入、支出预算总计2400.00万元，与上年相比各增加300.00万元。其中：\n（一）收入预算总计2400.00万元。\n"
     "（二）支出预算总计2400.00万元。\n", None),
    # X主要内容如下：⏎1.…A⏎2.…B: numbered parts of X; a 主要 list fails only when it exceeds X.
    ("财政拨款支出预算500.00万元。\n财政拨款支出主要内容如下：\n1.“行政运行（项）”300.00万元，主要用于"
     "人员经费。\n2.“信息化建设（项）”250.00万元，主要用于系统运维。\n",
     ("sum", "500.00万元", "fail")),
    ("财政拨款支出预算500.00万元。\n财政拨款支出主要内容如下：\n1.“行政运行（项）”300.00万元，主要用于"
     "人员经费。\n2.“信息化建设（项）”150.00万元，主要用于系统运维。\n",
     ("sum", "500.00万元", "uncertain")),
    # 人均可支配收入 is its four sources by definition: the four stated together are whole.
    ("城镇居民人均可支配收入50000元，增长5.0%，其中，工资性收入30000元，增长5.2%；经营净收入6000元，"
     "增长4.0%；财产净收入4000元，增长1.0%；转移净收入10000元，增长6.0%。", ("sum", "50000元", "pass")),
    ("城镇居民人均可支配收入50000元，增长5.0%，其中，工资性收入30000元，增长5.2%；经营净收入6000元，"
     "增长4.0%；财产净收入4000元，增长1.0%；转移净收入11000元，增长6.0%。", ("sum", "50000元", "fail")),
    # …sources named for a group (农村居民工资性收入…) are of that group's income.
    ("城镇居民人均可支配收入50000元，增长5.0%；农村居民人均可支配收入25000元，增长6.0%。其中农村居民"
     "工资性收入12000元、经营净收入8000元、财产净收入1000元、转移净收入4000元。",
     ("sum", "25000元", "pass")),
    # 收入总计A。…支出总计B，年终结转C: C = A − B.
    ("全市一般公共预算收入260000万元，上级补助收入300000万元，收入总计560000万元。一般公共预算支出"
     "500000万元，债务还本支出50000万元，支出总计550000万元，年终结转12000万元。",
     ("balance", "12000万元", "fail")),
    ("全市一般公共预算收入260000万元，上级补助收入300000万元，收入总计560000万元。一般公共预算支出"
     "500000万元，债务还本支出50000万元，支出总计550000万元，年终结转10000万元。",
     ("balance", "10000万元", "pass")),
    # A plan's rate over last year's outturn of a part before, however each part words the
    # quantity (政府性基金预算收入完成 / 政府性基金收入计划); paired by us, so never a fail.
    ("一、2025年预算执行情况\n全市政府性基金预算收入完成50.00亿元，下降3.0%。\n二、2026年预算草案\n"
     "全市政府性基金收入计划52.00亿元，增长4.0%。\n", ("growth_rate", "4.0%", "pass")),
    ("一、2025年预算执行情况\n全市政府性基金预算收入完成50.00亿元，下降3.0%。\n二、2026年预算草案\n"
     "全市政府性基金收入计划52.00亿元，增长6.0%。\n", ("growth_rate", "6.0%", "uncertain")),
    # …and its change (比上年增收D) likewise.
    ("一、2025年预算执行情况\n全市一般公共预算收入654233万元，增长8.6%。\n二、2026年预算草案\n"
     "全市一般公共预算收入667301万元，比上年增收13068万元，增长2%。\n", ("change", "13068万元", "pass")),
    ("一、2025年预算执行情况\n全市一般公共预算收入654233万元，增长8.6%。\n二、2026年预算草案\n"
     "全市一般公共预算收入667301万元，比上年增收15068万元，增长2.3%。\n",
     ("change", "15068万元", "uncertain")),
    # A bulletin's figure restated in its table (same name, unit and growth rate) is one
    # quantity stated twice.
    ("全年猪肉产量64.76万吨，增长10.3%；牛肉产量3.16万吨，增长4.4%。\n\n表1 主要农产品产量\n"
     "产品名称 | 产量（万吨） | 比上年增长（%）\n猪肉 | 64.73 | 10.3\n牛肉 | 3.16 | 4.4\n",
     ("equal", "64.73", "fail")),
    ("全年猪肉产量64.76万吨，增长10.3%；牛肉产量3.16万吨，增长4.4%。\n\n表1 主要农产品产量\n"
     "产品名称 | 产量（万吨） | 比上年增长（%）\n猪肉 | 64.76 | 10.3\n牛肉 | 3.16 | 4.4\n",
     ("equal", "3.16", "pass")),
    # …a row with another growth rate is another quantity (or another period): no claim.
    ("全年猪肉产量64.76万吨，增长10.3%。\n\n产品名称 | 产量（万吨） | 比上年增长（%）\n猪肉 | 64.70 | 9.3\n",
     None),
    # 分值A分，自评得分B分 in prose: the score within its weight; numbered sub-lines' weights
    # make their block's (ours: they may leave indicators out, so never a fail).
    ("1.产出指标完成情况：分值30分，自评得分31分。\n(1)数量指标：分值10分，自评得分10分。\n"
     "(2)时效指标：分值10分，自评得分10分。\n(3)成本指标：分值10分，自评得分10分。\n",
     ("score", "31分", "fail")),
    ("1.产出指标完成情况：分值30分，自评得分29分。\n(1)数量指标：分值10分，自评得分10分。\n"
     "(2)时效指标：分值10分，自评得分10分。\n(3)成本指标：分值10分，自评得分9分。\n",
     ("sum", "29分", "pass")),
    ("1.满意度指标完成情况：分值10分，自评得分10分。\n(1)学生满意度：分值10分，自评得分10分。\n"
     "(2)家长满意度：分值10分，自评得分10分。\n", ("sum", "10分", "uncertain")),
    # A later paragraph's change of an item named before (X支出决算为A…⏎X支出决算减少D，下降P%):
    # the rate is of that level; paired across sentences by us, so at worst uncertain.
    ("三公经费支出决算为26085.58元。其中：公务用车运行维护费支出决算为23005.58元，公务接待费支出决算为"
     "3080元。\n2022年度三公经费支出比上年减少18987.42元。其中：公务用车运行维护费支出决算减少994.42元，"
     "下降4.14%。\n", ("growth_rate", "4.14%", "pass")),
    ("三公经费支出决算为26085.58元。其中：公务用车运行维护费支出决算为23005.58元，公务接待费支出决算为"
     "3080元。\n2022年度三公经费支出比上年减少18987.42元。其中：公务用车运行维护费支出决算减少1994.42元，"
     "下降4.14%。\n", ("growth_rate", "4.14%", "uncertain")),
    # 其中：A…，占X P%。⏎B…，占X Q%。⏎C…: the lines after a 其中 whose shares name the same
    # whole in the same words are its parts too.
    ("1. 基本支出预算 2476260.58 元,占一般公共预算支出的84.06%。其中:工资福利支出预算 2016908.34 元,"
     "占基本支出预算81.45%。\n商品和服务支出预算 445372.24 元,占基本支出预算17.99%。\n"
     "对个人和家庭补助支出预算 13980 元,占基本支出预算0.56%。\n", ("sum", "2476260.58 元", "pass")),
    # A 其中 after a change lists its parts' changes: they add to it (b − a = D). The three 三公
    # items are a known partition, so a shortfall fails; a list of other items is only ours.
    ("三公经费支出决算数比上年减少18987.42元，下降42.13%。其中：因公出国费支出决算增加0元；公务用车运行"
     "维护费支出决算减少994.42元，下降4.14%；公务接待费支出决算减少17993元，下降85.38%。",
     ("sum", "18987.42元", "pass")),
    ("三公经费支出决算数比上年减少18987.42元，下降42.13%。其中：因公出国费支出决算增加0元；公务用车运行"
     "维护费支出决算减少994.42元，下降4.14%；公务接待费支出决算减少16993元，下降85.38%。",
     ("sum", "18987.42元", "fail")),
    ("项目支出比上年减少900.00万元。其中：道路工程支出减少500.00万元；绿化工程支出减少300.00万元。",
     ("sum", "900.00万元", "uncertain")),
    # 占GDP的比重 / 占全市生产总值的比重: GDP by any of its names, stated once at the top, never
    # a per-head GDP; a share after ； goes on with the amount before it.
    ("全年全市地区生产总值[2]2000.00亿元，增长5.5%。全市人均地区生产总值为60000元。\n"
     "三、建筑业\n全年实现建筑业增加值150.00亿元，增长1.7%；占GDP的比重为7.50%。\n",
     ("share", "7.50%", "pass")),
    ("全年全市地区生产总值[2]2000.00亿元，增长5.5%。全市人均地区生产总值为60000元。\n"
     "三、建筑业\n全年实现建筑业增加值150.00亿元，增长1.7%；占全市生产总值的比重为8.50%。\n",
     ("share", "8.50%", "uncertain")),
    # A 比重 column with a row at 100: each other row's share is of that row (ours).
    ("年末人口数及其构成\n指标 | 年末数（万人） | 比重（%）\n全市人口 | 70.15 | 100.0\n其中：城镇 | 37.53 | 53.5\n"
     "乡村 | 32.62 | 46.5\n", ("share", "53.5", "pass")),
    ("年末人口数及其构成\n指标 | 年末数（万人） | 比重（%）\n全市人口 | 70.15 | 100.0\n其中：城镇 | 37.53 | 55.5\n"
     "乡村 | 32.62 | 46.5\n", ("share", "55.5", "uncertain")),
    # 增长面 is the share of the N that grew, by definition.
    ("全市15个工业行业大类中11个行业增长，增长面73.3%。", ("ratio", "73.3%", "pass")),
    ("在统计的115种主要工业产品中，有52种产品产量实现增长，增长面为47.2%。", ("ratio", "47.2%", "fail")),
    # Balances held within their limits: the year-end limit (not the one at the year's start
    # nor a new one), category by category, brackets included.
    ("2025年初，我市政府债务限额为1263.55亿元（一般债务322.97亿元，专项债务940.58亿元），加上新增债务限额"
     "173.2亿元（一般债务1.2亿元，专项债务172亿元），预计2025年末我市政府债务限额为1436.75亿元（一般债务"
     "324.17亿元，专项债务1112.58亿元）。\n预计2025年底全市政府债务余额1432.01亿元（一般债务325.41亿元，"
     "专项债务1109.60亿元），控制在政府债务限额以内。\n", ("threshold", "325.41亿元", "fail")),
    # …a limit 下达 in the year with no year's end named may be a new one: ours only.
    ("省级下达本市地区本级地方政府债务限额15.31亿元。\n2025年末，地区本级政府债务余额81.93亿元，"
     "债务余额控制在限额以内。\n", ("threshold", "81.93亿元", "uncertain")),
    # The rest of a known partition after the first part's own items (税收A。分税种看：…。非税B).
    ("全年一般公共预算收入79.34亿元，比上年增长10.2%。其中，税收收入41.00亿元，增长2.4%。分税种看：增值税收入"
     "15.58亿元，增长1.0%；企业所得税收入4.96亿元，下降5.3%。非税收入39.33亿元，增长20.1%。\n",
     ("sum", "79.34亿元", "fail")),
    # A budget compared with last year's outturn stated in part one (比上年实际完成数增加D).
    ("一、2018年预算执行情况\n市本级一般公共预算总收入452519万元，比上年下降0.57%。\n二、2019年预算草案\n"
     "市本级一般公共预算总收入预算为463831万元，比上年实际完成数增加11312万元。\n",
     ("change", "11312万元", "pass")),
    # 应X A，实际X B: the actual against what was set; a shortfall is no inconsistency.
    ("2023年，应补助人数9人，实际补助人数9人。", ("threshold", "9人", "pass")),
    ("2023年，应补助人数9人，实际补助人数8人。", ("threshold", "8人", "uncertain")),
    # The points the parts 拉动 (下拉 takes away) make the rate they name (ours: the parts may
    # leave some out); a county's rate of the same name is not the whole area's.
    ("全州地区生产总值272.24亿元，同比增长6.0%。三次产业分别拉动经济增长0.6、2.0、3.4个百分点。",
     ("sum", "6.0%", "pass")),
    ("全州地区生产总值272.24亿元，同比增长6.0%。\n乌恰县地区生产总值62.70亿元，同比增长10.9%，拉动全州GDP"
     "增长2.3个百分点；阿图什市地区生产总值108.61亿元，增长5.1%，拉动全州GDP增长2.1个百分点。\n",
     ("sum", "6.0%", "uncertain")),
    # The numbered 项 lines under a heading that names a 类 make the 类's amount stated before
    # (ours: the lines may leave 项 out, the amount may be of other funds).
    ("（二）支出预算总计4422.59万元。包括：\n1．社会保障和就业（类）支出1121.39万元。\n2．住房保障（类）支出"
     "3301.2万元。\n五、财政拨款支出预算情况说明\n（一）社会保障和就业（类）\n1．行政事业单位离退休（款）"
     "离退休支出（项）271.45万元，与上年相比增加14.69万元。\n2．行政事业单位离退休（款）养老保险缴费支出（项）"
     "607.1万元。\n3．行政事业单位离退休（款）职业年金缴费支出（项）242.84万元。\n（二）住房保障支出（类）\n"
     "1．住房改革支出（款）住房公积金（项）752.9万元。\n2．住房改革支出（款）提租补贴（项）2548.3万元。\n",
     ("sum", "1121.39万元", "pass")),
    ("（二）支出预算总计4422.59万元。包括：\n1．社会保障和就业（类）支出1121.39万元。\n2．住房保障（类）支出"
     "3301.2万元。\n五、财政拨款支出预算情况说明\n（一）社会保障和就业（类）\n1．行政事业单位离退休（款）"
     "离退休支出（项）271.45万元，与上年相比增加14.69万元。\n2．行政事业单位离退休（款）养老保险缴费支出（项）"
     "607.1万元。\n3．行政事业单位离退休（款）职业年金缴费支出（项）242.84万元。\n（二）住房保障支出（类）\n"
     "1．住房改革支出（款）住房公积金（项）752.9万元。\n2．住房改革支出（款）提租补贴（项）2648.3万元。\n",
     ("sum", "3301.2万元", "uncertain")),
]


class TestRealShapes:
    @pytest.mark.parametrize("text,expected", REAL_SHAPES)
    def test_shape(self, text, expected):
        """A shape met in real reports yields the verdict the house rule gives it (None: no
        check at all on it may fail)."""
        got = statuses(text)
        if expected is None:
            assert not [c for c in got if c[2] == "fail"], got
        else:
            assert expected in got, got


class TestRelations:
    @pytest.mark.parametrize("text,expected", CASES)
    def test_case(self, text, expected):
        """A sentence shape of the genre yields the expected verdict on its figure."""
        assert expected in statuses(text)

    def test_budget_comparison_pairs_no_outturn(self):
        """A paragraph that compares with the budget (比2025年预算增长P（下同）) pairs none of its
        rates with last year's outturn in an earlier part; without that cue it would."""
        text = ("一、2025年预算执行情况\n全市教育支出60.00亿元，增长1.0%。\n二、2026年预算草案\n"
                "全市一般公共预算支出400.00亿元，{cue}增长0.5%，主要项目：教育支出70.00亿元，增长16.7%。\n")
        rated = {c[1] for c in statuses(text.format(cue="比2025年预算")) if c[0] == "growth_rate"}
        assert "16.7%" not in rated
        assert ("growth_rate", "16.7%", "pass") in statuses(text.format(cue=""))

    def test_share_lines_join_a_list_only_in_the_same_words(self):
        """A later line whose share names another whole (占本年支出合计) is no part of the
        其中 before it."""
        text = ("本年支出合计4021.94万元，其中：基本支出2719.24万元，占{a}。\n"
                "一般公共预算财政拨款支出1264.92万元，占{b}31.45%。\n")
        joined = parse_text(text.format(a="本年支出合计的67.61%", b="本年支出合计的"))
        assert any(c.rule == "sum" and "1264.92" in c.message for c in joined.checks)
        apart = parse_text(text.format(a="67.61%", b="本年支出合计的"))
        sums = [c for c in apart.checks if c.rule == "sum"]
        assert sums and not any("1264.92" in c.message for c in sums)

    def test_breadth_takes_no_qizhong_count(self):
        """…中有52种增长，其中10种…，增长面P%: the 其中 count is no count of the 增长面."""
        got = statuses("在统计的115种主要工业产品中，有52种产品产量实现增长，其中10种增速超过20%，"
                       "增长面45.2%。")
        assert ("ratio", "45.2%", "pass") in got

    def test_partition_rest_not_of_another_scope(self):
        """税收A。…。市本级非税收入B: another scope's 非税收入 is not the rest of the total's."""
        got = statuses("全年一般公共预算收入79.34亿元。其中，税收收入41.00亿元。分税种看：增值税收入15.58亿元。"
                       "市本级非税收入39.33亿元，增长20.1%。\n")
        assert not [c for c in got if c[2] == "fail"] and ("sum", "79.34亿元", "pass") not in got

    def test_list_that_may_end_early_is_no_fail(self):
        """实有62人，其中A…G，退休职工28人: the first parts make the total, so the list the
        text names may end there; uncertain, where the parts would otherwise exceed it."""
        text = ("实际正式教职工62人,其中副高级职称4人,中级职称25人,初级职称23人,高级工3人,"
                "中级工{last}人,退休职工28人。")
        assert ("sum", "62人", "uncertain") in statuses(text.format(last="7"))
        assert ("sum", "62人", "fail") in statuses(text.format(last="9"))
        # (Zeros make any first parts of a total of 0: no such reading there.)
        assert ("sum", "0辆", "fail") in statuses("更新购置公务用车0辆，其中：轿车0辆、越野车0辆、载客汽车1辆。")

    def test_bracket_of_compared_areas_is_no_breakdown(self):
        """4894元（全国5963元、全省4881元）: the bracket compares, it does not break down."""
        got = statuses("全县农村居民人均可支配收入4894元(全国5963元、全省4881元、全市6351元)，增长6.2%。")
        assert not [c for c in got if c[0] == "sum"], got
        got = statuses("全县债务限额98.60亿元（一般债务36.20亿元，专项债务63.40亿元）。")
        assert ("sum", "98.60亿元", "fail") in got

    def test_list_of_the_total_siblings_is_not_its_parts(self):
        """A占总预算P%。其中：⏎（一）B，占总预算Q%…: the items are shares of the same whole as A,
        so they are A's siblings, not its parts."""
        text = ("项目支出预算 48100 元,占支出总预算的 4.43%。\n其中:\n(一)文化旅游体育与传媒支出 30000 元,"
                "占{w}62.37%。\n(二)社会保障和就业支出 20000 元,占{w}41.58%。\n")
        assert not [c for c in statuses(text.format(w="支出总预算")) if c[0] == "sum"]
        assert ("sum", "48100 元", "fail") in statuses(text.format(w="项目支出预算"))

    def test_table_list_numbered_on_from_its_qizhong_row(self):
        """其中:(1)A | x ⏎ (2)B | y: the (2) row goes on with the 其中 list, not a list of its
        own (alone it would fail against its parent)."""
        text = ("项目 | 金额\n1、出国费用 | 0\n2、接待费 | 1372\n3、用车费 | 1946\n"
                "其中:(1)车辆运行费 | {a}\n(2)车辆购置 | 0\n4、其他 | 10\n")
        assert ("table_sum", "1946", "pass") in statuses(text.format(a="1946"))
        assert ("table_sum", "1946", "fail") in statuses(text.format(a="1940"))

    def test_table_qizhong_list_with_deeper_rows_goes_on(self):
        """其中:(一)A ⏎ (二)B ⏎ 1.B1 ⏎ 2.B2 ⏎ (三)C: (三) is the 其中 list's third item, and
        1. 2. break down (二)."""
        text = ("项目 | 合计\n三公经费 | 29.00\n其中:(一)因公出国(境)支出 | 0.00\n(二)公务用车购置及运行维护支出 | "
                "28.00\n1.公务用车购置 | 0.00\n2.公务用车运行维护费 | {b}\n(三)公务接待费支出 | 1.00\n")
        got = statuses(text.format(b="28.00"))
        assert ("table_sum", "29.00", "pass") in got and ("table_sum", "28.00", "pass") in got
        assert ("table_sum", "28.00", "fail") in statuses(text.format(b="27.00"))

    def test_part_above_its_total_is_no_fail(self):
        """一般公共预算收入A，其中税收收入B (B > A): the list is of another total."""
        got = statuses("财政总收入222827万元，增长9.6%，一般公共预算收入97092万元，增长0.9%，其中税收收入"
                       "190268万元，非税收入32559万元。")
        assert not [c for c in got if c[2] == "fail"], got

    def test_growth_of_a_level_too_coarse_is_no_fail(self):
        """公务接待费1万元，比上年增加0.5万元，增长100%: the level's own base may be 0 to 1; the
        total's reading disagreeing is no fail."""
        got = statuses("三公经费29万元，比上年增加0.5万元，增长1.75%。其中：公务接待费1万元，比上年增加0.5万元，"
                       "增长100%。")
        assert not [c for c in got if c[2] == "fail"], got

    def test_structure_of_another_years_total(self):
        """…最终核实2021年生产总值为A，三次产业结构为x:y:z: that structure is of A, whose parts
        are not stated; it is not checked against this year's sectors."""
        got = statuses("全县地区生产总值951435万元，比上年下降4.1%。其中第一产业增加值57116万元；第二产业增加值"
                       "445964万元；第三产业增加值448355万元。三次产业增加值结构为6.0:46.9:47.1。最终核实2021年"
                       "全县生产总值现价总量为972846万元，比上年增长9.6%，三次产业增加值结构为5.5:50.6:43.9。")
        assert ("share", "46.9", "pass") in got
        assert not [c for c in got if c[1] in ("5.5", "50.6", "43.9")], got

    def test_partial_breakdown_is_uncertain(self):
        """A 其中 list that says it is partial (…等) and adds up to less: uncertain, not fail."""
        assert ("sum", "100万元", "uncertain") in statuses(
            "支出100万元，其中：工资50万元、房租20万元等。")

    def test_single_part_is_uncertain(self):
        """其中 with one part names an example, not the whole breakdown."""
        assert ("sum", "100万元", "uncertain") in statuses("支出100万元，其中：工资50万元。")

    def test_breakdown_of_a_part_is_uncertain(self):
        """其中产出指标中，… breaks down one part of the total: uncertain, not fail."""
        assert ("sum", "94分", "uncertain") in statuses(
            "项目综合得分94分。其中产出指标中，数量指标得分19分；质量指标得分10分。")

    def test_short_breakdown_is_uncertain(self):
        """Parts that fall short with nothing showing the list complete: maybe partial."""
        c = next(c for c in parse_text("支出100万元，其中：工资50万元，房租20万元。").checks
                 if c.rule == "sum")
        assert c.status == "uncertain" and "不全" in c.message

    def test_short_known_partition_fails(self):
        """基本支出 and 项目支出 are the whole of 支出: falling short is a failure."""
        assert ("sum", "100万元", "fail") in statuses(
            "支出100万元，其中：基本支出50万元，项目支出20万元。")

    def test_short_list_with_residual_fails(self):
        """A list closed by 其他… names everything: falling short is a failure."""
        assert ("sum", "100万元", "fail") in statuses(
            "收入100万元，其中：财政拨款50万元，事业收入20万元，其他收入10万元。")

    def test_exceeding_breakdown_fails(self):
        """Parts of the total the cue follows cannot add up to more than it."""
        assert ("sum", "100万元", "fail") in statuses("支出100万元，其中：工资50万元，房租60万元。")

    def test_breakdown_of_an_earlier_sentence_is_inferred(self):
        """A 其中 opening a sentence after one with two totals: which it breaks down is our
        guess, so even an excess is uncertain."""
        rep = parse_text("全年收入120万元，支出100万元。其中工资50万元，房租60万元。")
        assert {c.status for c in rep.checks if c.rule == "sum"} == {"uncertain"}

    def test_breakdown_of_the_sentence_before_is_bound(self):
        """其中 opening a sentence after one that states a single total: that total it is."""
        assert ("sum", "100万元", "fail") in statuses("全年支出100万元。其中工资50万元，房租60万元。")

    def test_zero_base_is_a_growth_failure(self):
        """Growth from zero cannot be a percentage other than the new item's 100%."""
        rep = parse_text("公务接待费0.3万元，增加0.3万元，增长50%。")
        c = next(c for c in rep.checks if c.rule == "growth_rate")
        assert "0" in c.message and c.status == "fail"


class TestIntervals:
    def test_rounding_tolerance(self):
        """337.10 − 249.52 may be displayed as 87.57 (87.58 lies within rounding)."""
        diff = Interval.of("337.10", 2) - Interval.of("249.52", 2)
        assert diff.overlaps(Interval.of("87.57", 2))

    def test_division(self):
        """0.84 ÷ 2.55 cannot be 69.06%."""
        q = (Interval.of("0.84", 2) / Interval.of("2.55", 2)).scaled(Decimal(100))
        assert not q.overlaps(Interval.of("69.06", 2))

    def test_whole_counts_are_exact(self):
        """360人 stands for exactly 360; 0.17万元 for 0.165 to 0.175 万元."""
        from perfparse.judge.intervals import figure_interval
        from perfparse.readers.text import read_text
        from perfparse.figures import extract_figures
        people, money = extract_figures(read_text("接待360人，支出0.17万元。"))
        assert figure_interval(people) == Interval(Decimal(360), Decimal(360))
        assert figure_interval(money) == Interval(Decimal(1650), Decimal(1750))

    def test_zero_divisor_rejected(self):
        """Dividing by an interval that spans zero is refused."""
        with pytest.raises(ZeroDivisionError):
            Interval.of("1", 0) / Interval.of("0", 0)


PRIOR = ("某县财政局2022年度部门决算公开说明\n一、收支情况\n2022年会议费支出12.50万元，比上年增加1.20万元。\n"
         "某县财政局\n2023年9月1日\n")
LATER = ("某县财政局2023年度部门决算公开说明\n一、收支情况\n2023年会议费支出10.00万元，上年会议费支出{prev}万元，"
         "比上年减少{chg}万元。\n某县财政局\n2024年9月1日\n")


class TestCrossYear:
    def _cross(self, prev, chg):
        from perfparse.judge import cross_year_checks
        later = parse_text(LATER.format(prev=prev, chg=chg))
        reports = cross_year_checks([parse_text(PRIOR), later])
        return [(c.status, reports[1].text[c.start:c.end]) for c in reports[1].checks
                if c.rule == "cross_year"]

    def test_agreeing_years_pass(self):
        """Year N's 上年 figure equal to year N−1's own figure passes."""
        assert self._cross("12.50", "2.50") == [("pass", "12.50万元")]

    def test_disagreeing_years_fail(self):
        """Year N's 上年 figure that differs from year N−1's report fails at that figure."""
        assert self._cross("12.80", "2.80") == [("fail", "12.80万元")]

    def test_cli_compares_years(self, tmp_path):
        """perfparse check over both files exits 1 when the years disagree."""
        from perfparse.cli import main
        (tmp_path / "a.txt").write_text(PRIOR, "utf-8")
        (tmp_path / "b.txt").write_text(LATER.format(prev="12.80", chg="2.80"), "utf-8")
        assert main(["check", str(tmp_path), "--no-progress", "-o", str(tmp_path / "out.txt")]) == 1
        assert "cross_year" in (tmp_path / "out.txt").read_text("utf-8")


COLUMN_TABLE = ("单位：万元\n项目 | 合计 | 基本支出 | 项目支出 | 上年合计\n收入 | 100.00 | 60.00 | 40.00 | 95.00\n"
                "支出 | 90.00 | 60.00 | {x} | 80.00\n")
BLOCK_TABLE = ("项目 | 分值 | 执行率 | 得分\n年度资金总额 | 10 | 95.00% | 9.5\n"
               "一级指标 | 分值 | 得分\n产出 | 50 | 48\n效益 | 40 | 38\n总分 | 100 | {total}\n")


class TestTables:
    def test_column_total_checked(self):
        """A 合计 column equals the columns it totals, up to the next period's column."""
        assert ("table_sum", "90.00", "pass") in statuses(COLUMN_TABLE.format(x="30.00"))
        assert ("table_sum", "90.00", "fail") in statuses(COLUMN_TABLE.format(x="31.00"))

    def test_blocks_with_their_own_headers(self):
        """A total row adds each block's cell under the same header name (得分), not the
        cell in the same position (执行率 in the funding block)."""
        assert ("table_sum", "95.5", "pass") in statuses(BLOCK_TABLE.format(total="95.5"))
        assert ("table_sum", "97", "fail") in statuses(BLOCK_TABLE.format(total="97"))

    def test_flattened_table_total(self):
        """A table flattened one cell per line is read as a table and its 合计 row checked;
        a row called 其他收入 is a part, not a 其中 sub-row."""
        text = ("单位：万元\n项目\n本年收入\n本年支出\n财政拨款\n3402.15\n3380.60\n其他收入\n116.70\n"
                "116.70\n合计\n3518.85\n{x}\n")
        assert ("table_sum", "3497.30", "pass") in statuses(text.format(x="3497.30"))
        assert ("table_sum", "3500.30", "fail") in statuses(text.format(x="3500.30"))


class TestTableRatios:
    def _ratio(self, rate):
        from perfparse import parse_html
        rep = parse_html(RATIO_TABLE.format(rate=rate))
        return [(c.status, rep.text[c.start:c.end]) for c in rep.checks if c.rule == "ratio"]

    def test_marked_columns(self):
        """执行率（B/A） is checked against the columns marked （B） and （A）."""
        assert self._ratio("95.50%") == [("pass", "95.50%")]
        assert self._ratio("98.50%") == [("fail", "98.50%")]

    def test_growth_columns(self):
        """增减额 and 增减率 cells are checked against 本年数 and 上年数 of their row."""
        from perfparse import parse_html
        for rate, status in (("-25.79%", "pass"), ("-25.97%", "fail")):
            rep = parse_html(GROWTH_TABLE.format(rate=rate))
            checks = {(c.rule, rep.text[c.start:c.end], c.status) for c in rep.checks}
            assert ("growth_rate", rate, status) in checks
            assert ("change", "-8.20", "pass") in checks

    def test_merged_number_written_once(self):
        """A number in a cell spanning two columns is one figure, not two."""
        from perfparse import parse_html
        rep = parse_html(RATIO_TABLE.format(rate="95.50%"))
        assert [f.text for f in rep.figures].count("1,200.00") == 1
