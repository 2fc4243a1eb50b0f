"""Generate the binary Word (.doc) test fixtures in tests/data/doc/ with LibreOffice.

The text and figures are ours (invented, arithmetically consistent). Each fixture is first
written as .docx with python-docx and then converted by LibreOffice, a real Word 97 writer,
so that the reader is tested on files it did not produce itself. LibreOffice is needed only
here, never by the tests:

    apt-get install libreoffice-writer-nogui   # once
    python scripts/make_doc_fixtures.py [--out tests/data/doc]

LibreOffice stamps dates and ids into its output, so the files differ byte for byte from run
to run; their text and tables do not.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPT = "清溪县政务服务中心"

# The report fixture: every paragraph, in order. "{PAGEREF:3}" and "{LINK:text}" become
# fields whose results are the given text; "{DEL:text}" a tracked deletion, "{HIDDEN:text}"
# hidden text; "\v" is a manual line break.
REPORT = [
    f"{DEPT}2023年度部门决算公开说明",
    "目录",
    "一、收入支出决算总体情况\t{PAGEREF:3}",
    "二、“三公”经费支出情况\t{PAGEREF:4}",
    "一、收入支出决算总体情况",
    "2023年度收入总计1925.67万元，比上年增加125.67万元，增长6.98%。"
    "其中：一般公共预算财政拨款收入1805.17万元，其他收入120.50万元。",
    "本表数据详见{LINK:清溪县财政局网站}公开栏目。",
    "支出总计1925.67万元，\v其中：基本支出1500.00万元，项目支出425.67万元。",
    "Total revenue 1925.67 (ASCII only).",
    "罕用字𠮷（U+20BB7）不影响前后的数字12.50万元。",
    "预算执行率{DEL:95.00%}98.50%，{HIDDEN:内部备注9.99万元}以决算数为准。",
    "表1 收入支出决算表（单位：万元）",
    "TABLE1",
    "二、“三公”经费支出情况",
    "“三公”经费支出10.38万元，完成预算的83.04%。",
    "TABLE2",
    "三、其他说明",
    "本说明中的数字均为示例。",
]
# 表1: a two-row header whose 决算数 spans two columns; 项目 and 合计 merged down.
TABLE1 = {
    "rows": [["项目", "决算数", ""],
             ["", "基本支出", "项目支出"],
             ["一般公共服务支出", "1200.00", "305.17"],
             ["社会保障和就业支出", "150.00", "0.00"],
             ["住房保障支出", "150.00", "120.50"],
             ["合计", "1500.00", "425.67"]],
    "merges": [(0, 1, 0, 2), (0, 0, 1, 0)],
}
# 表2: a table with another table nested in one cell.
TABLE2 = {
    "rows": [["项目", "预算数", "决算数"],
             ["公务接待费", "4.00", "2.08"],
             ["公务用车购置及运行费", "8.50", "8.30"]],
    "merges": [],
    "nested": (1, 0, [["接待批次", "12"], ["接待人次", "96"]]),
}


def _field(paragraph, code: str, result: str) -> None:
    """A complex field: begin, instruction, separate, result run, end."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> None:
        run = paragraph.add_run()
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run._r.append(fld)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = code
    run._r.append(instr)
    char("separate")
    paragraph.add_run(result)
    char("end")


def _deletion(paragraph, text: str) -> None:
    """A tracked deletion: the old text stays in the file, marked deleted."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "perfparse")
    deleted.set(qn("w:date"), "2024-03-01T00:00:00Z")
    run = OxmlElement("w:r")
    old = OxmlElement("w:delText")
    old.text = text
    run.append(old)
    deleted.append(run)
    paragraph._p.append(deleted)


def _paragraph(document, text: str) -> None:
    import re
    p = document.add_paragraph()
    for part in re.split(r"(\{[A-Z]+:[^}]*\}|\v)", text):
        if not part:
            continue
        if part == "\v":
            p.add_run().add_break()
        elif part.startswith("{DEL:"):
            _deletion(p, part[5:-1])
        elif part.startswith("{HIDDEN:"):
            p.add_run(part[8:-1]).font.hidden = True
        elif part.startswith("{PAGEREF:"):
            _field(p, " PAGEREF _Toc1 \\h ", part[9:-1])
        elif part.startswith("{LINK:"):
            _field(p, ' HYPERLINK "http://czj.qingxi.example.cn/" ', part[6:-1])
        else:
            p.add_run(part)


def _table(container, spec: dict) -> None:
    rows = spec["rows"]
    table = container.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    covered = {(r, c) for r0, c0, r1, c1 in spec["merges"]
               for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text and (r, c) not in covered:
                table.cell(r, c).text = text
    for r0, c0, r1, c1 in spec["merges"]:
        table.cell(r0, c0).merge(table.cell(r1, c1))
    if "nested" in spec:
        r, c, inner = spec["nested"]
        cell = table.cell(r, c)
        nested = cell.add_table(rows=len(inner), cols=len(inner[0]))
        for i, row in enumerate(inner):
            for j, text in enumerate(row):
                nested.cell(i, j).text = text


def make_report_docx(path: Path) -> None:
    import docx
    document = docx.Document()
    for text in REPORT:
        if text == "TABLE1":
            _table(document, TABLE1)
        elif text == "TABLE2":
            _table(document, TABLE2)
        else:
            _paragraph(document, text)
    document.core_properties.title = REPORT[0]
    document.save(path)


def convert(src: Path, out_dir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to make the .doc fixtures")
    subprocess.run([soffice, "--headless", "--convert-to", "doc:MS Word 97", "--outdir",
                    str(out_dir), str(src)], check=True, capture_output=True, timeout=300)
    return out_dir / (src.stem + ".doc")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "tests" / "data" / "doc"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        report = tmp_dir / "report.docx"
        make_report_docx(report)
        # The attachment corpus's 自评表 (gridSpan and vMerge cells), as Word 97 writes it.
        selfeval = tmp_dir / "selfeval.docx"
        shutil.copy(ROOT / "corpus" / "attachments" / "qingxi-zwfw-2023-project-self-eval.docx",
                    selfeval)
        for src in (report, selfeval):
            doc = convert(src, tmp_dir)
            shutil.copy(doc, out / doc.name)
            print(f"{(out / doc.name).stat().st_size:>9}  {doc.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
