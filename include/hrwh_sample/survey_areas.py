"""The survey's activity areas (`Barn och unga`, `Missbruk`, ...) for a handläggare's payroll row.

The survey tool groups staff by the kind of cases they handle, which is finer than the payroll's
activity area. The sample derives it from the unit the person works in that month (the unit
kinds of `organisation.UNITS`), so the area is always consistent with the unit: needs assessors
in Äldreomsorg are `Äldre`, in Stöd och service `Funktionsnedsättning`; social workers in Stöd
och service work in social psychiatry. Units that serve several kinds of cases (Socialjouren,
Enheten för hemlösa, Mottagningen vuxna) are resolved by the person's title.
"""

from __future__ import annotations

from hrwh_sample.organisation import AO, BIST, FN, TITLE_GROUP, UNIT_RENAMES, UNITS

BARN = "Barn och unga"
EKB = "Ekonomiskt bistånd"
FUNK = "Funktionsnedsättning"
SPSYK = "Socialpsykiatri"
MISSBRUK = "Missbruk"
ALDRE_AREA = "Äldre"

_KIND_AREA = {
    "bou": BARN,
    "mott": BARN,
    "samt": BARN,
    "vux": MISSBRUK,
    "missbruk": MISSBRUK,
    "ekb": EKB,
    "sps": SPSYK,
    "best_ao": ALDRE_AREA,
    "best_fn": FUNK,
}
# what a title says about the cases, when the unit alone does not decide
_TITLE_AREA = {
    "Socialsekreterare myndighet ekonomiskt bistånd": EKB,
    "Socialsekreterare myndighet barn och unga": BARN,
    "Socialsekreterare myndighet vuxna": MISSBRUK,
    "Socialsekreterare/missbruk": MISSBRUK,
    "Socialsekreterare samtal och rådgivning": BARN,
}
_MIXED_UNITS = {"Mottagningen vuxna": (MISSBRUK, EKB)}


def _unit_areas() -> dict[tuple[str, str], tuple[str, ...]]:
    """(administration, unit) -> the survey areas its unit kinds stand for, in kind order."""
    areas: dict[tuple[str, str], tuple[str, ...]] = {}
    for admin, kinds in UNITS.items():
        for kind, names in kinds.items():
            area = _KIND_AREA.get(kind)
            if area is None:
                continue
            for name in names:
                known = areas.get((admin, name), ())
                if area not in known:
                    areas[(admin, name)] = (*known, area)
    for (admin, old), (_, new) in UNIT_RENAMES.items():
        if (admin, old) in areas:
            areas[(admin, new)] = areas[(admin, old)]
    for admin, name in list(areas):
        if name in _MIXED_UNITS:
            areas[(admin, name)] = _MIXED_UNITS[name]
    return areas


_UNIT_AREAS = _unit_areas()


def survey_area(admin: str, unit: str, payroll_area: str, title: str) -> str:
    """The survey area of a handläggare with this payroll row (administration full name)."""
    group = TITLE_GROUP[title]
    if payroll_area == AO:
        return ALDRE_AREA
    if payroll_area == FN:
        return FUNK if group == BIST else SPSYK
    if group == BIST:
        return ALDRE_AREA
    candidates = tuple(
        a for a in _UNIT_AREAS.get((admin, unit), ()) if a not in (ALDRE_AREA, FUNK, SPSYK)
    )
    hinted = _TITLE_AREA.get(title)
    if hinted in candidates or (hinted and not candidates):
        return hinted
    return candidates[0] if candidates else BARN
