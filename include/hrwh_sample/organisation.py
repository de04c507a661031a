"""The city's organisation as the sample needs it: administrations, activity areas, units, titles.

Names follow the HR system's spelling (full administration names, Swedish activity areas and
titles) because the warehouse matches on them exactly. The administrations, their mergers and
the occupation groups come from the reference data (`reference/administrations.csv`,
`reference/job_titles.csv`); everything else here is the generator's own realistic decoration
that must never fall into the official population by accident.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from hrwh_sample.dates import FIRST_DAY, LAST_DAY, days, month_index
from hrwh_sample.formats import GENERAL_AGREEMENT, HOURLY, MONTHLY, PERMANENT, TEMPORARY
from hrwh_sample.model import Role
from hrwh_sample.reference import ADMINISTRATIONS, JOB_TITLES

# the occupation groups, in the order of reference/job_titles.csv
TITLE_GROUP: dict[str, str] = JOB_TITLES
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(TITLE_GROUP.values()))
BIST = "Biståndshandläggare"
SOC = "Socialsekreterare"

# short name (as in the published tables) -> full name (as in the payroll extract), for the
# administrations that exist when the payroll files begin
_AT_START = [a for a in ADMINISTRATIONS if a.valid_from is None or a.valid_from <= FIRST_DAY]
DISTRICTS: dict[str, str] = {a.short_name: a.full_name for a in _AT_START if a.kind == "district"}
SPECIALISTS: dict[str, str] = {
    a.short_name: a.full_name for a in _AT_START if a.kind == "specialist"
}
FULL_NAMES: dict[str, str] = {**DISTRICTS, **SPECIALISTS}
SHORT_NAMES: dict[str, str] = {full: short for short, full in FULL_NAMES.items()}
SOF = SPECIALISTS["Socialförvaltningen"]
ALDRE = SPECIALISTS["Äldreförvaltningen"]


@dataclass(frozen=True)
class Merger:
    """A district that becomes part of `successor` (full name) on `first_day`."""

    first_day: date
    successor: str

    @property
    def first_month(self) -> int:
        """The first payroll month that names the district by its successor."""
        return month_index(self.first_day)


def _mergers() -> dict[str, Merger]:
    """District full name -> its merger, for the mergers within the payroll files' span."""
    full_name = {a.short_name: a.full_name for a in ADMINISTRATIONS}
    return {
        a.full_name: Merger(a.valid_to + days(1), full_name[a.merged_into])
        for a in ADMINISTRATIONS
        if a.merged_into and a.valid_to is not None and FIRST_DAY <= a.valid_to < LAST_DAY
    }


MERGERS: dict[str, Merger] = _mergers()


def merging_partners(admin: str) -> tuple[str, ...]:
    """The districts (full names) that merge into the same administration as `admin`."""
    merger = MERGERS.get(admin)
    if merger is None:
        return ()
    return tuple(a for a, m in MERGERS.items() if m.successor == merger.successor)


UTB = "Utbildningsförvaltningen"
SLK = "Stadsledningskontoret"
AMF = "Arbetsmarknadsförvaltningen"
OTHER_ADMINS = (UTB, SLK, AMF)

IFO = "Individ- och familjeomsorg"
AO = "Äldreomsorg"
FN = "Stöd och service till personer med funktionsnedsättning"
FSK = "Förskola"
ADM = "Administration"
ARB = "Arbetsmarknad"
UTBILDNING = "Utbildning"
SCOPE_AREAS = (IFO, AO, FN)


def render_admin(admin: str, mi: int) -> str:
    """The administration as the extract of month `mi` names it (after a merger: the new one)."""
    merger = MERGERS.get(admin)
    if merger is not None and mi >= merger.first_month:
        return merger.successor
    return admin


def scope_group(role: Role) -> str | None:
    """The occupation group if a row with this role is in the official population, else None."""
    if (
        role.dormant
        or role.form != PERMANENT
        or role.pay != MONTHLY
        or role.agreement != GENERAL_AGREEMENT
        or role.area not in SCOPE_AREAS
    ):
        return None
    return TITLE_GROUP.get(role.title)


PLACES: dict[str, tuple[str, ...]] = {
    "Rinkeby-Kista": ("Rinkeby", "Kista", "Husby", "Akalla"),
    "Spånga-Tensta": ("Spånga", "Tensta", "Hjulsta", "Solhem"),
    "Hässelby-Vällingby": ("Hässelby", "Vällingby", "Råcksta", "Grimsta"),
    "Bromma": ("Bromma", "Abrahamsberg", "Åkeshov", "Ulvsunda"),
    "Kungsholmen": ("Kungsholmen", "Fridhemsplan", "Stadshagen", "Essingeöarna"),
    "Norrmalm": ("Vasastan", "Norrmalm", "Sibirien", "Hagastaden"),
    "Östermalm": ("Östermalm", "Gärdet", "Hjorthagen", "Lärkstaden"),
    "Södermalm": ("Södermalm", "Hornstull", "Skanstull", "Katarina"),
    "Enskede-Årsta-Vantör": ("Enskede", "Årsta", "Högdalen", "Rågsved"),
    "Skarpnäck": ("Skarpnäck", "Bagarmossen", "Björkhagen", "Kärrtorp"),
    "Farsta": ("Farsta", "Hökarängen", "Sköndal", "Larsboda"),
    "Älvsjö": ("Älvsjö", "Solberga", "Herrängen", "Långbro"),
    "Hägersten-Liljeholmen": ("Hägersten", "Liljeholmen", "Fruängen", "Västertorp"),
    "Skärholmen": ("Skärholmen", "Bredäng", "Sätra", "Vårberg"),
}


def _district_units(short: str, style: int) -> dict[str, tuple[str, ...]]:
    p = PLACES[short]
    common = {
        "hemtj": (f"Hemtjänsten {p[0]}", f"Hemtjänsten {p[1]}"),
        "vob": (f"Vård- och omsorgsboende {p[2]}",),
        "fn_ops": (f"Boendestöd {p[0]}", f"Daglig verksamhet {p[1]}"),
        "fsk": (f"Förskoleområde {p[0]}", f"Förskoleområde {p[1]}", f"Förskoleområde {p[2]}"),
        "adm": ("Administrativa avdelningen", "Ekonomienheten", "HR-enheten", "Kansliet"),
        "kval": ("Kvalitet och utveckling",),
    }
    if style == 0:
        ifo = {
            "bou": ("Enheten för barn och unga", "Barn och unga utredning"),
            "mott": ("Mottagningsenheten",),
            "vux": ("Vuxenenheten",),
            "ekb": ("Ekonomiskt bistånd",),
            "samt": ("Familjeenheten",),
            "sps": ("Socialpsykiatri",),
            "best_ao": ("Beställarenheten äldreomsorg",),
            "best_fn": ("Beställarenheten funktionsnedsättning",),
        }
    elif style == 1:
        ifo = {
            "bou": (f"Barn och ungdom {p[0]}", f"Barn och ungdom {p[1]}"),
            "mott": ("Mottagningen barn och unga", "Mottagningen vuxna"),
            "vux": ("Enheten för vuxna, missbruk och beroende",),
            "ekb": (f"Ekonomiskt bistånd {p[0]}", f"Ekonomiskt bistånd {p[1]}"),
            "samt": ("Råd och stöd",),
            "sps": ("Enheten för socialpsykiatri",),
            "best_ao": ("Biståndsenheten äldre",),
            "best_fn": ("Handläggarenheten LSS",),
        }
    else:
        ifo = {
            "bou": ("Barn- och ungdomsenheten",),
            "mott": ("Mottagnings- och utredningsenheten",),
            "vux": ("Vuxenenheten",),
            "ekb": ("Försörjningsstödsenheten", "Ekonomiskt bistånd och arbete"),
            "samt": ("Familjestödsenheten",),
            "sps": ("Socialpsykiatriska enheten",),
            "best_ao": ("Biståndsenheten",),
            "best_fn": ("Biståndsenheten funktionsnedsättning",),
        }
    return {**ifo, **common}


def _build_units() -> dict[str, dict[str, tuple[str, ...]]]:
    units = {
        full: _district_units(short, i % 3) for i, (short, full) in enumerate(DISTRICTS.items())
    }
    units[SOF] = {
        "bou": ("Socialjouren", "Familjerättsenheten"),
        "mott": ("Socialjouren",),
        "vux": ("Enheten för hemlösa", "Uppsökarenheten"),
        "ekb": ("Enheten för hemlösa",),
        "missbruk": ("Beroendecentrum", "Uppsökarenheten"),
        "samt": ("Relationsvåldscentrum", "Stödcentrum för unga brottsoffer"),
        "sps": ("Enheten för hemlösa",),
        "best_ao": ("Handläggarenheten funktionsnedsättning",),
        "best_fn": ("Handläggarenheten funktionsnedsättning",),
        "adm": ("Administrativa avdelningen", "Ekonomiavdelningen", "Avdelningen för utveckling"),
        "kval": ("Avdelningen för utveckling",),
    }
    units[ALDRE] = {
        "best_ao": ("Biståndsenheten",),
        "best_fn": ("Biståndsenheten",),
        "ao": ("Äldrecentrum", "Seniorguiden"),
        "adm": ("Administrativa avdelningen", "Avdelningen för stöd och utveckling"),
        "kval": ("Avdelningen för stöd och utveckling",),
    }
    units[UTB] = {"elev": ("Elevhälsan",), "adm": ("Grundskoleavdelningen", "Kansliet")}
    units[SLK] = {"adm": ("Socialpolitiska avdelningen", "Ekonomiavdelningen", "HR-avdelningen")}
    units[AMF] = {
        "arb": ("Jobbtorg Stockholm", "Enheten för vuxenutbildning"),
        "adm": ("Kansliet",),
    }
    return units


UNITS: dict[str, dict[str, tuple[str, ...]]] = _build_units()

# Unit renames seen in the extracts from a given month on: (administration, old) -> (month, new).
UNIT_RENAMES: dict[tuple[str, str], tuple[int, str]] = {
    (DISTRICTS["Södermalm"], "Vuxenenheten"): (48, "Enheten för vuxna"),
    (DISTRICTS["Farsta"], "Försörjningsstödsenheten"): (72, "Ekonomiskt bistånd"),
    (DISTRICTS["Bromma"], "Beställarenheten äldreomsorg"): (60, "Biståndsenheten äldreomsorg"),
}


def unit(rng: random.Random, admin: str, kind: str) -> str:
    """A unit of `admin` of the given kind (falls back to the administrative units)."""
    kinds = UNITS[admin]
    return rng.choice(kinds.get(kind) or kinds["adm"])


SOC_TITLES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Socialsekreterare", 0.34, ("bou", "mott", "vux", "ekb")),
    ("Socialsekreterare myndighet barn och unga", 0.22, ("bou", "mott")),
    ("Socialsekreterare myndighet vuxna", 0.1, ("vux",)),
    ("Socialsekreterare myndighet ekonomiskt bistånd", 0.18, ("ekb",)),
    ("Socialsekreterare/missbruk", 0.09, ("vux",)),
    ("Socialsekreterare samtal och rådgivning", 0.07, ("samt",)),
)
SOF_SOC_TITLES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Socialsekreterare", 0.38, ("bou", "vux", "samt")),
    ("Socialsekreterare myndighet barn och unga", 0.16, ("bou",)),
    ("Socialsekreterare myndighet vuxna", 0.2, ("vux",)),
    ("Socialsekreterare/missbruk", 0.14, ("missbruk",)),
    ("Socialsekreterare samtal och rådgivning", 0.1, ("samt",)),
    ("Socialsekreterare myndighet ekonomiskt bistånd", 0.02, ("ekb",)),
)


def _weighted(rng: random.Random, items: tuple[tuple[str, float, tuple[str, ...]], ...]):
    return rng.choices(items, weights=[w for _, w, _ in items])[0]


def employment_rate(rng: random.Random) -> float:
    return rng.choices((100.0, 75.0, 80.0, 50.0, 90.0), weights=(86, 5, 5, 2, 2))[0]


def scope_role(rng: random.Random, admin: str, group: str) -> Role:
    """A role that is in the official population in `group` at `admin`."""
    rate = employment_rate(rng)
    if group == SOC:
        if admin == ALDRE:
            raise ValueError("Äldreförvaltningen has no socialsekreterare")
        if admin != SOF and rng.random() < 0.07:
            return Role(unit(rng, admin, "sps"), FN, "Socialsekreterare", rate=rate)
        title, _, kinds = _weighted(rng, SOF_SOC_TITLES if admin == SOF else SOC_TITLES)
        return Role(unit(rng, admin, rng.choice(kinds)), IFO, title, rate=rate)
    title = "Biståndsbedömare" if rng.random() < 0.18 else "Biståndshandläggare"
    if admin == ALDRE:
        return Role(unit(rng, admin, "best_ao"), AO, title, rate=rate)
    if admin == SOF or rng.random() < 0.3:
        return Role(unit(rng, admin, "best_fn"), FN, title, rate=rate)
    return Role(unit(rng, admin, "best_ao"), AO, title, rate=rate)


def same_group_variation(rng: random.Random, admin: str, role: Role) -> Role:
    """Another title (and fitting unit) in the same occupation group: not a population change."""
    group = TITLE_GROUP[role.title]
    new = scope_role(rng, admin, group)
    return Role(
        new.unit, new.area, new.title, role.form, role.pay, role.agreement, role.dormant, role.rate
    )


def other_unit(rng: random.Random, admin: str, role: Role) -> str:
    """A unit change within the same kind of work (e.g. between two IFO units)."""
    kinds = UNITS[admin]
    pool: list[str] = []
    for names in kinds.values():
        if role.unit in names:
            pool = [n for n in names if n != role.unit]
            break
    if not pool:
        if role.area == IFO:
            pool = [n for k in ("bou", "mott", "vux", "ekb") for n in kinds.get(k, ())]
        else:
            pool = [n for k in ("best_ao", "best_fn") for n in kinds.get(k, ())]
        pool = [n for n in pool if n != role.unit]
    return rng.choice(pool) if pool else role.unit


def promotion_role(rng: random.Random, role: Role) -> Role:
    """A title outside both occupation groups (a manager or coordinator post), same unit."""
    title = rng.choices(
        ("Enhetschef", "Sektionschef", "Samordnare", "Utvecklingsledare", "Gruppledare"),
        weights=(4, 3, 3, 1, 2),
    )[0]
    return Role(role.unit, role.area, title, rate=100.0)


def administration_area_role(rng: random.Random, admin: str, role: Role) -> Role:
    """The same title moved to the Administration area (e.g. quality work): out of scope."""
    return Role(unit(rng, admin, "kval"), ADM, role.title, rate=role.rate)


def parked_role(rng: random.Random, admin: str, group: str) -> Role:
    """A role outside the population at `admin`, for someone coming from `group` work."""
    if admin == AMF:
        title = rng.choice(("Socialsekreterare myndighet ekonomiskt bistånd", "Arbetskonsulent"))
        return Role(unit(rng, admin, "arb"), ARB, title)
    if admin == UTB:
        title = rng.choice(("Skolkurator", "Socialsekreterare", "Utredare"))
        return Role(unit(rng, admin, "elev"), UTBILDNING, title)
    if admin == SLK:
        return Role(unit(rng, admin, "adm"), ADM, rng.choice(("Utredare", "Strateg")))
    if admin == ALDRE:
        return Role(
            unit(rng, admin, rng.choice(("ao", "kval"))),
            AO if rng.random() < 0.5 else ADM,
            rng.choice(("Utredare", "Kvalitetsutvecklare", "Enhetschef")),
        )
    r = rng.random()
    if r < 0.3:
        base = scope_role(rng, admin, group)
        return Role(base.unit, base.area, base.title, form=TEMPORARY)
    if r < 0.55:
        base = scope_role(rng, admin, group)
        return promotion_role(rng, base)
    if r < 0.75:
        if group == SOC:
            return Role(
                unit(rng, admin, rng.choice(("samt", "bou"))),
                IFO,
                rng.choice(("Familjebehandlare", "Handläggare")),
            )
        return Role(unit(rng, admin, "best_ao"), AO, "Biståndsassistent")
    return Role(unit(rng, admin, "kval"), ADM, rng.choice(("Utredare", "Kvalitetsutvecklare")))


def pre_scope_role(rng: random.Random, admin: str, group: str, kind: str) -> tuple[Role, Role]:
    """(before, after) for an inflow by conversion: temporary -> permanent, or a title change."""
    after = scope_role(rng, admin, group)
    if kind == "temporary":
        before = Role(after.unit, after.area, after.title, form=TEMPORARY, rate=after.rate)
    elif group == SOC:
        before = Role(unit(rng, admin, "ekb"), IFO, "Handläggare", rate=after.rate)
    else:
        before = Role(after.unit, after.area, "Biståndsassistent", rate=after.rate)
    return before, after


def side_job_role(rng: random.Random, home_admin: str, group: str) -> tuple[str, Role]:
    """An hourly extra job in another administration, e.g. evening shifts at Socialjouren."""
    if group == SOC and home_admin != SOF:
        return SOF, Role("Socialjouren", IFO, "Socialsekreterare", TEMPORARY, HOURLY, rate=0.0)
    others = [a for a in DISTRICTS.values() if a != home_admin]
    admin = rng.choice(others)
    if group == SOC:
        return admin, Role(
            unit(rng, admin, "bou"), IFO, "Socialsekreterare", TEMPORARY, HOURLY, rate=0.0
        )
    return admin, Role(
        unit(rng, admin, "best_ao"), AO, "Biståndshandläggare", TEMPORARY, HOURLY, rate=0.0
    )


# Full-time monthly salary in April 2012 and yearly revision factor, per title.
SALARY_2012: dict[str, tuple[float, float]] = {
    "Socialsekreterare": (31500, 1.03),
    "Socialsekreterare/missbruk": (31800, 1.03),
    "Socialsekreterare myndighet barn och unga": (32500, 1.032),
    "Socialsekreterare myndighet vuxna": (31800, 1.03),
    "Socialsekreterare myndighet ekonomiskt bistånd": (30500, 1.03),
    "Socialsekreterare samtal och rådgivning": (32000, 1.028),
    "Biståndshandläggare": (30500, 1.029),
    "Biståndsbedömare": (30000, 1.029),
    "Enhetschef": (47000, 1.026),
    "Sektionschef": (51000, 1.026),
    "Gruppledare": (36000, 1.027),
    "Avdelningschef": (60000, 1.025),
    "Stadsdelsdirektör": (92000, 1.025),
    "Förvaltningsdirektör": (98000, 1.025),
    "Handläggare": (30000, 1.027),
    "Samordnare": (34000, 1.027),
    "Utvecklingsledare": (40000, 1.026),
    "Familjebehandlare": (31000, 1.027),
    "Behandlingsassistent": (26500, 1.026),
    "Administratör": (27500, 1.025),
    "Controller": (40000, 1.026),
    "HR-specialist": (39000, 1.026),
    "Utredare": (40000, 1.026),
    "Strateg": (43000, 1.026),
    "Jurist": (45000, 1.026),
    "Nämndsekreterare": (36000, 1.025),
    "Registrator": (28000, 1.025),
    "Kommunikatör": (36000, 1.025),
    "Kvalitetsutvecklare": (39000, 1.026),
    "Undersköterska": (24500, 1.028),
    "Vårdbiträde": (22500, 1.027),
    "Sjuksköterska": (32000, 1.032),
    "Stödassistent": (24000, 1.027),
    "Boendestödjare": (25500, 1.027),
    "Personlig assistent": (22000, 1.025),
    "Förskollärare": (29500, 1.032),
    "Barnskötare": (23000, 1.027),
    "Förskolechef": (45000, 1.026),
    "Kock": (24000, 1.025),
    "Biståndsassistent": (27000, 1.027),
    "Skolkurator": (31000, 1.028),
    "Arbetskonsulent": (30000, 1.027),
    "Studie- och yrkesvägledare": (31000, 1.027),
}

# Background staff per district: (area, unit kind, title, form, pay form, agreement, count).
# Counts are scaled by the district's size. Some have social-worker titles but are excluded from
# the population by form, pay form, agreement or activity area.
DISTRICT_STAFF: tuple[tuple[str, str, str, str, str, str, int], ...] = (
    (FSK, "fsk", "Förskolechef", PERMANENT, MONTHLY, "01", 1),
    (FSK, "fsk", "Förskollärare", PERMANENT, MONTHLY, "01", 9),
    (FSK, "fsk", "Förskollärare", TEMPORARY, MONTHLY, "01", 1),
    (FSK, "fsk", "Barnskötare", PERMANENT, MONTHLY, "01", 8),
    (FSK, "fsk", "Barnskötare", TEMPORARY, HOURLY, "01", 2),
    (FSK, "fsk", "Kock", PERMANENT, MONTHLY, "01", 1),
    (AO, "hemtj", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (AO, "vob", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (AO, "hemtj", "Undersköterska", PERMANENT, MONTHLY, "01", 8),
    (AO, "vob", "Undersköterska", PERMANENT, MONTHLY, "01", 4),
    (AO, "hemtj", "Undersköterska", TEMPORARY, HOURLY, "01", 2),
    (AO, "vob", "Vårdbiträde", PERMANENT, MONTHLY, "01", 3),
    (AO, "vob", "Sjuksköterska", PERMANENT, MONTHLY, "01", 2),
    (AO, "best_ao", "Biståndsassistent", PERMANENT, MONTHLY, "01", 1),
    (AO, "best_ao", "Biståndshandläggare", TEMPORARY, MONTHLY, "01", 1),
    (FN, "fn_ops", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (FN, "fn_ops", "Stödassistent", PERMANENT, MONTHLY, "01", 4),
    (FN, "fn_ops", "Boendestödjare", PERMANENT, MONTHLY, "01", 3),
    (FN, "fn_ops", "Personlig assistent", PERMANENT, MONTHLY, "02", 2),
    (IFO, "bou", "Enhetschef", PERMANENT, MONTHLY, "01", 2),
    (IFO, "ekb", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (IFO, "vux", "Sektionschef", PERMANENT, MONTHLY, "01", 1),
    (IFO, "samt", "Familjebehandlare", PERMANENT, MONTHLY, "01", 4),
    (IFO, "ekb", "Handläggare", PERMANENT, MONTHLY, "01", 2),
    (IFO, "bou", "Samordnare", PERMANENT, MONTHLY, "01", 1),
    (IFO, "mott", "Administratör", PERMANENT, MONTHLY, "01", 2),
    (IFO, "bou", "Socialsekreterare myndighet barn och unga", TEMPORARY, MONTHLY, "01", 2),
    (IFO, "ekb", "Socialsekreterare myndighet ekonomiskt bistånd", TEMPORARY, MONTHLY, "01", 1),
    (IFO, "vux", "Socialsekreterare", TEMPORARY, HOURLY, "01", 1),
    (IFO, "ekb", "Socialsekreterare myndighet ekonomiskt bistånd", PERMANENT, MONTHLY, "17", 1),
    (ADM, "adm", "Stadsdelsdirektör", PERMANENT, MONTHLY, "01", 1),
    (ADM, "adm", "Avdelningschef", PERMANENT, MONTHLY, "01", 3),
    (ADM, "adm", "Administratör", PERMANENT, MONTHLY, "01", 3),
    (ADM, "adm", "Controller", PERMANENT, MONTHLY, "01", 2),
    (ADM, "adm", "HR-specialist", PERMANENT, MONTHLY, "01", 2),
    (ADM, "adm", "Nämndsekreterare", PERMANENT, MONTHLY, "01", 1),
    (ADM, "adm", "Registrator", PERMANENT, MONTHLY, "01", 1),
    (ADM, "adm", "Kommunikatör", PERMANENT, MONTHLY, "01", 1),
    (ADM, "kval", "Kvalitetsutvecklare", PERMANENT, MONTHLY, "01", 1),
    (ADM, "kval", "Socialsekreterare", PERMANENT, MONTHLY, "01", 1),
)

SPECIALIST_STAFF: dict[str, tuple[tuple[str, str, str, str, str, str, int], ...]] = {
    SOF: (
        (IFO, "vux", "Enhetschef", PERMANENT, MONTHLY, "01", 6),
        (IFO, "samt", "Sektionschef", PERMANENT, MONTHLY, "01", 3),
        (IFO, "samt", "Familjebehandlare", PERMANENT, MONTHLY, "01", 6),
        (IFO, "vux", "Behandlingsassistent", PERMANENT, MONTHLY, "01", 6),
        (IFO, "bou", "Administratör", PERMANENT, MONTHLY, "01", 4),
        (IFO, "vux", "Socialsekreterare myndighet vuxna", TEMPORARY, MONTHLY, "01", 4),
        (IFO, "mott", "Socialsekreterare", TEMPORARY, HOURLY, "01", 4),
        (IFO, "missbruk", "Socialsekreterare/missbruk", PERMANENT, MONTHLY, "17", 2),
        (ADM, "adm", "Förvaltningsdirektör", PERMANENT, MONTHLY, "01", 1),
        (ADM, "adm", "Avdelningschef", PERMANENT, MONTHLY, "01", 4),
        (ADM, "adm", "Utredare", PERMANENT, MONTHLY, "01", 4),
        (ADM, "adm", "Controller", PERMANENT, MONTHLY, "01", 3),
        (ADM, "adm", "HR-specialist", PERMANENT, MONTHLY, "01", 3),
    ),
    ALDRE: (
        (AO, "ao", "Enhetschef", PERMANENT, MONTHLY, "01", 2),
        (AO, "ao", "Undersköterska", PERMANENT, MONTHLY, "01", 4),
        (AO, "kval", "Kvalitetsutvecklare", PERMANENT, MONTHLY, "01", 3),
        (ADM, "adm", "Förvaltningsdirektör", PERMANENT, MONTHLY, "01", 1),
        (ADM, "adm", "Utredare", PERMANENT, MONTHLY, "01", 3),
        (ADM, "adm", "Administratör", PERMANENT, MONTHLY, "01", 3),
        (ADM, "adm", "Controller", PERMANENT, MONTHLY, "01", 2),
    ),
    UTB: (
        (UTBILDNING, "elev", "Skolkurator", PERMANENT, MONTHLY, "01", 5),
        (UTBILDNING, "elev", "Socialsekreterare", PERMANENT, MONTHLY, "01", 2),
        (UTBILDNING, "adm", "Utredare", PERMANENT, MONTHLY, "01", 3),
        (ADM, "adm", "Administratör", PERMANENT, MONTHLY, "01", 4),
        (ADM, "adm", "Controller", PERMANENT, MONTHLY, "01", 2),
        (ADM, "adm", "Förvaltningsdirektör", PERMANENT, MONTHLY, "01", 1),
    ),
    SLK: (
        (ADM, "adm", "Utredare", PERMANENT, MONTHLY, "01", 6),
        (ADM, "adm", "Strateg", PERMANENT, MONTHLY, "01", 3),
        (ADM, "adm", "Controller", PERMANENT, MONTHLY, "01", 3),
        (ADM, "adm", "HR-specialist", PERMANENT, MONTHLY, "01", 4),
        (ADM, "adm", "Administratör", PERMANENT, MONTHLY, "01", 4),
        (ADM, "adm", "Jurist", PERMANENT, MONTHLY, "01", 2),
    ),
    AMF: (
        (ARB, "arb", "Arbetskonsulent", PERMANENT, MONTHLY, "01", 6),
        (ARB, "arb", "Socialsekreterare myndighet ekonomiskt bistånd", PERMANENT, MONTHLY, "01", 4),
        (ARB, "arb", "Studie- och yrkesvägledare", PERMANENT, MONTHLY, "01", 3),
        (ARB, "arb", "Enhetschef", PERMANENT, MONTHLY, "01", 2),
        (ADM, "adm", "Administratör", PERMANENT, MONTHLY, "01", 3),
    ),
}
