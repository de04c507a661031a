{{ config(severity='warn') }}
-- A cohort employment in a district or specialist administration that is not valid on
-- 31 December Y-1 (e.g. a merged district still written in the payroll) has no row of its own
-- in rpt_turnover_yearly: it counts only in 'Staden totalt'. Warn so that the payroll or the
-- administrations seed is fixed.
select
    cohorts.year,
    cohorts.administration,
    count(*) as employments
from {{ ref('int_turnover_cohorts') }} as cohorts
inner join {{ ref('administrations') }} as administrations
    on administrations.administration = cohorts.administration
where not (
    (administrations.valid_from is null or administrations.valid_from <= cohorts.cohort_date)
    and (administrations.valid_to is null or administrations.valid_to >= cohorts.cohort_date)
)
group by cohorts.year, cohorts.administration
