"""The report's survey findings, recomputed from the rows written: the survey's self-check.

`write_sample` refuses a sample whose survey does not show every finding of `survey_targets`,
so a change to the payroll world or the answer model fails here, next to its cause, and not in
a dashboard. The rules are the warehouse's: per round a respondent's latest answer counts; the
share positive is among those who answered the statement; groups are the whole city, each
administration (short name) and each activity area; rankings and comparisons of groups use the
shares the marts show, after their suppression of small groups (`shown`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from hrwh_sample.organisation import SHORT_NAMES
from hrwh_sample.spreadsheets import Cell
from hrwh_sample.survey import POSITIVE, SurveyRound
from hrwh_sample.survey_areas import ADDICTION
from hrwh_sample.survey_targets import LEADERS, LOWEST, N_STATEMENTS, ROUNDS

MIN_GROUP = 5
CITY = "Staden totalt"
AREA = "Verksamhetsområde"
_ANSWERS = slice(6, 6 + N_STATEMENTS)


@dataclass
class Tally:
    """Positive and answered counts of one group, per statement."""

    positive: list[int]
    answered: list[int]

    def share(self, statement: int) -> float:
        return self.positive[statement] / self.answered[statement]

    @property
    def pooled(self) -> float:
        return sum(self.positive) / sum(self.answered)


Tallies = dict[str, dict[tuple[str, str], Tally]]  # round -> (breakdown, value) -> tally


def counted_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Each respondent's latest row (by `Inskickad`, the e-mail address identifies them)."""
    latest: dict[str, list[Cell]] = {}
    for row in rows:
        email = str(row[1]).lower()
        if email not in latest or _when(row) > _when(latest[email]):
            latest[email] = row
    return list(latest.values())


def _when(row: list[Cell]) -> datetime:
    value = row[-1]
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def tally(rounds: list[SurveyRound]) -> Tallies:
    result: Tallies = {}
    for written in rounds:
        groups: dict[tuple[str, str], Tally] = defaultdict(
            lambda: Tally([0] * N_STATEMENTS, [0] * N_STATEMENTS)
        )
        for row in counted_rows(written.rows):
            admin = SHORT_NAMES.get(str(row[2]), str(row[2]))
            keys = (("Staden", CITY), ("Förvaltning", admin), (AREA, str(row[4])))
            for s, answer in enumerate(row[_ANSWERS]):
                if not answer:
                    continue
                for key in keys:
                    groups[key].answered[s] += 1
                    groups[key].positive[s] += answer in POSITIVE
        result[written.survey_round] = dict(groups)
    return result


def shown(groups: dict[tuple[str, str], Tally], breakdown: str) -> dict[str, float]:
    """Per group of `breakdown`, its pooled share over the statements the marts show it for.

    As the warehouse suppresses: a group under `MIN_GROUP` respondents, and when exactly one
    sibling is, the smallest other (ties: the first by name), statement by statement. A group
    with no statement shown is left out.
    """
    members = {value: t for (b, value), t in groups.items() if b == breakdown}
    statements: dict[str, list[int]] = {value: [] for value in members}
    for s in range(N_STATEMENTS):
        sizes = sorted((t.answered[s], value) for value, t in members.items() if t.answered[s])
        hidden = {value for n, value in sizes if n < MIN_GROUP}
        large = [value for n, value in sizes if n >= MIN_GROUP]
        if len(hidden) == 1 and large:
            hidden.add(large[0])
        for _, value in sizes:
            if value not in hidden:
                statements[value].append(s)
    return {
        value: sum(members[value].positive[s] for s in shown_statements)
        / sum(members[value].answered[s] for s in shown_statements)
        for value, shown_statements in statements.items()
        if shown_statements
    }


def ranking(groups: dict[tuple[str, str], Tally]) -> list[str]:
    """Administrations by the share the marts show them with, lowest first."""
    return [value for _, value in sorted((p, v) for v, p in shown(groups, "Förvaltning").items())]


def problems(tallies: Tallies) -> list[str]:
    """Every finding that does not hold, in words; empty when the sample is right."""
    found: list[str] = []
    city = {r: tallies[r][("Staden", CITY)] for r in ROUNDS}
    for r in ROUNDS:
        for (breakdown, value), t in tallies[r].items():
            for s in range(N_STATEMENTS):
                if t.answered[s] and t.share(s) <= 0.5:
                    found.append(f"{r} {breakdown} {value} statement {s + 1}: no majority")
    for s in (0, 1):
        shares = [city[r].share(s) for r in ROUNDS]
        if not all(a < b for a, b in pairwise(shares[:4])):
            found.append(f"statement {s + 1}: the city share does not rise to 2018-04")
        if not shares[4] < shares[3] or abs(shares[4] - shares[0]) > 0.03:
            found.append(f"statement {s + 1}: 2018-11 is not back at the 2016-11 level")
    recommend = [city[r].share(2) for r in ROUNDS]
    if not all(a > b for a, b in pairwise(recommend)):
        found.append("statement 3: the city share does not fall round by round")
    if not 0.02 <= recommend[0] - recommend[4] <= 0.06:
        found.append("statement 3: the fall 2016-11 to 2018-11 is not 2-6 points")
    top_four: dict[str, int] = defaultdict(int)
    for r in ROUNDS:
        order = ranking(tallies[r])
        if tuple(order[:3]) != LOWEST:
            found.append(f"{r}: the three lowest are {order[:3]}, not {list(LOWEST)}")
        for admin in order[-4:]:
            top_four[admin] += 1
    for admin in LEADERS:
        if top_four[admin] < 3:
            found.append(f"{admin} is among the top four in only {top_four[admin]} rounds")
    if not any(min(t.answered) < MIN_GROUP for r in ROUNDS for t in tallies[r].values()):
        found.append(f"no group has fewer than {MIN_GROUP} respondents: suppression goes untested")
    last, before = tallies["2018-11"], tallies["2018-04"]
    pooled_last, pooled_before = shown(last, AREA), shown(before, AREA)
    for key, t in last.items():
        area = key[1]
        if key[0] != AREA or area not in pooled_before or area not in pooled_last:
            continue
        for what, better in (
            ("all statements", pooled_last[area] > pooled_before[area]),
            ("statement 1", t.share(0) > before[key].share(0)),
        ):
            if better != (area == ADDICTION):
                found.append(f"{area}: 2018-11 vs 2018-04 goes the wrong way on {what}")
    return found
