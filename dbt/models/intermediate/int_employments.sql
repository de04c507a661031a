{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='employment_id',
        indexes=[
            {'columns': ['employment_id'], 'unique': true},
            {'columns': ['person_key']},
        ],
        post_hook=["{{ drop_employments_no_longer_delivered(this) }}"],
    )
}}
-- One row per employment. End date and exit reason (and start date) come from the latest
-- month the employment appears in: late registrations and corrections win. Administration is
-- given both for the first and for the last month the employment was seen.
-- Incremental (docs/architecture.md, "Incremental nights"): a night recomputes only the
-- employments in the months it took (new or re-delivered) and those whose months span such a
-- month (a re-delivery may have dropped one of their rows), from all their months.
-- dates_changed_after_load_id tells the month-grain models whose dates changed in which night.
with all_months as (
    select * from {{ ref('int_employment_months') }}
),

{% if is_incremental() %}
changed_months as (
    {{ months_taken_this_build() }}
),

affected as (
    select employment_id
    from all_months
    where load_id > {{ var('hrwh_loads_built_up_to') }}
    union
    select previous.employment_id
    from {{ this }} as previous
    inner join changed_months
        on changed_months.period_month between previous.first_month and previous.last_month
),

months as (
    select all_months.*
    from all_months
    inner join affected
        on affected.employment_id = all_months.employment_id
),
{% else %}
months as (
    select * from all_months
),
{% endif %}

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
),

latest as (
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
        pay_form                        as last_pay_form,
        load_id                         as last_load_id
    from ranked
    where month_no_desc = 1
)

select
    latest.*,
    {% if is_incremental() %}
    case
        when previous.employed_from = latest.employed_from
            and previous.employed_to is not distinct from latest.employed_to
            and previous.exit_reason is not distinct from latest.exit_reason
            then previous.dates_changed_after_load_id
        else cast({{ var('hrwh_loads_built_up_to') }} as bigint)
    end
    {% else %}
    cast(0 as bigint)
    {% endif %}                         as dates_changed_after_load_id
from latest
{% if is_incremental() %}
left join {{ this }} as previous
    on previous.employment_id = latest.employment_id
{% endif %}
