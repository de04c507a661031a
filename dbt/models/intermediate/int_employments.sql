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
-- Incremental (docs/architecture.md, "Incremental nights"): an employment that only gained
-- months after its last one is its previous row carried on by the new months; one that is new,
-- or whose months up to its last one were touched (a re-delivered month, which may also have
-- dropped one of its rows), is computed again from all its months; the others stay.
-- dates_changed_after_load_id tells the month-grain models whose dates changed in which night.
with all_months as (
    select * from {{ ref('int_employment_months') }}
),

{% if is_incremental() %}
changed_months as (
    {{ months_taken_this_build() }}
),

new_rows as (
    select *
    from all_months
    where load_id > {{ var('hrwh_loads_built_up_to') }}
),

recomputed as (
    select previous.employment_id
    from {{ this }} as previous
    inner join changed_months
        on changed_months.period_month between previous.first_month and previous.last_month
    union
    select new_rows.employment_id
    from new_rows
    left join {{ this }} as previous
        on previous.employment_id = new_rows.employment_id
    where previous.employment_id is null or new_rows.period_month <= previous.last_month
),

months as (
    select all_months.*
    from all_months
    inner join recomputed
        on recomputed.employment_id = all_months.employment_id
),

extended as (
    -- the new months of the others, with what their previous row says of the earlier ones
    select
        new_rows.*,
        row_number() over latest_first                     as month_no_desc,
        previous.months_seen + count(*) over whole_employment as months_seen,
        previous.first_month,
        previous.first_administration,
        previous.first_administration_kind
    from new_rows
    inner join {{ this }} as previous
        on previous.employment_id = new_rows.employment_id
    where not exists (
        select 1 from recomputed where recomputed.employment_id = new_rows.employment_id
    )
    window
        latest_first as (
            partition by new_rows.employment_id
            order by new_rows.period_month desc, new_rows.load_id desc, new_rows.line_no desc
        ),
        whole_employment as (partition by new_rows.employment_id)
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
    {% if is_incremental() %}
    union all
    select * from extended
    {% endif %}
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
