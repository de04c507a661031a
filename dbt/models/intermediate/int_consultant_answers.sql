-- One row per measurement day x administration (short name) x unit: the answer that counts.
-- Managers write the administration's short or full name; both resolve to the short name via
-- the administrations seed (a name not in the seed is kept as written, kind 'other'), so the
-- same unit reported under both names is one unit. Of a unit's answers the latest sent
-- (submitted_at) counts; an empty answer (consultants null: the unit did not answer) never
-- overrides a number sent earlier, it only stands when the unit sent no number at all.
with reports as (
    select * from {{ ref('stg_consultants__reports') }}
),

administration_names as (
    {{ administration_names() }}
),

resolved as (
    select
        reports.*,
        coalesce(names.administration, reports.administration_name) as administration,
        coalesce(names.kind, 'other')                               as administration_kind
    from reports
    left join administration_names as names
        on names.name = reports.administration_name
),

ranked as (
    select
        resolved.*,
        row_number() over (
            partition by measurement_date, administration, unit
            -- answered rows first, then the latest; load_id/line_no make the order total
            order by consultants is null, submitted_at desc, load_id desc, line_no desc
        ) as answer_no,
        count(*) over (partition by measurement_date, administration, unit) as answers_received
    from resolved
)

select
    measurement_date,
    administration,
    administration_kind,
    administration_name,
    unit,
    activity_area,
    consultants,
    consultants is not null             as is_answered,
    cast(answers_received as integer)   as answers_received,
    submitted_at,
    reporter_key,
    load_id,
    line_no
from ranked
where answer_no = 1
