"""The early warning after a publish: units that newly crossed the upper 99.8 % turnover limit.

`marts.rpt_unit_turnover_watch` (dbt) decides everything: the funnel limits, the status and
whether a unit crossed the 99.8 % limit with the latest month-end (`is_newly_strongly_above`).
This module only reads those crossings once the marts are published and words them for the
run's summary and, for HR, through the alert channels (`hrwh.alerts`). It names units, counts
and rates, never a person.

The nightly run publishes every night while the payroll comes once a month, so the same
crossing would be news every night until the next month arrives: HR is alerted once per
crossing (month-end, unit, occupation group). What was told is kept in the run's summary in
`raw.run_log`, and a later run alerts only crossings no earlier published run told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import psycopg

from hrwh.alerts import Alert

WATCH_TABLE = "marts.rpt_unit_turnover_watch"

_CROSSINGS_QUERY = f"""
select administration, unit, occupation_group, exits, avg_headcount, turnover_rate,
       city_turnover_rate, upper_limit_998, expected_exits, is_preliminary, period_end
from {WATCH_TABLE}
where period_end = (select max(period_end) from {WATCH_TABLE})
  and is_newly_strongly_above
order by administration, unit, occupation_group
"""

# What the latest earlier published run told (the summary key written by `WatchReport.summary`).
_TOLD_QUERY = """
select summary -> 'watch'
from raw.run_log
where status = 'published' and run_id <> %s and summary ? 'watch'
order by run_id desc
limit 1
"""


@dataclass(frozen=True)
class Crossing:
    """A unit that crossed the upper 99.8 % limit with the latest month-end."""

    administration: str
    unit: str
    occupation_group: str
    exits: int
    avg_headcount: Decimal
    turnover_rate: Decimal
    city_turnover_rate: Decimal
    upper_limit_998: Decimal
    expected_exits: Decimal
    is_preliminary: bool

    @property
    def key(self) -> str:
        return f"{self.administration} / {self.unit} / {self.occupation_group}"


@dataclass
class WatchReport:
    """The crossings at the latest month-end, and which of them HR hears of now."""

    period_end: date | None = None
    crossings: list[Crossing] = field(default_factory=list)
    told_before: set[str] = field(default_factory=set)
    error: str | None = None

    @property
    def news(self) -> list[Crossing]:
        return [c for c in self.crossings if c.key not in self.told_before]

    @staticmethod
    def units(crossings: list[Crossing]) -> int:
        """How many units: one unit may cross as more than one occupation group."""
        return len({(c.administration, c.unit) for c in crossings})

    def lines(self) -> list[str]:
        """Lines for the run's summary (English, like the rest of it)."""
        if self.error is not None:
            return [f"  turnover watch: not read ({self.error})"]
        if not self.crossings:
            return []
        alerted = "HR alerted" if self.news else "HR was alerted by an earlier run"
        units = self.units(self.crossings)
        lines = [
            f"  turnover watch: {units} unit{'' if units == 1 else 's'} newly above the 99.8 % "
            f"limit in the 12 months to {self.period_end} ({alerted}):"
        ]
        lines += [
            f"    {c.key}: {c.exits} exits / {_number(c.avg_headcount)} average headcount = "
            f"{_percent(c.turnover_rate)} (city {_percent(c.city_turnover_rate)}, "
            f"limit {_percent(c.upper_limit_998)})"
            for c in self.crossings
        ]
        return lines

    def alert(self) -> Alert | None:
        """The alert to HR (Swedish, as HR reads it), or None when nothing is new."""
        news = self.news
        if not news:
            return None
        lines = [
            f"{c.administration}, {c.unit}, {c.occupation_group}: {c.exits} avgångar på i "
            f"genomsnitt {_number(c.avg_headcount, sv=True)} anställda = "
            f"{_percent(c.turnover_rate, sv=True)} (staden "
            f"{_percent(c.city_turnover_rate, sv=True)}; förväntat "
            f"{_number(c.expected_exits, sv=True)} avgångar; övre kontrollgräns 99,8 %: "
            f"{_percent(c.upper_limit_998, sv=True)})"
            + (" – preliminärt" if c.is_preliminary else "")
            for c in news
        ]
        lines += [
            "",
            "Personalrörligheten rullande tolv månader ligger för första gången över den övre "
            "kontrollgränsen (99,8 %) för en enhet av den storleken, jämfört med staden "
            "(trattdiagram). Underlag: marts.rpt_unit_turnover_watch; metoden: "
            "docs/definitions.md, 'Early warning'.",
        ]
        if any(c.is_preliminary for c in news):
            lines.append(
                "Preliminärt: någon avgång kan ännu visa sig vara en flytt inom staden, när "
                "nästa månads lönefil kommit."
            )
        units = self.units(news)
        return Alert(
            f"[hrwh] Personalrörlighet: {units} {'enhet' if units == 1 else 'enheter'} kraftigt "
            f"över förväntat, tolv månader t.o.m. {self.period_end}",
            lines,
        )

    def summary(self) -> dict[str, Any]:
        """What the run records (raw.run_log): its lines, and every crossing HR has been told
        of at this month-end, earlier runs' included, so that no later run tells it again."""
        told = sorted(self.told_before | {c.key for c in self.crossings})
        period = self.period_end.isoformat() if self.period_end else None
        return {"lines": self.lines(), "period_end": period, "told": told}


def unit_watch(conn: psycopg.Connection, run_id: int) -> WatchReport:
    """Read the latest month-end's crossings from the published marts.

    Called after a successful publish; a failure to read is reported in the summary, never
    raised: the marts are published by then and must stay so.
    """
    try:
        with conn.transaction():
            rows = conn.execute(_CROSSINGS_QUERY).fetchall()
            told = conn.execute(_TOLD_QUERY, (run_id,)).fetchone()
    except psycopg.Error as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return WatchReport(error=f"{type(exc).__name__}: {first_line}".rstrip(": "))
    if not rows:
        return WatchReport()
    period_end = rows[0][-1]
    report = WatchReport(period_end, [Crossing(*row[:-1]) for row in rows])
    earlier = told[0] if told else None
    if earlier and earlier.get("period_end") == period_end.isoformat():
        report.told_before = set(earlier.get("told", []))
    return report


def _percent(fraction: Decimal, *, sv: bool = False) -> str:
    return _number(fraction * 100, sv=sv) + " %"


def _number(value: Decimal, *, sv: bool = False) -> str:
    text = f"{value:.1f}"
    return text.replace(".", ",") if sv else text
