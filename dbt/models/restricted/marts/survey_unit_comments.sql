-- The survey's free-text answers per unit, for the unit's manager: one row per comment of a
-- respondent's counted (latest) submission, with the round, administration (short name), unit
-- and question; no respondent key. Row-level security shows a unit_manager login only the units
-- mapped to it in restricted.unit_manager_units.
with comments as (
    select * from {{ ref('stg_survey__comments') }}
),

respondents as (
    select * from {{ ref('int_survey_respondents') }}
),

statements as (
    select * from {{ ref('survey_statements') }}
)

select
    cast(respondents.survey_round as text)      as survey_round,
    cast(respondents.administration as text)    as administration,
    cast(respondents.unit as text)              as unit,
    cast(comments.question as text)             as question,
    cast(statements.statement_no as integer)    as statement_no,
    cast(comments.comment as text)              as comment
from comments
-- only the comments of the submission that counts (a respondent's latest)
inner join respondents
    on respondents.load_id = comments.load_id
    and respondents.line_no = comments.line_no
left join statements
    on comments.question = 'Kommentar: ' || statements.statement_sv
