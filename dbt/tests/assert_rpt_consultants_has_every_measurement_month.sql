-- Consultants are counted in April and November every year: between the first and the last
-- measurement no such month is missing (a lost or rejected spreadsheet). Returns the missing
-- months.
-- A gap is reported (warn), not a reason to keep the rest of the marts unpublished.
{{ config(severity='warn') }}

with consultants as (
    select * from {{ ref('rpt_consultants') }}
),

bounds as (
    select
        date_trunc('month', min(measurement_date)) as first_month,
        date_trunc('month', max(measurement_date)) as last_month
    from consultants
),

expected as (
    select month_start
    from bounds
    cross join
        generate_series(bounds.first_month, bounds.last_month, interval '1 month') as month_start
    where extract(month from month_start) in (4, 11)
)

select to_char(expected.month_start, 'YYYY-MM') as missing_measurement_month
from expected
where not exists (
    select 1 from consultants
    where date_trunc('month', consultants.measurement_date) = expected.month_start
)
