-- Every respondent is in exactly one administration and one activity area: when no sibling of
-- a breakdown is suppressed, the siblings add up to the Staden total; when some are, the
-- published ones add up to less. Each round x statement has exactly one Staden row.
with rpt as (
    select * from {{ ref('rpt_survey_results') }}
),

city as (
    select survey_round, statement_no, count(*) as city_rows, max(respondents) as respondents
    from rpt
    where breakdown = 'Staden'
    group by survey_round, statement_no
),

breakdowns as (
    select
        survey_round,
        statement_no,
        breakdown,
        bool_or(suppressed)                     as any_suppressed,
        coalesce(sum(respondents), 0)           as published_respondents
    from rpt
    where breakdown <> 'Staden'
    group by survey_round, statement_no, breakdown
)

select
    breakdowns.*,
    city.city_rows,
    city.respondents as city_respondents
from breakdowns
left join city
    on city.survey_round = breakdowns.survey_round
    and city.statement_no = breakdowns.statement_no
where city.city_rows is distinct from 1
   or (not breakdowns.any_suppressed and breakdowns.published_respondents <> city.respondents)
   or (breakdowns.any_suppressed and breakdowns.published_respondents >= city.respondents)
