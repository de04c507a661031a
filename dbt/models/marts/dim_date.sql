-- One row per day from 2012-01-01 to 2030-12-31, with Swedish month names.
with days as (
    select cast(day as date) as date_day
    from generate_series(
        cast('2012-01-01' as timestamp),
        cast('2030-12-31' as timestamp),
        interval '1 day'
    ) as day
)

select
    date_day,
    cast(extract(year from date_day) as integer)      as year,
    cast(extract(quarter from date_day) as integer)   as quarter,
    cast(extract(month from date_day) as integer)     as month,
    cast(extract(day from date_day) as integer)       as day_of_month,
    cast(extract(isodow from date_day) as integer)    as iso_day_of_week,
    cast(to_char(date_day, 'YYYY-MM') as text)        as year_month,
    cast(case cast(extract(month from date_day) as integer)
        when 1 then 'januari'
        when 2 then 'februari'
        when 3 then 'mars'
        when 4 then 'april'
        when 5 then 'maj'
        when 6 then 'juni'
        when 7 then 'juli'
        when 8 then 'augusti'
        when 9 then 'september'
        when 10 then 'oktober'
        when 11 then 'november'
        when 12 then 'december'
    end as text)                                      as month_name_sv,
    {{ first_day_of_month('date_day') }}              as month_start_date,
    {{ last_day_of_month('date_day') }}               as month_end_date,
    date_day = {{ last_day_of_month('date_day') }}    as is_month_end
from days
