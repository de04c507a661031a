-- One row per unit manager's answer on consultants, as delivered: English names and types only.
-- Duplicates and late corrections are all here; int_consultant_answers picks the one that counts.
with source as (
    select * from {{ source('raw', 'consultant_reports') }}
)

select
    cast(matdatum as date)                      as measurement_date,
    forvaltning                                 as administration_name,
    enhet                                       as unit,
    verksamhetsomrade                           as activity_area,
    cast(antal_konsulter as integer)            as consultants,
    reporter_key,
    cast(inskickad as timestamp)                as submitted_at,
    load_id,
    line_no
from source
