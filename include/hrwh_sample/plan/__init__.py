"""The turnover plan: social workers and needs assessors, year by year, with exact bookkeeping.

The published figures fix, per administration and occupation group, the cohort on 31 December
and the counted exits of the following year. Realistic data also has flows that the official
method does not count (moves within the administration, promotions, parental leave over New
Year, a move to the Administration area) and inflows (new hires, arrivals from other
administrations, temporary staff made permanent, returns from leave). The planner chooses these
flows so that every year the next cohort comes out exactly, and it does so on the same employment
model the files are rendered from, so the exit paths the warehouse will derive (the 30-day rule,
on person level) are the ones planned.

Each year is planned in three passes over all cells (administration x group):

A. pick the counted exits and the uncounted outflows among the cohort, which fixes how many
   employments must flow in before 31 December (the cell's capacity);
B. carry out exits and outflows; a move's new employment lands in the population of some cell
   only while that cell has capacity left (else it is outside the population);
C. fill what capacity is left with hires, conversions and returning former employees.

Every year ends by recounting the population from the model; a wrong count raises `PlanError`.
A rolling rate the city reported is made exact, on the model, once its window is planned; a
scripted unit's staff stay out of every random flow while the script runs.

The parts, each named for what it plans:

- `planner`: the run and the three passes of a year, and the recount;
- `opening_stock`: the population on 31 December before the first year;
- `counted_exits`: who of a cohort leaves in a way the official method counts, and why;
- `endings`: the day an employment ends and carrying an ending out;
- `uncounted_outflows`: moves within the administration and changes that take an employment
  out of the population (promotion, the Administration area, leave, the other group);
- `next_jobs`: the employment that follows a move or a return to the city;
- `inflows`: hires, conversions and returning former employees that fill a cell, and short
  stints that come and go within a year;
- `everyday_changes`: what changes for those who stay in their cell;
- `side_jobs`: hourly extra jobs in other administrations;
- `uncounted_ends`: how employments outside the population end (never counted);
- `rolling_figures`: the rolling twelve-month method on the model, as docs/definitions.md has it;
- `city_rolling_rate`: the rolling rate the city reported (April 2019 - March 2020), exact;
- `unit_in_crisis`: Älvsjö's child and family unit, whose turnover runs away in 2019;
- `state` and `flows`: what the parts share.
"""

from hrwh_sample.plan.flows import LEFT_CITY, CountedExit
from hrwh_sample.plan.planner import Planner
from hrwh_sample.plan.state import PlanError

__all__ = ["LEFT_CITY", "CountedExit", "PlanError", "Planner"]
