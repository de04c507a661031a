-- Under one total (a round x statement's Förvaltning rows, or its Verksamhetsområde rows),
-- exactly one suppressed group could be worked out by subtracting the published siblings from
-- the Staden total: never let that happen.
select
    survey_round,
    statement_no,
    breakdown,
    count(*) filter (where suppressed) as suppressed_groups,
    count(*) as groups
from {{ ref('rpt_survey_results') }}
where breakdown <> 'Staden'
group by survey_round, statement_no, breakdown
having count(*) filter (where suppressed) = 1
