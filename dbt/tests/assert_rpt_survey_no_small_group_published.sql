-- No published survey group rests on fewer than 5 respondents (hrwh_survey_min_respondents),
-- whatever the breakdown.
select *
from {{ ref('rpt_survey_results') }}
where not suppressed
  and respondents < {{ var('hrwh_survey_min_respondents') }}
