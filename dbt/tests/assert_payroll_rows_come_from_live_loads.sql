-- Every payroll row must come from a live delivery of its own month: a ledger row of source
-- hr_payroll with status 'loaded' and the same period. Rows of a superseded or rejected file
-- left in raw.hr_payroll would otherwise count twice.
select
    payroll.load_id,
    payroll.line_no,
    payroll.period_month,
    ledger.source_name,
    ledger.status,
    ledger.period_month as ledger_period_month
from {{ ref('stg_hr_payroll__employment_months') }} as payroll
left join {{ ref('stg_hrwh__load_ledger') }} as ledger
    on ledger.load_id = payroll.load_id
where ledger.load_id is null
   or ledger.source_name <> 'hr_payroll'
   or ledger.status <> 'loaded'
   or ledger.period_month is distinct from payroll.period_month
