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
NEEDS_ASSESSOR = "Biståndshandläggare"
SOCIAL_WORKER = "Socialsekreterare"

# short name (as in the published tables) -> full name (as in the payroll extract), for the
# administrations that exist when the payroll files begin
_AT_START = [a for a in ADMINISTRATIONS if a.valid_from is None or a.valid_from <= FIRST_DAY]
DISTRICTS: dict[str, str] = {a.short_name: a.full_name for a in _AT_START if a.kind == "district"}
SPECIALISTS: dict[str, str] = {
    a.short_name: a.full_name for a in _AT_START if a.kind == "specialist"
}
FULL_NAMES: dict[str, str] = {**DISTRICTS, **SPECIALISTS}
SHORT_NAMES: dict[str, str] = {full: short for short, full in FULL_NAMES.items()}
SOCIAL_SERVICES_ADMIN = SPECIALISTS["Socialförvaltningen"]
ELDERLY_CARE_ADMIN = SPECIALISTS["Äldreförvaltningen"]


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


EDUCATION_ADMIN = "Utbildningsförvaltningen"
CITY_EXECUTIVE_OFFICE = "Stadsledningskontoret"
LABOUR_MARKET_ADMIN = "Arbetsmarknadsförvaltningen"
OTHER_ADMINS = (EDUCATION_ADMIN, CITY_EXECUTIVE_OFFICE, LABOUR_MARKET_ADMIN)

FAMILY_CARE = "Individ- och familjeomsorg"
ELDERLY_CARE = "Äldreomsorg"
DISABILITY_CARE = "Stöd och service till personer med funktionsnedsättning"
PRESCHOOL = "Förskola"
ADMINISTRATION = "Administration"
LABOUR_MARKET = "Arbetsmarknad"
EDUCATION = "Utbildning"
SCOPE_AREAS = (FAMILY_CARE, ELDERLY_CARE, DISABILITY_CARE)


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
        "home_care": (f"Hemtjänsten {p[0]}", f"Hemtjänsten {p[1]}"),
        "care_home": (f"Vård- och omsorgsboende {p[2]}",),
        "disability_units": (f"Boendestöd {p[0]}", f"Daglig verksamhet {p[1]}"),
        "preschool": (f"Förskoleområde {p[0]}", f"Förskoleområde {p[1]}", f"Förskoleområde {p[2]}"),
        "admin": ("Administrativa avdelningen", "Ekonomienheten", "HR-enheten", "Kansliet"),
        "quality": ("Kvalitet och utveckling",),
    }
    if style == 0:
        ifo = {
            "children": ("Enheten för barn och unga", "Barn och unga utredning"),
            "intake": ("Mottagningsenheten",),
            "adults": ("Vuxenenheten",),
            "economic_aid": ("Ekonomiskt bistånd",),
            "counselling": ("Familjeenheten",),
            "psychiatry": ("Socialpsykiatri",),
            "assess_elderly": ("Beställarenheten äldreomsorg",),
            "assess_disability": ("Beställarenheten funktionsnedsättning",),
        }
    elif style == 1:
        ifo = {
            "children": (f"Barn och ungdom {p[0]}", f"Barn och ungdom {p[1]}"),
            "intake": ("Mottagningen barn och unga", "Mottagningen vuxna"),
            "adults": ("Enheten för vuxna, missbruk och beroende",),
            "economic_aid": (f"Ekonomiskt bistånd {p[0]}", f"Ekonomiskt bistånd {p[1]}"),
            "counselling": ("Råd och stöd",),
            "psychiatry": ("Enheten för socialpsykiatri",),
            "assess_elderly": ("Biståndsenheten äldre",),
            "assess_disability": ("Handläggarenheten LSS",),
        }
    else:
        ifo = {
            "children": ("Barn- och ungdomsenheten",),
            "intake": ("Mottagnings- och utredningsenheten",),
            "adults": ("Vuxenenheten",),
            "economic_aid": ("Försörjningsstödsenheten", "Ekonomiskt bistånd och arbete"),
            "counselling": ("Familjestödsenheten",),
            "psychiatry": ("Socialpsykiatriska enheten",),
            "assess_elderly": ("Biståndsenheten",),
            "assess_disability": ("Biståndsenheten funktionsnedsättning",),
        }
    return {**ifo, **common}


def _build_units() -> dict[str, dict[str, tuple[str, ...]]]:
    units = {
        full: _district_units(short, i % 3) for i, (short, full) in enumerate(DISTRICTS.items())
    }
    units[SOCIAL_SERVICES_ADMIN] = {
        "children": ("Socialjouren", "Familjerättsenheten"),
        "intake": ("Socialjouren",),
        "adults": ("Enheten för hemlösa", "Uppsökarenheten"),
        "economic_aid": ("Enheten för hemlösa",),
        "addiction": ("Beroendecentrum", "Uppsökarenheten"),
        "counselling": ("Relationsvåldscentrum", "Stödcentrum för unga brottsoffer"),
        "psychiatry": ("Enheten för hemlösa",),
        "assess_elderly": ("Handläggarenheten funktionsnedsättning",),
        "assess_disability": ("Handläggarenheten funktionsnedsättning",),
        "admin": ("Administrativa avdelningen", "Ekonomiavdelningen", "Avdelningen för utveckling"),
        "quality": ("Avdelningen för utveckling",),
    }
    units[ELDERLY_CARE_ADMIN] = {
        "assess_elderly": ("Biståndsenheten",),
        "assess_disability": ("Biståndsenheten",),
        "elderly_care": ("Äldrecentrum", "Seniorguiden"),
        "admin": ("Administrativa avdelningen", "Avdelningen för stöd och utveckling"),
        "quality": ("Avdelningen för stöd och utveckling",),
    }
    units[EDUCATION_ADMIN] = {
        "pupil_health": ("Elevhälsan",),
        "admin": ("Grundskoleavdelningen", "Kansliet"),
    }
    units[CITY_EXECUTIVE_OFFICE] = {
        "admin": ("Socialpolitiska avdelningen", "Ekonomiavdelningen", "HR-avdelningen")
    }
    units[LABOUR_MARKET_ADMIN] = {
        "employment": ("Jobbtorg Stockholm", "Enheten för vuxenutbildning"),
        "admin": ("Kansliet",),
    }
    return units


UNITS: dict[str, dict[str, tuple[str, ...]]] = _build_units()

# Älvsjö's child and family unit, formed in January 2018 and run down by turnover in 2019: the
# only unit no random draw gives (see plan/unit_in_crisis.py)
CRISIS_UNIT = "Enheten för barn och familj"

# A unit's name in the merged administration, (district short name, unit) -> new name: units of
# the two districts that do the same work become one (the partner's name), and some take the new
# district's name. Units not named here keep their names (those that already share a name, such
# as Vuxenenheten or Kansliet, are one unit from the merger on).
MERGER_UNIT_NAMES: dict[tuple[str, str], str] = {
    ("Älvsjö", "Barn- och ungdomsenheten"): "Enheten för barn och unga",
    ("Älvsjö", CRISIS_UNIT): "Enheten för barn och unga",
    ("Älvsjö", "Mottagnings- och utredningsenheten"): "Mottagningsenheten",
    ("Älvsjö", "Försörjningsstödsenheten"): "Ekonomiskt bistånd",
    ("Älvsjö", "Ekonomiskt bistånd och arbete"): "Ekonomiskt bistånd",
    ("Älvsjö", "Familjestödsenheten"): "Familjeenheten",
    ("Älvsjö", "Socialpsykiatriska enheten"): "Socialpsykiatri",
    ("Älvsjö", "Biståndsenheten"): "Beställarenheten äldreomsorg",
    ("Älvsjö", "Biståndsenheten funktionsnedsättning"): "Beställarenheten funktionsnedsättning",
    ("Rinkeby-Kista", "Enheten för barn och unga"): "Barn och unga Järva",
    ("Rinkeby-Kista", "Barn och unga utredning"): "Barn och unga Järva",
    ("Spånga-Tensta", "Barn och ungdom Spånga"): "Barn och unga Järva",
    ("Spånga-Tensta", "Barn och ungdom Tensta"): "Barn och unga Järva",
    ("Rinkeby-Kista", "Ekonomiskt bistånd"): "Ekonomiskt bistånd Järva",
    ("Spånga-Tensta", "Ekonomiskt bistånd Spånga"): "Ekonomiskt bistånd Järva",
    ("Spånga-Tensta", "Ekonomiskt bistånd Tensta"): "Ekonomiskt bistånd Järva",
    ("Norrmalm", "Barn- och ungdomsenheten"): "Enheten för barn och unga",
    ("Norrmalm", "Försörjningsstödsenheten"): "Ekonomiskt bistånd",
    ("Norrmalm", "Ekonomiskt bistånd och arbete"): "Ekonomiskt bistånd",
    ("Norrmalm", "Biståndsenheten"): "Beställarenheten äldreomsorg",
    ("Östermalm", "Vuxenenheten"): "Vuxenenheten Norra innerstaden",
    ("Norrmalm", "Vuxenenheten"): "Vuxenenheten Norra innerstaden",
}

# Unit renames seen in the extracts from a given month on: (administration, old) -> (month, new);
# a merging district's units take their new names in the merger month.
UNIT_RENAMES: dict[tuple[str, str], tuple[int, str]] = {
    (DISTRICTS["Södermalm"], "Vuxenenheten"): (48, "Enheten för vuxna"),
    (DISTRICTS["Farsta"], "Försörjningsstödsenheten"): (72, "Ekonomiskt bistånd"),
    (DISTRICTS["Bromma"], "Beställarenheten äldreomsorg"): (60, "Biståndsenheten äldreomsorg"),
    **{
        (DISTRICTS[short], old): (MERGERS[DISTRICTS[short]].first_month, new)
        for (short, old), new in MERGER_UNIT_NAMES.items()
        if DISTRICTS[short] in MERGERS
    },
}


def render_unit(admin: str, unit: str, mi: int) -> str:
    """The unit as the extract of month `mi` names it (after a rename: the new name)."""
    renamed = UNIT_RENAMES.get((admin, unit))
    if renamed is not None and mi >= renamed[0]:
        return renamed[1]
    return unit


def unit(rng: random.Random, admin: str, kind: str) -> str:
    """A unit of `admin` of the given kind (falls back to the administrative units)."""
    kinds = UNITS[admin]
    return rng.choice(kinds.get(kind) or kinds["admin"])


DISTRICT_SOCIAL_WORKER_TITLES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Socialsekreterare", 0.34, ("children", "intake", "adults", "economic_aid")),
    ("Socialsekreterare myndighet barn och unga", 0.22, ("children", "intake")),
    ("Socialsekreterare myndighet vuxna", 0.1, ("adults",)),
    ("Socialsekreterare myndighet ekonomiskt bistånd", 0.18, ("economic_aid",)),
    ("Socialsekreterare/missbruk", 0.09, ("adults",)),
    ("Socialsekreterare samtal och rådgivning", 0.07, ("counselling",)),
)
SPECIALIST_SOCIAL_WORKER_TITLES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("Socialsekreterare", 0.38, ("children", "adults", "counselling")),
    ("Socialsekreterare myndighet barn och unga", 0.16, ("children",)),
    ("Socialsekreterare myndighet vuxna", 0.2, ("adults",)),
    ("Socialsekreterare/missbruk", 0.14, ("addiction",)),
    ("Socialsekreterare samtal och rådgivning", 0.1, ("counselling",)),
    ("Socialsekreterare myndighet ekonomiskt bistånd", 0.02, ("economic_aid",)),
)


def _weighted(rng: random.Random, items: tuple[tuple[str, float, tuple[str, ...]], ...]):
    return rng.choices(items, weights=[w for _, w, _ in items])[0]


def employment_rate(rng: random.Random) -> float:
    return rng.choices((100.0, 75.0, 80.0, 50.0, 90.0), weights=(86, 5, 5, 2, 2))[0]


def scope_role(rng: random.Random, admin: str, group: str) -> Role:
    """A role that is in the official population in `group` at `admin`."""
    rate = employment_rate(rng)
    if group == SOCIAL_WORKER:
        if admin == ELDERLY_CARE_ADMIN:
            raise ValueError("Äldreförvaltningen has no socialsekreterare")
        if admin != SOCIAL_SERVICES_ADMIN and rng.random() < 0.07:
            return Role(
                unit(rng, admin, "psychiatry"), DISABILITY_CARE, "Socialsekreterare", rate=rate
            )
        title, _, kinds = _weighted(
            rng,
            SPECIALIST_SOCIAL_WORKER_TITLES
            if admin == SOCIAL_SERVICES_ADMIN
            else DISTRICT_SOCIAL_WORKER_TITLES,
        )
        return Role(unit(rng, admin, rng.choice(kinds)), FAMILY_CARE, title, rate=rate)
    title = "Biståndsbedömare" if rng.random() < 0.18 else "Biståndshandläggare"
    if admin == ELDERLY_CARE_ADMIN:
        return Role(unit(rng, admin, "assess_elderly"), ELDERLY_CARE, title, rate=rate)
    if admin == SOCIAL_SERVICES_ADMIN or rng.random() < 0.3:
        return Role(unit(rng, admin, "assess_disability"), DISABILITY_CARE, title, rate=rate)
    return Role(unit(rng, admin, "assess_elderly"), ELDERLY_CARE, title, rate=rate)


def same_group_variation(rng: random.Random, admin: str, role: Role) -> Role:
    """Another title (and fitting unit) in the same occupation group: not a population change."""
    group = TITLE_GROUP[role.title]
    new = scope_role(rng, admin, group)
    return Role(
        new.unit, new.area, new.title, role.form, role.pay, role.agreement, role.dormant, role.rate
    )


def other_unit(rng: random.Random, admin: str, role: Role) -> str:
    """A unit change within the same kind of work (e.g. between two FAMILY_CARE units)."""
    kinds = UNITS[admin]
    pool: list[str] = []
    for names in kinds.values():
        if role.unit in names:
            pool = [n for n in names if n != role.unit]
            break
    if not pool:
        if role.area == FAMILY_CARE:
            pool = [
                n
                for k in ("children", "intake", "adults", "economic_aid")
                for n in kinds.get(k, ())
            ]
        else:
            pool = [n for k in ("assess_elderly", "assess_disability") for n in kinds.get(k, ())]
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
    return Role(unit(rng, admin, "quality"), ADMINISTRATION, role.title, rate=role.rate)


def parked_role(rng: random.Random, admin: str, group: str) -> Role:
    """A role outside the population at `admin`, for someone coming from `group` work."""
    if admin == LABOUR_MARKET_ADMIN:
        title = rng.choice(("Socialsekreterare myndighet ekonomiskt bistånd", "Arbetskonsulent"))
        return Role(unit(rng, admin, "employment"), LABOUR_MARKET, title)
    if admin == EDUCATION_ADMIN:
        title = rng.choice(("Skolkurator", "Socialsekreterare", "Utredare"))
        return Role(unit(rng, admin, "pupil_health"), EDUCATION, title)
    if admin == CITY_EXECUTIVE_OFFICE:
        return Role(unit(rng, admin, "admin"), ADMINISTRATION, rng.choice(("Utredare", "Strateg")))
    if admin == ELDERLY_CARE_ADMIN:
        return Role(
            unit(rng, admin, rng.choice(("elderly_care", "quality"))),
            ELDERLY_CARE if rng.random() < 0.5 else ADMINISTRATION,
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
        if group == SOCIAL_WORKER:
            return Role(
                unit(rng, admin, rng.choice(("counselling", "children"))),
                FAMILY_CARE,
                rng.choice(("Familjebehandlare", "Handläggare")),
            )
        return Role(unit(rng, admin, "assess_elderly"), ELDERLY_CARE, "Biståndsassistent")
    return Role(
        unit(rng, admin, "quality"), ADMINISTRATION, rng.choice(("Utredare", "Kvalitetsutvecklare"))
    )


def pre_scope_role(rng: random.Random, admin: str, group: str, kind: str) -> tuple[Role, Role]:
    """(before, after) for an inflow by conversion: temporary -> permanent, or a title change."""
    after = scope_role(rng, admin, group)
    if kind == "temporary":
        before = Role(after.unit, after.area, after.title, form=TEMPORARY, rate=after.rate)
    elif group == SOCIAL_WORKER:
        before = Role(unit(rng, admin, "economic_aid"), FAMILY_CARE, "Handläggare", rate=after.rate)
    else:
        before = Role(after.unit, after.area, "Biståndsassistent", rate=after.rate)
    return before, after


def side_job_role(rng: random.Random, home_admin: str, group: str) -> tuple[str, Role]:
    """An hourly extra job in another administration, e.g. evening shifts at Socialjouren."""
    if group == SOCIAL_WORKER and home_admin != SOCIAL_SERVICES_ADMIN:
        return SOCIAL_SERVICES_ADMIN, Role(
            "Socialjouren", FAMILY_CARE, "Socialsekreterare", TEMPORARY, HOURLY, rate=0.0
        )
    others = [a for a in DISTRICTS.values() if a != home_admin]
    admin = rng.choice(others)
    if group == SOCIAL_WORKER:
        return admin, Role(
            unit(rng, admin, "children"),
            FAMILY_CARE,
            "Socialsekreterare",
            TEMPORARY,
            HOURLY,
            rate=0.0,
        )
    return admin, Role(
        unit(rng, admin, "assess_elderly"),
        ELDERLY_CARE,
        "Biståndshandläggare",
        TEMPORARY,
        HOURLY,
        rate=0.0,
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
    "Biträdande enhetschef": (43000, 1.026),
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
    (PRESCHOOL, "preschool", "Förskolechef", PERMANENT, MONTHLY, "01", 1),
    (PRESCHOOL, "preschool", "Förskollärare", PERMANENT, MONTHLY, "01", 9),
    (PRESCHOOL, "preschool", "Förskollärare", TEMPORARY, MONTHLY, "01", 1),
    (PRESCHOOL, "preschool", "Barnskötare", PERMANENT, MONTHLY, "01", 8),
    (PRESCHOOL, "preschool", "Barnskötare", TEMPORARY, HOURLY, "01", 2),
    (PRESCHOOL, "preschool", "Kock", PERMANENT, MONTHLY, "01", 1),
    (ELDERLY_CARE, "home_care", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (ELDERLY_CARE, "care_home", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (ELDERLY_CARE, "home_care", "Undersköterska", PERMANENT, MONTHLY, "01", 8),
    (ELDERLY_CARE, "care_home", "Undersköterska", PERMANENT, MONTHLY, "01", 4),
    (ELDERLY_CARE, "home_care", "Undersköterska", TEMPORARY, HOURLY, "01", 2),
    (ELDERLY_CARE, "care_home", "Vårdbiträde", PERMANENT, MONTHLY, "01", 3),
    (ELDERLY_CARE, "care_home", "Sjuksköterska", PERMANENT, MONTHLY, "01", 2),
    (ELDERLY_CARE, "assess_elderly", "Biståndsassistent", PERMANENT, MONTHLY, "01", 1),
    (ELDERLY_CARE, "assess_elderly", "Biståndshandläggare", TEMPORARY, MONTHLY, "01", 1),
    (DISABILITY_CARE, "disability_units", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (DISABILITY_CARE, "disability_units", "Stödassistent", PERMANENT, MONTHLY, "01", 4),
    (DISABILITY_CARE, "disability_units", "Boendestödjare", PERMANENT, MONTHLY, "01", 3),
    (DISABILITY_CARE, "disability_units", "Personlig assistent", PERMANENT, MONTHLY, "02", 2),
    (FAMILY_CARE, "children", "Enhetschef", PERMANENT, MONTHLY, "01", 2),
    (FAMILY_CARE, "economic_aid", "Enhetschef", PERMANENT, MONTHLY, "01", 1),
    (FAMILY_CARE, "adults", "Sektionschef", PERMANENT, MONTHLY, "01", 1),
    (FAMILY_CARE, "counselling", "Familjebehandlare", PERMANENT, MONTHLY, "01", 4),
    (FAMILY_CARE, "economic_aid", "Handläggare", PERMANENT, MONTHLY, "01", 2),
    (FAMILY_CARE, "children", "Samordnare", PERMANENT, MONTHLY, "01", 1),
    (FAMILY_CARE, "intake", "Administratör", PERMANENT, MONTHLY, "01", 2),
    (
        FAMILY_CARE,
        "children",
        "Socialsekreterare myndighet barn och unga",
        TEMPORARY,
        MONTHLY,
        "01",
        2,
    ),
    (
        FAMILY_CARE,
        "economic_aid",
        "Socialsekreterare myndighet ekonomiskt bistånd",
        TEMPORARY,
        MONTHLY,
        "01",
        1,
    ),
    (FAMILY_CARE, "adults", "Socialsekreterare", TEMPORARY, HOURLY, "01", 1),
    (
        FAMILY_CARE,
        "economic_aid",
        "Socialsekreterare myndighet ekonomiskt bistånd",
        PERMANENT,
        MONTHLY,
        "17",
        1,
    ),
    (ADMINISTRATION, "admin", "Stadsdelsdirektör", PERMANENT, MONTHLY, "01", 1),
    (ADMINISTRATION, "admin", "Avdelningschef", PERMANENT, MONTHLY, "01", 3),
    (ADMINISTRATION, "admin", "Administratör", PERMANENT, MONTHLY, "01", 3),
    (ADMINISTRATION, "admin", "Controller", PERMANENT, MONTHLY, "01", 2),
    (ADMINISTRATION, "admin", "HR-specialist", PERMANENT, MONTHLY, "01", 2),
    (ADMINISTRATION, "admin", "Nämndsekreterare", PERMANENT, MONTHLY, "01", 1),
    (ADMINISTRATION, "admin", "Registrator", PERMANENT, MONTHLY, "01", 1),
    (ADMINISTRATION, "admin", "Kommunikatör", PERMANENT, MONTHLY, "01", 1),
    (ADMINISTRATION, "quality", "Kvalitetsutvecklare", PERMANENT, MONTHLY, "01", 1),
    (ADMINISTRATION, "quality", "Socialsekreterare", PERMANENT, MONTHLY, "01", 1),
)

SPECIALIST_STAFF: dict[str, tuple[tuple[str, str, str, str, str, str, int], ...]] = {
    SOCIAL_SERVICES_ADMIN: (
        (FAMILY_CARE, "adults", "Enhetschef", PERMANENT, MONTHLY, "01", 6),
        (FAMILY_CARE, "counselling", "Sektionschef", PERMANENT, MONTHLY, "01", 3),
        (FAMILY_CARE, "counselling", "Familjebehandlare", PERMANENT, MONTHLY, "01", 6),
        (FAMILY_CARE, "adults", "Behandlingsassistent", PERMANENT, MONTHLY, "01", 6),
        (FAMILY_CARE, "children", "Administratör", PERMANENT, MONTHLY, "01", 4),
        (FAMILY_CARE, "adults", "Socialsekreterare myndighet vuxna", TEMPORARY, MONTHLY, "01", 4),
        (FAMILY_CARE, "intake", "Socialsekreterare", TEMPORARY, HOURLY, "01", 4),
        (FAMILY_CARE, "addiction", "Socialsekreterare/missbruk", PERMANENT, MONTHLY, "17", 2),
        (ADMINISTRATION, "admin", "Förvaltningsdirektör", PERMANENT, MONTHLY, "01", 1),
        (ADMINISTRATION, "admin", "Avdelningschef", PERMANENT, MONTHLY, "01", 4),
        (ADMINISTRATION, "admin", "Utredare", PERMANENT, MONTHLY, "01", 4),
        (ADMINISTRATION, "admin", "Controller", PERMANENT, MONTHLY, "01", 3),
        (ADMINISTRATION, "admin", "HR-specialist", PERMANENT, MONTHLY, "01", 3),
    ),
    ELDERLY_CARE_ADMIN: (
        (ELDERLY_CARE, "elderly_care", "Enhetschef", PERMANENT, MONTHLY, "01", 2),
        (ELDERLY_CARE, "elderly_care", "Undersköterska", PERMANENT, MONTHLY, "01", 4),
        (ELDERLY_CARE, "quality", "Kvalitetsutvecklare", PERMANENT, MONTHLY, "01", 3),
        (ADMINISTRATION, "admin", "Förvaltningsdirektör", PERMANENT, MONTHLY, "01", 1),
        (ADMINISTRATION, "admin", "Utredare", PERMANENT, MONTHLY, "01", 3),
        (ADMINISTRATION, "admin", "Administratör", PERMANENT, MONTHLY, "01", 3),
        (ADMINISTRATION, "admin", "Controller", PERMANENT, MONTHLY, "01", 2),
    ),
    EDUCATION_ADMIN: (
        (EDUCATION, "pupil_health", "Skolkurator", PERMANENT, MONTHLY, "01", 5),
        (EDUCATION, "pupil_health", "Socialsekreterare", PERMANENT, MONTHLY, "01", 2),
        (EDUCATION, "admin", "Utredare", PERMANENT, MONTHLY, "01", 3),
        (ADMINISTRATION, "admin", "Administratör", PERMANENT, MONTHLY, "01", 4),
        (ADMINISTRATION, "admin", "Controller", PERMANENT, MONTHLY, "01", 2),
        (ADMINISTRATION, "admin", "Förvaltningsdirektör", PERMANENT, MONTHLY, "01", 1),
    ),
    CITY_EXECUTIVE_OFFICE: (
        (ADMINISTRATION, "admin", "Utredare", PERMANENT, MONTHLY, "01", 6),
        (ADMINISTRATION, "admin", "Strateg", PERMANENT, MONTHLY, "01", 3),
        (ADMINISTRATION, "admin", "Controller", PERMANENT, MONTHLY, "01", 3),
        (ADMINISTRATION, "admin", "HR-specialist", PERMANENT, MONTHLY, "01", 4),
        (ADMINISTRATION, "admin", "Administratör", PERMANENT, MONTHLY, "01", 4),
        (ADMINISTRATION, "admin", "Jurist", PERMANENT, MONTHLY, "01", 2),
    ),
    LABOUR_MARKET_ADMIN: (
        (LABOUR_MARKET, "employment", "Arbetskonsulent", PERMANENT, MONTHLY, "01", 6),
        (
            LABOUR_MARKET,
            "employment",
            "Socialsekreterare myndighet ekonomiskt bistånd",
            PERMANENT,
            MONTHLY,
            "01",
            4,
        ),
        (LABOUR_MARKET, "employment", "Studie- och yrkesvägledare", PERMANENT, MONTHLY, "01", 3),
        (LABOUR_MARKET, "employment", "Enhetschef", PERMANENT, MONTHLY, "01", 2),
        (ADMINISTRATION, "admin", "Administratör", PERMANENT, MONTHLY, "01", 3),
    ),
}
