"""The survey's activity areas (`Barn och unga`, `Missbruk`, ...) for a handläggare's payroll row.

The survey tool groups staff by the kind of cases they handle, which is finer than the payroll's
activity area. The sample derives it from the unit the person works in that month (the unit
kinds of `organisation.UNITS`), so the area is always consistent with the unit: needs assessors
in Äldreomsorg are `Äldre`, in Stöd och service `Funktionsnedsättning`; social workers in Stöd
och service work in social psychiatry. Units that serve several kinds of cases (Socialjouren,
Enheten för hemlösa, Mottagningen vuxna) are resolved by the person's title.
"""

from __future__ import annotations

from hrwh_sample.organisation import (
    DISABILITY_CARE,
    ELDERLY_CARE,
    NEEDS_ASSESSOR,
    TITLE_GROUP,
    UNIT_RENAMES,
    UNITS,
)

CHILDREN_AND_YOUTH = "Barn och unga"
ECONOMIC_ASSISTANCE = "Ekonomiskt bistånd"
DISABILITY = "Funktionsnedsättning"
SOCIAL_PSYCHIATRY = "Socialpsykiatri"
ADDICTION = "Missbruk"
ELDERLY = "Äldre"

_KIND_SURVEY_AREA = {
    "children": CHILDREN_AND_YOUTH,
    "intake": CHILDREN_AND_YOUTH,
    "counselling": CHILDREN_AND_YOUTH,
    "adults": ADDICTION,
    "addiction": ADDICTION,
    "economic_aid": ECONOMIC_ASSISTANCE,
    "psychiatry": SOCIAL_PSYCHIATRY,
    "assess_elderly": ELDERLY,
    "assess_disability": DISABILITY,
}
# what a title says about the cases, when the unit alone does not decide
_TITLE_SURVEY_AREA = {
    "Socialsekreterare myndighet ekonomiskt bistånd": ECONOMIC_ASSISTANCE,
    "Socialsekreterare myndighet barn och unga": CHILDREN_AND_YOUTH,
    "Socialsekreterare myndighet vuxna": ADDICTION,
    "Socialsekreterare/missbruk": ADDICTION,
    "Socialsekreterare samtal och rådgivning": CHILDREN_AND_YOUTH,
}
_MIXED_UNITS = {"Mottagningen vuxna": (ADDICTION, ECONOMIC_ASSISTANCE)}


def _unit_areas() -> dict[tuple[str, str], tuple[str, ...]]:
    """(administration, unit) -> the survey areas its unit kinds stand for, in kind order."""
    areas: dict[tuple[str, str], tuple[str, ...]] = {}
    for admin, kinds in UNITS.items():
        for kind, names in kinds.items():
            area = _KIND_SURVEY_AREA.get(kind)
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
    if payroll_area == ELDERLY_CARE:
        return ELDERLY
    if payroll_area == DISABILITY_CARE:
        return DISABILITY if group == NEEDS_ASSESSOR else SOCIAL_PSYCHIATRY
    if group == NEEDS_ASSESSOR:
        return ELDERLY
    candidates = tuple(
        a
        for a in _UNIT_AREAS.get((admin, unit), ())
        if a not in (ELDERLY, DISABILITY, SOCIAL_PSYCHIATRY)
    )
    hinted = _TITLE_SURVEY_AREA.get(title)
    if hinted in candidates or (hinted and not candidates):
        return hinted
    return candidates[0] if candidates else CHILDREN_AND_YOUTH
