"""Machine formats of the DESIGN.md contract: json, jsonl, csv."""
from __future__ import annotations

import csv
import io
import json
from typing import Sequence

from ..frames import rows
from ..records import Report


def to_json(reports: Sequence[Report]) -> str:
    return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=1) + "\n"


def to_jsonl(reports: Sequence[Report]) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in reports)


def to_csv(reports: Sequence[Report], table: str = "figures") -> str:
    buf = io.StringIO()
    data = rows(reports, table)
    if data:
        writer = csv.DictWriter(buf, fieldnames=list(data[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    return buf.getvalue()
