{{ config(materialized='table') }}
-- Consultants reported per measurement day, one row per measurement_date x administration
-- (short name) and 'Staden totalt'. See docs/marts-contract.md and the model's yml.
-- consultants = sum over the units whose answer counted (latest answer per unit, empty answers
-- not counted); units_reported = those units. An administration appears on a day when at least
-- one of its units sent something that day (0 and 0 when none of them gave a number).
with facts as (
    select * from {{ ref('fct_consultants') }}
),

administration_rows as (
    select
        measurement_date,
        administration,
        administration_kind,
        coalesce(sum(consultants) filter (where is_answered), 0)   as consultants,
        count(*) filter (where is_answered)                        as units_reported,
        count(*) filter (where not is_answered)                    as units_not_answered
    from facts
    group by measurement_date, administration, administration_kind
),

city_rows as (
    select
        measurement_date,
        'Staden totalt'             as administration,
        'city_total'                as administration_kind,
        sum(consultants)            as consultants,
        sum(units_reported)         as units_reported,
        sum(units_not_answered)     as units_not_answered
    from administration_rows
    group by measurement_date
),

all_rows as (
    select * from administration_rows
    union all
    select * from city_rows
)

select
    measurement_date,
    cast(administration as text)            as administration,
    cast(consultants as integer)            as consultants,
    cast(units_reported as integer)         as units_reported,
    cast(administration_kind as text)       as administration_kind,
    cast(units_not_answered as integer)     as units_not_answered
from all_rows
