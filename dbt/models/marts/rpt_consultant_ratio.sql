{{ config(materialized='table') }}
-- Consultants per 100 permanent handläggare, one row per measurement_date x administration
-- (short name) and 'Staden totalt'. permanent_handlaggare = the employments of the official
-- turnover population (the same macro as int_turnover_cohorts: monthly paid, agreement 01,
-- permanent, not dormant, three activity areas, a title of the job_titles seed) by that month's
-- payroll rows, employed on the measurement day (its last day included). Null when that
-- month's payroll is not loaded. An administration has a row on a day when it reported
-- consultants (rpt_consultants) or has population employments that day.
with consultants as (
    select * from {{ ref('rpt_consultants') }}
),

measurement_days as (
    select distinct measurement_date from consultants
),

payroll_months as (
    select * from {{ ref('int_payroll_months_loaded') }}
),

population as (
    {{ turnover_population_on_days('measurement_days', 'measurement_date', include_last_day=true) }}
),

population_counts as (
    select
        measurement_date,
        administration,
        count(*)                                                        as handlaggare,
        count(*) filter (where occupation_group = 'Socialsekreterare')  as socialsekreterare
    from population
    group by measurement_date, administration
    union all
    select
        measurement_date,
        'Staden totalt',
        count(*),
        count(*) filter (where occupation_group = 'Socialsekreterare')
    from population
    group by measurement_date
),

grid as (
    select measurement_date, administration from consultants
    union
    select measurement_date, administration from population_counts
    union
    select measurement_date, 'Staden totalt' from measurement_days
),

joined as (
    select
        grid.measurement_date,
        grid.administration,
        consultants.consultants,
        consultants.units_reported,
        payroll_months.period_month is not null         as is_payroll_loaded,
        case when payroll_months.period_month is not null
            then coalesce(population_counts.handlaggare, 0)
        end                                             as permanent_handlaggare,
        case when payroll_months.period_month is not null
            then coalesce(population_counts.socialsekreterare, 0)
        end                                             as permanent_socialsekreterare
    from grid
    left join consultants
        on consultants.measurement_date = grid.measurement_date
        and consultants.administration = grid.administration
    left join population_counts
        on population_counts.measurement_date = grid.measurement_date
        and population_counts.administration = grid.administration
    left join payroll_months
        on payroll_months.period_month = {{ first_day_of_month('grid.measurement_date') }}
)

select
    measurement_date,
    cast(administration as text)                    as administration,
    cast(consultants as integer)                    as consultants,
    cast(permanent_handlaggare as integer)          as permanent_handlaggare,
    {{ rounded_ratio('consultants', 'permanent_handlaggare', scale=100) }}
                                                    as consultants_per_100_handlaggare,
    cast(permanent_socialsekreterare as integer)    as permanent_socialsekreterare,
    cast(units_reported as integer)                 as units_reported,
    is_payroll_loaded
from joined
