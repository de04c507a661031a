{{
    config(
        indexes=[{'columns': ['period_end']}, {'columns': ['administration']}],
    )
}}
-- The rolling twelve-month turnover as it was (docs/definitions.md, "The rolling twelve-month
-- method" and "District mergers"): one row per period_end x administration x unit x
-- occupation group, from int_turnover_rolling_12m. Administrations and units are those of the
-- month rows, so each employment counts where it was; a district or specialist administration
-- of the administrations seed has rows (with its units) for the windows that overlap its
-- validity: around a merger the old and the new district each count the months they existed,
-- the others as 0. unit null is the whole administration; 'Staden totalt' is the whole city
-- (any administration), counting only the exits that left the city.
with rolling as (
    select * from {{ ref('int_turnover_rolling_12m') }}
    where series in ('unit', 'administration', 'city')
),

administrations as (
    select * from {{ ref('administrations') }}
    where kind in ('district', 'specialist')
)

select
    rolling.period_end,
    cast(coalesce(rolling.administration, 'Staden totalt') as text) as administration,
    rolling.unit,
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
   or (
        administrations.administration is not null
        and (administrations.valid_from is null or administrations.valid_from <= rolling.period_end)
        and (administrations.valid_to is null or administrations.valid_to >= rolling.window_start)
   )
