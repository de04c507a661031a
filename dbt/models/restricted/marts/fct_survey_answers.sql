-- The staff survey at unit level: number of respondents per survey round x statement x
-- administration x unit x activity area x answer (respondents' latest submissions; skipped
-- statements not counted). Unsuppressed unit-level numbers: schema restricted, row-level
-- secured, read by no reporting role (not even unit managers: they read survey_unit_results).
with answers as (
    select * from {{ ref('int_survey_answers') }}
)

select
    cast(survey_round as text)          as survey_round,
    cast(statement_no as integer)       as statement_no,
    cast(administration as text)        as administration,
    cast(unit as text)                  as unit,
    cast(activity_area as text)         as activity_area,
    cast(answer_sv as text)             as answer_sv,
    cast(score as integer)              as score,
    cast(sentiment as text)             as sentiment,
    cast(count(*) as integer)           as respondents
from answers
group by
    survey_round, statement_no, administration, unit, activity_area, answer_sv, score, sentiment
