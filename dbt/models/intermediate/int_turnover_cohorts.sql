{{
    config(
        materialized='table',
        indexes=[{'columns': ['year', 'employment_id'], 'unique': true}],
    )
}}
-- One row per year Y and employment in the turnover population on 31 December Y-1 (the official
-- yearly method, docs/definitions.md): the employment's December Y-1 payroll row is monthly paid,
-- agreement 01, permanent, not dormant, in one of the three activity areas, with a job title of
-- the job_titles seed; and by the authoritative dates (latest month) it is employed on 31
-- December Y-1: started on or before it and not ended on or before it. Attributes are those of
-- the December Y-1 row. Year Y is included only when the payroll of December Y is loaded, so that
-- the whole year of exits is observable. current_administration, exit_path_restated and
-- counts_for_current_administration are the same cohort on today's administrations (the restated
-- series, docs/definitions.md "District mergers").
with exit_paths as (
    select * from {{ ref('int_employment_exit_paths') }}
),

years as (
    -- years whose December payroll is loaded
    select distinct cast(extract(year from period_month) as integer) as year
    from {{ ref('int_employment_months') }}
    where extract(month from period_month) = 12
),

cohort_days as (
    select year, make_date(year - 1, 12, 31) as cohort_date
    from years
),

population as (
    -- the population on 31 December Y-1 (macros/turnover.sql): the December Y-1 row passes
    -- the filter, and by the authoritative dates the employment goes on after that day
    {{ turnover_population_on_days('cohort_days', 'cohort_date', include_last_day=false) }}
),

cohort as (
    select
        population.*,
        population.employed_to is not null
            and population.employed_to <= make_date(population.year, 12, 31) as exited_in_year
    from population
)

select
    cohort.year,
    cohort.cohort_date,
    cohort.employment_id,
    cohort.person_key,
    cohort.administration,
    cohort.administration_kind,
    cohort.unit,
    cohort.activity_area,
    cohort.job_title,
    cohort.occupation_group,
    cohort.employed_from,
    cohort.employed_to,
    cohort.exited_in_year,
    case when cohort.exited_in_year then exit_paths.exit_path end   as exit_path,
    case when cohort.exited_in_year then cohort.exit_reason end     as exit_reason,
    coalesce(
        cohort.exited_in_year
        and {{ exit_leaves_administration('exit_paths.exit_path') }},
        false
    )                                       as counts_for_administration,
    coalesce(cohort.exited_in_year and exit_paths.exit_path = 'Slutat i staden', false)
                                            as counts_for_city,
    -- false while an exit's 30-day window reaches past the latest payroll month loaded
    not cohort.exited_in_year or coalesce(exit_paths.is_exit_path_final, false)
                                            as is_exit_path_final,
    cohort.current_administration,
    case when cohort.exited_in_year then exit_paths.exit_path_restated end
                                            as exit_path_restated,
    coalesce(
        cohort.exited_in_year
        and {{ exit_leaves_administration('exit_paths.exit_path_restated') }},
        false
    )                                       as counts_for_current_administration
from cohort
left join exit_paths
    on exit_paths.employment_id = cohort.employment_id
