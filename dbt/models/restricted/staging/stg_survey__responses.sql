-- One row per respondent's submission of the staff survey, as delivered: English names and
-- types only. Individual answers: built in schema restricted (read by no reporting role), not
-- in staging, because the survey is not anonymous and HR analysts read staging.
with source as (
    select * from {{ source('raw', 'survey_responses') }}
)

select
    survey_round,
    respondent_key,
    forvaltning                                 as administration_name,
    enhet                                       as unit,
    verksamhetsomrade                           as activity_area,
    befattning                                  as job_title,
    svar_1                                      as answer_1,
    svar_2                                      as answer_2,
    svar_3                                      as answer_3,
    cast(inskickad as timestamp)                as submitted_at,
    load_id,
    line_no
from source
