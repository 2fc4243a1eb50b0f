"""Generate the attachment corpus (corpus/attachments/) from figures defined in this script.

All figures are invented and arithmetically consistent. Output is deterministic: zip
timestamps, document properties and PDF ids are fixed, so re-running changes no byte.

    python scripts/make_attachments.py [--out corpus/attachments]
"""
from __future__ import annotations

import argparse
import io
import json
import quopri
import random
import re
import zipfile
from decimal import Decimal
from pathlib import Path

FIXED_ZIP_TIME = (2024, 3, 1, 0, 0, 0)
FIXED_ISO = "2024-03-01T00:00:00Z"
COUNTY = "清溪县"
DEPT = "清溪县政务服务中心"
YEAR = "2023"

# --------------------------------------------------------------------------- figures

# 收入支出决算总表 (万元): income side and spending side, each with its 合计.
INCOME = [("一般公共预算财政拨款收入", "1805.17"), ("政府性基金预算财政拨款收入", "0.00"),
          ("其他收入", "120.50")]
# Spending by function covers all funds, so each is at least its 财政拨款 share below.
SPENDING = [("一般公共服务支出", "1625.67"), ("社会保障和就业支出", "150.00"),
            ("住房保障支出", "150.00")]

# 一般公共预算财政拨款支出决算表 (万元): code, name, 小计, 基本支出, 项目支出.
SUBJECTS = [("2010301", "行政运行", "1200.00", "1200.00", "0.00"),
            ("2010399", "其他政府办公厅（室）及相关机构事务支出", "305.17", "0.00", "305.17"),
            ("2080505", "机关事业单位基本养老保险缴费支出", "150.00", "150.00", "0.00"),
            ("2210201", "住房公积金", "150.00", "150.00", "0.00")]

# “三公”经费 (万元): 合计, 因公出国（境）费, 公务用车 小计/购置费/运行费, 公务接待费.
SANGONG = [("预算数", "12.50", "0.00", "8.50", "0.00", "8.50", "4.00"),
           ("决算数", "10.38", "0.00", "8.30", "0.00", "8.30", "2.08")]
# 执行率 = 决算数 / 预算数, shown as percentages ("" where the budget is zero).
SANGONG_RATES = ("执行率", "83.04%", "", "97.65%", "", "97.65%", "52.00%")

# 项目支出绩效自评表: funds (万元) and indicators with weights and scores.
PROJECT = "“一网通办”平台运维项目"
FUNDS = [("年度资金总额", "80.00", "85.00", "80.75", "10", "95.00%", "9.5"),
         ("其中：当年财政拨款", "80.00", "85.00", "80.75", "—", "—", "—"),
         ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—")]
INDICATORS = [("产出指标", "数量指标", "办件量", "50000件", "56230件", "15", "15", ""),
              ("产出指标", "数量指标", "进驻事项数", "800项", "826项", "10", "10", ""),
              ("产出指标", "质量指标", "系统可用率", "99%", "99.6%", "15", "15", ""),
              ("产出指标", "时效指标", "故障修复及时率", "98%", "96.5%", "10", "9",
               "个别故障夜间修复较慢，已建立值班制度"),
              ("效益指标", "社会效益指标", "群众办事平均跑动次数", "0.5次", "0.6次", "15", "14",
               "部分事项仍需现场核验"),
              ("效益指标", "可持续影响指标", "电子证照共享事项", "300项", "312项", "10", "10", ""),
              ("满意度指标", "服务对象满意度指标", "群众满意度", "95%", "94.5%", "15", "14.5",
               "窗口高峰期等候时间较长")]
TOTAL_WEIGHT, TOTAL_SCORE = "100", "97"

# PDF: 三公 table with a two-row header, and prose around it (万元).
PDF_ROWS = [("因公出国（境）费", "0.00", "0.00", "—"),
            ("公务用车购置及运行费", "8.50", "8.30", "97.65%"),
            ("公务接待费", "4.00", "2.08", "52.00%"),
            ("合计", "12.50", "10.38", "83.04%")]
PROCUREMENT = ("35.60", "20.10", "15.50")   # total, goods, services

# MHT (.doc): 部门整体支出 table (万元).
MHT_ROWS = [("基本支出", "1450.00", "1500.00", "1500.00", "100.00%"),
            ("项目支出", "300.00", "305.17", "305.17", "100.00%"),
            ("合计", "1750.00", "1805.17", "1805.17", "100.00%")]


def _check_arithmetic() -> None:
    """The figures above must add up: the corpus is consistent by construction."""
    d = Decimal
    assert sum(d(v) for _, v in INCOME) == sum(d(v) for _, v in SPENDING) == d("1925.67")
    assert sum(d(r[2]) for r in SUBJECTS) == d(INCOME[0][1])
    by_function = {"201": d(0), "208": d(0), "221": d(0)}
    for code, _, total, _, _ in SUBJECTS:
        by_function[code[:3]] += d(total)
    assert all(d(v) >= share for (_, v), share in zip(SPENDING, by_function.values()))
    # A lost point goes with a missed target (lower is better for 跑动次数).
    for *_, target, actual, weight, score, _note in INDICATORS:
        t, a = (d(re.sub(r"[^0-9.]", "", x)) for x in (target, actual))
        missed = a > t if "次" in target else a < t
        assert missed == (d(score) < d(weight)), (target, actual, score)
    assert all(d(r[2]) == d(r[3]) + d(r[4]) for r in SUBJECTS)
    for row in SANGONG:
        assert d(row[1]) == d(row[2]) + d(row[3]) + d(row[6]) and d(row[3]) == d(row[4]) + d(row[5])
    for i, rate in enumerate(SANGONG_RATES[1:], 1):
        if rate:
            got = d(SANGONG[1][i]) / d(SANGONG[0][i]) * 100
            assert abs(got - d(rate[:-1])) < d("0.005"), (got, rate)
    assert d(FUNDS[0][3]) / d(FUNDS[0][2]) == d("0.95")
    assert sum(d(r[5]) for r in INDICATORS) + d(FUNDS[0][4]) == d(TOTAL_WEIGHT)
    assert sum(d(r[6]) for r in INDICATORS) + d(FUNDS[0][6]) == d(TOTAL_SCORE)
    assert d(PROCUREMENT[0]) == d(PROCUREMENT[1]) + d(PROCUREMENT[2])
    assert d(PDF_ROWS[-1][2]) == sum(d(r[2]) for r in PDF_ROWS[:-1])
    for row in MHT_ROWS:
        assert row[0] == "合计" or d(row[3]) / d(row[2]) == 1
    assert all(d(MHT_ROWS[2][i]) == d(MHT_ROWS[0][i]) + d(MHT_ROWS[1][i]) for i in (1, 2, 3))


# --------------------------------------------------------------------------- gold

def _figure(text: str, table_unit: str = "万元", kind: str | None = None) -> dict[str, str]:
    """A gold figure for one cell or prose number."""
    d = Decimal
    if text.endswith("%"):
        return {"text": text, "value": text[:-1], "unit": "%", "kind": "percent"}
    m = re.fullmatch(r"([0-9.]+)(万元|元|件|项|次|分)?", text)
    assert m, text
    number, unit = m.group(1), m.group(2)
    if unit in ("件", "项", "次"):
        return {"text": text, "value": number, "unit": unit, "kind": "count"}
    if unit == "分" or kind == "score":
        return {"text": text, "value": number, "unit": unit or "", "kind": "score"}
    unit = unit or table_unit
    scale = {"万元": 10000, "元": 1}[unit]
    value = d(number) * scale
    value = value.quantize(d(1)) if value == value.to_integral() else value.normalize()
    return {"text": text, "value": str(value), "unit": unit, "kind": "money"}


def _gold(name: str, genre: str, title: str | None, figures: list[dict[str, str]],
          not_figures: list[str]) -> dict[str, object]:
    # Only the metadata the file itself declares (a PDF's or .docx's title, an HTML <title>).
    return {"source": name, "genre": genre,
            "meta": {"title": title} if title else {},
            "consistent": True, "figures": figures, "not_figures": not_figures,
            "planted_errors": []}


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9.]+%?", text))


# --------------------------------------------------------------------------- zip hygiene

def _normalise_zip(data: bytes) -> bytes:
    """Fixed member timestamps and document dates, members in their original order."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + FIXED_ISO.encode(), body)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, body)
    return out.getvalue()


# --------------------------------------------------------------------------- xlsx / xls

def _sheet_specs() -> list[dict[str, object]]:
    """Each sheet as rows of cell text plus merged blocks (row0, col0, row1, col1)."""
    total_in = sum(float(v) for _, v in INCOME)   # a float sum, as a formula would give
    sheets = []
    rows: list[list[object]] = [
        [f"{DEPT}{YEAR}年度收入支出决算总表", "", "", ""],
        ["编制单位：" + DEPT, "", "", "金额单位：万元"],
        ["收入", "", "支出", ""],
        ["项目", "决算数", "项目", "决算数"]]
    for (a, x), (b, y) in zip(INCOME, SPENDING):
        rows.append([a, x, b, y])
    rows.append(["本年收入合计", total_in, "本年支出合计", "1925.67"])
    sheets.append({"name": "收入支出决算总表", "rows": rows,
                   "merges": [(0, 0, 0, 3), (2, 0, 2, 1), (2, 2, 2, 3)]})
    rows = [["一般公共预算财政拨款支出决算表", "", "", "", ""],
            ["", "", "", "", "单位：万元"],
            ["科目编码", "科目名称", "决算数", "", ""],
            ["", "", "小计", "基本支出", "项目支出"]]
    rows += [[int(code), name, a, b, c] for code, name, a, b, c in SUBJECTS]
    rows.append(["合计", "", "1805.17", "1500.00", "305.17"])
    sheets.append({"name": "财政拨款支出决算表", "rows": rows,
                   "merges": [(0, 0, 0, 4), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 4),
                              (len(rows) - 1, 0, len(rows) - 1, 1)]})
    rows = [["一般公共预算财政拨款“三公”经费支出决算表", "", "", "", "", "", ""],
            ["", "", "", "", "", "", "单位：万元"],
            ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小计", "购置费", "运行费", ""]]
    rows += [list(r) for r in SANGONG]
    rows.append(list(SANGONG_RATES))
    sheets.append({"name": "三公经费支出决算表", "rows": rows,
                   "merges": [(0, 0, 0, 6), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 3, 2),
                              (2, 3, 2, 5), (2, 6, 3, 6)]})
    return sheets


def _cell_value(value: object) -> tuple[object, str]:
    """The value to store and its number format: money as 0.00, rates as 0.00%."""
    if isinstance(value, float):
        return value, "0.00"
    if isinstance(value, int):
        return value, "General"
    text = str(value)
    if re.fullmatch(r"[0-9]+\.[0-9]{2}", text):
        return float(text), "0.00"
    if re.fullmatch(r"[0-9]+\.[0-9]{2}%", text):
        return float(text[:-1]) / 100, "0.00%"
    return text, "General"


def make_xlsx() -> bytes:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in _sheet_specs():
        ws = wb.create_sheet(str(spec["name"]))
        for r, row in enumerate(spec["rows"], 1):  # type: ignore[arg-type]
            for c, raw in enumerate(row, 1):
                if raw == "":
                    continue
                value, fmt = _cell_value(raw)
                cell = ws.cell(r, c, value)
                cell.number_format = fmt
        for r0, c0, r1, c1 in spec["merges"]:  # type: ignore[attr-defined]
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1,
                           end_column=c1 + 1)
    wb.properties.creator = "perfparse"
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())


def make_xls() -> bytes:
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    styles = {fmt: xlwt.easyxf(num_format_str=fmt) for fmt in ("General", "0.00", "0.00%")}
    for spec in _sheet_specs():
        ws = wb.add_sheet(str(spec["name"]))
        merged = {}
        for r0, c0, r1, c1 in spec["merges"]:  # type: ignore[attr-defined]
            merged[(r0, c0)] = (r1, c1)
        covered = {(r, c) for (r0, c0), (r1, c1) in merged.items()
                   for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(spec["rows"]):  # type: ignore[arg-type]
            for c, raw in enumerate(row):
                value, fmt = _cell_value(raw) if raw != "" else ("", "General")
                if (r, c) in merged:
                    r1, c1 = merged[(r, c)]
                    ws.write_merge(r, r1, c, c1, value, styles[fmt])
                elif (r, c) not in covered and raw != "":
                    ws.write(r, c, value, styles[fmt])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sheets_gold(name: str) -> dict[str, object]:
    figures = []
    for spec in _sheet_specs():
        header_end = 4   # title, unit, two header rows
        for row in spec["rows"][header_end:]:  # type: ignore[index]
            for raw in row:
                if isinstance(raw, float):
                    raw = f"{raw:.2f}"
                if isinstance(raw, str) and _is_number(raw):
                    figures.append(_figure(raw))
    not_figures = [code for code, *_ in SUBJECTS] + [YEAR]
    return _gold(name, "final_accounts", None, figures, not_figures)


# --------------------------------------------------------------------------- docx

def _docx_paragraphs() -> tuple[list[str], list[str]]:
    before = [f"{DEPT}{YEAR}年度{PROJECT}支出绩效自评报告",
              "一、项目基本情况",
              f"该项目年初预算{FUNDS[0][1]}万元，全年预算{FUNDS[0][2]}万元，"
              f"全年执行{FUNDS[0][3]}万元，执行率{FUNDS[0][5]}。",
              "附表：项目支出绩效自评表"]
    after = ["二、自评结论",
             f"项目自评总分{TOTAL_SCORE}分，等级为“优”。"]
    return before, after


def _selfeval_grid() -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The 自评表 as an 8-column grid and its merged blocks."""
    w = 8
    rows = [["项目支出绩效自评表"] + [""] * 7,
            [f"（{YEAR}年度）", "", "", "", "金额单位：万元", "", "", ""],
            ["项目名称", PROJECT] + [""] * 6,
            ["主管部门", DEPT, "", "", "实施单位", DEPT, "", ""],
            ["项目资金", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
    merges = [(0, 0, 0, 7), (1, 0, 1, 3), (1, 4, 1, 7), (2, 1, 2, 7), (3, 1, 3, 3),
              (3, 5, 3, 7)]
    funds_top = len(rows) - 1
    for label, a, b, c, weight, rate, score in FUNDS:
        rows.append(["", label, a, b, c, weight, rate, score])
    merges.append((funds_top, 0, len(rows) - 1, 0))
    rows.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                 "偏差原因分析及改进措施"])
    first = len(rows)
    for level1, level2, name, target, actual, weight, score, note in INDICATORS:
        rows.append([level1, level2, name, target, actual, weight, score, note])
    # 一级指标 cells merge down over their rows.
    start = first
    for r in range(first + 1, len(rows) + 1):
        if r == len(rows) or rows[r][0] != rows[start][0]:
            if r - 1 > start:
                merges.append((start, 0, r - 1, 0))
            start = r
    rows.append(["总分", "", "", "", "", TOTAL_WEIGHT, TOTAL_SCORE, "自评等级：优"])
    merges.append((len(rows) - 1, 0, len(rows) - 1, 4))
    assert all(len(r) == w for r in rows)
    return rows, merges


def make_docx() -> bytes:
    import datetime as dt

    import docx
    document = docx.Document()
    before, after = _docx_paragraphs()
    for text in before:
        document.add_paragraph(text)
    rows, merges = _selfeval_grid()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    covered = {(r, c) for r0, c0, r1, c1 in merges
               for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text and (r, c) not in covered:
                table.cell(r, c).text = text
    for r0, c0, r1, c1 in merges:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for text in after:
        document.add_paragraph(text)
    props = document.core_properties
    props.title = before[0]
    props.author = props.last_modified_by = "perfparse"
    props.revision = 1
    props.created = props.modified = dt.datetime(2024, 3, 1)
    buf = io.BytesIO()
    document.save(buf)
    return _normalise_zip(buf.getvalue())


def docx_gold(name: str) -> dict[str, object]:
    before, after = _docx_paragraphs()
    figures = [_figure(FUNDS[0][1] + "万元"), _figure(FUNDS[0][2] + "万元"),
               _figure(FUNDS[0][3] + "万元"), _figure(FUNDS[0][5])]
    rows, _ = _selfeval_grid()
    for row in rows[5:]:
        header_weight = row[0] in ("一级指标",)
        if header_weight:
            continue
        is_fund = row[1] in {f[0] for f in FUNDS}
        for c, text in enumerate(row):
            if not text or text == "—" or not re.match(r"[0-9]", text):
                continue
            if is_fund and c in (2, 3, 4):
                figures.append(_figure(text))
            elif c in (5, 6, 7) and not text.endswith("%") and re.fullmatch(r"[0-9.]+", text):
                figures.append(_figure(text, kind="score"))
            else:
                figures.append(_figure(text))
    figures.append(_figure(TOTAL_SCORE + "分"))
    return _gold(name, "project_self_eval", before[0], figures, [YEAR])


# --------------------------------------------------------------------------- pdf

def _pdf_texts() -> dict[str, object]:
    return {
        "header": f"{DEPT}{YEAR}年度部门决算",
        "title": f"{DEPT}{YEAR}年度部门决算公开说明（摘要）",
        "p1": "一、收入支出决算总体情况",
        "p2": "2023年度收入总计1925.67万元，支出总计1925.67万元。",
        "p3": "二、“三公”经费支出情况",
        "caption": "单位：万元",
        "p4": "“三公”经费决算数比预算数减少2.12万元。",
        "p5": "三、政府采购支出情况",
        "p6": f"政府采购支出总额{PROCUREMENT[0]}万元，其中货物采购{PROCUREMENT[1]}万元，"
              f"服务采购{PROCUREMENT[2]}万元。",
    }


def _pdf_canvas(buf: io.BytesIO, encrypt: object = None) -> object:
    from reportlab.pdfgen import canvas
    return canvas.Canvas(buf, pagesize=(595.27, 841.89), invariant=1, encrypt=encrypt,
                         pageCompression=0)


def make_pdf(encrypt: object = None) -> bytes:
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Table, TableStyle
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    font = "STSong-Light"
    t = _pdf_texts()
    buf = io.BytesIO()
    c = _pdf_canvas(buf, encrypt)
    c.setTitle(str(t["title"]))          # type: ignore[attr-defined]
    c.setAuthor("perfparse")             # type: ignore[attr-defined]
    width, height = 595.27, 841.89

    def furniture(page: int) -> None:
        c.setFont(font, 9)                                   # type: ignore[attr-defined]
        c.drawString(72, height - 40, str(t["header"]))      # type: ignore[attr-defined]
        c.drawCentredString(width / 2, 30, f"- {page} -")    # type: ignore[attr-defined]

    furniture(1)
    y = height - 90
    c.setFont(font, 14)                                      # type: ignore[attr-defined]
    c.drawString(72, y, str(t["title"]))                     # type: ignore[attr-defined]
    c.setFont(font, 11)                                      # type: ignore[attr-defined]
    for key in ("p1", "p2", "p3", "caption"):
        y -= 26
        c.drawString(72, y, str(t[key]))                     # type: ignore[attr-defined]
    data = [["项目", "金额", "", "执行率"], ["", "预算数", "决算数", ""]]
    data += [list(r) for r in PDF_ROWS]
    table = Table(data, colWidths=[150, 80, 80, 80], rowHeights=22)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), font, 10),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
        ("SPAN", (0, 0), (0, 1)), ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (3, 1)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    _, th = table.wrapOn(c, width, height)
    y -= 14 + th
    table.drawOn(c, 72, y)
    y -= 28
    c.drawString(72, y, str(t["p4"]))                        # type: ignore[attr-defined]
    c.showPage()                                             # type: ignore[attr-defined]
    furniture(2)
    c.setFont(font, 11)                                      # type: ignore[attr-defined]
    y = height - 90
    for key in ("p5", "p6"):
        c.drawString(72, y, str(t[key]))                     # type: ignore[attr-defined]
        y -= 26
    c.showPage()                                             # type: ignore[attr-defined]
    c.save()                                                 # type: ignore[attr-defined]
    return buf.getvalue()


def pdf_gold(name: str) -> dict[str, object]:
    figures = [_figure("1925.67万元"), _figure("1925.67万元")]
    for row in PDF_ROWS:
        figures += [_figure(v) for v in row[1:] if _is_number(v)]
    figures.append(_figure("2.12万元"))
    figures += [_figure(v + "万元") for v in PROCUREMENT]
    return _gold(name, "final_accounts", str(_pdf_texts()["title"]), figures,
                 ["2023"])


# --------------------------------------------------------------------------- pdf layouts
# How published PDFs set their text, reproduced with our own figures: every printed line
# breaks a sentence wherever the line is full (a number never broken, a comma never first
# on a line), digits come from a second font, justified lines are letter-spaced, headers
# and page numbers are drawn before the body, a sentence runs on across a page break past
# the page's footnotes.

LAYOUT_SIZE = 12
LAYOUT_MEASURE = 60             # columns per printed line: 30 CJK characters at 12 pt
LAYOUT_LEFT = 72
CJK_FONT = "STSong-Light"
DIGIT_FONT = "MSung-Light"      # a second CID font that carries only the digits

# Paragraphs (each a heading or a sentence run) in reading order, page by page; the
# typesetter below breaks them into printed lines.
LAYOUT_PAGES: list[list[str]] = [
    [f"{DEPT}{YEAR}年度部门决算情况说明",
     "一、收入决算情况",
     f"{YEAR}年度本单位收入合计1925.67万元，比上年增加120.50万元，增长6.68%。"
     "其中：财政拨款收入1805.17万元，占93.74%；其他收入120.50万元，占6.26%。",
     "二、“三公”经费支出情况",
     "“三公”经费财政拨款支出决算10.38万元，比年初预算数减少 2.12万元，下降16.96%，"
     "主要是严格控制公务接待。",
     "三、支出决算情况",
     f"{YEAR}年度本单位支出合计1925.67万元，其中：基本支出1500.20万元，占77.91%；"
     "项目支出425.47万元，占22.09%。项目支出包括一网通办平台运维服务预算80.00万元、"
     "政务大厅运行保障预算345.47万元。"],
]
# The page break falls after this many printed lines of the last paragraph on page 1.
LAYOUT_BREAK_AFTER = 2
# Footnotes at the foot of page 1, drawn after its body: pdfium reads them before the end of
# the sentence that runs on to page 2.
LAYOUT_NOTES = ("①基本支出指保障机构正常运转、完成日常工作任务的支出。",
                "②项目支出指为完成特定工作任务在基本支出之外发生的支出。")
# A justified line stretched with a gap between every character, and the line after it;
# and a row of figures drawn the same way.
LAYOUT_SPACED = ("其中财政业务费10.00万元，会议费2.00万元，培训费", "0.38万元，合计12.38万元。")
LAYOUT_SPACED_ROW = ("项", "目", "支", "出", "合", "计", "12.50", "10.38")
# Page 2: prose, a caption and a ruled table with a note beside it, prose below.
LAYOUT_TABLE_ABOVE = "四、政府采购支出情况"
LAYOUT_TABLE_NOTE = "注：按合同金额统计"
LAYOUT_TABLE = [["项目", "预算数", "决算数"], ["货物采购", "22.00", "20.10"],
                ["服务采购", "16.00", "15.50"], ["合计", "38.00", "35.60"]]
LAYOUT_TABLE_BELOW = "政府采购支出总额35.60万元，比预算减少2.40万元。"


def columns(text: str) -> int:
    """Printed width in columns: 2 for a CJK character or full-width mark, 1 otherwise."""
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def typeset(text: str, measure: int = LAYOUT_MEASURE) -> list[str]:
    """Break a paragraph into printed lines as a word processor does: fill each line, never
    break inside a number, never start a line with a comma or a closing mark (the last
    character moves down with it)."""
    no_start = "，。、；：？！）》”%"
    lines, line = [], ""
    for token in re.findall(r"[0-9][0-9.,]*%?|.", text):
        if line and columns(line + token) > measure:
            if token[0] in no_start:
                lines.append(line[:-1])
                line = line[-1]
            else:
                lines.append(line.rstrip())
                line = ""
        line += token
    lines.append(line)
    return lines


def _layout_fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    for name in (CJK_FONT, DIGIT_FONT):
        pdfmetrics.registerFont(UnicodeCIDFont(name))


def _draw_runs(c: object, x: float, y: float, text: str, size: float = LAYOUT_SIZE) -> None:
    """Draw one printed line: digits in the second font, everything else in the first."""
    from reportlab.pdfbase import pdfmetrics
    for run in re.findall(r"[0-9.,%]+|[^0-9.,%]+", text):
        font = DIGIT_FONT if run[0].isdigit() else CJK_FONT
        c.setFont(font, size)                                # type: ignore[attr-defined]
        c.drawString(x, y, run)                              # type: ignore[attr-defined]
        x += pdfmetrics.stringWidth(run, font, size)


def _draw_spaced(c: object, y: float, tokens: tuple[str, ...], width: float) -> None:
    """Draw tokens stretched over `width` points with equal gaps, as justification does."""
    from reportlab.pdfbase import pdfmetrics
    natural = sum(pdfmetrics.stringWidth(t, DIGIT_FONT if t[0].isdigit() else CJK_FONT,
                                         LAYOUT_SIZE) for t in tokens)
    gap = (width - natural) / (len(tokens) - 1)
    x = float(LAYOUT_LEFT)
    for token in tokens:
        _draw_runs(c, x, y, token)
        font = DIGIT_FONT if token[0].isdigit() else CJK_FONT
        x += pdfmetrics.stringWidth(token, font, LAYOUT_SIZE) + gap


def lower_digit_font(pdf: bytes, shift: float, size: float = LAYOUT_SIZE) -> bytes:
    """Give the digit font a descent that puts its glyph boxes `shift` points lower, to
    pdfminer's eye, than the Chinese text's at `size` points, as some published PDFs' digit
    fonts do. pdfminer places a glyph's box by its font's descent, so it sees the digits
    below the line and puts every number on a line of its own; the glyphs' baseline
    itself does not move (pdfium keeps the sentence whole)."""
    pattern = re.compile(rb"/Descent (-\d+)( /Flags \d+ /FontBBox \[ -?\d+ )-\d+"
                         rb"( [^\]]*\] /FontName /" + DIGIT_FONT.encode() + rb")")
    m = pattern.search(pdf)
    assert m, "the digit font's descriptor was not found"
    base = -int(m.group(1))      # the Chinese font's descent is the digit font's own
    value = str(-round(base + shift * 1000 / size)).encode()
    out = pdf[:m.start()] + b"/Descent " + value + m.group(2) + value + m.group(3) + \
        pdf[m.end():]
    return _fix_xref(out)


def _fix_xref(pdf: bytes) -> bytes:
    """Rewrite the cross-reference table of an uncompressed PDF after an edit moved its
    objects."""
    offsets = {int(m.group(1)): m.start(1)
               for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", pdf)}
    start = pdf.rindex(b"\nxref\n") + 1
    trailer = pdf.index(b"trailer", start)
    table = b"xref\n0 %d\n0000000000 65535 f \n" % (max(offsets) + 1)
    table += b"".join(b"%010d 00000 n \n" % offsets[i] for i in range(1, max(offsets) + 1))
    tail = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % start, pdf[trailer:])
    return pdf[:start] + table + tail


def make_layout_pdf(shift: float = 8.0) -> bytes:
    """A two-page 情况说明 set as published PDFs are (see the section comment)."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle
    _layout_fonts()
    buf = io.BytesIO()
    c = _pdf_canvas(buf)
    c.setTitle(f"{DEPT}{YEAR}年度部门决算情况说明")          # type: ignore[attr-defined]
    width, height = 595.27, 841.89
    measure_pt = LAYOUT_MEASURE / 2 * LAYOUT_SIZE
    step = LAYOUT_SIZE * 1.9

    def furniture(page: int) -> None:
        # Drawn first: pdfium reads them before the body, wherever they sit on the page.
        c.setFont(CJK_FONT, 9)                                    # type: ignore[attr-defined]
        c.drawString(LAYOUT_LEFT, height - 40, f"{DEPT}{YEAR}年度部门决算")  # type: ignore
        c.drawCentredString(width / 2, 30, f"- {page} -")         # type: ignore[attr-defined]

    furniture(1)
    y = height - 90
    *before, last = LAYOUT_PAGES[0]
    for paragraph in before:
        for line in typeset(paragraph):
            _draw_runs(c, LAYOUT_LEFT, y, line)
            y -= step
    tail = typeset(last)
    for line in tail[:LAYOUT_BREAK_AFTER]:
        _draw_runs(c, LAYOUT_LEFT, y, line)
        y -= step
    for n, note in enumerate(LAYOUT_NOTES):
        _draw_runs(c, LAYOUT_LEFT, 90 - 14 * n, note, size=9)
    c.showPage()                                                  # type: ignore[attr-defined]
    furniture(2)
    y = height - 90
    for line in tail[LAYOUT_BREAK_AFTER:]:
        _draw_runs(c, LAYOUT_LEFT, y, line)
        y -= step
    _draw_spaced(c, y, tuple(re.findall(r"[0-9.,%]+|.", LAYOUT_SPACED[0])), measure_pt)
    y -= step
    _draw_runs(c, LAYOUT_LEFT, y, LAYOUT_SPACED[1])
    y -= step
    _draw_spaced(c, y, LAYOUT_SPACED_ROW, measure_pt / 2)
    y -= step * 1.5
    _draw_runs(c, LAYOUT_LEFT, y, LAYOUT_TABLE_ABOVE)
    y -= step
    _draw_runs(c, LAYOUT_LEFT, y, "单位：万元")
    table = Table(LAYOUT_TABLE, colWidths=[100, 70, 70], rowHeights=22)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), CJK_FONT, 10),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    _, th = table.wrapOn(c, width, height)
    y -= 10 + th
    table.drawOn(c, LAYOUT_LEFT, y)
    _draw_runs(c, LAYOUT_LEFT + 260, y + th / 2, LAYOUT_TABLE_NOTE, size=9)
    y -= 30
    _draw_runs(c, LAYOUT_LEFT, y, LAYOUT_TABLE_BELOW)
    c.showPage()                                                  # type: ignore[attr-defined]
    c.save()                                                      # type: ignore[attr-defined]
    return lower_digit_font(buf.getvalue(), shift)


def layout_gold(name: str) -> dict[str, object]:
    """Every figure of the layout PDF in text order: the prose figures of its paragraphs
    (whole again), then the table's cells and the sentence below the table."""
    figures = []
    paragraphs = LAYOUT_PAGES[0] + ["".join(LAYOUT_SPACED)]
    for paragraph in paragraphs:
        for m in re.finditer(r"[0-9][0-9.,]*(?:万元|%)", paragraph):
            figures.append(_figure(m.group()))
    figures += [_figure(v) for row in LAYOUT_TABLE[1:] for v in row[1:]]
    figures += [_figure(m.group())
                for m in re.finditer(r"[0-9][0-9.,]*万元", LAYOUT_TABLE_BELOW)]
    return _gold(name, "final_accounts", f"{DEPT}{YEAR}年度部门决算情况说明", figures, [YEAR])


def make_baseline_pdf(shift: float, size: float = LAYOUT_SIZE) -> bytes:
    """The first page's paragraphs with digits `shift` points lower, to pdfminer's eye,
    than the Chinese text around them."""
    _layout_fonts()
    buf = io.BytesIO()
    c = _pdf_canvas(buf)
    y = 780.0
    for paragraph in LAYOUT_PAGES[0]:
        for line in typeset(paragraph, measure=int(LAYOUT_MEASURE * LAYOUT_SIZE / size)):
            _draw_runs(c, LAYOUT_LEFT, y, line, size=size)
            y -= size * 1.9
    c.showPage()                                                  # type: ignore[attr-defined]
    c.save()                                                      # type: ignore[attr-defined]
    return lower_digit_font(buf.getvalue(), shift, size)


def make_rotated_table_pdf() -> bytes:
    """A landscape table page stored portrait with /Rotate 90, as many 预算公开表 are: its
    content is drawn turned a quarter left so that it reads upright when shown."""
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle
    from reportlab.pdfgen import canvas
    _layout_fonts()
    buf = io.BytesIO()
    # reportlab swaps the page's sides when it rotates it: the stored page is portrait.
    c = canvas.Canvas(buf, pagesize=(841.89, 595.27), invariant=1, pageCompression=0)
    c.setPageRotation(90)
    # Displayed (X, Y) with the origin at the shown page's lower left is the stored page's
    # (595.27 - Y, X).
    c.transform(0, 1, -1, 0, 595.27, 0)                           # type: ignore[attr-defined]
    c.setFont(CJK_FONT, 14)                                       # type: ignore[attr-defined]
    c.drawString(LAYOUT_LEFT, 520, f"{DEPT}{YEAR}年政府采购预算表")   # type: ignore
    c.setFont(CJK_FONT, 10)                                       # type: ignore[attr-defined]
    c.drawString(LAYOUT_LEFT, 495, "单位：万元")                  # type: ignore[attr-defined]
    table = Table(LAYOUT_TABLE, colWidths=[200, 150, 150], rowHeights=24)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), CJK_FONT, 10),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.black)]))
    _, th = table.wrapOn(c, 842, 595)
    table.drawOn(c, LAYOUT_LEFT, 480 - th)
    c.showPage()                                                  # type: ignore[attr-defined]
    c.save()                                                      # type: ignore[attr-defined]
    return buf.getvalue()


def minimal_pdf(content: bytes, fonts: dict[str, bytes]) -> bytes:
    """A one-page PDF written object by object: full control over the fonts' dictionaries."""
    names = list(fonts)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
               + b" ".join(f"/{n} {5 + i} 0 R".encode() for i, n in enumerate(names))
               + b" >> >> /Contents 4 0 R >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"]
    objects += [fonts[n] for n in names]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def _cid_font(base: bytes, encoding: bytes, registry: bytes, ordering: bytes) -> bytes:
    return (b"<< /Type /Font /Subtype /Type0 /BaseFont /" + base + b" /Encoding /" + encoding
            + b" /DescendantFonts [<< /Type /Font /Subtype /CIDFontType2 /BaseFont /" + base
            + b" /CIDSystemInfo << /Registry (" + registry + b") /Ordering (" + ordering
            + b") /Supplement 0 >> /FontDescriptor << /Type /FontDescriptor /FontName /"
            + base + b" /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800"
            + b" /Descent -200 /CapHeight 700 /StemV 80 >> /DW 1000 >>] >>")


def make_unmapped_pdf(mapped: str, glyphs: int) -> bytes:
    """`mapped` in a font pdfium can map to Unicode, then `glyphs` glyphs of a subset font
    with no Unicode map at all (no ToUnicode, Identity encoding): their codes (0x31 …)
    would read as digits if taken for characters."""
    fonts = {"F1": _cid_font(b"STSong-Light", b"UniGB-UCS2-H", b"Adobe", b"GB1"),
             "F2": _cid_font(b"ABCDEF+Subset", b"Identity-H", b"Adobe", b"Identity")}
    codes = b"".join(b"%04x" % (0x31 + i % 9) for i in range(glyphs))
    content = (b"BT /F1 12 Tf 72 700 Td <" + mapped.encode("utf-16-be").hex().encode()
               + b"> Tj /F2 12 Tf <" + codes + b"> Tj /F1 12 Tf <"
               + "万元。".encode("utf-16-be").hex().encode() + b"> Tj ET")
    return minimal_pdf(content, fonts)


# --------------------------------------------------------------------------- mht

def _mht_html() -> str:
    rows = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>\n" for r in MHT_ROWS)
    return (
        "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\">\n"
        f"<title>{DEPT}{YEAR}年度部门整体支出绩效自评表</title></head>\n"
        "<body lang=ZH-CN><div class=WordSection1>\n"
        f"<p class=MsoNormal>{DEPT}{YEAR}年度部门整体支出绩效自评表</p>\n"
        # 元 written as a numeric character reference, as Word does for some characters.
        "<p class=MsoNormal>单位：万&#20803;</p>\n"
        "<table border=1 cellspacing=0>\n"
        "<tr><td>项目</td><td>年初预算数</td><td>全年预算数</td><td>全年执行数</td>"
        "<td>执行率</td></tr>\n" + rows + "</table>\n"
        "<p class=MsoNormal>部门整体支出执行率100.00%，全年执行1805.17万&#20803;。</p>\n"
        "</div></body></html>\n")


def make_mht() -> bytes:
    boundary = "----=_NextPart_01DA6B2C.3A1F5E40"
    body = quopri.encodestring(_mht_html().encode("gb18030"))
    ref = b"&#20803;"
    assert ref in body
    # Word's encoder wraps lines at 76 characters, cutting references in two.
    body = body.replace(ref, b"&#2=\n0803;", 1)
    body = body.replace(b"\n", b"\r\n")
    head = (
        "MIME-Version: 1.0\r\n"
        f"Content-Type: multipart/related; boundary=\"{boundary}\"\r\n\r\n"
        "此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n"
        f"--{boundary}\r\n"
        "Content-Location: file:///C:/D1A2B3C4/selfeval.htm\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Type: text/html; charset=\"gb2312\"\r\n\r\n").encode("gb18030")
    tail = f"\r\n--{boundary}--\r\n".encode("ascii")
    return head + body + tail


def mht_gold(name: str) -> dict[str, object]:
    figures = []
    for row in MHT_ROWS:
        figures += [_figure(v) for v in row[1:]]
    figures += [_figure("100.00%"), _figure("1805.17万元")]
    return _gold(name, "overall_self_eval", f"{DEPT}{YEAR}年度部门整体支出绩效自评表",
                 figures, [YEAR])


# --------------------------------------------------------------------------- broken

def make_zip_bomb() -> bytes:
    """Small on disk, 64 MB when unpacked: a worksheet of one repeated byte."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, body in (("[Content_Types].xml", b"<Types/>"),
                           ("xl/workbook.xml", b"<workbook/>")):
            z.writestr(zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME), body)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, b"0" * (64 * 1024 * 1024), compresslevel=9)
    return buf.getvalue()


def make_garbage() -> bytes:
    """A zip signature followed by noise: a download cut off and filled with junk."""
    return b"PK\x03\x04" + random.Random(20240301).randbytes(4092)


ERROR_PAGE = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404 Not Found</title>"
              "</head>\n<body><h1>404 Not Found</h1><p>您访问的页面不存在或已被删除。</p>"
              "</body></html>\n").encode("utf-8")


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent.parent
                                             / "corpus" / "attachments"))
    args = parser.parse_args(argv)
    _check_arithmetic()
    from reportlab.lib.pdfencrypt import StandardEncryption
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    good = {
        "qingxi-zwfw-2023-final-accounts-tables.xlsx": (make_xlsx, sheets_gold),
        "qingxi-zwfw-2023-final-accounts-tables.xls": (make_xls, sheets_gold),
        "qingxi-zwfw-2023-project-self-eval.docx": (make_docx, docx_gold),
        "qingxi-zwfw-2023-final-accounts-summary.pdf": (make_pdf, pdf_gold),
        "qingxi-zwfw-2023-overall-self-eval-mht.doc": (make_mht, mht_gold),
        "qingxi-zwfw-2023-final-accounts-layout.pdf": (make_layout_pdf, layout_gold),
    }
    pdf = make_pdf()
    broken = {
        "broken/truncated.pdf": pdf[: len(pdf) * 3 // 5],
        "broken/encrypted.pdf": make_pdf(StandardEncryption("secret", "owner", strength=128)),
        "broken/error-page.pdf": ERROR_PAGE,
        "broken/zip-bomb.xlsx": make_zip_bomb(),
        "broken/garbage.docx": make_garbage(),
    }
    (out / "broken").mkdir(exist_ok=True)
    for name, (make, gold) in good.items():
        (out / name).write_bytes(make())
        text = json.dumps(gold(name), ensure_ascii=False, indent=1) + "\n"
        (out / (name + ".gold.json")).write_text(text, encoding="utf-8")
    for name, data in broken.items():
        (out / name).write_bytes(data)
    for name in list(good) + list(broken):
        print(f"{(out / name).stat().st_size:>9}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
