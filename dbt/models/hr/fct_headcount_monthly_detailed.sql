{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook=["{{ delete_months_to_rebuild(this, 'month') if is_incremental() }}"],
        indexes=[{'columns': ['month']}, {'columns': ['administration']}],
    )
}}
-- Month-end headcount and FTE for HR analysts (schema hr). Grain: month x administration x unit
-- x activity area x job title x employment form x pay form x agreement code x dormant. An
-- employment counts in a month when it has a payroll row that month and, by its authoritative
-- dates (latest month), is employed on the month's last day: started on or before it and not
-- ended on or before it (the same convention as the turnover cohort on 31 December). Cells of
-- one or two employments are common here: marts.fct_headcount_monthly is the coarse, public one.
-- Incremental (docs/architecture.md, "Incremental nights"): a night computes again only the
-- months it took and the months of employments whose dates changed (macros/incremental.sql).
with months as (
    select * from {{ ref('int_employment_months') }}
    {% if is_incremental() %}
    where period_month in ({{ months_to_rebuild() }})
    {% endif %}
),

employments as (
    select * from {{ ref('int_employments') }}
),

job_titles as (
    select * from {{ ref('job_titles') }}
)

select
    months.period_month                         as month,
    months.month_end_date,
    cast(months.administration as text)         as administration,
    cast(months.unit as text)                   as unit,
    cast(months.activity_area as text)          as activity_area,
    cast(months.job_title as text)              as job_title,
    cast({{ occupation_group() }} as text)      as occupation_group,
    cast(months.employment_form as text)        as employment_form,
    cast(months.pay_form as text)               as pay_form,
    cast(months.agreement_code as text)         as agreement_code,
    months.is_dormant,
    cast(count(*) as integer)                   as headcount,
    round(coalesce(sum(months.employment_rate_pct), 0) / 100, 4) as fte
from months
inner join employments
    on employments.employment_id = months.employment_id
left join job_titles
    on job_titles.job_title = months.job_title
where employments.employed_from <= months.month_end_date
  and (employments.employed_to is null or employments.employed_to > months.month_end_date)
group by
    months.period_month,
    months.month_end_date,
    months.administration,
    months.unit,
    months.activity_area,
    months.job_title,
    job_titles.occupation_group,
    months.employment_form,
    months.pay_form,
    months.agreement_code,
    months.is_dormant
