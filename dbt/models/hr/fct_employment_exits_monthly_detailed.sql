{{
    config(
        indexes=[{'columns': ['month']}, {'columns': ['administration']}],
    )
}}
-- Ended employments per month of their last day, for HR analysts (schema hr). Grain: month x
-- administration x unit x activity area x job title x exit path x exit reason. Attributes are
-- those of the last payroll month the employment appears in. Only last days up to the end of
-- the latest payroll month loaded count (an end date registered ahead of time is not an exit
-- yet). Most cells are a single exit: marts.fct_employment_exits_monthly is the public one.
with exit_paths as (
    select * from {{ ref('int_employment_exit_paths') }}
),

employments as (
    select * from {{ ref('int_employments') }}
),

job_titles as (
    select * from {{ ref('job_titles') }}
),

observed as (
    select {{ last_day_of_month('max(last_month)') }} as observed_until
    from employments
)

select
    {{ first_day_of_month('exit_paths.employed_to') }} as month,
    cast(exit_paths.administration as text)          as administration,
    cast(employments.last_unit as text)              as unit,
    cast(employments.last_activity_area as text)     as activity_area,
    cast(employments.last_job_title as text)         as job_title,
    cast({{ occupation_group() }} as text)           as occupation_group,
    cast(exit_paths.exit_path as text)               as exit_path,
    cast(exit_paths.exit_reason as text)             as exit_reason,
    cast(count(*) as integer)                        as exits,
    cast(count(*) filter (where not exit_paths.is_exit_path_final) as integer)
                                                     as exits_with_preliminary_path
from exit_paths
inner join employments
    on employments.employment_id = exit_paths.employment_id
left join job_titles
    on job_titles.job_title = employments.last_job_title
cross join observed
where exit_paths.employed_to <= observed.observed_until
group by 1, 2, 3, 4, 5, 6, 7, 8
