"""Breakdowns whose categories are known in advance to make up the whole.

A 其中 list whose parts are exactly the categories of one of these (every required one present,
each part one of them) is complete by construction: if it does not add up, the document is
wrong, not the list partial. Each row: (name, ((pattern, required), …)). Patterns are matched
against the words that lead to each part and its metric.
"""
import regex

PARTITIONS: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...] = (
    ("支出性质", (("基本支出", True), ("项目支出", True))),
    ("基本支出构成", (("人员经费", True), ("公用经费", True))),
    # 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费 = 三公经费.
    ("三公经费", (("出国", True), ("公务用车|车辆", True), ("接待", True))),
    ("公务用车", (("购置", True), ("运行|维护", True))),
    ("预算类别", (
        ("一般公共预算", True), ("政府性基金", True), ("国有资本经营", False),
        ("社会保险基金", False))),
    # (全社会用电量 adds 城乡居民生活用电 to the three industries: the three make up output only.)
    ("三次产业", (("第一产业", True), ("第二产业", True), ("第三产业", True))),
    ("城乡", (("城镇|城市", True), ("乡村|农村", True))),
    ("性别", (("男", True), ("女", True))),
    ("税收与非税", (("非税", True), ("税收|税收收入", True))),
    ("政府采购", (("货物", True), ("工程", True), ("服务", True))),
    # 工业 by its three 门类.
    ("工业门类", (("采矿", True), ("制造", True), ("电力|燃气|水的生产", True))),
    ("奖牌", (("金牌", True), ("银牌", True), ("铜牌", True))),
    # 省级以上 = 国家级 + 省级.
    ("级别", (("国家级", True), ("省级(?!以上|及以上|（含）以上)", True))),
    ("债务类型", (("一般债务|一般债券", True), ("专项债务|专项债券", True))),
    ("债券用途", (("新增", True), ("再融资", True))),
    # 收入总计 = 本年收入合计 + 年初结转和结余 (+ 使用非财政拨款结余 / 用事业基金弥补收支差额).
    ("收入总计", (
        ("本年收入|收入合计", True), ("年初结转|上年结转", True),
        ("非财政拨款结余|事业基金|结余", False))),
    # 支出总计 = 本年支出合计 + 年末结转和结余 (+ 结余分配).
    ("支出总计", (
        ("本年支出|支出合计", True), ("年末结转|结转下年", True), ("结余分配|分配", False))),
)

# A list whose last part is a residual category (其他…, 其余…) names everything else too.
RESIDUAL = regex.compile(r"其他|其余|其它")

# Partitions whole only for some totals: the total's words must match.
TOTAL_OF = {"三次产业": r"生产总值|增加值|GDP|总产值", "工业门类": r"工业",
            "级别": r"省级以上|省级及以上|省级（含）以上"}

# Categories that exclude each other without making up a whole on their own (a transfer
# total may hold 返还性收入 too): one is never inside another, so a part of one listed under
# the other is misplaced. The partitions above exclude each other the same way.
EXCLUSIVE: tuple[tuple[str, ...], ...] = (
    ("一般性?转移支付", "专项转移支付", "返还性"),
)

COMPILED = tuple((name, tuple((regex.compile(p), req) for p, req in cats))
                 for name, cats in PARTITIONS)
EXCLUSIVE_COMPILED = tuple(tuple(regex.compile(p) for p, _ in cats) for _, cats in PARTITIONS) \
    + tuple(tuple(regex.compile(p) for p in cats) for cats in EXCLUSIVE)
TOTAL_PATTERN = {name: regex.compile(p) for name, p in TOTAL_OF.items()}
