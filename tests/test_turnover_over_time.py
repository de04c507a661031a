"""The rolling twelve-month method, the district mergers and the unit watch, pinned by a small
hand-made scenario run through the real nightly pipeline (ingest → dbt build → publish → watch)
against a real PostgreSQL.

Payroll months 2019-12 … 2020-12 are delivered: thirteen months, so the windows ending
2020-11-30 (December 2019 … November 2020, "Nov") and 2020-12-31 (January … December 2020,
"Dec") are reported, and the yearly year 2020 (cohort of 31 December 2019). On 2020-07-01 Älvsjö
and Hägersten-Liljeholmen became Hägersten-Älvsjö (`administrations.csv`). Each rule lives in a
unit of its own:

- window edges, Bromma Mottagningen: a last day on the window's first day (2019-12-01) and on
  its last (2020-11-30), and one on the 30th of a month of 31 days; a manager counts for Alla
  befattningar only;
- dormant months inside the window, and an exit in a dormant month (none), Bromma Vuxenenheten;
- a unit that starts mid-window is averaged over all twelve months, Bromma Familjeenheten;
- the merger, Älvsjö and Hägersten-Liljeholmen into Hägersten-Älvsjö: an employment that
  continues (new Forvaltning from July) is no exit; one reissued (closed 30 June, reopened
  1 July in the new district) is Inom förvaltning by the merger rule; a move between the two
  districts that merged later, in both series; a move to a third district (Farsta);
- the watch flags a unit with clearly too many exits, newly at the latest month-end, and tells
  HR once, Skarpnäck Stor; it does not flag a small unit with one exit, Kungsholmen Liten.

Kungsholmen's Lugn, a hundred socialsekreterare who all stay, gives the city a low rate to be
measured against. Every expected number is worked out by hand from `docs/definitions.md` and
written as a literal; headcounts are given as the sum of the twelve month-end headcounts of the
window (avg_headcount × 12, a whole number).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import psycopg
import pytest
from conftest import _new_database, configure, webhook_receiver
from hrwh.pipeline import run_nightly
from hrwh.settings import Settings
from hrwh.watch import unit_watch
from payroll_files import Employment, write_month

SS = "Socialsekreterare"
BH = "Biståndshandläggare"
ALL = "Alla befattningar"
CITY = "Staden totalt"
EB = "Egen begäran"
IFO = "Individ- och familjeomsorg"
AO = "Äldreomsorg"

BROMMA = "Bromma stadsdelsförvaltning"
ALVSJO = "Älvsjö stadsdelsförvaltning"
HAGERSTEN = "Hägersten-Liljeholmens stadsdelsförvaltning"
HAGERSTEN_ALVSJO = "Hägersten-Älvsjö stadsdelsförvaltning"
FARSTA = "Farsta stadsdelsförvaltning"
SKARPNACK = "Skarpnäcks stadsdelsförvaltning"
KUNGSHOLMEN = "Kungsholmens stadsdelsförvaltning"

MONTHS = ("2019-12", *(f"2020-{m:02d}" for m in range(1, 13)))
NOV = date(2020, 11, 30)
DEC = date(2020, 12, 31)
MERGED = {"2020-07": {"Forvaltning": HAGERSTEN_ALVSJO}}
BISTAND = {"title": BH, "area": AO, "unit": "Biståndsenheten"}


def scenario() -> list[Employment]:
    return [
        # Window edges, Bromma Mottagningen: ED-1 stays; ED-2's last day is 2019-12-01 (the Nov
        # window's first day), ED-3's 2020-11-30 (its last day), ED-4's 2020-10-30 (the 30th of
        # a month of 31 days). A manager (Enhetschef) counts for Alla befattningar only.
        Employment("ED-1", 1, BROMMA, "2015-01-01", unit="Mottagningen"),
        Employment("ED-2", 2, BROMMA, "2015-01-01", "2019-12-01", EB, unit="Mottagningen"),
        Employment("ED-3", 3, BROMMA, "2015-01-01", "2020-11-30", EB, unit="Mottagningen"),
        Employment("ED-4", 4, BROMMA, "2015-01-01", "2020-10-30", EB, unit="Mottagningen"),
        Employment("ED-M", 5, BROMMA, "2015-01-01", title="Enhetschef", unit="Mottagningen"),
        # Dormant months, Bromma Vuxenenheten: DO-1 dormant March to May 2020; DO-2 dormant in
        # November 2020, the month of its last day (a retirement).
        Employment(
            "DO-1",
            6,
            BROMMA,
            "2015-01-01",
            unit="Vuxenenheten",
            dormant=("2020-03", "2020-04", "2020-05"),
        ),
        Employment(
            "DO-2",
            7,
            BROMMA,
            "2015-01-01",
            "2020-11-20",
            "Ålderspension",
            unit="Vuxenenheten",
            dormant=("2020-11",),
        ),
        # A unit that starts mid-window, Bromma Familjeenheten: its only employment from September.
        Employment("NY-1", 8, BROMMA, "2020-09-01", unit="Familjeenheten"),
        # The merger: ME-1 continues (same id, the new district's name from July); ME-2 is closed
        # on 30 June and reopened on 1 July; ME-3 moves to Hägersten-Liljeholmen in April (a
        # district that merged later); ME-4 moves to Farsta in May. HL-1 continues too.
        Employment("ME-1", 20, ALVSJO, "2015-01-01", changes=MERGED, **BISTAND),
        Employment("ME-2", 21, ALVSJO, "2015-01-01", "2020-06-30", "Övrigt", **BISTAND),
        Employment("ME-2b", 21, HAGERSTEN_ALVSJO, "2020-07-01", **BISTAND),
        Employment("ME-3", 22, ALVSJO, "2015-01-01", "2020-03-31", EB, **BISTAND),
        Employment("ME-3b", 22, HAGERSTEN, "2020-04-06", changes=MERGED, **BISTAND),
        Employment("ME-4", 23, ALVSJO, "2015-01-01", "2020-04-30", EB, **BISTAND),
        Employment("ME-4b", 23, FARSTA, "2020-05-04", **BISTAND),
        Employment("HL-1", 24, HAGERSTEN, "2015-01-01", changes=MERGED, **BISTAND),
        # Skarpnäck Stor: twenty stay, three leave on 2020-06-15 and eight on 2020-12-04.
        *(Employment(f"ST-{n}", 30 + n, SKARPNACK, "2015-01-01", unit="Stor") for n in range(20)),
        *(
            Employment(f"SJ-{n}", 50 + n, SKARPNACK, "2015-01-01", "2020-06-15", EB, unit="Stor")
            for n in range(3)
        ),
        *(
            Employment(f"SD-{n}", 53 + n, SKARPNACK, "2015-01-01", "2020-12-04", EB, unit="Stor")
            for n in range(8)
        ),
        # Kungsholmen Liten: three, one leaves on 2020-09-30. Lugn: a hundred who stay.
        Employment("LI-1", 61, KUNGSHOLMEN, "2015-01-01", unit="Liten"),
        Employment("LI-2", 62, KUNGSHOLMEN, "2015-01-01", unit="Liten"),
        Employment("LI-3", 63, KUNGSHOLMEN, "2015-01-01", "2020-09-30", EB, unit="Liten"),
        *(
            Employment(f"LU-{n}", 100 + n, KUNGSHOLMEN, "2015-01-01", unit="Lugn")
            for n in range(100)
        ),
    ]


# --- the warehouse, built once -----------------------------------------------------------


@dataclass
class Built:
    first_summary: list[str]
    second_summary: list[str]
    first_alerts: list[dict]  # what the webhook received during run 1
    second_alerts: list[dict]  # ... and during run 2 (nothing new delivered, rebuilt in full)
    url: str


@pytest.fixture(scope="module")
def built(server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """Run 1 with every month; run 2 with nothing new, rebuilt and published all the same
    (--full-refresh: a night with nothing new would skip the publish and so the watch)."""
    databases = _new_database(server_url)
    url = next(databases)
    try:
        with pytest.MonkeyPatch.context() as monkeypatch, webhook_receiver() as (hook, received):
            settings = configure(monkeypatch, tmp_path_factory.mktemp("over_time"), url)
            monkeypatch.setenv("HRWH_ALERT_WEBHOOK", hook)
            employments = scenario()
            for month in MONTHS:
                write_month(settings.landing_dir, month, employments)
            first_summary = run_nightly(Settings.from_env())
            first_alerts = list(received)
            second_summary = run_nightly(Settings.from_env(), full_refresh=True)
            second_alerts = received[len(first_alerts) :]
        yield Built(first_summary, second_summary, first_alerts, second_alerts, url)
    finally:
        databases.close()


def rows(built: Built, query: str) -> list[tuple]:
    with psycopg.connect(built.url) as conn:
        return conn.execute(query).fetchall()


def rolling(built: Built, table: str = "marts.rpt_turnover_rolling_12m") -> dict:
    """(period_end, administration, unit, group) -> (exits, sum of the 12 month-end headcounts)."""
    unit = "unit" if table.endswith("rolling_12m") else "null"
    result = {}
    for period_end, administration, unit_name, group, exits, avg, rate in rows(
        built,
        f"select period_end, administration, {unit}, occupation_group, exits, avg_headcount, "
        f"turnover_rate from {table}",
    ):
        person_months = avg * 12
        if avg:
            # rounded half up to four decimals for BI: exits x 12 / the whole person-months
            exact = Decimal(exits) * 12 / round(person_months)
            assert rate == exact.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        result[(period_end, administration, unit_name, group)] = (exits, round(person_months))
    return result


def yearly(built: Built, table: str) -> dict:
    """(administration, group) -> (headcount, Alla, Egen begäran extern, intern) for 2020."""
    cells: dict = {}
    for administration, group, reason, exits, headcount in rows(
        built,
        "select administration, occupation_group, exit_reason_group, exits, headcount "
        f"from {table} where year = 2020",
    ):
        cells.setdefault((administration, group), {"headcount": headcount})[reason] = exits
    return {
        key: (
            c["headcount"],
            c["Alla avgångsorsaker"],
            c["Egen begäran extern"],
            c["Egen begäran intern"],
        )
        for key, c in cells.items()
    }


# --- the rolling method ------------------------------------------------------------------


def test_windows_from_the_twelfth_loaded_month(built: Built) -> None:
    periods = rows(
        built,
        "select period_end, bool_and(is_preliminary), bool_or(is_preliminary) "
        "from marts.rpt_turnover_rolling_12m group by period_end order by period_end",
    )
    # Thirteen months loaded: the windows ending November and December 2020. Stor's eight
    # exits of 4 December have their 30-day window past the last month loaded: December's
    # windows are preliminary, all rows alike; November's are not.
    assert periods == [(NOV, False, False), (DEC, True, True)]


def test_window_edges(built: Built) -> None:
    cells = rolling(built)
    # Nov: ED-1 12 month-ends, ED-3 11 (not on 30 November, its last day), ED-4 10 (not on
    # 31 October: its last day was the 30th) = 33; exits ED-2 (last day on the window's first
    # day), ED-3 (on its last day), ED-4 = 3. Dec: 12 + 10 + 9 = 31; ED-2 is out: 2 exits.
    assert cells[(NOV, "Bromma", "Mottagningen", SS)] == (3, 33)
    assert cells[(DEC, "Bromma", "Mottagningen", SS)] == (2, 31)
    # The manager adds twelve month-ends to Alla befattningar, and is in no occupation group.
    assert cells[(NOV, "Bromma", "Mottagningen", ALL)] == (3, 45)
    assert cells[(DEC, "Bromma", "Mottagningen", ALL)] == (2, 43)
    rate = rows(
        built,
        "select turnover_rate from marts.rpt_turnover_rolling_12m where period_end = "
        "'2020-11-30' and unit = 'Mottagningen' and occupation_group = 'Socialsekreterare'",
    )
    assert rate[0][0] == Decimal("1.0909")  # 3 / 2.75, rounded to four decimals


def test_dormant_months_inside_the_window(built: Built) -> None:
    # Nov: DO-1 dormant March-May: 9 month-ends; DO-2 11 (December-October); DO-2's last day
    # falls in a dormant month: no exit. Dec: 9 + 10.
    assert rolling(built)[(NOV, "Bromma", "Vuxenenheten", SS)] == (0, 20)
    assert rolling(built)[(DEC, "Bromma", "Vuxenenheten", SS)] == (0, 19)


def test_a_unit_that_starts_mid_window_is_averaged_over_twelve_months(built: Built) -> None:
    # NY-1 from September: 3 month-ends in Nov (avg 0.25), 4 in Dec (0.3333).
    cells = rolling(built)
    assert cells[(NOV, "Bromma", "Familjeenheten", SS)] == (0, 3)
    assert cells[(DEC, "Bromma", "Familjeenheten", SS)] == (0, 4)
    (avg,) = rows(
        built,
        "select avg_headcount from marts.rpt_turnover_rolling_12m "
        "where period_end = '2020-11-30' and unit = 'Familjeenheten' and occupation_group = "
        "'Socialsekreterare'",
    )[0]
    assert avg == Decimal("0.25")


def test_administration_and_city_rows(built: Built) -> None:
    cells = rolling(built)
    # Bromma Socialsekreterare: Mottagningen 33 + Vuxenenheten 20 + Familjeenheten 3.
    assert cells[(NOV, "Bromma", None, SS)] == (3, 56)
    assert cells[(DEC, "Bromma", None, SS)] == (2, 54)
    # The city counts only exits from the city: Socialsekreterare Nov ED-2, ED-3, ED-4, Stor's
    # three of June, Liten's one = 7; Dec ED-3, ED-4, Stor's 3 + 8, Liten's 1 = 14.
    # Headcounts: Bromma 56, Stor 20×12 + 3×6 + 8×12 = 354, Liten 33, Lugn 1200 = 1643; Dec
    # 54 + (240 + 15 + 88) + 32 + 1200 = 1629.
    assert cells[(NOV, CITY, None, SS)] == (7, 1643)
    assert cells[(DEC, CITY, None, SS)] == (14, 1629)
    # Biståndshandläggare moved only within the city: no city exit. Nov: Älvsjö 20, HL 10,
    # Hägersten-Älvsjö 20, Farsta 7 = 57; Dec 16 + 9 + 24 + 8 = 57.
    assert cells[(NOV, CITY, None, BH)] == (0, 57)
    assert cells[(DEC, CITY, None, BH)] == (0, 57)
    # Alla befattningar: both, and the manager's 12.
    assert cells[(NOV, CITY, None, ALL)] == (7, 1712)
    assert cells[(DEC, CITY, None, ALL)] == (14, 1698)


# --- the district mergers ----------------------------------------------------------------


def test_mergers_rolling_as_it_was(built: Built) -> None:
    cells = rolling(built)
    # Älvsjö exists until 30 June: both windows overlap it. Nov month-ends: ME-1 7 (December-
    # June; then in Hägersten-Älvsjö), ME-2 6 (not on 30 June, its last day), ME-3 3, ME-4 4 =
    # 20. Exits: ME-3 (to Hägersten-Liljeholmen, another district then) and ME-4 (Farsta);
    # ME-2's successor is in the district Älvsjö merged into: Inom förvaltning, no exit.
    assert cells[(NOV, "Älvsjö", "Biståndsenheten", BH)] == (2, 20)
    assert cells[(NOV, "Älvsjö", None, BH)] == (2, 20)
    # Dec (January-December): 6 + 5 + 2 + 3 = 16; the same two exits.
    assert cells[(DEC, "Älvsjö", None, BH)] == (2, 16)
    # Hägersten-Liljeholmen: HL-1 7 + ME-3b 3 (April-June) = 10; Dec 6 + 3 = 9.
    assert cells[(NOV, "Hägersten-Liljeholmen", None, BH)] == (0, 10)
    assert cells[(DEC, "Hägersten-Liljeholmen", None, BH)] == (0, 9)
    # Hägersten-Älvsjö from July: ME-1, ME-2b, ME-3b, HL-1, 5 month-ends each in Nov, 6 in
    # Dec; the continuing employments are no exits.
    assert cells[(NOV, "Hägersten-Älvsjö", "Biståndsenheten", BH)] == (0, 20)
    assert cells[(DEC, "Hägersten-Älvsjö", None, BH)] == (0, 24)
    # Farsta: ME-4b from May.
    assert cells[(NOV, "Farsta", None, BH)] == (0, 7)


def test_mergers_rolling_restated(built: Built) -> None:
    cells = rolling(built, "marts.rpt_turnover_rolling_12m_restated")
    # Everything of Älvsjö and Hägersten-Liljeholmen counts in Hägersten-Älvsjö: Nov 20 + 10
    # + 20 = 50, Dec 16 + 9 + 24 = 49. ME-3's move is within today's district: only ME-4's
    # (to Farsta) is an exit.
    assert cells[(NOV, "Hägersten-Älvsjö", None, BH)] == (1, 50)
    assert cells[(DEC, "Hägersten-Älvsjö", None, BH)] == (1, 49)
    assert cells[(DEC, "Farsta", None, BH)] == (0, 8)
    administrations = {key[1] for key in cells}
    assert "Älvsjö" not in administrations
    assert "Hägersten-Liljeholmen" not in administrations
    # The city is the same in both series.
    assert cells[(DEC, CITY, None, SS)] == (14, 1629)


def test_mergers_yearly_as_it_was(built: Built) -> None:
    cells = yearly(built, "hr.rpt_turnover_yearly_detailed")
    # Cohort of 31 Dec 2019: ME-1..ME-4. ME-3 and ME-4 (Egen begäran) moved to another
    # district: exits, Egen begäran intern. ME-2 (reissued in Hägersten-Älvsjö): the merger
    # rule makes it Inom förvaltning. ME-1 continues: no exit.
    assert cells[("Älvsjö", BH)] == (4, 2, 0, 2)
    assert cells[("Hägersten-Liljeholmen", BH)] == (1, 0, 0, 0)
    assert cells[("Stadsdelar total", BH)] == (5, 2, 0, 2)
    assert cells[(CITY, BH)] == (5, 0, 0, 0)
    # Hägersten-Älvsjö did not exist on 31 December 2019: no row for 2020.
    assert not [key for key in cells if key[0] == "Hägersten-Älvsjö"]
    # Bromma: ED-1, ED-3, ED-4, DO-1, DO-2 (dormant in November only). Exits ED-3, ED-4
    # (Egen begäran), DO-2 (Ålderspension): all left the city.
    assert cells[("Bromma", SS)] == (5, 3, 2, 0)
    # Districts 5 + Stor 31 + Kungsholmen 103; exits 3 + 11 + 1.
    assert cells[("Stadsdelar total", SS)] == (139, 15, 14, 0)
    assert cells[(CITY, SS)] == (139, 15, 14, 0)


def test_mergers_yearly_restated(built: Built) -> None:
    cells = yearly(built, "hr.rpt_turnover_yearly_restated_detailed")
    # The five of Älvsjö and Hägersten-Liljeholmen count in Hägersten-Älvsjö; ME-3's move is
    # within it; ME-4's move to Farsta (Egen begäran) is the one exit.
    assert cells[("Hägersten-Älvsjö", BH)] == (5, 1, 0, 1)
    assert cells[("Stadsdelar total", BH)] == (5, 1, 0, 1)
    assert cells[(CITY, BH)] == (5, 0, 0, 0)
    assert cells[("Bromma", SS)] == (5, 3, 2, 0)
    assert not [key for key in cells if key[0] in ("Älvsjö", "Hägersten-Liljeholmen")]
    # Published: the same Alla avgångsorsaker counts.
    published = rows(
        built,
        "select headcount, exits from marts.rpt_turnover_yearly_restated where year = 2020 "
        "and administration = 'Hägersten-Älvsjö' and exit_reason_group = 'Alla avgångsorsaker'",
    )
    assert published == [(5, 1)]


# --- activity areas ------------------------------------------------------------------------


def test_turnover_per_activity_area(built: Built) -> None:
    assert rows(
        built,
        "select activity_area, occupation_group, headcount, exits "
        "from marts.rpt_turnover_activity_area_yearly where year = 2020 order by 1, 2",
    ) == [(IFO, SS, 139, 15), (AO, BH, 5, 0)]
    areas = {
        (period_end, area, group): (exits, round(avg * 12))
        for period_end, area, group, exits, avg in rows(
            built,
            "select period_end, activity_area, occupation_group, exits, avg_headcount "
            "from marts.rpt_turnover_activity_area_rolling_12m",
        )
    }
    # Only exits from the city; the manager (Individ- och familjeomsorg) in Alla befattningar.
    assert areas == {
        (NOV, IFO, SS): (7, 1643),
        (DEC, IFO, SS): (14, 1629),
        (NOV, IFO, ALL): (7, 1655),
        (DEC, IFO, ALL): (14, 1641),
        (NOV, AO, BH): (0, 57),
        (DEC, AO, BH): (0, 57),
        (NOV, AO, ALL): (0, 57),
        (DEC, AO, ALL): (0, 57),
    }


# --- the watch ---------------------------------------------------------------------------


def watch(built: Built) -> dict:
    """(period_end, unit, group) -> (exits, 0.975 and 0.999 quantiles, status, newly)."""
    return {
        (period_end, unit, group): (
            exits,
            round(upper_95 * avg),
            round(upper_998 * avg),
            status,
            newly,
        )
        for period_end, unit, group, exits, avg, upper_95, upper_998, status, newly in rows(
            built,
            "select period_end, unit, occupation_group, exits, avg_headcount, upper_limit_95, "
            "upper_limit_998, status, is_newly_strongly_above from marts.rpt_unit_turnover_watch",
        )
    }


def test_watch_flags_a_unit_with_clearly_too_many_exits(built: Built) -> None:
    cells = watch(built)
    # The city's rate, measured like a unit's (exits that left the administration over all
    # administrations' average headcount): Socialsekreterare Dec 14 / (1629 / 12) = 0.10313.
    # Stor: 343 / 12 = 28.583 on average, expects 2.9478 exits. Poisson(2.9478): P(X <= 7) =
    # 0.98918 (the 0.975 quantile is 7), P(X <= 8) = 0.99660, P(X <= 9) = 0.99903 (the 0.999
    # quantile is 9). Eleven exits: Kraftigt över förväntat.
    assert cells[(DEC, "Stor", SS)] == (11, 7, 9, "Kraftigt över förväntat", True)
    # Nov: 7 / (1643 / 12) = 0.051126; Stor 29.5, expects 1.5082: P(X <= 4) = 0.98103, P(X <=
    # 6) = 0.99904. Three exits: within. So December is the month it crossed.
    assert cells[(NOV, "Stor", SS)] == (3, 4, 6, "Inom förväntat", False)
    # Mottagningen, three exits on 2.75 on average in Nov, expecting 0.1406: P(X <= 1) =
    # 0.99100, P(X <= 2) = 0.99958: Kraftigt över förväntat, new (the first month-end).
    assert cells[(NOV, "Mottagningen", SS)] == (3, 1, 2, "Kraftigt över förväntat", True)
    # Dec: 2 exits on 2.583 expecting 0.2664: P(X <= 2) = 0.99717, within.
    assert cells[(DEC, "Mottagningen", SS)][3] == "Inom förväntat"


def test_watch_does_not_flag_a_small_unit_with_one_exit(built: Built) -> None:
    cells = watch(built)
    # Liten: one exit on 2.75 (Nov, expecting 0.1406: the 0.975 quantile is 1) and on 2.667
    # (Dec, expecting 0.2750: P(X <= 1) = 0.96845, the quantile is 2): within, both.
    assert cells[(NOV, "Liten", SS)] == (1, 1, 2, "Inom förväntat", False)
    assert cells[(DEC, "Liten", SS)] == (1, 2, 3, "Inom förväntat", False)
    # Units averaging under one employment are not watched: Familjeenheten (0.25, 0.33),
    # Hägersten-Liljeholmen's and Farsta's Biståndsenheten (0.83 / 0.75, 0.58 / 0.67).
    units = {(unit, group) for (_p, unit, group) in cells}
    assert ("Familjeenheten", SS) not in units
    watched_bistand = rows(
        built,
        "select distinct administration from marts.rpt_unit_turnover_watch "
        "where unit = 'Biståndsenheten'",
    )
    assert sorted(watched_bistand) == [("Hägersten-Älvsjö",), ("Älvsjö",)]


def test_the_run_tells_hr_once_about_a_new_crossing(built: Built) -> None:
    # At the latest month-end Stor crossed the 99.8 % limit, as Socialsekreterare and as Alla
    # befattningar (Alla: 16 / (1698 / 12) = 0.11307, Stor expects 3.2320: P(X <= 10) =
    # 0.99946, eleven exits are above it; in Nov three on 1.8610 were within).
    text = "\n".join(built.first_summary)
    assert re.search(
        r"turnover watch: 1 unit newly above the 99.8 % limit in the 12 months to 2020-12-31 "
        r"\(HR alerted\)",
        text,
    ), text
    assert "Skarpnäck / Stor / Socialsekreterare: 11 exits / 28.6 average headcount = 38.5 %" in (
        text
    )
    assert "Skarpnäck / Stor / Alla befattningar: 11 exits" in text
    assert len(built.first_alerts) == 1
    alert = built.first_alerts[0]["text"]
    assert alert.startswith(
        "[hrwh] Personalrörlighet: 1 enhet kraftigt över förväntat, tolv månader t.o.m. 2020-12-31"
    ), alert
    assert (
        "Skarpnäck, Stor, Socialsekreterare: 11 avgångar på i genomsnitt 28,6 anställda = "
        "38,5 % (staden 10,3 %" in alert
    ), alert
    assert "Skarpnäck, Stor, Alla befattningar: 11 avgångar" in alert
    assert "preliminärt" in alert
    # No person: no name or identity number of the scenario in the alert.
    assert "Åsa" not in alert and "19800101" not in alert
    # Run 2 (nothing new, published again): the summary still says so; HR is not told again.
    second = "\n".join(built.second_summary)
    assert "(HR was alerted by an earlier run)" in second, second
    assert built.second_alerts == []


def test_a_watch_that_cannot_be_read_only_says_so(database_url: str) -> None:
    # After a publish the marts stay published: a watch table that cannot be read (here: no
    # warehouse at all) gives a summary line and no alert, and raises nothing.
    with psycopg.connect(database_url, autocommit=True) as conn:
        report = unit_watch(conn, run_id=1)
    assert report.alert() is None
    assert report.lines() == [
        '  turnover watch: not read (UndefinedTable: relation "marts.rpt_unit_turnover_watch" '
        "does not exist)"
    ]
