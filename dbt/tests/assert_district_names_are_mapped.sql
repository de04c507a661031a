{{ config(severity='warn') }}
-- A district administration written in the payroll under a name the administrations seed does
-- not know (a typo, a new district) gets kind 'other' and silently drops out of the district
-- rows of rpt_turnover_yearly. Warn about such names so the seed or the extract is fixed.
select
    administration_full_name,
    count(*) as payroll_rows,
    min(period_month) as first_month,
    max(period_month) as last_month
from {{ ref('int_employment_months') }}
where administration_kind = 'other'
  and lower(administration_full_name) like '%stadsdel%'
group by administration_full_name
