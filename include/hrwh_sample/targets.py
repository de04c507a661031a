"""What the sample must reproduce: the published cohorts and exits, plus plausible free years.

The published table gives, per administration and occupation group, the cohort on 31 Dec Y-1
(headcount) and the counted exits during Y, for Y = 2013..2018. The planner works with stocks at
31 December, so the headcount of year Y becomes the stock of Y-1. The years the report does not
cover (2011 as the starting stock, 2012, and 2019 to the end of the files) continue the series at
each cell's own average rate, so that the files read as one unbroken history.

For the later years the city published one figure of the rolling twelve-month method, for the
city as a whole (`REPORTED_ROLLING_RATES`); the planner makes the files give it exactly
(`plan/city_rolling_rate.py`). No other figure is invented for those years.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from hrwh_sample.dates import FIRST_YEAR, LAST_YEAR
from hrwh_sample.organisation import ELDERLY_CARE_ADMIN, FULL_NAMES, GROUPS, SOCIAL_WORKER
from hrwh_sample.reference import PUBLISHED_TURNOVER, Published

_YEARS = [year for _, _, year in PUBLISHED_TURNOVER]
PUBLISHED_YEARS = range(min(_YEARS), max(_YEARS) + 1)

Cell = tuple[str, str]  # (administration full name, occupation group)


@dataclass(frozen=True)
class ReportedRollingRate:
    """A rolling rate the city reported for itself: of `group`'s staff, those who left the city
    over the twelve months ending `last_day`, per average month-end headcount, in percent
    rounded to one decimal."""

    last_day: date
    group: str
    percent: Decimal


REPORTED_ROLLING_RATES = (ReportedRollingRate(date(2020, 3, 31), SOCIAL_WORKER, Decimal("10.6")),)


@dataclass
class Targets:
    """`stock[cell][Y]`: the population on 31 Dec Y (the cohort of year Y+1).

    `exits[cell][Y]`: the counted exits during Y among `stock[cell][Y-1]`.
    """

    stock: dict[Cell, dict[int, int]]
    exits: dict[Cell, dict[int, int]]


def build_targets(rng: random.Random, published: Published) -> Targets:
    stock: dict[Cell, dict[int, int]] = {}
    exits: dict[Cell, dict[int, int]] = {}
    for short, admin in FULL_NAMES.items():
        for group in GROUPS:
            cell = (admin, group)
            if admin == ELDERLY_CARE_ADMIN and group == SOCIAL_WORKER:
                stock[cell] = dict.fromkeys(range(FIRST_YEAR - 1, LAST_YEAR + 1), 0)
                exits[cell] = dict.fromkeys(range(FIRST_YEAR, LAST_YEAR + 1), 0)
                continue
            s: dict[int, int] = {}
            e: dict[int, int] = {}
            rates = []
            for year in PUBLISHED_YEARS:
                exit_count, heads = published[(short, group, year)]
                s[year - 1] = heads
                e[year] = exit_count
                if heads:
                    rates.append(exit_count / heads)
            rate = sum(rates) / len(rates) if rates else 0.15
            s[FIRST_YEAR - 1] = round(s[FIRST_YEAR] * rng.uniform(0.95, 1.04))
            start = s[FIRST_YEAR - 1]
            e[FIRST_YEAR] = min(start, round(start * rate * rng.uniform(0.85, 1.15)))
            for year in range(max(PUBLISHED_YEARS), LAST_YEAR + 1):
                previous = s[year - 1]
                s[year] = max(1 if previous else 0, round(previous * rng.uniform(0.98, 1.05)))
            for year in range(max(PUBLISHED_YEARS) + 1, LAST_YEAR + 1):
                e[year] = min(s[year - 1], round(s[year - 1] * rate * rng.uniform(0.85, 1.1)))
            stock[cell] = dict(sorted(s.items()))
            exits[cell] = dict(sorted(e.items()))
    return Targets(stock, exits)
