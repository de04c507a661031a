-- One row per free-text answer of the staff survey, as delivered: English names only. Personal
-- data (a comment may name people): built in schema restricted, read by no reporting role.
with source as (
    select * from {{ source('restricted', 'survey_comments') }}
)

select
    survey_round,
    respondent_key,
    forvaltning                                 as administration_name,
    enhet                                       as unit,
    question,
    comment,
    load_id,
    line_no
from source
