-- 'Staden totalt' must equal the sum of the administration rows of the same day, for
-- consultants and units reported alike (the published city totals are such sums).
with rpt as (
    select * from {{ ref('rpt_consultants') }}
),

sums as (
    select measurement_date, sum(consultants) as consultants, sum(units_reported) as units_reported
    from rpt
    where administration <> 'Staden totalt'
    group by measurement_date
),

totals as (
    select measurement_date, consultants, units_reported
    from rpt
    where administration = 'Staden totalt'
)

select
    coalesce(totals.measurement_date, sums.measurement_date) as measurement_date,
    totals.consultants      as total_consultants,
    sums.consultants        as sum_of_administrations,
    totals.units_reported   as total_units_reported,
    sums.units_reported     as sum_of_units_reported
from totals
full outer join sums
    on sums.measurement_date = totals.measurement_date
where totals.consultants is distinct from sums.consultants
   or totals.units_reported is distinct from sums.units_reported
