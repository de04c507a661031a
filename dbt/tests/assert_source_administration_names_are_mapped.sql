{{ config(severity='warn') }}
-- The consultant answers and the survey come from the districts and the specialist
-- administrations; a name the administrations seed does not know (a typo, a new district) keeps
-- its spelling, kind 'other', and shows up as an administration of its own in rpt_consultants
-- and rpt_survey_results. Warn so the seed or the source is fixed.
select 'consultants' as source_name, administration_name, count(*) as source_rows
from {{ ref('int_consultant_answers') }}
where administration_kind = 'other'
group by administration_name
union all
select 'survey', administration_name, count(*)
from {{ ref('int_survey_respondents') }}
where administration_kind = 'other'
group by administration_name
