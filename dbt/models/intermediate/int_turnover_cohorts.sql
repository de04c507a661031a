{{
    config(
        materialized='table',
        indexes=[{'columns': ['year', 'employment_id'], 'unique': true}],
    )
}}
-- One row per year Y and employment in the turnover population on 31 December Y-1 (the
-- official yearly method, domain.md): the employment's December Y-1 payroll row is monthly
-- paid, agreement 01, permanent, not dormant, in one of the three activity areas, with a job
-- title of the job_titles seed; and by the authoritative dates (latest month) it is employed on
-- 31 December Y-1: started on or before it and not ended on or before it. Attributes are those
-- of the December Y-1 row. Year Y is included only when the payroll of December Y is loaded,
-- so that the whole year of exits is observable.
with employments as (
    select * from {{ ref('int_employments') }}
),

exit_paths as (
    select * from {{ ref('int_employment_exit_paths') }}
),

job_titles as (
    select * from {{ ref('job_titles') }}
),

years as (
    -- years whose December payroll is loaded
    select distinct cast(extract(year from period_month) as integer) as year
    from {{ ref('int_employment_months') }}
    where extract(month from period_month) = 12
),

december_rows as (
    select
        cast(extract(year from months.period_month) as integer) + 1 as year,
        months.*,
        job_titles.occupation_group
    from {{ ref('int_employment_months') }} as months
    inner join job_titles
        on job_titles.job_title = months.job_title
    where extract(month from months.period_month) = 12
      and {{ turnover_population_filter('months') }}
),

population as (
    select
        december_rows.*,
        make_date(december_rows.year - 1, 12, 31) as cohort_date
    from december_rows
    inner join years
        on years.year = december_rows.year
),

cohort as (
    select
        population.*,
        employments.employed_from   as authoritative_employed_from,
        employments.employed_to     as authoritative_employed_to,
        employments.exit_reason     as authoritative_exit_reason,
        employments.employed_to is not null
            and employments.employed_to <= make_date(population.year, 12, 31) as exited_in_year
    from population
    inner join employments
        on employments.employment_id = population.employment_id
    where employments.employed_from <= population.cohort_date
      and (employments.employed_to is null or employments.employed_to > population.cohort_date)
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
    cohort.authoritative_employed_from      as employed_from,
    cohort.authoritative_employed_to        as employed_to,
    cohort.exited_in_year,
    case when cohort.exited_in_year then exit_paths.exit_path end           as exit_path,
    case when cohort.exited_in_year then cohort.authoritative_exit_reason end as exit_reason,
    coalesce(
        cohort.exited_in_year
        and exit_paths.exit_path in ('Slutat i staden', 'Till annan förvaltning'),
        false
    )                                       as counts_for_administration,
    coalesce(cohort.exited_in_year and exit_paths.exit_path = 'Slutat i staden', false)
                                            as counts_for_city,
    -- false while an exit's 30-day window reaches past the latest payroll month loaded
    not cohort.exited_in_year or coalesce(exit_paths.is_exit_path_final, false)
                                            as is_exit_path_final
from cohort
left join exit_paths
    on exit_paths.employment_id = cohort.employment_id
