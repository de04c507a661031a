{{ config(severity='warn') }}
-- An employment belongs to one person: its person_key should be the same in every month.
-- (int_employments takes the latest month's key.)
select employment_id, count(distinct person_key) as person_keys
from {{ ref('stg_hr_payroll__employment_months') }}
group by employment_id
having count(distinct person_key) > 1
