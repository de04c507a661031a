{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='period_month',
        indexes=[{'columns': ['employment_id']}, {'columns': ['period_month']}],
    )
}}
-- One row per employment and payroll month, with the administration's short name and kind.
-- Payroll names administrations by full name; the administrations seed maps full (or short)
-- names to short names. An administration not in the seed keeps its full name, kind 'other'.
-- current_administration is the administration that carries it on today (merged_into followed
-- to the end, int_administration_lineage): what the restated series count it as.
-- Incremental (docs/architecture.md, "Incremental nights"): a night takes only the loads after
-- the last published build's (var hrwh_loads_built_up_to); every month it takes replaces that
-- month's rows, so a re-delivered month replaces the earlier delivery's.
with months as (
    select * from {{ ref('stg_hr_payroll__employment_months') }}
),

administration_names as (
    {{ administration_names() }}
),

current_names as (
    select administration, carried_on_by as current_administration
    from {{ ref('int_administration_lineage') }}
    where is_current
)

select
    months.period_month,
    {{ last_day_of_month('months.period_month') }}     as month_end_date,
    months.employment_id,
    months.person_key,
    coalesce(names.administration, months.administration_full_name) as administration,
    coalesce(names.kind, 'other')                       as administration_kind,
    months.administration_full_name,
    months.unit,
    months.activity_area,
    months.job_title,
    months.employment_form,
    months.pay_form,
    months.agreement_code,
    months.is_dormant,
    months.employment_rate_pct,
    months.monthly_salary_sek,
    months.employed_from,
    months.employed_to,
    months.exit_reason,
    months.load_id,
    months.line_no,
    coalesce(
        current_names.current_administration,
        names.administration,
        months.administration_full_name
    )                                                   as current_administration
from months
left join administration_names as names
    on names.name = months.administration_full_name
left join current_names
    on current_names.administration = names.administration
{% if is_incremental() %}
    where months.load_id > {{ var('hrwh_loads_built_up_to') }}
{% endif %}
