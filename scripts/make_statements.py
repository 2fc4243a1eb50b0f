"""Generate the standard-table corpus (corpus/statements/): a 部门决算, a 部门预算 and a 项目支出
绩效自评表 of one invented department, in the genre's layouts (text, XLSX, DOCX, PDF), each
consistent or with planted errors, and their gold.

All figures are invented; the script asserts every identity of the consistent documents before
writing. The planted errors are changes applied to the consistent grids and texts: each is
named, with the spans where the checker must fail and the findings it must report. Output is
deterministic (fixed zip times, document properties and PDF ids).

    python scripts/make_statements.py [--out corpus/statements]
"""
from __future__ import annotations

import argparse
import io
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_attachments import _normalise_zip  # noqa: E402  (fixed zip times and properties)

D = Decimal
DEPT = "云溪县农业农村局"
YEAR = "2024"

# --------------------------------------------------------------------------- the accounts

# 功能分类 rows: code, name, 本年支出合计, 基本支出, 项目支出, of which 一般公共预算 (合计,
# 基本, 项目), and 其他收入 spent on it. 万元.
ITEMS = [
    ("2080505", "机关事业单位基本养老保险缴费支出", "60.00", "60.00", "", "60.00", "60.00", "", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "30.00", "30.00", "", "30.00", "30.00", "", ""),
    ("2101101", "行政单位医疗", "25.00", "25.00", "", "25.00", "25.00", "", ""),
    ("2130101", "行政运行", "420.00", "420.00", "", "420.00", "420.00", "", ""),
    ("2130102", "一般行政管理事务", "150.00", "", "150.00", "130.00", "", "130.00", "20.00"),
    ("2210201", "住房公积金", "45.00", "45.00", "", "45.00", "45.00", "", ""),
]
NAMES = {"208": "社会保障和就业支出", "20805": "行政事业单位养老支出", "210": "卫生健康支出",
         "21011": "行政事业单位医疗", "213": "农林水支出", "21301": "农业农村",
         "221": "住房保障支出", "22102": "住房改革支出"}
OPENING = "15.00"   # 年初结转和结余 (all 财政拨款, 一般公共预算)
CLOSING = "15.00"   # 年末结转和结余
LAST_YEAR_TOTAL = "700.00"
# 一般公共预算财政拨款基本支出 by 经济分类: code, name, amount.
ECONOMIC = [("301", "工资福利支出", "480.00"), ("30101", "基本工资", "200.00"),
            ("30102", "津贴补贴", "135.00"), ("30108", "机关事业单位基本养老保险缴费", "60.00"),
            ("30109", "职业年金缴费", "30.00"), ("30110", "职工基本医疗保险缴费", "25.00"),
            ("30113", "住房公积金", "30.00"),
            ("302", "商品和服务支出", "85.00"), ("30201", "办公费", "40.00"),
            ("30211", "差旅费", "20.00"), ("30217", "公务接待费", "3.00"),
            ("30231", "公务用车运行维护费", "22.00"),
            ("303", "对个人和家庭的补助", "15.00"), ("30302", "退休费", "15.00")]
PERSONNEL, PUBLIC = "495.00", "85.00"     # 301 + 303, 302
# 三公 (万元): 预算数, 决算数 of 合计, 出国, 公务用车小计, 购置, 运行维护, 接待.
SANGONG = {"预算数": ("30.00", "0.00", "26.00", "0.00", "26.00", "4.00"),
           "决算数": ("25.00", "0.00", "22.00", "0.00", "22.00", "3.00")}
# Two 项 explained in the narrative: 年初预算 and 支出决算.
EXPLAINED = [("农林水支出", "农业农村", "行政运行", "430.00", "420.00", "小于", "人员变动"),
             ("农林水支出", "农业农村", "一般行政管理事务", "120.00", "130.00", "大于",
              "追加农业技术推广经费")]


def d(x: str) -> Decimal:
    return D(x) if x else D(0)


def money(v: Decimal) -> str:
    return f"{v:.2f}"


def expand_header(header: list[str]) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """A header given as paths (合计/预算数) as rows of cells, each text once in the first cell
    of its block, and the blocks to merge (row0, col0, row1, col1): a run of columns under one
    parent merged across, a shorter path's first part merged down."""
    paths = [h.split("/") for h in header]
    depth = max(len(p) for p in paths)
    # Each column's cell at each level: a shorter path's first part fills the extra levels.
    levels = [[p[0]] * (depth - len(p)) + p for p in paths]
    rows = [["" for _ in header] for _ in range(depth)]
    merges = []
    for r in range(depth):
        c = 0
        while c < len(header):
            text, prefix = levels[c][r], levels[c][:r + 1]
            if r > 0 and levels[c][r - 1] == text:     # merged down from the row above
                c += 1
                continue
            end = c
            while end + 1 < len(header) and levels[end + 1][:r + 1] == prefix:
                end += 1
            down = r
            while down + 1 < depth and all(levels[k][down + 1] == text
                                           for k in range(c, end + 1)):
                down += 1
            rows[r][c] = text
            if end > c or down > r:
                merges.append((r, c, down, end))
            c = end + 1
    return rows, merges


def classes() -> list[tuple[str, str, list[tuple]]]:
    """(类 code, 类 name, [(款 code, 款 name, [items])])."""
    out: dict[str, dict[str, list]] = {}
    for item in ITEMS:
        out.setdefault(item[0][:3], {}).setdefault(item[0][:5], []).append(item)
    return [(c, NAMES[c], [(k, NAMES[k], v) for k, v in kuans.items()])
            for c, kuans in out.items()]


def total(col: int, prefix: str = "") -> Decimal:
    return sum((d(i[col]) for i in ITEMS if i[0].startswith(prefix)), D(0))


def _check() -> None:
    spend = total(2)
    assert spend == total(3) + total(4) == D("730.00")
    gpb = total(5)
    assert gpb == total(6) + total(7) == D("710.00")
    other = total(8)
    assert gpb + other == spend
    assert d(ECONOMIC[0][2]) == sum(d(r[2]) for r in ECONOMIC[1:7])
    assert d(ECONOMIC[7][2]) == sum(d(r[2]) for r in ECONOMIC[8:12])
    assert d(ECONOMIC[12][2]) == d(ECONOMIC[13][2])
    assert d(PERSONNEL) == d(ECONOMIC[0][2]) + d(ECONOMIC[12][2])
    assert d(PUBLIC) == d(ECONOMIC[7][2]) and d(PERSONNEL) + d(PUBLIC) == total(6)
    for values in SANGONG.values():
        v = [d(x) for x in values]
        assert v[0] == v[1] + v[2] + v[5] and v[2] == v[3] + v[4]
    assert spend + d(OPENING) - d(CLOSING) == spend


# --------------------------------------------------------------------------- figures and gold

class Gold:
    """The figures a document shows, recorded as it is written: text, value in 元 (or the
    number), unit as written, kind."""

    def __init__(self) -> None:
        self.figures: list[dict[str, str]] = []

    def add(self, text: str, kind: str, unit: str = "", scale: int = 1) -> str:
        number = re.search(r"-?[0-9][0-9,]*(?:\.[0-9]+)?", text).group().replace(",", "")
        value = D(number) * scale
        value = value.quantize(D(1)) if value == value.to_integral() else value.normalize()
        self.figures.append({"text": text, "value": str(value), "unit": unit, "kind": kind})
        return text

    def m(self, x: str) -> str:
        """A prose amount: 730.00万元."""
        return self.add(f"{x}万元", "money", "万元", 10000)

    def p(self, x: str) -> str:
        return self.add(f"{x}%", "percent", "%")

    def cell(self, x: str, kind: str = "money", unit: str = "万元") -> str:
        """A table cell: a bare number in its table's unit, a rate, a score."""
        if not x or not re.fullmatch(r"-?[0-9.]+%?", x):
            return x
        if x.endswith("%"):
            return self.add(x, "percent", "%")
        if kind == "score":
            return self.add(x, "score", "")
        return self.add(x, kind, unit, {"万元": 10000, "元": 1}.get(unit, 1))


def _gold(name: str, genre: str, title: str | None, gold: Gold, not_figures: list[str],
          planted: list[dict], findings: list[dict]) -> dict[str, object]:
    return {"source": name, "genre": genre, "meta": {"title": title} if title else {},
            "consistent": not planted and not findings, "figures": gold.figures,
            "not_figures": not_figures, "planted_errors": planted,
            "planted_findings": findings}


CODES = [i[0] for i in ITEMS] + list(NAMES) + [r[0] for r in ECONOMIC]

# --------------------------------------------------------------------------- 部门决算 (text)

FINAL_TOC = ["收入支出决算总表", "收入决算表", "支出决算表", "财政拨款收入支出决算总表",
             "一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算表",
             "财政拨款“三公”经费支出决算表", "政府性基金预算财政拨款收入支出决算表",
             "国有资本经营预算财政拨款收入支出决算表"]
CN = "一二三四五六七八九"


def _coded_rows(g: Gold, cols: list[int], rename: dict[str, str] | None = None
                ) -> list[list[str]]:
    """类, 款, 项 rows with the given ITEMS columns (本年支出合计, 基本 … ), sums for 类 and 款."""
    rows = []
    for code, name, kuans in classes():
        rows.append([code, name] + [money(total(c, code)) if total(c, code) else ""
                                    for c in cols])
        for kcode, kname, items in kuans:
            rows.append([kcode, kname] + [money(total(c, kcode)) if total(c, kcode) else ""
                                          for c in cols])
            for item in items:
                iname = (rename or {}).get(item[0], item[1])
                rows.append([item[0], iname] + [item[c] for c in cols])
    return rows


def final_tables(g: Gold, drop: tuple[str, ...] = (), rename: dict | None = None
                 ) -> list[tuple[str, list[list[str]], list[str]]]:
    """The nine tables as (title, rows, column kinds); empty ones as a heading with a note.
    Records the figures in order."""
    out = []
    spend = money(total(2))
    gpb = money(total(5))
    income_total = money(total(5) + total(8))

    def table(title, rows, kinds):
        if title in drop:
            return
        body = []
        for r, row in enumerate(rows):
            if r == 0:
                body.append(row)
                continue
            body.append([g.cell(x, k) if k in ("money", "score", "percent") else x
                         for x, k in zip(row, kinds)])
        out.append((title, body, kinds))

    cls = classes()
    # 收入支出决算总表: two sides.
    rows = [["收入/项目", "收入/决算数", "支出/项目", "支出/决算数"],
            ["一、一般公共预算财政拨款收入", gpb, f"一、{cls[0][1]}", money(total(2, cls[0][0]))],
            ["二、其他收入", money(total(8)), f"二、{cls[1][1]}", money(total(2, cls[1][0]))],
            ["", "", f"三、{cls[2][1]}", money(total(2, cls[2][0]))],
            ["", "", f"四、{cls[3][1]}", money(total(2, cls[3][0]))],
            ["本年收入合计", income_total, "本年支出合计", spend],
            ["年初结转和结余", OPENING, "年末结转和结余", CLOSING],
            ["总计", money(d(income_total) + d(OPENING)), "总计", money(d(spend) + d(CLOSING))]]
    table(FINAL_TOC[0], rows, ["label", "money", "label", "money"])
    # 收入决算表: 本年收入合计 | 财政拨款收入 | 其他收入 by class.
    rows = [["科目编码", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"],
            ["合计", "", income_total, gpb, money(total(8))]]
    for row in _coded_rows(g, [2, 5, 8], rename):
        rows.append(row)
    table(FINAL_TOC[1], rows, ["code", "label", "money", "money", "money"])
    # 支出决算表: 本年支出合计 | 基本支出 | 项目支出.
    rows = [["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
            ["合计", "", spend, money(total(3)), money(total(4))]]
    rows += _coded_rows(g, [2, 3, 4], rename)
    table(FINAL_TOC[2], rows, ["code", "label", "money", "money", "money"])
    # 财政拨款收入支出决算总表.
    fiscal_total = money(total(5) + d(OPENING))
    rows = [["收入/项目", "收入/决算数", "支出/项目", "支出/决算数/合计",
             "支出/决算数/一般公共预算财政拨款", "支出/决算数/政府性基金预算财政拨款",
             "支出/决算数/国有资本经营预算财政拨款"],
            ["一、一般公共预算财政拨款", gpb, f"一、{cls[0][1]}", money(total(5, cls[0][0])),
             money(total(5, cls[0][0])), "", ""],
            ["二、政府性基金预算财政拨款", "", f"二、{cls[1][1]}", money(total(5, cls[1][0])),
             money(total(5, cls[1][0])), "", ""],
            ["三、国有资本经营预算财政拨款", "", f"三、{cls[2][1]}", money(total(5, cls[2][0])),
             money(total(5, cls[2][0])), "", ""],
            ["", "", f"四、{cls[3][1]}", money(total(5, cls[3][0])), money(total(5, cls[3][0])),
             "", ""],
            ["本年收入合计", gpb, "本年支出合计", gpb, gpb, "", ""],
            ["年初财政拨款结转和结余", OPENING, "年末财政拨款结转和结余", CLOSING, CLOSING, "", ""],
            ["总计", fiscal_total, "总计", fiscal_total, fiscal_total, "", ""]]
    table(FINAL_TOC[3], rows, ["label", "money", "label"] + ["money"] * 4)
    # 一般公共预算财政拨款支出决算表.
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["合计", "", gpb, money(total(6)), money(total(7))]]
    rows += _coded_rows(g, [5, 6, 7], rename)
    table(FINAL_TOC[4], rows, ["code", "label", "money", "money", "money"])
    # 一般公共预算财政拨款基本支出决算表.
    rows = [["科目编码", "科目名称", "决算数"]] + [list(r) for r in ECONOMIC] + \
        [["人员经费合计", "", PERSONNEL], ["公用经费合计", "", PUBLIC]]
    table(FINAL_TOC[5], rows, ["code", "label", "money"])
    # 财政拨款“三公”经费支出决算表: a two-level header, one row.
    heads = ["合计", "因公出国（境）费", "公务用车购置及运行维护费/小计",
             "公务用车购置及运行维护费/公务用车购置费", "公务用车购置及运行维护费/公务用车运行维护费",
             "公务接待费"]
    header = [f"{h}/{p}" for h in heads for p in ("预算数", "决算数")]
    values = [v for pair in zip(SANGONG["预算数"], SANGONG["决算数"]) for v in pair]
    table(FINAL_TOC[6], [header, values], ["money"] * len(header))
    return out


def final_narrative(g: Gold, errors: dict[str, str]) -> list[str]:
    """The 情况说明, its figures recorded. `errors` replaces a figure's text (by key)."""
    def e(key: str, x: str) -> str:
        return errors.get(key, x)

    spend, income = money(total(2)), money(total(5) + total(8))
    gpb, other = money(total(5)), money(total(8))
    grand = money(d(income) + d(OPENING))
    fiscal = money(total(5) + d(OPENING))
    change = money(d(grand) - d(LAST_YEAR_TOTAL))
    rate = f"{(d(change) / d(LAST_YEAR_TOTAL) * 100):.2f}"
    lines = ["第三部分 部门决算情况说明", "一、收入支出决算总体情况说明",
             f"{DEPT}{YEAR}年度收入支出总计{g.m(grand)}。与2023年度相比，收入支出总计增加"
             f"{g.m(change)}，增长{g.p(rate)}。主要原因是农业技术推广任务增加。",
             "二、收入决算情况说明",
             f"本年收入合计{g.m(income)}，其中：财政拨款收入{g.m(gpb)}，占"
             f"{g.p(f'{d(gpb) / d(income) * 100:.2f}')}；其他收入{g.m(other)}，占"
             f"{g.p(f'{d(other) / d(income) * 100:.2f}')}。",
             "三、支出决算情况说明",
             f"本年支出合计{g.m(spend)}，其中：基本支出{g.m(money(total(3)))}，占"
             f"{g.p(f'{total(3) / total(2) * 100:.2f}')}；项目支出{g.m(money(total(4)))}，占"
             f"{g.p(f'{total(4) / total(2) * 100:.2f}')}。",
             "四、财政拨款收入支出决算总体情况说明",
             f"{DEPT}{YEAR}年度财政拨款收入支出总计{g.m(e('fiscal_total', fiscal))}。",
             "五、一般公共预算财政拨款支出决算情况说明",
             ]
    parts = []
    for code, name, _ in classes():
        amount = money(total(5, code))
        parts.append(f"{name}（类）{g.m(amount)}，占{g.p(f'{total(5, code) / total(5) * 100:.2f}')}")
    lines.append(f"一般公共预算财政拨款支出{g.m(gpb)}，主要用于以下方面：" + "；".join(parts) + "。")
    for i, (cls, kuan, xiang, budget, actual, word, why) in enumerate(EXPLAINED, 1):
        actual = e(f"item{i}", actual)
        word = e(f"word{i}", word)
        lines.append(f"{i}、{cls}（类）{kuan}（款）{xiang}（项）。年初预算为{g.m(budget)}，"
                     f"支出决算为{g.m(actual)}。决算数{word}预算数的主要原因是{why}。")
    lines += ["六、一般公共预算财政拨款基本支出决算情况说明",
              f"一般公共预算财政拨款基本支出{g.m(money(total(6)))}，其中：人员经费"
              f"{g.m(PERSONNEL)}，公用经费{g.m(PUBLIC)}。",
              "七、财政拨款“三公”经费支出决算情况说明"]
    s = SANGONG["决算数"]
    reception = e("reception", s[5])
    lines.append(f"“三公”经费财政拨款支出决算为{g.m(e('sangong', s[0]))}，其中：因公出国（境）费决算为"
                 f"{g.m(s[1])}，公务用车购置及运行维护费决算为{g.m(s[2])}，公务接待费决算为"
                 f"{g.m(reception)}。")
    lines += ["八、政府性基金预算财政拨款收入支出决算情况说明",
              f"{DEPT}{YEAR}年度无政府性基金预算财政拨款收入和支出。",
              "九、国有资本经营预算财政拨款收入支出决算情况说明",
              f"{DEPT}{YEAR}年度无国有资本经营预算财政拨款收入和支出。"]
    return lines


def final_text(errors: dict[str, str], drop: tuple[str, ...] = (),
               rename: dict | None = None) -> tuple[str, Gold]:
    g = Gold()
    out = [f"{DEPT}{YEAR}年度部门决算", "目录", "第一部分 部门概况", f"第二部分 {YEAR}年度部门决算表"]
    out += [f"{CN[i]}、{t}" for i, t in enumerate(FINAL_TOC)]
    out += ["第三部分 部门决算情况说明", "第一部分 部门概况",
            f"{DEPT}主要职责是贯彻落实农业农村工作方针政策，统筹推进乡村振兴。",
            f"第二部分 {YEAR}年度部门决算表"]
    for title, rows, _ in final_tables(g, drop, rename):
        out += [title, "单位：万元"]
        head, _ = expand_header(rows[0])
        out += [" | ".join(row) for row in head + rows[1:]]
    for title in FINAL_TOC[7:]:
        out += [title, "单位：万元", "注：本单位无此项收入和支出，故本表无数据。"]
    out += final_narrative(g, errors)
    return "\n".join(out) + "\n", g


# --------------------------------------------------------------------------- 部门预算 (xlsx)

BUDGET_SHEETS = ["部门收支总表", "部门收入总表", "部门支出总表", "财政拨款收支总表",
                 "一般公共预算支出表", "一般公共预算基本支出表", "一般公共预算“三公”经费支出表",
                 "政府性基金预算支出表", "国有资本经营预算支出表"]


def budget_sheets(g: Gold, errors: dict[str, str]) -> list[tuple[str, list[list[str]]]]:
    """The budget's nine tables in 元 (2025 budget = the 2024 final figures × 1.04, rounded to
    元), each as (sheet name, rows: title, 单位 row, header, body)."""
    def b(x: str) -> str:
        v = (d(x) * 10000 * D("1.04")).quantize(D("1"))
        return f"{v}.00"

    def e(key: str, x: str) -> str:
        return errors.get(key, x)

    def rec(row: list[str], kinds: list[str]) -> list[str]:
        return [g.cell(x, k, "元") if k == "money" else x for x, k in zip(row, kinds)]

    out = []
    items = [(i[0], i[1], b(i[2]), b(i[3]) if i[3] else "", b(i[4]) if i[4] else "")
             for i in ITEMS]
    spend = sum(d(i[2]) for i in items)

    def tot(col: int, prefix: str = "") -> Decimal:
        return sum((d(i[col]) for i in items if i[0].startswith(prefix)), D(0))

    def coded() -> list[list[str]]:
        rows = []
        for code, name, kuans in classes():
            rows.append([code, name] + [f"{tot(c, code)}" if tot(c, code) else ""
                                        for c in (2, 3, 4)])
            for kcode, kname, its in kuans:
                rows.append([kcode, kname] + [f"{tot(c, kcode)}" if tot(c, kcode) else ""
                                              for c in (2, 3, 4)])
                for it in its:
                    row = [x for x in items if x[0] == it[0]][0]
                    rows.append([row[0], row[1], row[2], row[3], row[4]])
        return rows

    cls = classes()
    spend_s = f"{spend:.2f}"
    header = lambda name: [[f"{DEPT}2025年{name}"], ["单位：元"]]   # noqa: E731
    # 部门收支总表: all funds are 一般公共预算 in the budget.
    rows = header(BUDGET_SHEETS[0]) + [["收入/项目", "收入/预算数", "支出/项目", "支出/预算数"]]
    body = [["一、一般公共预算拨款收入", spend_s, f"一、{cls[0][1]}", f"{tot(2, cls[0][0]):.2f}"],
            ["二、政府性基金预算拨款收入", "", f"二、{cls[1][1]}", f"{tot(2, cls[1][0]):.2f}"],
            ["", "", f"三、{cls[2][1]}", f"{tot(2, cls[2][0]):.2f}"],
            ["", "", f"四、{cls[3][1]}", f"{tot(2, cls[3][0]):.2f}"],
            ["收入总计", spend_s, "支出总计", e("spending_total", spend_s)]]
    rows += [rec(r, ["label", "money", "label", "money"]) for r in body]
    out.append((BUDGET_SHEETS[0], rows))
    # 部门收入总表.
    rows = header(BUDGET_SHEETS[1]) + [["科目编码", "科目名称", "合计", "一般公共预算拨款收入"]]
    body = [["合计", "", spend_s, spend_s]] + [r[:3] + [r[2]] for r in coded()]
    rows += [rec(r, ["code", "label", "money", "money"]) for r in body]
    out.append((BUDGET_SHEETS[1], rows))
    # 部门支出总表.
    rows = header(BUDGET_SHEETS[2]) + [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [["合计", "", spend_s, f"{tot(3):.2f}", f"{tot(4):.2f}"]] + coded()
    rows += [rec(r, ["code", "label", "money", "money", "money"]) for r in body]
    out.append((BUDGET_SHEETS[2], rows))
    # 财政拨款收支总表.
    rows = header(BUDGET_SHEETS[3]) + [["收入/项目", "收入/预算数", "支出/项目", "支出/合计",
                                        "支出/一般公共预算", "支出/政府性基金预算"]]
    body = [["一、一般公共预算资金", spend_s, f"一、{cls[0][1]}", f"{tot(2, cls[0][0]):.2f}",
             f"{tot(2, cls[0][0]):.2f}", ""],
            ["二、政府性基金", "", f"二、{cls[1][1]}", f"{tot(2, cls[1][0]):.2f}",
             f"{tot(2, cls[1][0]):.2f}", ""],
            ["", "", f"三、{cls[2][1]}", f"{tot(2, cls[2][0]):.2f}", f"{tot(2, cls[2][0]):.2f}",
             ""],
            ["", "", f"四、{cls[3][1]}", f"{tot(2, cls[3][0]):.2f}", f"{tot(2, cls[3][0]):.2f}",
             ""],
            ["收入总计", spend_s, "支出总计", spend_s, spend_s, ""]]
    rows += [rec(r, ["label", "money", "label", "money", "money", "money"]) for r in body]
    out.append((BUDGET_SHEETS[3], rows))
    # 一般公共预算支出表.
    rows = header(BUDGET_SHEETS[4]) + [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    body = [["合计", "", spend_s, f"{tot(3):.2f}", f"{tot(4):.2f}"]] + coded()
    rows += [rec(r, ["code", "label", "money", "money", "money"]) for r in body]
    out.append((BUDGET_SHEETS[4], rows))
    # 一般公共预算基本支出表 (经济分类): the 2024 figures × 1.04, 类 = Σ 款.
    econ = [(c, n, b(v)) for c, n, v in ECONOMIC]
    fixed = []
    for code, name, v in econ:
        if len(code) == 3:
            v = f"{sum(d(x[2]) for x in econ if len(x[0]) == 5 and x[0][:3] == code):.2f}"
        fixed.append([code, name, e(f"econ{code}", v)])
    basic = f"{sum(d(x[2]) for x in econ if len(x[0]) == 3):.2f}"
    rows = header(BUDGET_SHEETS[5]) + [["科目编码", "科目名称", "合计"]]
    body = [["合计", "", basic]] + fixed
    rows += [rec(r, ["code", "label", "money"]) for r in body]
    out.append((BUDGET_SHEETS[5], rows))
    # “三公”经费: 合计, 出国, 公务用车 小计/购置/运行维护, 接待 (元).
    vals = [b(x) for x in SANGONG["预算数"]]
    vals[0] = e("sangong_total", vals[0])
    rows = header(BUDGET_SHEETS[6]) + [["合计", "因公出国（境）费", "公务用车购置及运行维护费/小计",
                                        "公务用车购置及运行维护费/公务用车购置费",
                                        "公务用车购置及运行维护费/公务用车运行维护费", "公务接待费"]]
    rows.append(rec(vals, ["money"] * 6))
    out.append((BUDGET_SHEETS[6], rows))
    for name in BUDGET_SHEETS[7:]:
        out.append((name, header(name) + [["科目编码", "科目名称", "合计"], ["合计", "", ""],
                                          ["注：本部门无此项预算，故本表为空表。", "", ""]]))
    return out


def make_budget_xlsx(errors: dict[str, str]) -> tuple[bytes, Gold]:
    import openpyxl
    g = Gold()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in budget_sheets(g, errors):
        ws = wb.create_sheet(name[:31])
        head, merges = expand_header(rows[2])
        rows = rows[:2] + head + rows[3:]
        width = max(len(r) for r in rows)
        for r, row in enumerate(rows, 1):
            for c, raw in enumerate(row, 1):
                if raw == "":
                    continue
                if re.fullmatch(r"[0-9]+\.[0-9]{2}", raw):
                    cell = ws.cell(r, c, float(raw))
                    cell.number_format = "0.00"
                elif re.fullmatch(r"[0-9]{3,7}", raw):
                    ws.cell(r, c, raw)     # codes kept as text, as budget systems export them
                else:
                    ws.cell(r, c, raw)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        for r0, c0, r1, c1 in merges:
            ws.merge_cells(start_row=r0 + 3, start_column=c0 + 1, end_row=r1 + 3,
                           end_column=c1 + 1)
    wb.properties.creator = "perfparse"
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue()), g


# --------------------------------------------------------------------------- 部门决算 (docx)

def make_final_docx(errors: dict[str, str]) -> tuple[bytes, Gold]:
    """The 决算 as a Word file: the nine tables as Word tables, then the 情况说明."""
    import datetime as dt

    import docx
    g = Gold()
    document = docx.Document()
    title = f"{DEPT}{YEAR}年度部门决算"
    document.add_paragraph(title)
    document.add_paragraph(f"第二部分 {YEAR}年度部门决算表")
    for name, rows, _ in final_tables(g):
        document.add_paragraph(name)
        document.add_paragraph("单位：万元")
        head, merges = expand_header(rows[0])
        rows = head + rows[1:]
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for r0, c0, r1, c1 in merges:
            table.cell(r0, c0).merge(table.cell(r1, c1))
    for name in FINAL_TOC[7:]:
        document.add_paragraph(name)
        document.add_paragraph("注：本单位无此项收入和支出，故本表无数据。")
    for line in final_narrative(g, errors):
        document.add_paragraph(line)
    props = document.core_properties
    props.title = title
    props.author = props.last_modified_by = "perfparse"
    props.revision = 1
    props.created = props.modified = dt.datetime(2025, 9, 1)
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue()), g


# --------------------------------------------------------------------------- 自评表 (pdf, text)

PROJECT = "农业技术推广项目"
FUNDS = [["年度资金总额", "120.00", "150.00", "130.00", "10", "86.67%", "8.67"],
         ["其中：当年财政拨款", "120.00", "130.00", "110.00", "/", "/", "/"],
         ["上年结转资金", "0.00", "20.00", "20.00", "/", "/", "/"]]
INDICATORS = [["产出指标(50分)", "数量指标", "示范基地建设", "≥5个", "6个", "20", "20"],
              ["", "质量指标", "技术推广覆盖率", "≥90%", "93%", "15", "15"],
              ["", "时效指标", "培训按期完成率", "≥95%", "98%", "15", "15"],
              ["效益指标(30分)", "经济效益指标", "亩均增收", "≥200元", "230元", "15", "15"],
              ["", "社会效益指标", "带动农户数", "≥1000户", "1200户", "15", "14"],
              ["满意度指标(10分)", "服务对象满意度指标", "农户满意度", "≥90%", "94%", "10", "10"]]
FORM_TOTAL = ["总分", "", "", "", "", "100", "97.67"]


def _check_form() -> None:
    f = [[d(x) if re.fullmatch(r"[0-9.]+", x) else None for x in row] for row in FUNDS]
    for c in (1, 2, 3):
        assert f[0][c] == f[1][c] + f[2][c]
    assert f"{f[0][3] / f[0][2] * 100:.2f}%" == FUNDS[0][5]
    assert f"{f[0][4] * f[0][3] / f[0][2]:.2f}" == FUNDS[0][6]
    assert sum(d(r[5]) for r in INDICATORS) + d(FUNDS[0][4]) == d(FORM_TOTAL[5])
    assert sum(d(r[6]) for r in INDICATORS) + d(FUNDS[0][6]) == d(FORM_TOTAL[6])


def form_grid(changes: dict[tuple[int, int], str]) -> list[list[str]]:
    header = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
              "得分（分值×执行率）"]
    ind_header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    grid = [header] + [list(r) for r in FUNDS] + [ind_header] + \
        [list(r) for r in INDICATORS] + [list(FORM_TOTAL)]
    for (r, c), v in changes.items():
        grid[r][c] = v
    return grid


def form_gold(g: Gold, grid: list[list[str]]) -> None:
    """The figures of the form, in reading order."""
    for r, row in enumerate(grid):
        if r in (0, 4):
            continue
        for c, x in enumerate(row):
            if r < 4:   # funding rows: 万元 amounts, the weight and score, the rate
                if c in (1, 2, 3):
                    g.cell(x)
                elif c in (4, 6):
                    g.cell(x, "score")
                elif c == 5:
                    g.cell(x)
                continue
            if c == 0 and re.search(r"[0-9]+分", x):
                g.add(re.search(r"[0-9]+分", x).group(), "score", "分")
            elif c in (3, 4):
                m = re.fullmatch(r"(≥)?([0-9.]+)(个|%|元|户)", x)
                if m:
                    unit = m.group(3)
                    kind = {"%": "percent", "元": "money"}.get(unit, "count")
                    g.add(m.group(2) + unit, kind, unit)
            elif c in (5, 6):
                g.cell(x, "score")


def form_text(grid: list[list[str]]) -> str:
    """One cell per line, cells parted by blank lines, an empty cell a line of one space."""
    lines = [f"{DEPT}项目支出绩效自评表", f"（{YEAR}年度）", f"项目名称：{PROJECT}"]
    cells = [c if c else " " for row in grid for c in row]
    return "\n".join(lines) + "\n\n" + "\n\n".join(cells) + "\n\n评价结论：项目完成较好。\n"


def make_form_pdf(grid: list[list[str]]) -> bytes:
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(841.89, 595.27), invariant=1, pageCompression=0)
    c.setTitle(f"{DEPT}{PROJECT}支出绩效自评表")
    c.setAuthor("perfparse")
    width, height = 841.89, 595.27
    c.setFont(font, 14)
    c.drawString(60, height - 60, "项目支出绩效自评表")
    c.setFont(font, 10)
    c.drawString(60, height - 80, f"（{YEAR}年度）  项目名称：{PROJECT}  主管部门：{DEPT}")
    table = Table(grid, colWidths=[110, 110, 150, 90, 90, 60, 110], rowHeights=20)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 9),
                               ("GRID", (0, 0), (-1, -1), 0.8, colors.black)]))
    _, th = table.wrapOn(c, width, height)
    table.drawOn(c, 60, height - 100 - th)
    c.drawString(60, height - 120 - th, "评价结论：项目完成较好。")
    c.showPage()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------- 部门整体 (docx)

# The department's 部门整体支出绩效自评表: its funding broken down by source and by the nature
# of spending (the same year's 决算: 730.00 spent of 745.00), and its indicators.
OVERALL_FUNDS = [["年度资金总额", "700.00", "745.00", "730.00", "10", "97.99%", "9.80"],
                 ["按收入性质分", "", "", "", "", "", ""],
                 ["其中：一般公共预算", "690.00", "725.00", "710.00", "", "", ""],
                 ["其他资金", "10.00", "20.00", "20.00", "", "", ""],
                 ["按支出性质分", "", "", "", "", "", ""],
                 ["其中：基本支出", "560.00", "590.00", "580.00", "", "", ""],
                 ["项目支出", "140.00", "155.00", "150.00", "", "", ""]]
OVERALL_INDICATORS = [
    ["产出指标(50分)", "数量指标", "高标准农田建设面积", "≥2000亩", "2150亩", "20", "20"],
    ["", "质量指标", "农产品质量安全抽检合格率", "≥98%", "99.2%", "15", "15"],
    ["", "时效指标", "惠农补贴按时发放率", "100%", "100%", "15", "15"],
    ["效益指标(30分)", "社会效益指标", "受益农户数", "≥5000户", "5320户", "15", "15"],
    ["", "可持续影响指标", "农业技术推广站点运行率", "≥90%", "95%", "15", "14"],
    ["满意度指标(10分)", "服务对象满意度指标", "群众满意度", "≥90%", "93%", "10", "10"]]
OVERALL_TOTAL = ["总分", "", "", "", "", "100", "98.80"]


def _check_overall() -> None:
    f = [[d(x) if re.fullmatch(r"[0-9.]+", x) else None for x in row] for row in OVERALL_FUNDS]
    for c in (1, 2, 3):
        assert f[0][c] == f[2][c] + f[3][c] == f[5][c] + f[6][c]
    assert f"{f[0][3] / f[0][2] * 100:.2f}%" == OVERALL_FUNDS[0][5]
    assert f"{f[0][4] * f[0][3] / f[0][2]:.2f}" == OVERALL_FUNDS[0][6]
    assert sum(d(r[5]) for r in OVERALL_INDICATORS) + d("10") == d(OVERALL_TOTAL[5])
    assert sum(d(r[6]) for r in OVERALL_INDICATORS) + d("9.80") == d(OVERALL_TOTAL[6])


def overall_grid(changes: dict[tuple[int, int], str]) -> list[list[str]]:
    header = ["年度预算执行情况（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率",
              "得分"]
    ind_header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    grid = [header] + [list(r) for r in OVERALL_FUNDS] + [ind_header] + \
        [list(r) for r in OVERALL_INDICATORS] + [list(OVERALL_TOTAL)]
    for (r, c), v in changes.items():
        grid[r][c] = v
    return grid


def overall_gold(g: Gold, grid: list[list[str]]) -> None:
    """The figures of the form as the Word file reads: its title lines, then the cells."""
    funds = len(OVERALL_FUNDS) + 1
    label = ""
    for r, row in enumerate(grid):
        if r in (0, funds):
            continue
        if r > funds and r < len(grid) - 1:
            # A first-level label merged down is read into each of its rows.
            label = row[0] or label
            row = [label] + row[1:]
        for c, x in enumerate(row):
            if r < funds:
                g.cell(x, "score" if c in (4, 6) else "money")
            elif c == 0 and re.search(r"[0-9]+分", x):
                g.add(re.search(r"[0-9]+分", x).group(), "score", "分")
            elif c in (3, 4):
                m = re.fullmatch(r"(≥)?([0-9.]+)(亩|%|户)", x)
                if m:
                    unit = m.group(3)
                    kind = {"%": "percent", "亩": "area"}.get(unit, "count")
                    g.add(m.group(2) + unit, kind, unit)
            elif c in (5, 6):
                g.cell(x, "score")


def make_overall_docx(grid: list[list[str]]) -> bytes:
    """The form as the Word template sets it: one table, the 部门 row on top, the first-level
    labels merged down over their indicators."""
    import datetime as dt

    import docx
    document = docx.Document()
    title = "部门整体支出绩效自评表"
    document.add_paragraph(title)
    document.add_paragraph(f"（{YEAR}年度）")
    rows = [["部门（单位）名称", DEPT, "", "", "", "", ""]] + grid
    table = document.add_table(rows=len(rows), cols=7)
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    table.cell(0, 1).merge(table.cell(0, 6))
    # 按收入性质分 / 按支出性质分 span the row; a first-level label spans its indicators.
    for r, row in enumerate(rows):
        if row[0].startswith("按"):
            table.cell(r, 0).merge(table.cell(r, 6))
    first = len(OVERALL_FUNDS) + 3
    spans, open_at = [], None
    for r in range(first, first + len(OVERALL_INDICATORS)):
        if rows[r][0]:
            if open_at is not None:
                spans.append((open_at, r - 1))
            open_at = r
    spans.append((open_at, first + len(OVERALL_INDICATORS) - 1))
    for a, b in spans:
        if b > a:
            table.cell(a, 0).merge(table.cell(b, 0))
    document.add_paragraph("评价结论：部门整体支出绩效良好。")
    props = document.core_properties
    props.title = f"{DEPT}{YEAR}年度部门整体支出绩效自评表"
    props.author = props.last_modified_by = "perfparse"
    props.revision = 1
    props.created = props.modified = dt.datetime(2025, 9, 1)
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue())


# --------------------------------------------------------------------------- main

def _planted(text: str, rule: str, why: str, occurrence: int = 1) -> dict:
    return {"text": text, "occurrence": occurrence, "rule": rule, "why": why}


def documents() -> dict[str, tuple[bytes, dict]]:
    """name -> (file bytes, gold)."""
    _check()
    _check_form()
    _check_overall()
    out: dict[str, tuple[bytes, dict]] = {}
    title = f"{DEPT}{YEAR}年度部门决算"

    text, g = final_text({})
    out["yunxi-nyncj-2024-final-accounts.txt"] = (text.encode("utf-8"), _gold(
        "yunxi-nyncj-2024-final-accounts.txt", "final_accounts", None, g, CODES, [], []))

    errors = {"fiscal_total": "752.00", "word1": "大于", "item2": "103.00"}
    text, g = final_text(errors, drop=(FINAL_TOC[6],), rename={"2101101": "事业单位医疗"})
    planted = [
        _planted("752.00万元", "equal", "§四's 财政拨款收入支出总计 against its table's 总计 725.00"),
        _planted("420.00万元", "threshold", "决算数大于预算数 said of 420.00 against 430.00"),
        _planted("103.00万元", "equal", "the 项's 支出决算 against its table row 130.00 (and "
                 "决算数大于预算数 of 103.00 against 120.00)")]
    findings = [{"kind": "completeness", "status": "missing",
                 "subject": "财政拨款“三公”经费支出决算表"},
                {"kind": "code", "status": "mismatch", "subject": "2101101"}]
    out["yunxi-nyncj-2024-final-accounts-errors.txt"] = (text.encode("utf-8"), _gold(
        "yunxi-nyncj-2024-final-accounts-errors.txt", "final_accounts", None, g, CODES,
        planted, findings))

    data, g = make_budget_xlsx({})
    out["yunxi-nyncj-2025-budget-tables.xlsx"] = (data, _gold(
        "yunxi-nyncj-2025-budget-tables.xlsx", "budget", None, g, CODES, [], []))
    data, g = make_budget_xlsx({"spending_total": "7600000.00", "econ30201": "426000.00",
                                "sangong_total": "330000.00"})
    planted = [
        _planted("7600000.00", "table_sum", "支出总计 7,600,000.00 against 收入总计 and its items "
                 "7,592,000.00"),
        _planted("884000.00", "table_sum", "302 商品和服务支出 884,000.00 against its 款 "
                 "426,000 + 208,000 + 31,200 + 228,800 = 894,000.00 (办公费 changed)"),
        _planted("330000.00", "table_sum", "三公 合计 330,000 against 出国 + 公务用车 + 接待 "
                 "312,000")]
    out["yunxi-nyncj-2025-budget-tables-errors.xlsx"] = (data, _gold(
        "yunxi-nyncj-2025-budget-tables-errors.xlsx", "budget", None, g, CODES, planted, []))

    data, g = make_final_docx({"reception": "3.50"})
    planted = [
        _planted("3.50万元", "equal", "公务接待费 决算 3.50 against the 三公 table's 3.00"),
        _planted("25.00万元", "sum", "三公 决算 25.00 against its items 0.00 + 22.00 + 3.50", 2)]
    out["yunxi-nyncj-2024-final-accounts-errors.docx"] = (data, _gold(
        "yunxi-nyncj-2024-final-accounts-errors.docx", "final_accounts", title, g, CODES,
        planted, []))

    grid = form_grid({})
    g = Gold()
    form_gold(g, grid)
    out["yunxi-nyncj-2024-project-self-eval.pdf"] = (make_form_pdf(grid), _gold(
        "yunxi-nyncj-2024-project-self-eval.pdf", "project_self_eval",
        f"{DEPT}{PROJECT}支出绩效自评表", g, [], [], []))
    # Errors: a 执行率 that is not 执行数 ÷ 全年预算数, and a score over its weight (the 总分
    # follows the wrong score).
    grid = form_grid({(1, 5): "80.00%", (9, 6): "16", (11, 6): "99.67"})
    g = Gold()
    form_gold(g, grid)
    planted = [_planted("80.00%", "ratio", "执行率 of 130.00 ÷ 150.00 is 86.67%"),
               _planted("16", "score", "带动农户数 scores 16 over its weight of 15", 1)]
    out["yunxi-nyncj-2024-project-self-eval-errors.pdf"] = (make_form_pdf(grid), _gold(
        "yunxi-nyncj-2024-project-self-eval-errors.pdf", "project_self_eval",
        f"{DEPT}{PROJECT}支出绩效自评表", g, [], planted, []))
    # Errors in the text layout: a 年度资金总额 that its sources do not make, and a target
    # missed with full marks.
    grid = form_grid({(1, 1): "140.00", (7, 4): "85%"})
    g = Gold()
    form_gold(g, grid)
    planted = [_planted("140.00", "table_sum", "年初预算数 of 年度资金总额 140.00 against 120.00 + 0.00"),
               _planted("85%", "threshold", "培训按期完成率 85% misses ≥95% yet scores 15 of 15")]
    out["yunxi-nyncj-2024-project-self-eval-errors.txt"] = (form_text(grid).encode("utf-8"),
                                                            _gold(
        "yunxi-nyncj-2024-project-self-eval-errors.txt", "project_self_eval", None, g, [],
        planted, []))
    # The 部门整体 form in Word: consistent, and with 项目支出's 全年执行数 that the nature
    # breakdown no longer makes, and an indicator that misses its target with full marks.
    grid = overall_grid({})
    g = Gold()
    overall_gold(g, grid)
    out["yunxi-nyncj-2024-overall-self-eval.docx"] = (make_overall_docx(grid), _gold(
        "yunxi-nyncj-2024-overall-self-eval.docx", "overall_self_eval", None, g, [], [], []))
    grid = overall_grid({(7, 3): "160.00", (10, 4): "96.5%"})
    g = Gold()
    overall_gold(g, grid)
    planted = [_planted("730.00", "table_sum", "年度资金总额 全年执行数 730.00 against 基本支出 "
                        "580.00 + 项目支出 160.00"),
               _planted("96.5%", "threshold", "抽检合格率 96.5% misses ≥98% yet scores 15 of 15")]
    out["yunxi-nyncj-2024-overall-self-eval-errors.docx"] = (make_overall_docx(grid), _gold(
        "yunxi-nyncj-2024-overall-self-eval-errors.docx", "overall_self_eval", None, g, [],
        planted, []))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent
                                             / "corpus" / "statements"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, (data, gold) in documents().items():
        (out / name).write_bytes(data)
        text = json.dumps(gold, ensure_ascii=False, indent=1) + "\n"
        (out / (name + ".gold.json")).write_text(text, encoding="utf-8")
        print(f"{len(data):>9}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
