"""What the follow-up report says: the city's hand-made report (tables 1–3, diagrams 1a–2b,
a page per district as diagrams 6a–16b, the survey) plus what the warehouse adds (consultants
per 100 handläggare, the rolling twelve months and the early warning), chosen from the marts.

Numbering follows the city's report: 1 and 2 for the occupation groups, 3 consultants, 4 the
survey, 5 turnover over time, and 6 onwards one per today's district.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import partial

import psycopg

from hrwh.followup import charts
from hrwh.followup import marts as m
from hrwh.followup.model import Cell, Chart, Report, Section, Table, number, per_cent

SMALL = "†"
PRELIMINARY = "*"
SMALL_NOTE = (
    f"{SMALL} Liten grupp: andelen vilar på få anställda, så en enda avgång ger stora utslag. "
    "Jämför med försiktighet."
)
PRELIMINARY_NOTE = (
    f"{PRELIMINARY} Preliminärt: avgångar och övergångar till andra förvaltningar under "
    "periodens sista veckor kan ännu ändras med nästa lönefil."
)
NOTHING_YET = "Marts har ännu inga uppgifter om detta."
SUPPRESSED_NOTE = "– Färre än fem svarande, eller en grupp som skulle avslöja en sådan: visas inte."
MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
FIRST_DISTRICT_DIAGRAM = 6
WATCH_COLOURS = {
    "Inom förväntat": charts.OKABE_ITO[5],
    "Över förväntat": charts.OKABE_ITO[1],
    "Kraftigt över förväntat": charts.OKABE_ITO[3],
}


def build_report(conn: psycopg.Connection, run_id: int | None) -> Report:
    """The whole report from the published marts."""
    admins = m.administrations(conn)
    as_was = m.yearly(conn)
    restated = m.yearly(conn, restated=True)
    years = sorted({c.year for c in as_was}) or ["–"]
    sections = [
        *(
            _occupation_section(number, group, as_was, admins)
            for number, group in enumerate(m.OCCUPATION_GROUPS, start=1)
        ),
        _consultant_section(m.consultants(conn)),
        _survey_section(m.survey(conn)),
        _over_time_section(m.rolling(conn, latest_only=False), m.rolling(conn, latest_only=True)),
        _watch_section(m.watch_latest(conn)),
        *_district_sections(admins, as_was, restated),
    ]
    return Report(
        title="Uppföljning av personalrörligheten bland socialsekreterare och biståndshandläggare",
        subtitle=f"Stockholms stad, {years[0]}–{years[-1]}. Skriven av hrwh från de publicerade "
        f"marts-tabellerna" + (f" (körning {run_id})." if run_id is not None else "."),
        run_id=run_id,
        sections=sections,
    )


def _notes(method: str, rows: Iterable[m.YearlyCell | m.RollingRate]) -> list[str]:
    """A table's notes: its method, and the warnings that apply to some of its numbers."""
    shown = list(rows)
    return (
        [method]
        + ([SMALL_NOTE] if any(r.is_small_base for r in shown) else [])
        + ([PRELIMINARY_NOTE] if any(r.is_preliminary for r in shown) else [])
    )


def _year_label(year: int, preliminary: bool) -> str:
    return f"{year}{PRELIMINARY if preliminary else ''}"


def _rate_series(
    label: str, cells: Iterable[m.YearlyCell], years: list[int], **style: object
) -> charts.Series:
    by_year = {c.year: c for c in cells}
    return charts.Series(
        label,
        years,
        [
            float(by_year[y].turnover_rate)
            if y in by_year and by_year[y].turnover_rate is not None
            else None
            for y in years
        ],
        [y in by_year and by_year[y].is_small_base for y in years],
        **style,  # type: ignore[arg-type]
    )


def _occupation_section(
    index: int, group: str, cells: list[m.YearlyCell], admins: list[m.Administration]
) -> Section:
    """Tables 1 and 2 and diagrams 1a–2b: one occupation group's yearly turnover."""
    key, heading = f"yrkesgrupp-{index}", f"Personalrörlighet {group.lower()}"
    mine = [c for c in cells if c.occupation_group == group]
    if not mine:
        return Section(key, heading, [NOTHING_YET])
    years = sorted({c.year for c in mine})
    preliminary = {c.year for c in mine if c.is_preliminary}
    rows = m.report_rows(admins)
    by_key = {(c.administration, c.year): c for c in mine}
    table_rows = []
    for admin in rows:
        found = [by_key.get((admin, y)) for y in years]
        if any(found):
            table_rows.append(
                (
                    admin,
                    [
                        Cell(
                            f"{c.exits}/{c.headcount}",
                            SMALL if c.is_small_base else "",
                            f"{per_cent(c.turnover_rate)} %",
                        )
                        if c
                        else Cell("")
                        for c in found
                    ],
                )
            )
    notes = _notes(
        "Avslutade anställningar under året / tillsvidareanställda den 31 december året "
        "före. Staden totalt räknar bara dem som lämnade staden.",
        mine,
    )
    table = Table(
        key=f"tabell-{index}",
        caption=f"Tabell {index}. {group} – alla avgångsorsaker (avgångar/antal)",
        source="rpt_turnover_yearly",
        corner="Förvaltning",
        columns=[_year_label(y, y in preliminary) for y in years],
        rows=table_rows,
        notes=notes,
    )
    city_lines = [
        _rate_series(name, (c for c in mine if c.administration == name), years, colour=colour)
        for name, colour in (
            (m.CITY, charts.OKABE_ITO[7]),
            (m.DISTRICTS_TOTAL, charts.OKABE_ITO[0]),
        )
    ]
    districts = [a.administration for a in admins if a.kind == "district"]
    return Section(
        key=key,
        heading=heading,
        blocks=[
            Chart(
                f"{index}a",
                f"Personalrörlighet {group.lower()}, staden, alla avgångsorsaker",
                ("rpt_turnover_yearly",),
                partial(
                    charts.line_chart, series=city_lines, xlabel="År", ylabel="Personalrörlighet"
                ),
            ),
            Chart(
                f"{index}b",
                f"Personalrörlighet {group.lower()}, alla stadsdelar (procent)",
                ("rpt_turnover_yearly",),
                partial(
                    charts.heatmap,
                    rows=districts,
                    columns=[_year_label(y, y in preliminary) for y in years],
                    values=[[_rate(by_key.get((d, y))) for y in years] for d in districts],
                    xlabel="År",
                    ylabel="Stadsdelsförvaltning (som den var)",
                    colour_label="Personalrörlighet",
                ),
                size=(8.0, 5.6),
            ),
            table,
        ],
    )


def _rate(cell: m.YearlyCell | m.RollingRate | None) -> float | None:
    if cell is None or cell.turnover_rate is None:
        return None
    return float(cell.turnover_rate)


def _consultant_section(rows: list[m.ConsultantCount]) -> Section:
    """Table 3 (the city's consultants in April and November), diagram 3a, and consultants per
    100 handläggare per administration (table and diagram 3b)."""
    key, heading = "konsulter", "Antal konsulter"
    if not rows:
        return Section(key, heading, [NOTHING_YET])
    city = [r for r in rows if r.administration == m.CITY]
    dates = sorted({r.measurement_date for r in rows})
    months = sorted({d.month for d in dates})
    years = sorted({d.year for d in dates})
    by_month = {(r.measurement_date.year, r.measurement_date.month): r for r in city}
    table_3 = Table(
        key="tabell-3",
        caption="Tabell 3. Antal konsulter i staden en dag i april respektive november",
        source="rpt_consultants",
        corner="År",
        columns=[MONTHS[mo - 1].capitalize() for mo in months],
        rows=[(str(y), [Cell(_count(by_month.get((y, mo)))) for mo in months]) for y in years],
    )
    admins = [*sorted({r.administration for r in rows if r.administration != m.CITY}), m.CITY]
    by_cell = {(r.administration, r.measurement_date): r for r in rows}
    labels = [d.isoformat() for d in dates]
    ratio_table = Table(
        key="tabell-3b",
        caption="Tabell 3b. Konsulter per 100 tillsvidareanställda handläggare",
        source="rpt_consultant_ratio",
        corner="Förvaltning",
        columns=labels,
        rows=[
            (
                a,
                [
                    Cell(
                        number(_ratio(by_cell.get((a, d)))),
                        "",
                        f"{_count(by_cell.get((a, d)))} konsulter",
                    )
                    for d in dates
                ],
            )
            for a in admins
        ],
        notes=[
            "Handläggare: tillsvidareanställda biståndshandläggare och socialsekreterare "
            "(urvalet för personalrörligheten) på mätdagen."
        ],
    )
    return Section(
        key=key,
        heading=heading,
        text=[
            "Konsulter som enheterna rapporterat en given dag i april och i november; en "
            "enhet som svarat två gånger räknas en gång, med sitt senaste svar."
        ],
        blocks=[
            table_3,
            Chart(
                "3a",
                "Antal konsulter i staden per mätdag",
                ("rpt_consultants",),
                partial(
                    charts.bars,
                    labels=labels,
                    values=[r.consultants or 0 for r in sorted(city, key=_date)],
                    xlabel="Mätdag",
                    ylabel="Antal konsulter",
                ),
            ),
            Chart(
                "3b",
                "Konsulter per 100 handläggare, per förvaltning och mätdag",
                ("rpt_consultant_ratio",),
                partial(
                    charts.heatmap,
                    rows=admins,
                    columns=labels,
                    values=[[_ratio(by_cell.get((a, d))) for d in dates] for a in admins],
                    xlabel="Mätdag",
                    ylabel="Förvaltning",
                    colour_label="Konsulter per 100 handläggare",
                    percent=False,
                ),
                size=(8.0, 5.6),
            ),
            ratio_table,
        ],
    )


def _date(row: m.ConsultantCount) -> object:
    return row.measurement_date


def _count(row: m.ConsultantCount | None) -> str:
    return "–" if row is None or row.consultants is None else str(row.consultants)


def _ratio(row: m.ConsultantCount | None) -> float | None:
    if row is None or row.consultants_per_100_handlaggare is None:
        return None
    return float(row.consultants_per_100_handlaggare)


_BREAKDOWNS = ("Staden", "Förvaltning", "Verksamhetsområde")


def _survey_section(results: list[m.SurveyResult]) -> Section:
    """Diagram 4 (the city's answers per round) and tables 4a–c (share positive per round and
    group); suppressed groups show no numbers, and a group with no round to show is left out."""
    key, heading = "enkat", "Enkäter till medarbetare"
    if not results:
        return Section(key, heading, [NOTHING_YET])
    rounds = sorted({r.survey_round for r in results})
    statements = sorted({(r.statement_no, r.statement_sv) for r in results})
    city = {(r.statement_no, r.survey_round): r for r in results if r.breakdown == "Staden"}
    panels = [
        charts.Shares(
            title=f"{no}. {text}",
            rounds=rounds,
            positive=[_share(city.get((no, r)), "share_positive") for r in rounds],
            neutral=[_share(city.get((no, r)), "share_neutral") for r in rounds],
            negative=[_share(city.get((no, r)), "share_negative") for r in rounds],
        )
        for no, text in statements
    ]
    blocks: list[Table | Chart] = [
        Chart(
            "4",
            "Svar per påstående och mättillfälle, staden",
            ("rpt_survey_results",),
            partial(charts.share_bars, panels=panels, xlabel="Mättillfälle"),
            size=(8.0, 4.2),
        )
    ]
    for (no, text), letter in zip(statements, "abcdefgh", strict=False):
        mine = [r for r in results if r.statement_no == no]
        groups: dict[tuple[int, str], dict[str, m.SurveyResult]] = defaultdict(dict)
        for r in mine:
            groups[(_BREAKDOWNS.index(r.breakdown), r.breakdown_value)][r.survey_round] = r
        rows = [
            (value, [_survey_cell(by_round.get(r)) for r in rounds])
            for (_, value), by_round in sorted(groups.items())
            if any(not r.suppressed for r in by_round.values())
        ]
        hidden = any(r.suppressed for r in mine)
        blocks.append(
            Table(
                key=f"tabell-4{letter}",
                caption=f"Tabell 4{letter}. ”{text}”: andel positiva svar (procent)",
                source="rpt_survey_results",
                corner="Grupp",
                columns=rounds,
                rows=rows,
                notes=["Positiva svar: ”Stämmer mycket bra” och ”Stämmer ganska bra”."]
                + ([SUPPRESSED_NOTE] if hidden else []),
            )
        )
    return Section(
        key=key,
        heading=heading,
        text=[
            "Tre påståenden, besvarade två gånger om året av socialsekreterare och "
            "biståndshandläggare inom myndighetsutövning."
        ],
        blocks=blocks,
    )


def _share(row: m.SurveyResult | None, column: str) -> float:
    value = getattr(row, column) if row is not None else None
    return float(value) if value is not None else 0.0


def _survey_cell(row: m.SurveyResult | None) -> Cell:
    if row is None or row.suppressed:
        return Cell("–")
    return Cell(per_cent(row.share_positive), "", f"{row.respondents} svarande")


def _over_time_section(city: list[m.RollingRate], latest: list[m.RollingRate]) -> Section:
    """Diagram 5a (the city's rolling rate per month-end) and table 5 (every administration's
    rolling rate at the latest month-end)."""
    key, heading = "rullande", "Personalrörlighet de senaste tolv månaderna"
    if not city:
        return Section(key, heading, [NOTHING_YET])
    groups = (*m.OCCUPATION_GROUPS, m.ALL_TITLES)
    ends = sorted({r.period_end for r in city})
    series = []
    for index, group in enumerate(groups):
        by_end = {r.period_end: r for r in city if r.occupation_group == group}
        series.append(
            charts.Series(
                group, ends, [_rate(by_end.get(e)) for e in ends], colour=charts.OKABE_ITO[index]
            )
        )
    period_end = latest[0].period_end if latest else None
    preliminary = any(r.is_preliminary for r in latest)
    by_cell = {(r.administration, r.occupation_group): r for r in latest}
    admins = [*sorted({r.administration for r in latest} - {m.CITY}), m.CITY]
    notes = _notes(
        "Avgångar under de tolv månaderna / genomsnittligt antal anställda vid de tolv "
        "månadsskiftena.",
        latest,
    )
    table = Table(
        key="tabell-5",
        caption=f"Tabell 5. Personalrörlighet de tolv månaderna till och med {period_end}"
        f"{PRELIMINARY if preliminary else ''} (procent)",
        source="rpt_turnover_rolling_12m",
        corner="Förvaltning",
        columns=list(groups),
        rows=[(a, [_rolling_cell(by_cell.get((a, g))) for g in groups]) for a in admins],
        notes=notes,
    )
    return Section(
        key=key,
        heading=heading,
        blocks=[
            Chart(
                "5a",
                "Personalrörlighet i staden, rullande tolv månader",
                ("rpt_turnover_rolling_12m",),
                partial(
                    charts.line_chart,
                    series=series,
                    xlabel="Tolvmånadersperiodens slut",
                    ylabel="Personalrörlighet",
                ),
            ),
            table,
        ],
    )


def _rolling_cell(row: m.RollingRate | None) -> Cell:
    if row is None:
        return Cell("")
    return Cell(
        per_cent(row.turnover_rate),
        SMALL if row.is_small_base else "",
        f"{row.exits} avgångar, i genomsnitt {number(row.avg_headcount)} anställda",
    )


def _watch_section(units: list[m.WatchedUnit]) -> Section:
    """Diagram 5b (the funnel plot of the latest month-end, per occupation group) and table 6
    (the units above what the city's rate leads one to expect)."""
    key, heading = "tidig-varning", "Tidig varning: enheter över förväntat"
    if not units:
        return Section(key, heading, [NOTHING_YET])
    groups = (*m.OCCUPATION_GROUPS, m.ALL_TITLES)
    period_end = units[0].period_end
    panels = []
    for group in groups:
        mine = [u for u in units if u.occupation_group == group]
        if mine:
            panels.append(
                charts.Funnel(
                    title=group,
                    size=[float(u.avg_headcount) for u in mine],
                    rate=[float(u.turnover_rate) for u in mine],
                    status=[u.status for u in mine],
                    city_rate=float(mine[0].city_turnover_rate),
                    upper_95=[float(u.upper_limit_95) for u in mine],
                    upper_998=[float(u.upper_limit_998) for u in mine],
                    statuses=WATCH_COLOURS,
                )
            )
    above = [u for u in units if u.status != "Inom förväntat"]
    columns = [
        "Enhet",
        "Yrkesgrupp",
        "Avgångar",
        "Genomsnittligt antal",
        "Andel (%)",
        "Stadens andel (%)",
        "Status",
    ]
    table = Table(
        key="tabell-6",
        caption=f"Tabell 6. Enheter över förväntat, tolv månader till och med {period_end}",
        source="rpt_unit_turnover_watch",
        corner="Förvaltning",
        columns=columns,
        rows=[
            (
                u.administration,
                [
                    Cell(u.unit),
                    Cell(u.occupation_group),
                    Cell(str(u.exits)),
                    Cell(number(u.avg_headcount)),
                    Cell(per_cent(u.turnover_rate)),
                    Cell(per_cent(u.city_turnover_rate)),
                    Cell(u.status),
                ],
            )
            for u in sorted(above, key=lambda u: (u.administration, u.unit, u.occupation_group))
        ],
        notes=[
            "Över förväntat: över den övre 95-procentsgränsen för en enhet av den storleken vid "
            "stadens andel; kraftigt över: över 99,8-procentsgränsen. Små enheter har vida "
            "gränser: slumpen ger dem stora utslag."
        ]
        + ([] if above else ["Ingen enhet ligger över förväntat."]),
    )
    return Section(
        key=key,
        heading=heading,
        blocks=[
            Chart(
                "5b",
                f"Trattdiagram: enheternas personalrörlighet, tolv månader till {period_end}",
                ("rpt_unit_turnover_watch",),
                partial(
                    charts.funnel_plot,
                    panels=panels,
                    xlabel="Genomsnittligt antal anställda (log)",
                    ylabel="Personalrörlighet",
                ),
                size=(8.0, 4.2),
            ),
            table,
        ],
    )


def _district_sections(
    admins: list[m.Administration], as_was: list[m.YearlyCell], restated: list[m.YearlyCell]
) -> list[Section]:
    """One page per today's district: diagram a for biståndshandläggare and b for
    socialsekreterare, the restated series beside the districts as they were."""
    years = sorted({c.year for c in as_was})
    if not years:
        return []
    sections = []
    districts = m.todays_districts(admins)
    for offset, (today, former) in enumerate(districts.items()):
        diagram = FIRST_DISTRICT_DIAGRAM + offset  # numbered alike, with data or not
        blocks: list[Table | Chart] = []
        for letter, group in zip("ab", m.OCCUPATION_GROUPS, strict=True):
            series = [
                _rate_series(
                    f"{today} (dagens indelning)",
                    (
                        c
                        for c in restated
                        if c.administration == today and c.occupation_group == group
                    ),
                    years,
                    colour=charts.OKABE_ITO[7],
                )
            ] + [
                _rate_series(
                    f"{name} (som den var)",
                    (c for c in as_was if c.administration == name and c.occupation_group == group),
                    years,
                    dashed=True,
                    colour=charts.OKABE_ITO[index],
                )
                for index, name in enumerate(former)
            ]
            if all(y is None for s in series for y in s.y):
                continue  # no such employments in this district
            blocks.append(
                Chart(
                    f"{diagram}{letter}",
                    f"Personalrörlighet {group.lower()}, {today}",
                    ("rpt_turnover_yearly_restated", "rpt_turnover_yearly"),
                    partial(
                        charts.line_chart, series=series, xlabel="År", ylabel="Personalrörlighet"
                    ),
                    size=(8.0, 3.6),
                )
            )
        if not blocks:
            continue
        sections.append(
            Section(
                key=f"stadsdel-{diagram}",
                heading=today,
                text=[_district_text(today, former)],
                blocks=blocks,
                own_page=True,
            )
        )
    return sections


def _district_text(today: str, former: list[str]) -> str:
    others = [name for name in former if name != today]
    if not others:
        return f"{today} stadsdelsförvaltning: personalrörligheten per år."
    return (
        f"{today} omfattar i dag {' och '.join(others)}. Den heldragna linjen räknar hela "
        "perioden på dagens indelning (en flytt mellan de sammanslagna förvaltningarna är "
        "ingen avgång); de streckade visar förvaltningarna som de var."
    )
