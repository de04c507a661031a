{{ config(materialized='table') }}
-- The official yearly turnover (personalrörlighet) with every exit reason group shown, for HR
-- analysts (schema hr): one row per year x administration x occupation group x exit reason
-- group. marts.rpt_turnover_yearly publishes it with the reason split of small cohorts hidden.
-- See docs/marts-contract.md and the model's yml.
--
-- Rows: every year of the cohorts x every district/specialist administration valid on
-- 31 December Y-1 (seed valid_from/valid_to) x occupation group that administration has a
-- cohort member of in at least one year (zero-filled); 'Stadsdelar total' = the sum of the
-- district rows; 'Staden totalt' = every cohort employment of the city, any administration,
-- counting only exits that left the city.
with cohorts as (
    select * from {{ ref('int_turnover_cohorts') }}
),

administrations as (
    select * from {{ ref('administrations') }}
    where kind in ('district', 'specialist')
),

years as (
    select
        year,
        make_date(year - 1, 12, 31) as cohort_date,
        bool_or(not is_exit_path_final) as is_preliminary
    from cohorts
    group by year
),

administration_groups as (
    select distinct administration, occupation_group
    from cohorts
),

administration_grid as (
    select
        years.year,
        administrations.administration,
        administrations.kind as administration_kind,
        administration_groups.occupation_group
    from years
    inner join administrations
        on (administrations.valid_from is null or administrations.valid_from <= years.cohort_date)
        and (administrations.valid_to is null or administrations.valid_to >= years.cohort_date)
    inner join administration_groups
        on administration_groups.administration = administrations.administration
),

administration_counts as (
    select
        year,
        administration,
        occupation_group,
        count(*) as headcount,
        count(*) filter (where counts_for_administration) as exits_all,
        count(*) filter (
            where exited_in_year and exit_reason = 'Egen begäran' and exit_path = 'Slutat i staden'
        ) as exits_own_external,
        count(*) filter (
            where exited_in_year and exit_reason = 'Egen begäran'
              and exit_path = 'Till annan förvaltning'
        ) as exits_own_internal
    from cohorts
    group by year, administration, occupation_group
),

administration_rows as (
    select
        grid.year,
        grid.administration,
        grid.administration_kind,
        grid.occupation_group,
        coalesce(counts.headcount, 0)          as headcount,
        coalesce(counts.exits_all, 0)          as exits_all,
        coalesce(counts.exits_own_external, 0) as exits_own_external,
        coalesce(counts.exits_own_internal, 0) as exits_own_internal
    from administration_grid as grid
    left join administration_counts as counts
        on counts.year = grid.year
        and counts.administration = grid.administration
        and counts.occupation_group = grid.occupation_group
),

district_total_rows as (
    select
        year,
        'Stadsdelar total'      as administration,
        'district_total'        as administration_kind,
        occupation_group,
        sum(headcount)          as headcount,
        sum(exits_all)          as exits_all,
        sum(exits_own_external) as exits_own_external,
        sum(exits_own_internal) as exits_own_internal
    from administration_rows
    where administration_kind = 'district'
    group by year, occupation_group
),

city_groups as (
    select distinct occupation_group from cohorts
),

city_counts as (
    select
        year,
        occupation_group,
        count(*) as headcount,
        count(*) filter (where counts_for_city) as exits_all,
        count(*) filter (where counts_for_city and exit_reason = 'Egen begäran')
            as exits_own_external
    from cohorts
    group by year, occupation_group
),

city_rows as (
    select
        years.year,
        'Staden totalt'                        as administration,
        'city_total'                           as administration_kind,
        city_groups.occupation_group,
        coalesce(city_counts.headcount, 0)     as headcount,
        coalesce(city_counts.exits_all, 0)     as exits_all,
        coalesce(city_counts.exits_own_external, 0) as exits_own_external,
        -- moves to another administration stay in the city: never a city exit
        0                                      as exits_own_internal
    from years
    cross join city_groups
    left join city_counts
        on city_counts.year = years.year
        and city_counts.occupation_group = city_groups.occupation_group
),

all_rows as (
    select * from administration_rows
    union all
    select * from district_total_rows
    union all
    select * from city_rows
),

by_reason_group as (
    select year, administration, administration_kind, occupation_group, headcount,
           'Alla avgångsorsaker' as exit_reason_group, exits_all as exits
    from all_rows
    union all
    select year, administration, administration_kind, occupation_group, headcount,
           'Egen begäran extern' as exit_reason_group, exits_own_external as exits
    from all_rows
    union all
    select year, administration, administration_kind, occupation_group, headcount,
           'Egen begäran intern' as exit_reason_group, exits_own_internal as exits
    from all_rows
)

select
    cast(r.year as integer)                  as year,
    cast(r.administration as text)           as administration,
    cast(r.occupation_group as text)         as occupation_group,
    cast(r.exit_reason_group as text)        as exit_reason_group,
    cast(r.exits as integer)                 as exits,
    cast(r.headcount as integer)             as headcount,
    cast(r.exits as numeric) / nullif(r.headcount, 0) as turnover_rate,
    cast(r.administration_kind as text)      as administration_kind,
    r.headcount < {{ var('hrwh_small_base_headcount') }} as is_small_base,
    case when r.headcount > 0 then
        {{ wilson_bound('r.exits', 'r.headcount', 'low') }}
    end                                      as rate_ci_low,
    case when r.headcount > 0 then
        {{ wilson_bound('r.exits', 'r.headcount', 'high') }}
    end                                      as rate_ci_high,
    years.is_preliminary
from by_reason_group as r
inner join years
    on years.year = r.year
