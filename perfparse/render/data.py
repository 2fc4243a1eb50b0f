"""Machine formats of the DESIGN.md contract: json, jsonl, csv.

Each has a writer that takes one report at a time, so that a run over thousands of
documents writes as it goes and keeps none of them; `to_json` and friends are the same
writers over a list.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Sequence, TextIO

from ..frames import COLUMNS, rows
from ..records import Report


class JsonWriter:
    """One JSON array of reports, the same bytes as `json.dumps(list, indent=1)`."""

    def __init__(self, out: TextIO):
        self.out = out
        self.n = 0

    def write(self, report: Report) -> None:
        body = json.dumps(report.to_dict(), ensure_ascii=False, indent=1)
        # One level deeper than a top-level dump: every line indented by one space.
        self.out.write(("[\n " if self.n == 0 else ",\n ") + body.replace("\n", "\n "))
        self.n += 1

    def close(self) -> None:
        self.out.write("\n]\n" if self.n else "[]\n")


class JsonlWriter:
    """One report per line."""

    def __init__(self, out: TextIO):
        self.out = out

    def write(self, report: Report) -> None:
        self.out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class CsvWriter:
    """One table of the reports (figures, relations, checks or documents) as CSV."""

    def __init__(self, out: TextIO, table: str = "figures"):
        rows([], table)  # refuses an unknown table before anything is written
        self.table = table
        self.writer = csv.DictWriter(out, fieldnames=list(COLUMNS[table]), lineterminator="\n")
        self.wrote_header = False

    def write(self, report: Report) -> None:
        data = rows([report], self.table)
        if data and not self.wrote_header:
            self.writer.writeheader()
            self.wrote_header = True
        self.writer.writerows(data)

    def close(self) -> None:
        pass


def _all(writer, reports: Sequence[Report]) -> None:
    for report in reports:
        writer.write(report)
    writer.close()


def to_json(reports: Sequence[Report]) -> str:
    buf = io.StringIO()
    _all(JsonWriter(buf), reports)
    return buf.getvalue()


def to_jsonl(reports: Sequence[Report]) -> str:
    buf = io.StringIO()
    _all(JsonlWriter(buf), reports)
    return buf.getvalue()


def to_csv(reports: Sequence[Report], table: str = "figures") -> str:
    buf = io.StringIO()
    _all(CsvWriter(buf, table), reports)
    return buf.getvalue()
