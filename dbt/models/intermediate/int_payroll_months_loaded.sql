-- One row per payroll month whose delivery is live (its rows are in raw.hr_payroll): which
-- months the payroll covers, independent of what the rows say.
with ledger as (
    select * from {{ ref('stg_hrwh__load_ledger') }}
)

select distinct period_month
from ledger
where source_name = 'hr_payroll'
  and status = 'loaded'
  and period_month is not null
