"""Speed of the office and PDF readers on generated files: seconds per PDF page, per sheet.

    python benchmarks/bench_readers.py [--pages 40] [--sheets 20] [--rows 200] [--repeat 3]

Files are generated in a temporary folder (reportlab, openpyxl, xlwt) and removed after.
"""
from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

from perfparse.readers import read_path


def make_pdf(path: Path, pages: int) -> None:
    """A report of `pages` pages, each with a heading, prose and a 12-row ruled table."""
    from reportlab.lib import colors
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), invariant=1)
    width, height = c._pagesize
    for page in range(1, pages + 1):
        c.setFont("STSong-Light", 9)
        c.drawString(72, height - 40, "清溪县2023年度部门决算")
        c.drawCentredString(width / 2, 30, f"- {page} -")
        c.setFont("STSong-Light", 11)
        y = height - 80
        for line in range(8):
            c.drawString(72, y, f"第{page}部分第{line + 1}项：本年支出{100 + line}.25万元，"
                                f"比上年增加{line + 1}.5万元，增长{line + 2}.1%。")
            y -= 20
        rows = [["科目", "预算数", "决算数", "执行率"]]
        rows += [[f"支出科目{r}", f"{r * 10 + 5}.00", f"{r * 10 + 4}.50", "99.50%"]
                 for r in range(1, 12)]
        table = Table(rows, colWidths=[150, 80, 80, 80], rowHeights=20)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 10),
                                   ("GRID", (0, 0), (-1, -1), 0.8, colors.black)]))
        _, th = table.wrapOn(c, width, height)
        table.drawOn(c, 72, y - 20 - th)
        c.showPage()
    c.save()


def _sheet_rows(sheet: int, rows: int) -> list[list[object]]:
    out: list[list[object]] = [[f"表{sheet} 支出决算明细表"], ["单位：万元"],
                               ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
    for r in range(rows):
        base, project = 100 + r * 1.25, 10 + r * 0.5
        out.append([2010301 + r, f"科目{r}", base + project, base, project])
    return out


def make_xlsx(path: Path, sheets: int, rows: int) -> None:
    import openpyxl
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for s in range(sheets):
        ws = wb.create_sheet(f"表{s + 1}")
        for row in _sheet_rows(s + 1, rows):
            ws.append(row)
        for row in ws.iter_rows(min_row=4, min_col=3, max_col=5):
            for cell in row:
                cell.number_format = "0.00"
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=5)
    wb.save(path)


def make_xls(path: Path, sheets: int, rows: int) -> None:
    import xlwt
    wb = xlwt.Workbook(encoding="utf-8")
    money = xlwt.easyxf(num_format_str="0.00")
    for s in range(sheets):
        ws = wb.add_sheet(f"表{s + 1}")
        for r, row in enumerate(_sheet_rows(s + 1, rows)):
            for c, value in enumerate(row):
                style = money if isinstance(value, float) else xlwt.Style.default_style
                ws.write(r, c, value, style)
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(buf.getvalue())


def timed(fn: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=40, help="PDF pages (default 40)")
    parser.add_argument("--sheets", type=int, default=20, help="workbook sheets (default 20)")
    parser.add_argument("--rows", type=int, default=200, help="rows per sheet (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the median is kept")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf, xlsx, xls = folder / "big.pdf", folder / "big.xlsx", folder / "big.xls"
        make_pdf(pdf, args.pages)
        make_xlsx(xlsx, args.sheets, args.rows)
        make_xls(xls, args.sheets, args.rows)
        doc = read_path(pdf)
        assert len(doc.tables) == args.pages, "every page's table should be found"
        assert len(read_path(xlsx).tables) == args.sheets
        print(f"{'file':<6}{'size':>10}{'units':>8}{'total s':>10}{'s/unit':>10}")
        for name, path, units, unit in ((".pdf", pdf, args.pages, "page"),
                                        (".xlsx", xlsx, args.sheets, "sheet"),
                                        (".xls", xls, args.sheets, "sheet")):
            seconds = timed(lambda p=path: read_path(p), args.repeat)
            print(f"{name:<6}{path.stat().st_size:>10}{units:>8}{seconds:>10.3f}"
                  f"{seconds / units:>10.4f}  per {unit}"
                  + (f" ({args.rows} rows)" if unit == "sheet" else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
