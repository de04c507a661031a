{{ config(indexes=[{'columns': ['period_end']}]) }}
-- The rolling twelve-month turnover restated on today's administrations (docs/definitions.md,
-- "District mergers"): one row per period_end x today's district or specialist administration
-- x occupation group, and 'Staden totalt'. Every month row counts in the administration that
-- carries its administration on today, and an exit counts when it left today's administration
-- (a move between two districts that merged later is none), so a series runs unbroken across
-- the mergers. Administration level only: units of districts that merged are not restated.
with rolling as (
    select * from {{ ref('int_turnover_rolling_12m') }}
    where series in ('administration_restated', 'city')
),

administrations as (
    -- today's: not merged into another
    select * from {{ ref('administrations') }}
    where kind in ('district', 'specialist')
      and valid_to is null
)

select
    rolling.period_end,
    cast(coalesce(rolling.administration, 'Staden totalt') as text) as administration,
    rolling.occupation_group,
    rolling.exits,
    rolling.avg_headcount,
    rolling.turnover_rate,
    rolling.window_start,
    cast(coalesce(administrations.kind, 'city_total') as text)     as administration_kind,
    rolling.avg_headcount < {{ var('hrwh_small_base_headcount') }}  as is_small_base,
    rolling.is_preliminary
from rolling
left join administrations
    on administrations.administration = rolling.administration
where rolling.series = 'city'
   or administrations.administration is not null
