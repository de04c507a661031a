-- Every survey submission must come from a live delivery of its own round: a ledger row of
-- source survey, status 'loaded', period = the round ('YYYY-MM').
select
    responses.load_id,
    responses.line_no,
    responses.survey_round,
    ledger.source_name,
    ledger.status,
    ledger.period
from {{ ref('stg_survey__responses') }} as responses
left join {{ ref('stg_hrwh__load_ledger') }} as ledger
    on ledger.load_id = responses.load_id
where ledger.load_id is null
   or ledger.source_name <> 'survey'
   or ledger.status <> 'loaded'
   or ledger.period is distinct from responses.survey_round
