{{
    config(
        materialized='table',
        indexes=[
            {'columns': ['period_month']},
            {'columns': ['employment_id', 'period_month'], 'unique': true},
        ],
    )
}}
-- One row per employment and payroll month in the populations of the rolling twelve-month
-- method (docs/definitions.md, "The rolling twelve-month method"), built once for every
-- rolling series (int_turnover_rolling_12m: units, administrations, the city, activity areas,
-- restated). The month's row is monthly paid, agreement 01, permanent and not dormant (the
-- `Alla befattningar` population), and by the authoritative dates (latest month) the
-- employment either is employed on the month's last day (is_employed_at_month_end: started on
-- or before it, not ended on or before it) or has its last day in the month (is_exit_month: an
-- exit is counted where this row puts it). occupation_group is the row's group of the yearly
-- population (one of the three activity areas and a title of the job_titles seed), null when
-- the row counts for `Alla befattningar` only. Attributes are this month's row's.
with months as (
    select * from {{ ref('int_employment_months') }}
),

employments as (
    select * from {{ ref('int_employments') }}
),

exit_paths as (
    select * from {{ ref('int_employment_exit_paths') }}
),

job_titles as (
    select * from {{ ref('job_titles') }}
),

classified as (
    select
        months.period_month,
        months.month_end_date,
        months.employment_id,
        months.administration,
        months.administration_kind,
        months.current_administration,
        months.unit,
        months.activity_area,
        case when {{ in_turnover_activity_areas('months.activity_area') }}
            then job_titles.occupation_group end            as occupation_group,
        employments.employed_from,
        employments.employed_to,
        employments.employed_from <= months.month_end_date
            and (employments.employed_to is null
                 or employments.employed_to > months.month_end_date)
                                                            as is_employed_at_month_end,
        coalesce(
            employments.employed_to between months.period_month and months.month_end_date,
            false
        )                                                   as is_exit_month,
        exit_paths.exit_path,
        exit_paths.exit_path_restated,
        exit_paths.is_exit_path_final
    from months
    inner join employments
        on employments.employment_id = months.employment_id
    left join job_titles
        on job_titles.job_title = months.job_title
    left join exit_paths
        on exit_paths.employment_id = months.employment_id
    where {{ turnover_employment_filter('months') }}
)

select
    period_month,
    month_end_date,
    employment_id,
    administration,
    administration_kind,
    current_administration,
    unit,
    activity_area,
    occupation_group,
    employed_from,
    employed_to,
    is_employed_at_month_end,
    is_exit_month,
    -- the exits each kind of series counts (docs/definitions.md): an administration or a unit
    -- those that left the administration, the restated series those that left today's
    -- administration, the city and the activity areas those that left the city
    is_exit_month and coalesce({{ exit_leaves_administration('exit_path') }}, false)
                                                    as is_exit_from_administration,
    is_exit_month and coalesce({{ exit_leaves_administration('exit_path_restated') }}, false)
                                                    as is_exit_from_current_administration,
    is_exit_month and coalesce(exit_path = 'Slutat i staden', false)
                                                    as is_exit_from_city,
    -- the 30-day window of this exit reaches past the latest payroll month loaded
    is_exit_month and not coalesce(is_exit_path_final, true)
                                                    as is_exit_path_preliminary
from classified
where is_employed_at_month_end or is_exit_month
