{{
    config(
        materialized='table',
        indexes=[
            {'columns': ['employment_id'], 'unique': true},
            {'columns': ['person_key']},
        ],
    )
}}
-- One row per employment. End date and exit reason (and start date) come from the latest
-- month the employment appears in: late registrations and corrections win. Administration is
-- given both for the first and for the last month the employment was seen.
with months as (
    select * from {{ ref('int_employment_months') }}
),

ranked as (
    -- both windows share one sort: latest month first
    select
        months.*,
        row_number() over latest_first                     as month_no_desc,
        count(*) over whole_employment                     as months_seen,
        last_value(period_month) over whole_employment     as first_month,
        last_value(administration) over whole_employment   as first_administration,
        last_value(administration_kind) over whole_employment as first_administration_kind
    from months
    window
        -- load_id/line_no only make the order total should a month repeat an employment
        -- (the staging uniqueness test fails the build then)
        latest_first as (
            partition by employment_id order by period_month desc, load_id desc, line_no desc
        ),
        whole_employment as (
            partition by employment_id order by period_month desc, load_id desc, line_no desc
            rows between unbounded preceding and unbounded following
        )
)

select
    employment_id,
    person_key,
    first_month,
    period_month                    as last_month,
    cast(months_seen as integer)    as months_seen,
    employed_from,
    employed_to,
    exit_reason,
    employed_to is not null         as is_ended,
    first_administration,
    first_administration_kind,
    administration                  as last_administration,
    administration_kind             as last_administration_kind,
    unit                            as last_unit,
    activity_area                   as last_activity_area,
    job_title                       as last_job_title,
    employment_form                 as last_employment_form,
    pay_form                        as last_pay_form
from ranked
where month_no_desc = 1
