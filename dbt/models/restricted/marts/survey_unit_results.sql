-- The staff survey's results per unit, for the unit's manager: one row per survey round x
-- statement x administration x unit, with respondents and the shares of positive, neutral and
-- negative answers. Not suppressed (the manager talks with each employee about the answers);
-- row-level security shows a unit_manager login only the units mapped to it in
-- restricted.unit_manager_units.
with facts as (
    select * from {{ ref('fct_survey_answers') }}
),

units as (
    select
        survey_round,
        statement_no,
        administration,
        unit,
        sum(respondents)                                        as respondents,
        sum(respondents) filter (where sentiment = 'positive')  as positive,
        sum(respondents) filter (where sentiment = 'neutral')   as neutral,
        sum(respondents) filter (where sentiment = 'negative')  as negative,
        sum(respondents * score)                                as score_sum
    from facts
    group by survey_round, statement_no, administration, unit
)

select
    cast(survey_round as text)                                  as survey_round,
    cast(statement_no as integer)                               as statement_no,
    cast(administration as text)                                as administration,
    cast(unit as text)                                          as unit,
    cast(respondents as integer)                                as respondents,
    cast(coalesce(positive, 0) as numeric) / respondents        as share_positive,
    cast(coalesce(neutral, 0) as numeric) / respondents         as share_neutral,
    cast(coalesce(negative, 0) as numeric) / respondents        as share_negative,
    round(cast(score_sum as numeric) / respondents, 2)          as mean_score
from units
