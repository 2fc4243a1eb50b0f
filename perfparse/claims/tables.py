"""Claims a table makes: 合计 rows and columns, 执行率 and 增减 columns, 得分 within 分值."""
from __future__ import annotations

from ..records import Document, Figure
from ..rules import relations as R
from .base import Found, same_family


def table_claims(found: Found, doc: Document, figures: tuple[Figure, ...]) -> None:
    """合计 rows and columns against what they total; scores within their weights."""
    cells = {f.start: f for f in figures if f.rule == "cell"}
    for ti, table in enumerate(doc.tables):
        grid = [[cells.get(c.start) or cells.get(c.start + 1) for c in row] for row in table.rows]
        labels = [next((c.text for c in row if c.text and (c.start not in cells)), "")
                  for row in table.rows]
        heads = _block_headers(table, grid)
        _row_totals(found, grid, labels, heads, f"t{ti}")
        _column_ratios(found, grid, heads)
        _column_growth(found, grid, heads)
        _column_totals(found, table, grid, f"t{ti}")
        _scores(found, grid, labels, heads)


def _block_headers(table, grid: list) -> list[list[str]]:
    """For each row, the header texts of its block: a row of labels without figures inside
    a table (a 自评表's indicator section under its funding section) starts a new block
    whose columns may mean other things."""
    current: list[str] = []
    out = []
    for row, figs in zip(table.rows, grid):
        texts = [c.text for c in row]
        if not any(figs) and sum(1 for t in texts if t) >= 2:
            current = texts
        out.append(current)
    return out


def _cell_under(grid: list, heads: list[list[str]], i: int, name: str, col: int):
    """Row i's cell under the header `name` in its own block, else in column `col`."""
    row = grid[i]
    if name and name in heads[i]:
        col = heads[i].index(name)
    return row[col] if col < len(row) else None


def _row_totals(found: Found, grid: list, labels: list[str],
                heads: list[list[str]], table_id: str) -> None:
    totals = [i for i, lb in enumerate(labels) if R.TOTAL_LABEL.search(lb.replace(" ", ""))]
    width = max(len(r) for r in grid)
    for t in totals:
        detail = [i for i in range(len(grid)) if i not in totals and any(grid[i])
                  and not labels[i].startswith("其中")]  # 其中 rows repeat part of another
        columns = []
        for col in range(width):
            total = grid[t][col] if col < len(grid[t]) else None
            if total is None or total.kind not in ("money", "count", "score", "other"):
                continue
            name = heads[t][col] if col < len(heads[t]) else ""
            parts = [p for p in (_cell_under(grid, heads, i, name, col) for i in detail)
                     if p is not None and same_family(p, total)]
            if len(parts) >= 2:
                columns.append((total, parts))
        # Rows may be nested or left out: each column is inferred, but the columns of one
        # total row share their rows — one that adds up exactly shows the rows are the whole
        # table (the verdict upgrades the group).
        for total, parts in columns:
            found.add("table_sum", {"total": total, "parts": parts}, note="table",
                      cue="合计行", group=f"{table_id}:r{t}")


def _ratio_columns(head: list[str]) -> tuple[int, int, int] | None:
    """(numerator, denominator, rate) columns of a header: 执行率（B/A） over the columns marked
    （B） and （A）, or else one 执行率/完成率 column over one 预算/计划 and one 执行/完成 column."""
    marks: dict[str, int] = {}
    for c, h in enumerate(head):
        for m in R.COLUMN_MARK.finditer(h):
            marks.setdefault(m.group(1), c)  # a merged header spans columns: its first one
    for c, h in enumerate(head):
        m = R.RATIO_MARK.search(h)
        if m and m.group(1) in marks and m.group(2) in marks:
            return marks[m.group(1)], marks[m.group(2)], c
    rate = [c for c, h in enumerate(head) if R.RATE_COLUMN.search(h)]
    plan = [c for c, h in enumerate(head) if R.PLAN_COLUMN.search(h) and c not in rate]
    done = [c for c, h in enumerate(head) if R.DONE_COLUMN.search(h) and c not in rate + plan]
    if len(rate) == len(plan) == len(done) == 1:
        return done[0], plan[0], rate[0]
    return None


def _column_ratios(found: Found, grid: list, heads: list[list[str]]) -> None:
    """执行率 cells against 执行数 ÷ 预算数 of their own row."""
    for i, row in enumerate(grid):
        cols = _ratio_columns(heads[i]) if heads[i] else None
        if cols is None or max(cols) >= len(row):
            continue
        num, den, pct = (row[c] for c in cols)
        if num is not None and den is not None and pct is not None and pct.kind == "percent":
            found.add("ratio", {"numerator": num, "denominator": den, "percent": pct},
                      basis="explicit", cue="执行率列")


def _growth_columns(head: list[str]) -> tuple[int, int, int | None, int | None] | None:
    """(this year, last year, change, rate) columns: 本年数 | 上年数 | 增减额 | 增减率."""
    prev = [c for c, h in enumerate(head) if R.PREV_COLUMN.search(h)]
    cur = [c for c, h in enumerate(head) if R.CUR_COLUMN.search(h) and c not in prev]
    chg = [c for c, h in enumerate(head) if R.CHANGE_COLUMN.search(h)]
    rate = [c for c, h in enumerate(head) if R.GROWTH_COLUMN.search(h)]
    if len(prev) != 1 or len(cur) != 1 or len(chg) > 1 or len(rate) > 1 or not (chg or rate):
        return None
    return cur[0], prev[0], chg[0] if chg else None, rate[0] if rate else None


def _column_growth(found: Found, grid: list, heads: list[list[str]]) -> None:
    """增减额 and 增减率 cells against their row's 本年数 and 上年数."""
    for i, row in enumerate(grid):
        cols = _growth_columns(heads[i]) if heads[i] else None
        if cols is None:
            continue
        cur, prev, chg, rate = (row[c] if c is not None and c < len(row) else None
                                for c in cols)
        if cur is None or prev is None:
            continue
        if chg is not None and same_family(chg, cur):
            found.add("change", {"current": cur, "previous": prev, "change": chg},
                      basis="explicit", cue="增减列")
        if rate is not None and rate.kind == "percent":
            found.add("growth_rate", {"current": cur, "previous": prev, "change": chg,
                                      "rate": rate}, basis="explicit", cue="增减列")


def _column_totals(found: Found, table, grid: list, table_id: str) -> None:
    """A 合计 column against the run of columns beside it that it totals, row by row."""
    first_data = next((i for i, row in enumerate(grid) if any(row)), len(grid))
    if first_data == 0:
        return
    width = max(len(r) for r in table.rows)
    headers = ["".join(table.rows[r][c].text for r in range(first_data)
                       if c < len(table.rows[r])).replace(" ", "") for c in range(width)]
    for col, head in enumerate(headers):
        if not R.TOTAL_LABEL.search(head):
            continue
        run = []
        for c in range(col + 1, width):
            if R.COLUMN_RUN_STOP.search(headers[c]) or R.TOTAL_LABEL.search(headers[c]):
                break
            run.append(c)
        if len(run) < 2:
            continue
        rows = [(row[col], [row[c] for c in run if c < len(row) and row[c] is not None])
                for row in grid[first_data:] if col < len(row) and row[col] is not None]
        rows = [(t, ps) for t, ps in rows if len(ps) >= 2 and t.kind != "percent"
                and all(same_family(p, t) for p in ps)]
        # One row that adds up exactly shows the columns are the total's parts (the verdict
        # upgrades the group).
        for total, parts in rows:
            found.add("table_sum", {"total": total, "parts": parts}, note="table",
                      cue="合计列", group=f"{table_id}:c{col}")


def _scores(found: Found, grid: list, labels: list[str], heads: list[list[str]]) -> None:
    """Each 得分 within the 分值 of its row, the columns named by the row's own block."""
    for i, row in enumerate(grid):
        w_col = next((c for c, h in enumerate(heads[i]) if R.SCORE_WEIGHT.search(h)), None)
        s_col = next((c for c, h in enumerate(heads[i]) if R.SCORE_GOT.search(h)), None)
        if w_col is None or s_col is None or max(w_col, s_col) >= len(row) \
                or R.TOTAL_LABEL.search(labels[i].replace(" ", "")):
            continue
        if row[w_col] is not None and row[s_col] is not None:
            found.add("score", {"score": row[s_col], "weight": row[w_col]},
                      basis="explicit", cue="分值列")
