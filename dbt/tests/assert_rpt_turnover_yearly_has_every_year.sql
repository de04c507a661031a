-- Every year between the first and the last reported is there: a gap means a cohort or a
-- year of payroll extracts went missing. Returns the missing years.
-- A gap is reported (warn), not a reason to keep the rest of the marts unpublished.
{{ config(severity='warn') }}

with turnover as (
    select * from {{ ref('rpt_turnover_yearly') }}
),

bounds as (
    select
        min(year) as first_year,
        max(year) as last_year
    from turnover
)

select expected.year as missing_year
from bounds
cross join generate_series(bounds.first_year, bounds.last_year) as expected (year)
where not exists (
    select 1 from turnover
    where turnover.year = expected.year
)
