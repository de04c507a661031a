"""What the survey sample must show, and the answer probabilities that show it with margins.

The city's follow-up report (docs/definitions.md, "What the report found") states:

1. a majority is positive to every statement, at every round, in every activity area and
   administration;
2. the positive share rises a little at each round, except the last (2018-11), which falls back
   to about the first round's level;
3. the share who can recommend their workplace falls slightly over time;
4. Skarpnäck has the lowest positive share throughout, followed by Hässelby-Vällingby and
   Bromma; Norrmalm, Rinkeby-Kista and Kungsholmen are most often among the highest;
5. Missbruk is the one activity area with a better result at the last round than at the one
   before: on the three statements together and on the work situation itself (statement 1).

Findings 2 and 3 conflict for statement 3 if read literally. They are resolved as: statements 1
and 2 ("bra arbetssituation", "gott arbete") rise at each round up to 2018-04 and fall back at
2018-11 to within a point of 2016-11; statement 3 ("rekommendera") falls by one point per round,
from 74 % (2016-11, its highest) to 70 % (2018-11, its lowest). The average of the three
statements still rises each round to 2018-04 and falls back at 2018-11 (to 1 point below
2016-11), so the report's headline holds for "all statements together" as well.

Shares are "Stämmer mycket/ganska bra" among those who answered the statement. "All statements
together" (the ranking of findings 4 and 5) pools the answers to the three statements.

The answer probability of a respondent in round r is additive:
`p = base[r][statement] + admin_offset[r][administration] + area_offset[r][area]`. The offsets
are solved for (by Gauss-Seidel over the actual respondents of the round) so that, in
expectation, the city share of every statement, the pooled share of every administration and
the pooled share of every activity area hit their targets exactly, whatever the respondents'
mix; `survey.py` then rounds expected counts so that each administration's count per statement
is within half an answer of its expectation. Targets keep gaps of several points where a finding
needs an order, so the findings hold for every seed, not by luck.
"""

from __future__ import annotations

import random

from hrwh_sample.reference import SURVEY_STATEMENTS
from hrwh_sample.survey_areas import (
    ADDICTION,
    CHILDREN_AND_YOUTH,
    DISABILITY,
    ECONOMIC_ASSISTANCE,
    ELDERLY,
    SOCIAL_PSYCHIATRY,
)

ROUNDS = ("2016-11", "2017-04", "2017-11", "2018-04", "2018-11")
N_STATEMENTS = len(SURVEY_STATEMENTS)

# city share positive per round and statement (1, 2, 3), in percent
CITY_TARGETS: dict[str, tuple[float, float, float]] = {
    "2016-11": (70.0, 80.0, 74.0),
    "2017-04": (72.5, 82.0, 73.0),
    "2017-11": (75.0, 84.0, 72.0),
    "2018-04": (77.5, 86.0, 71.0),
    "2018-11": (70.5, 80.5, 70.0),
}

LOWEST = ("Skarpnäck", "Hässelby-Vällingby", "Bromma")  # lowest first, every round
LEADERS = ("Norrmalm", "Rinkeby-Kista", "Kungsholmen")  # top four in most rounds

# pooled share relative to the city's, in points (before centring on the respondents' mix);
# Älvsjö, the smallest district, is often shown on one statement only (the marts suppress its
# others beside Äldreförvaltningen's small group), so it sits high enough that even its lowest
# statement stays above Bromma
ADMIN_EFFECTS: dict[str, float] = {
    "Skarpnäck": -14.0,
    "Hässelby-Vällingby": -9.0,
    "Bromma": -5.5,
    "Norrmalm": 7.0,
    "Rinkeby-Kista": 6.0,
    "Kungsholmen": 5.5,
    "Östermalm": 1.5,
    "Södermalm": 1.0,
    "Spånga-Tensta": 0.5,
    "Älvsjö": 4.0,
    "Farsta": -1.0,
    "Enskede-Årsta-Vantör": -1.0,
    "Hägersten-Liljeholmen": 0.0,
    "Skärholmen": 0.0,
    "Socialförvaltningen": 1.0,
    "Äldreförvaltningen": 4.0,
}
# a leader has a weaker round and another district takes its place among the top four
ADMIN_ROUND_EFFECTS: dict[tuple[str, str], float] = {
    ("2017-04", "Kungsholmen"): 1.0,
    ("2017-04", "Östermalm"): 5.5,
    ("2018-04", "Rinkeby-Kista"): 0.5,
    ("2018-04", "Södermalm"): 5.0,
}
JITTERED = tuple(a for a in ADMIN_EFFECTS if a not in (*LOWEST, *LEADERS))
JITTER = 0.75

AREA_EFFECTS: dict[str, float] = {
    CHILDREN_AND_YOUTH: -3.0,
    ECONOMIC_ASSISTANCE: -1.0,
    ADDICTION: 0.0,
    SOCIAL_PSYCHIATRY: 1.0,
    DISABILITY: 2.5,
    ELDERLY: 2.5,
}
# Missbruk dips in spring 2018 and recovers in the autumn, against the city's fall: by enough
# that its share rises on the first statement alone (where the city falls furthest) as well
AREA_ROUND_EFFECTS: dict[tuple[str, str], float] = {
    ("2017-11", ADDICTION): -1.0,
    ("2018-04", ADDICTION): -5.0,
    ("2018-11", ADDICTION): 7.0,
}

P_MIN, P_MAX = 0.05, 0.97

Cell = tuple[str, str]  # (administration short name, survey area)


def admin_effects(survey_round: str, rng: random.Random) -> dict[str, float]:
    """Per administration, in points; the middle of the field moves a little between rounds."""
    effects = {}
    for admin, effect in ADMIN_EFFECTS.items():
        effect = ADMIN_ROUND_EFFECTS.get((survey_round, admin), effect)
        if admin in JITTERED and (survey_round, admin) not in ADMIN_ROUND_EFFECTS:
            effect += rng.uniform(-JITTER, JITTER)
        effects[admin] = effect
    return effects


def area_effects(survey_round: str) -> dict[str, float]:
    return {
        area: AREA_ROUND_EFFECTS.get((survey_round, area), effect)
        for area, effect in AREA_EFFECTS.items()
    }


def solve_probabilities(
    survey_round: str,
    answered: list[dict[Cell, int]],
    admin_effect: dict[str, float],
    area_effect: dict[str, float],
) -> list[dict[Cell, float]]:
    """Per statement, the probability of a positive answer in each cell.

    `answered[s][cell]` is how many respondents in the cell answered statement s+1. The result
    gives the targets of the module docstring in expectation (to 1e-9, unless a probability hits
    its bounds).
    """
    weights = [sum(a.values()) for a in answered]
    total = sum(weights)
    city = CITY_TARGETS[survey_round]
    pooled = sum(city[s] * weights[s] for s in range(N_STATEMENTS)) / total

    def centred(effects: dict[str, float], index: int) -> dict[str, float]:
        mass: dict[str, int] = {}
        for a in answered:
            for cell, n in a.items():
                mass[cell[index]] = mass.get(cell[index], 0) + n
        mean = sum(effects[k] * n for k, n in mass.items()) / total
        return {k: (pooled + effects[k] - mean) / 100 for k in mass}

    admin_target = centred(admin_effect, 0)
    area_target = centred(area_effect, 1)
    base = [city[s] / 100 for s in range(N_STATEMENTS)]
    admin_off = dict.fromkeys(admin_target, 0.0)
    area_off = dict.fromkeys(area_target, 0.0)

    def probability(s: int, cell: Cell) -> float:
        p = base[s] + admin_off[cell[0]] + area_off[cell[1]]
        return min(P_MAX, max(P_MIN, p))

    def mean_p(keep: int | None, key: str | None, statements: range) -> float:
        hits = count = 0.0
        for s in statements:
            for cell, n in answered[s].items():
                if keep is None or cell[keep] == key:
                    hits += probability(s, cell) * n
                    count += n
        return hits / count

    everything = range(N_STATEMENTS)
    for _ in range(500):
        worst = 0.0
        for s in everything:
            gap = city[s] / 100 - mean_p(None, None, range(s, s + 1))
            base[s] += gap
            worst = max(worst, abs(gap))
        for admin, target in admin_target.items():
            gap = target - mean_p(0, admin, everything)
            admin_off[admin] += gap
            worst = max(worst, abs(gap))
        for area, target in area_target.items():
            gap = target - mean_p(1, area, everything)
            area_off[area] += gap
            worst = max(worst, abs(gap))
        if worst < 1e-9:
            break
    return [{cell: probability(s, cell) for cell in answered[s]} for s in everything]
