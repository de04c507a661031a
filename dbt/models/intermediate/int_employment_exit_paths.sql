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
-- The merger rule (docs/definitions.md, "District mergers"): an administration that the ended
-- employment's administration was merged into (merged_into, followed to the end) counts as the
-- same, so a reorganisation is no turnover. exit_path_restated applies the rule on today's
-- administrations (both sides replaced by today's first): the path of the restated series.
with employments as (
    select * from {{ ref('int_employments') }}
),

lineage as (
    select * from {{ ref('int_administration_lineage') }}
),

ended as (
    select
        employments.*,
        coalesce(today.carried_on_by, employments.last_administration) as current_administration
    from employments
    left join lineage as today
        on today.administration = employments.last_administration
        and today.is_current
    where employments.employed_to is not null
),

candidates as (
    select
        ended.employment_id,
        other.employment_id            as successor_employment_id,
        other.employed_from            as successor_employed_from,
        other.first_administration     as successor_administration,
        -- the same administration, or one it was merged into (the merger rule)
        other.first_administration = ended.last_administration
            or merged_into.administration is not null as is_same_administration,
        coalesce(successor_today.carried_on_by, other.first_administration)
            = ended.current_administration as is_same_current_administration
    from ended
    inner join employments as other
        on other.person_key = ended.person_key
        and other.employment_id <> ended.employment_id
        and other.employed_from > ended.employed_from
        and other.employed_from <= ended.employed_to + {{ var('hrwh_successor_window_days') }}
    left join lineage as merged_into
        on merged_into.administration = ended.last_administration
        and merged_into.carried_on_by = other.first_administration
        and merged_into.depth > 0
    left join lineage as successor_today
        on successor_today.administration = other.first_administration
        and successor_today.is_current
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

successors_restated as (
    -- the same rule on today's administrations: a tie goes to today's same administration
    select distinct on (employment_id) *
    from candidates
    order by
        employment_id asc,
        successor_employed_from asc,
        is_same_current_administration desc,
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
                                              as is_exit_path_final,
    ended.current_administration,
    case
        when successors_restated.employment_id is null then 'Slutat i staden'
        when successors_restated.is_same_current_administration then 'Inom förvaltning'
        else 'Till annan förvaltning'
    end                                       as exit_path_restated
from ended
cross join observed
left join successors
    on successors.employment_id = ended.employment_id
left join successors_restated
    on successors_restated.employment_id = ended.employment_id
