{{
    config(
        materialized='table',
        indexes=[{'columns': ['employment_id'], 'unique': true}],
    )
}}
-- One row per ended employment with its exit path (avgångsväg), by the 30-day rule: the
-- person has another employment (any at all, never the same employment_id) that starts after
-- the ended one started and at most 30 days after its last day. The earliest such start
-- decides; on a tie an employment in the same administration wins. The administration of the
-- successor's first month is compared with the ended employment's administration in its last
-- month: same -> 'Inom förvaltning', other -> 'Till annan förvaltning', none -> 'Slutat i staden'.
with employments as (
    select * from {{ ref('int_employments') }}
),

ended as (
    select * from employments where employed_to is not null
),

candidates as (
    select
        ended.employment_id,
        other.employment_id            as successor_employment_id,
        other.employed_from            as successor_employed_from,
        other.first_administration     as successor_administration,
        other.first_administration = ended.last_administration as is_same_administration
    from ended
    inner join employments as other
        on other.person_key = ended.person_key
        and other.employment_id <> ended.employment_id
        and other.employed_from > ended.employed_from
        and other.employed_from <= ended.employed_to + {{ var('hrwh_successor_window_days') }}
),

successors as (
    select distinct on (employment_id) *
    from candidates
    order by
        employment_id asc,
        successor_employed_from asc,
        is_same_administration desc,
        successor_employment_id asc
),

observed as (
    -- the payroll is observed up to the end of the latest month loaded
    select {{ last_day_of_month('max(last_month)') }} as observed_until
    from employments
)

select
    ended.employment_id,
    ended.person_key,
    ended.employed_from,
    ended.employed_to,
    ended.exit_reason,
    ended.last_administration                 as administration,
    ended.last_administration_kind            as administration_kind,
    successors.successor_employment_id,
    successors.successor_employed_from,
    successors.successor_administration,
    successors.successor_employed_from - ended.employed_to as days_to_successor,
    case
        when successors.employment_id is null then 'Slutat i staden'
        when successors.is_same_administration then 'Inom förvaltning'
        else 'Till annan förvaltning'
    end                                       as exit_path,
    -- final once a successor is found or the whole 30-day window is in loaded payroll months
    successors.employment_id is not null
        or ended.employed_to + {{ var('hrwh_successor_window_days') }} <= observed.observed_until
                                              as is_exit_path_final
from ended
cross join observed
left join successors
    on successors.employment_id = ended.employment_id
