-- One row per survey round x respondent x statement answered (the respondent's latest
-- submission), with the answer's score and sentiment from the survey_scale seed: the two
-- "Stämmer ... bra" answers positive, "Varken eller" neutral, the two "... dåligt" negative.
-- A skipped statement (null answer) has no row. Individual level: built in schema restricted.
with respondents as (
    select * from {{ ref('int_survey_respondents') }}
),

scale as (
    select * from {{ ref('survey_scale') }}
),

answers as (
    select
        respondents.survey_round,
        respondents.respondent_key,
        statements.statement_no,
        respondents.administration,
        respondents.administration_kind,
        respondents.unit,
        respondents.activity_area,
        respondents.occupation_group,
        statements.answer_sv
    from respondents
    cross join lateral (
        values
            (1, respondents.answer_1),
            (2, respondents.answer_2),
            (3, respondents.answer_3)
    ) as statements (statement_no, answer_sv)
    where statements.answer_sv is not null
)

select
    answers.survey_round,
    answers.respondent_key,
    cast(answers.statement_no as integer)   as statement_no,
    answers.administration,
    answers.administration_kind,
    answers.unit,
    answers.activity_area,
    answers.occupation_group,
    answers.answer_sv,
    cast(scale.score as integer)            as score,
    scale.sentiment
from answers
-- a left join: an answer off the scale keeps its row with a null sentiment, which a test fails
left join scale
    on scale.answer_sv = answers.answer_sv
