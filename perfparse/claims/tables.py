"""Claims a table makes: 合计 rows and columns, 执行率 and 增减 columns, 得分 within 分值."""
from __future__ import annotations

from typing import Sequence

import regex

from ..records import Document, Figure, Table
from ..rules import relations as R
from ..rules import table_layout as L
from ..rules.partitions import RESIDUAL
from ..statements.layout import grids, layout_of, partition_of
from .base import Found, same_family


def table_claims(found: Found, doc: Document, figures: tuple[Figure, ...],
                 skip: frozenset[int] = frozenset()) -> None:
    """合计 rows and columns against what they total; scores within their weights.

    Tables are read as published (perfparse.statements.layout): each side of a two-sided table
    on its own, rows summed over their siblings only (一、 > 1., 类 > 款 > 项), key columns never
    summed. `skip` are grids (by their first table) that hold a 自评表: the form's own claims
    (perfparse.claims.selfeval) are theirs.
    """
    cells = {f.start: f for f in figures if f.rule == "cell"}
    for gi, grid in enumerate(grids(doc)):
        lay = layout_of(doc, grid)
        table = doc.tables[grid.tables[0]]
        table = Table(grid.start, grid.end, grid.rows, table.header_rows, grid.unit, grid.title)
        fig = [[cells.get(c.start) or cells.get(c.start + 1) for c in row] for row in grid.rows]
        labels = [next((c.text for c in row if c.text and (c.start not in cells)), "")
                  for row in grid.rows]
        heads = _block_headers(table, fig)
        tid = f"t{grid.tables[0]}"
        if grid.tables[0] in skip:
            continue   # a 自评表: its claims are the form's (perfparse.claims.selfeval)
        _side_sums(found, grid, lay, fig, tid)
        _form_totals(found, lay, fig, tid)
        _column_totals(found, table, lay, fig, tid)
        _column_ratios(found, fig, heads)
        _share_columns(found, fig, heads)
        _column_growth(found, fig, heads)
        _scores(found, fig, labels, heads)


_YEAR = regex.compile(r"(?:19|20)\d\d(?=年)")


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


def _value(fig: list, row: int, col: int):
    return fig[row][col] if col < len(fig[row]) else None


def _summable(f) -> bool:
    return f is not None and f.kind in ("money", "count", "score", "other")


def _additive(side, col: int) -> bool:
    """An index, a price or an average column (居民消费价格指数, 均价) adds up nothing."""
    head = side.headers[col] if col < len(side.headers) else ""
    return L.NOT_ADDITIVE.search(head) is None


def _side_sums(found: Found, grid, lay, fig: list, tid: str) -> None:
    """Each row with rows under it against their sum, and each total row against the rows
    of its block, column by column, on each side of the table."""
    for si, side in enumerate(lay.sides):
        by_row = {p.row: p for p in side.rows}
        for p in side.rows:
            every = side.children(p.row)
            if p.total or p.named_total or not every:
                continue
            # Two 其中 lists of one row (城镇, 乡村; then 0-15岁 …) are two breakdowns.
            for branch in sorted({k.branch for k in every}):
                _children(found, grid, side, fig, p,
                          [k for k in every if k.branch == branch], tid)
        for block in side.totals:
            if side.first > lay.sections[0] + lay.header_rows and len(lay.sections) > 1:
                continue  # a form's closing total adds up every section (_form_totals)
            parts = list(block.parts)
            if block.chained is not None:
                parts = [block.chained] + parts
            total = by_row[block.row]
            names = [by_row[r].name for r in parts if r in by_row]
            if block.structured and not total.named_total:
                coded = all(by_row[r].code for r in block.parts if r in by_row)
                basis, cue, group = "explicit", "合计行编码" if coded else "合计行", ""
            elif not total.named_total and partition_of(names):
                basis, cue, group = "explicit", "合计行", ""
            elif total.named_total:
                continue  # 人员经费合计 totals what its name says, not the rows above it
            else:
                basis, cue, group = "inferred", "合计行", f"{tid}:s{si}:r{block.row}"
            _sum_rows(found, grid, side, fig, block.row, parts, basis, cue, group, tid)
        _breakdowns(found, grid, side, fig, tid)


def _children(found: Found, grid, side, fig: list, p, kids: list, tid: str) -> None:
    """A row against the rows under it, column by column (one 其中 list at a time)."""
    links = {k.link for k in kids}
    if links == {"code"}:
        basis, cue = "explicit", "编码层级"
    elif links <= {"code", "numbering", "group"}:
        basis, cue = "explicit", "编号层级"
    elif links == {"of_which"} and partition_of([k.name for k in kids]):
        basis, cue = "explicit", "其中行"
    elif links == {"of_which"}:
        if len(kids) == 1:
            _within(found, fig, side, p.row, kids[0].row)
            return
        basis, cue = "bound", "其中行"
    else:
        return  # rows under the one above only by our guess (no numbering, no code)
    _sum_rows(found, grid, side, fig, p.row, [k.row for k in kids], basis, cue, "", tid)


def _form_totals(found: Found, lay, fig: list, tid: str) -> None:
    """A form's closing 合计/总分 row (a 自评表's 分值 and 得分 under its indicator section)
    adds up the top rows of every section, each column matched by its header's name."""
    if len(lay.sections) < 2:
        return
    last = [s for s in lay.sides if s.first > lay.sections[-1]]
    for side in last:
        for block in side.totals:
            if block.opens:
                continue
            for col in side.value_cols:
                total = _value(fig, block.row, col)
                if not _summable(total):
                    continue
                name = side.headers[col].split("/")[-1] if col < len(side.headers) else ""
                if not name:
                    continue
                parts = []
                for other in lay.sides:
                    cols = [c for c in other.value_cols if c < len(other.headers)
                            and other.headers[c].split("/")[-1] == name]
                    if not cols:
                        continue
                    for p in other.rows:
                        if p.parent is None and not p.total and not p.named_total:
                            f = _value(fig, p.row, cols[0])
                            if f is not None and same_family(f, total):
                                parts.append(f)
                if len(parts) >= 2:
                    found.add("table_sum", {"total": total, "parts": parts}, note="table",
                              cue="合计行", group=f"{tid}:form:r{block.row}")


def _breakdowns(found: Found, grid, side, fig: list, tid: str) -> None:
    """Top rows broken down by the rows after them: a known partition (第一/第二/第三产业
    under 地区生产总值), or the rows under a classification row (分产业, 分行业) of the row
    above it. Share columns (构成(%)) add to the whole's 100, and each share is its row over
    the whole."""
    tops = [p for p in side.rows if p.parent is None and not p.total and not p.named_total]
    has_values = {p.row: any(_value(fig, p.row, c) is not None for c in side.value_cols)
                  for p in tops}
    for i, head in enumerate(tops):
        if not has_values[head.row]:
            continue
        # The top rows right after it, up to a total row (another block).
        after = []
        for q in side.rows[side.rows.index(head) + 1:]:
            if q.total or q.named_total or len(after) == L.MAX_PARTITION_ROWS:
                break
            if q.parent is None:
                after.append(q)
        n = max((k for k in range(2, len(after) + 1)
                 if all(has_values[q.row] for q in after[:k])
                 and partition_of([q.name for q in after[:k]], whole=head.name)), default=0)
        if n:
            _breakdown(found, side, fig, head.row, [q.row for q in after[:n]], "explicit",
                       "已知构成", "", tid)
    grouped: set[int] = set()
    for i, row in enumerate(tops):
        if has_values[row.row] or not L.CLASSIFY_ROW.fullmatch(row.name):
            continue
        # The row classified: the one above, past the rows of an earlier classification of
        # it (分产业 … then 分行业 break the same 地区生产总值 down).
        subject = next((q for q in reversed(tops[:i]) if has_values[q.row] and
                        q.row not in grouped and not L.CLASSIFY_ROW.fullmatch(q.name)), None)
        parts = []
        for q in tops[i + 1:]:
            if L.CLASSIFY_ROW.fullmatch(q.name):
                break
            if has_values[q.row]:
                parts.append(q)
        grouped.update(q.row for q in parts)
        if subject is None or len(parts) < 2:
            continue
        names = [q.name for q in parts]
        whole = partition_of(names) or bool(RESIDUAL.search(names[-1]))
        _breakdown(found, side, fig, subject.row, [q.row for q in parts],
                   "explicit" if whole else "inferred", "分类行",
                   "" if whole else f"{tid}:cls:{row.row}", tid)


def _breakdown(found: Found, side, fig: list, total_row: int, part_rows: list[int],
               basis: str, cue: str, group: str, tid: str) -> None:
    amount_col = side.value_cols[0] if side.value_cols else None
    for col in side.value_cols:
        head = side.headers[col] if col < len(side.headers) else ""
        share = L.SHARE_COLUMN.search(head) is not None
        if not _additive(side, col):
            continue
        total = _value(fig, total_row, col)
        if total is None or not (_summable(total) or (share and total.kind == "percent")):
            continue
        parts = [p for p in (_value(fig, r, col) for r in part_rows)
                 if p is not None and same_family(p, total)]
        if len(parts) >= 2:
            found.add("table_sum", {"total": total, "parts": parts}, note="table",
                      basis=basis, cue=cue, group=group)
        if share and amount_col is not None and amount_col != col:
            whole = _value(fig, total_row, amount_col)
            for r in part_rows:
                part, pct = _value(fig, r, amount_col), _value(fig, r, col)
                if whole is not None and part is not None and pct is not None and \
                        pct.kind == "percent" and same_family(part, whole):
                    found.add("share", {"part": part, "whole": whole, "percent": pct},
                              basis=basis, cue="构成列", group=group)


def _within(found: Found, fig: list, side, total_row: int, part_row: int) -> None:
    """A lone 其中 row: of which, so no more than its row, column by column."""
    for col in side.value_cols:
        total, part = _value(fig, total_row, col), _value(fig, part_row, col)
        if _summable(total) and part is not None and same_family(part, total) \
                and total.value >= 0 and part.value >= 0:
            found.add("threshold", {"value": part, "target": total}, note="le",
                      basis="explicit", cue="其中行")


def _earlier_columns(headers: tuple[str, ...]) -> set[int]:
    """Columns of an earlier period (上年, or a year before the latest the header names):
    their rows follow this year's classification, so a code's rows may not hold it all."""
    years = {c: [int(y) for y in _YEAR.findall(h)] for c, h in enumerate(headers)}
    latest = max((y for ys in years.values() for y in ys), default=None)
    return {c for c, h in enumerate(headers) if R.PREV_COLUMN.search(h) or
            (latest is not None and years[c] and max(years[c]) < latest)}


def _sum_rows(found: Found, grid, side, fig: list, total_row: int, part_rows: list[int],
              basis: str, cue: str, group: str, tid: str) -> None:
    guessed = total_row in grid.guessed_rows or any(r in grid.guessed_rows for r in part_rows)
    if guessed and basis == "explicit":
        # A page's continuation narrower than its table: its columns are placed by guess.
        basis, group = "inferred", group or f"{tid}:guess:{total_row}"
    # Only a classification's rows (by code) change between years; numbered items and known
    # partitions hold for every column.
    # 类 codes stay put from year to year; 款 and 项 codes come and go (and an earlier year's
    # amount under a code that no longer exists has no row).
    by_code = basis == "explicit" and cue == "编码层级"
    earlier = _earlier_columns(side.headers) if by_code else set()
    for col in side.value_cols:
        total = _value(fig, total_row, col)
        if not _summable(total) or not _additive(side, col):
            continue
        if col in earlier:
            col_basis, col_group = "inferred", group or f"{tid}:prev:{total_row}:{col}"
        else:
            col_basis, col_group = basis, group
        parts = [p for p in (_value(fig, r, col) for r in part_rows)
                 if p is not None and same_family(p, total)]
        if not parts or (len(parts) < 2 and col_basis == "inferred"):
            continue
        if col_basis == "bound" and any(f.value < 0 for f in parts + [total]):
            # Parts of a change may offset each other: a partial list shows nothing.
            if len(parts) < 2:
                continue
            col_basis = "inferred"
        found.add("table_sum", {"total": total, "parts": parts}, note="table",
                  basis=col_basis, cue=cue, group=col_group)


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


_SHARE_HEAD = regex.compile(r"比重|占比|构成|比例")


def _share_columns(found: Found, grid: list, heads: list[list[str]]) -> None:
    """年末数 | 比重（%） with a row at 100: each other row's 比重 is its amount over that row's.
    Whether a sub-row's share is of the whole or of its group the table does not say: ours."""
    blocks: dict[int, list[int]] = {}
    for i, head in enumerate(heads):
        if head:
            blocks.setdefault(id(head), []).append(i)
    for rows in blocks.values():
        head = heads[rows[0]]
        for c, text in enumerate(head):
            if not _SHARE_HEAD.search(text):
                continue
            whole_row = next((i for i in rows if c < len(grid[i]) and grid[i][c] is not None
                              and grid[i][c].kind == "percent" and grid[i][c].value == 100),
                             None)
            if whole_row is None:
                continue
            col = next((a for a in range(c - 1, -1, -1) if a < len(grid[whole_row])
                        and _summable(grid[whole_row][a])), None)
            if col is None:
                continue
            whole = grid[whole_row][col]
            for i in rows:
                part = _value(grid, i, col)
                pct = _value(grid, i, c)
                if i != whole_row and _summable(part) and pct is not None and \
                        pct.kind == "percent" and same_family(part, whole):
                    found.add("share", {"part": part, "whole": whole, "percent": pct},
                              basis="inferred", cue="比重列")


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


def _column_totals(found: Found, table, lay, fig: list, tid: str) -> None:
    """A 合计 column against the run of columns beside it that it totals, row by row, within
    its side; and the columns of a multi-level header (合计/预算数 over 出国/预算数 …)."""
    first_data = lay.header_rows
    if first_data == 0 and not any(lay.headers):
        return
    headers = [h.replace(" ", "") for h in lay.headers]
    groups = [s.value_cols for s in lay.sides] or [tuple(range(len(headers)))]
    # A header's levels make totals only among one side's value columns: 收入/项目 over a
    # label column says nothing about the 支出 side's 合计.
    tree: dict[int, list[int]] = {}
    guessed: set[int] = set()
    for cols in groups:
        side_tree = _header_tree(headers, cols)
        tree.update(side_tree)
        # A parent read into a blank header cell is our reading of a merge the text lost;
        # any such column of the side may change which columns a total's parts are.
        if lay.spanned_by_guess & set(cols):
            guessed.update(side_tree)
    for cols in groups:
        for col in cols:
            head = headers[col]
            if col in tree:
                continue
            if not R.TOTAL_LABEL.search(head.split("/")[-1]) and not R.TOTAL_LABEL.search(head):
                continue
            run = []
            for c in cols:
                if c <= col:
                    continue
                if R.COLUMN_RUN_STOP.search(headers[c]) or R.TOTAL_LABEL.search(headers[c]):
                    break
                run.append(c)
            if len(run) < 2:
                continue
            _sum_columns(found, fig, first_data, col, run, "inferred", "合计列", f"{tid}:c{col}")
    for col, parts in tree.items():
        guess = col in guessed
        _sum_columns(found, fig, first_data, col, parts, "inferred" if guess else "explicit",
                     "表头层级", f"{tid}:h{col}" if guess else "")


def _header_tree(headers: list[str], cols: Sequence[int]) -> dict[int, list[int]]:
    """Total columns of a multi-level header among the value columns `cols` and their parts:
    合计/预算数 over each group's 预算数 column (a group's own 小计 standing for it), 小计/预算数
    over its group's others, 合计 over 三公经费 (its 小计), 会议费 and 培训费."""
    paths = [tuple(h.split("/")) if h and i in cols else () for i, h in enumerate(headers)]
    if not any(len(p) > 1 for p in paths):
        return {}
    out: dict[int, list[int]] = {}
    for col, path in enumerate(paths):
        if not path:
            continue
        k = next((i for i, seg in enumerate(path) if R.TOTAL_LABEL.fullmatch(seg)), None)
        if k is None:
            continue
        prefix, suffix = path[:k], path[k + 1:]
        members: dict[str, list[int]] = {}
        for c, other in enumerate(paths):
            if c == col or len(other) <= k or other[:k] != prefix or \
                    (suffix and other[-len(suffix):] != suffix) or \
                    R.TOTAL_LABEL.fullmatch(other[k]):
                continue
            members.setdefault(other[k], []).append(c)
        parts: list[int] = []
        for cols in members.values():
            if len(cols) == 1:
                parts.extend(cols)
                continue
            sub = [c for c in cols if len(paths[c]) > k + 1 and
                   R.TOTAL_LABEL.fullmatch(paths[c][k + 1])]
            if len(sub) != 1:
                parts = []
                break
            parts.append(sub[0])
        if len(parts) >= 2:
            out[col] = parts
    return out


def _sum_columns(found: Found, fig: list, first: int, col: int, run: list[int], basis: str,
                 cue: str, group: str) -> None:
    for row in fig[first:]:
        total = row[col] if col < len(row) else None
        if not _summable(total):
            continue
        parts = [row[c] for c in run if c < len(row) and row[c] is not None]
        if len(parts) < (1 if basis == "explicit" else 2) or \
                not all(same_family(p, total) for p in parts):
            continue
        found.add("table_sum", {"total": total, "parts": parts}, note="table", basis=basis,
                  cue=cue, group=group)


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
