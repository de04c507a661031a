{{
    config(
        indexes=[{'columns': ['measurement_date']}, {'columns': ['administration']}],
    )
}}
-- Hired-in consultant social workers per measurement day and unit. Grain: measurement day x
-- administration x unit x activity area (the activity area of the answer that counts, so one
-- row per unit and day). Every unit that sent anything is here: is_answered false (consultants
-- null) for a unit whose only answers were empty.
with answers as (
    select * from {{ ref('int_consultant_answers') }}
)

select
    measurement_date,
    cast(administration as text)        as administration,
    cast(administration_kind as text)   as administration_kind,
    cast(unit as text)                  as unit,
    cast(activity_area as text)         as activity_area,
    cast(consultants as integer)        as consultants,
    is_answered,
    cast(answers_received as integer)   as answers_received,
    submitted_at
from answers
