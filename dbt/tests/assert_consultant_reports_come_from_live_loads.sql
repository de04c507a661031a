-- Every consultant answer must come from a live delivery of its own measurement day: a ledger
-- row of source consultants, status 'loaded', period = the day ('YYYY-MM-DD'). Rows of a
-- superseded or rejected file left in raw.consultant_reports would otherwise count twice.
select
    reports.load_id,
    reports.line_no,
    reports.measurement_date,
    ledger.source_name,
    ledger.status,
    ledger.period
from {{ ref('stg_consultants__reports') }} as reports
left join {{ ref('stg_hrwh__load_ledger') }} as ledger
    on ledger.load_id = reports.load_id
where ledger.load_id is null
   or ledger.source_name <> 'consultants'
   or ledger.status <> 'loaded'
   or ledger.period is distinct from to_char(reports.measurement_date, 'YYYY-MM-DD')
