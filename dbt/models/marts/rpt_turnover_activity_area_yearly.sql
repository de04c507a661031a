{{ config(materialized='table') }}
-- The official yearly turnover of the city per activity area (verksamhetsområde): one row per
-- year x activity area x occupation group. The city's measure (domain.md, "Which exits
-- count"): the cohort of 31 December Y-1 by the activity area of its December row, and only
-- the exits that left the city (Slutat i staden). Rows: every year x every activity area and
-- occupation group that had a cohort in some year (zero-filled). The activity areas of a year
-- and group add up to its 'Staden totalt' row of rpt_turnover_yearly (Alla avgångsorsaker).
with cohorts as (
    select * from {{ ref('int_turnover_cohorts') }}
),

years as (
    select year, bool_or(not is_exit_path_final) as is_preliminary
    from cohorts
    group by year
),

area_groups as (
    select distinct activity_area, occupation_group from cohorts
),

counts as (
    select
        year,
        activity_area,
        occupation_group,
        count(*)                                    as headcount,
        count(*) filter (where counts_for_city)     as exits
    from cohorts
    group by year, activity_area, occupation_group
),

grid as (
    select
        years.year,
        years.is_preliminary,
        area_groups.activity_area,
        area_groups.occupation_group,
        coalesce(counts.headcount, 0)   as headcount,
        coalesce(counts.exits, 0)       as exits
    from years
    cross join area_groups
    left join counts
        on counts.year = years.year
        and counts.activity_area = area_groups.activity_area
        and counts.occupation_group = area_groups.occupation_group
)

select
    cast(year as integer)                       as year,
    cast(activity_area as text)                 as activity_area,
    cast(occupation_group as text)              as occupation_group,
    cast(exits as integer)                      as exits,
    cast(headcount as integer)                  as headcount,
    {{ rounded_ratio('exits', 'headcount') }} as turnover_rate,
    headcount < {{ var('hrwh_small_base_headcount') }} as is_small_base,
    case when headcount > 0 then {{ wilson_bound('exits', 'headcount', 'low') }} end
                                                as rate_ci_low,
    case when headcount > 0 then {{ wilson_bound('exits', 'headcount', 'high') }} end
                                                as rate_ci_high,
    is_preliminary
from grid
