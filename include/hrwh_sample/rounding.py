"""Rounding expected numbers of positive answers to whole answers, group totals kept on target.

A round's expected positive answers form a table: administrations by activity areas. Rounding
each cell on its own lets the errors add up along a row or column, by several answers in a small
activity area such as Socialpsykiatri, which is enough to turn a finding round. Here each
administration's total is rounded as a whole (within half an answer of its expectation), and
then positive answers are moved between two cells of the same administration until every
area's total is within about half an answer of its expectation too. Every cell stays within one
answer of its own expectation. Last, any administration or area still without a majority it
was meant to have (only possible with one to four respondents) gets the answers it lacks.
"""

from __future__ import annotations

from collections import defaultdict

Cell = tuple[str, str]  # (row: administration, column: activity area)


def controlled_round(expected: dict[Cell, float], sizes: dict[Cell, int]) -> dict[Cell, int]:
    """Whole counts `0 <= k <= sizes[cell]` near `expected`, row and column totals on target."""
    counts: dict[Cell, int] = {}
    row: str | None = None
    total, given = 0.0, 0
    for cell in sorted(expected):
        if cell[0] != row:
            row, total, given = cell[0], 0.0, 0
        total += expected[cell]
        counts[cell] = min(sizes[cell], max(0, round(total) - given))
        given += counts[cell]
    _balance_columns(expected, sizes, counts)
    _ensure_majorities(expected, sizes, counts)
    return counts


def _column_deviation(expected: dict[Cell, float], counts: dict[Cell, int]) -> dict[str, float]:
    deviation: dict[str, float] = defaultdict(float)
    for cell, e in expected.items():
        deviation[cell[1]] += counts[cell] - e
    return deviation


def _balance_columns(
    expected: dict[Cell, float], sizes: dict[Cell, int], counts: dict[Cell, int]
) -> None:
    """Move answers between two cells of one row, each move lowering the squared deviations."""
    rows: dict[str, list[Cell]] = defaultdict(list)
    for cell in sorted(expected):
        rows[cell[0]].append(cell)
    for _ in range(4 * len(expected)):
        deviation = _column_deviation(expected, counts)
        worst = max(sorted(deviation), key=lambda c: abs(deviation[c]))
        if abs(deviation[worst]) <= 0.5:
            return
        sign = 1 if deviation[worst] > 0 else -1
        best: tuple[float, Cell, Cell] | None = None
        for cell in sorted(c for c in expected if c[1] == worst):
            if sign * (counts[cell] - expected[cell]) <= 0:
                continue
            if not 0 <= counts[cell] - sign <= sizes[cell]:
                continue
            for other in rows[cell[0]]:
                if other == cell or sign * (counts[other] - expected[other]) >= 0:
                    continue
                if not 0 <= counts[other] + sign <= sizes[other]:
                    continue
                gain = sign * (deviation[worst] - deviation[other[1]])
                if gain > 1 and (best is None or gain > best[0]):
                    best = (gain, cell, other)
        if best is None:
            return
        _, cell, other = best
        counts[cell] -= sign
        counts[other] += sign


def _ensure_majorities(
    expected: dict[Cell, float], sizes: dict[Cell, int], counts: dict[Cell, int]
) -> None:
    """A group meant to have a majority (expectation above half) gets one."""
    for index in (0, 1):
        groups: dict[str, list[Cell]] = defaultdict(list)
        for cell in sorted(expected):
            groups[cell[index]].append(cell)
        for cells in groups.values():
            n = sum(sizes[c] for c in cells)
            if sum(expected[c] for c in cells) <= n / 2:
                continue
            while 2 * sum(counts[c] for c in cells) <= n:
                room = [c for c in cells if counts[c] < sizes[c]]
                cell = max(room, key=lambda c: expected[c] - counts[c])
                counts[cell] += 1
