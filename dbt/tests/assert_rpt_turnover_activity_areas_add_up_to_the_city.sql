-- The activity areas are a breakdown of the city: for every year (period_end) and occupation
-- group, the activity area rows add up to the 'Staden totalt' row, exits and headcount (average
-- headcount), in the yearly method (Alla avgångsorsaker of rpt_turnover_yearly) and in the
-- rolling one (rpt_turnover_rolling_12m). Average headcounts are compared as the sums of the
-- twelve month-end headcounts (x 12, whole numbers), free of rounding.
with yearly_areas as (
    select year, occupation_group, sum(exits) as exits, sum(headcount) as headcount
    from {{ ref('rpt_turnover_activity_area_yearly') }}
    group by year, occupation_group
),

yearly_city as (
    select year, occupation_group, exits, headcount
    from {{ ref('rpt_turnover_yearly') }}
    where administration = 'Staden totalt' and exit_reason_group = 'Alla avgångsorsaker'
),

rolling_areas as (
    select period_end, occupation_group, sum(exits) as exits,
           round(sum(avg_headcount) * 12) as headcount_sum
    from {{ ref('rpt_turnover_activity_area_rolling_12m') }}
    group by period_end, occupation_group
),

rolling_city as (
    select period_end, occupation_group, exits, round(avg_headcount * 12) as headcount_sum
    from {{ ref('rpt_turnover_rolling_12m') }}
    where administration = 'Staden totalt'
)

select
    'yearly'                                            as method,
    cast(coalesce(areas.year, city.year) as text)       as period,
    coalesce(areas.occupation_group, city.occupation_group) as occupation_group,
    areas.exits                                         as area_exits,
    city.exits                                          as city_exits,
    cast(areas.headcount as numeric)                    as area_headcount,
    cast(city.headcount as numeric)                     as city_headcount
from yearly_areas as areas
full outer join yearly_city as city
    on city.year = areas.year
    and city.occupation_group = areas.occupation_group
-- a city row of 0 employments has no activity area
where (areas.exits is distinct from city.exits or areas.headcount is distinct from city.headcount)
  and not (areas.year is null and city.headcount = 0)
union all
select
    'rolling',
    cast(coalesce(areas.period_end, city.period_end) as text),
    coalesce(areas.occupation_group, city.occupation_group),
    areas.exits as area_exits,
    city.exits as city_exits,
    areas.headcount_sum as area_headcount,
    city.headcount_sum as city_headcount
from rolling_areas as areas
full outer join rolling_city as city
    on city.period_end = areas.period_end
    and city.occupation_group = areas.occupation_group
where areas.exits is distinct from city.exits
   or areas.headcount_sum is distinct from city.headcount_sum
