{{ config(indexes=[{'columns': ['period_end']}]) }}
-- The rolling twelve-month turnover of the city per activity area (verksamhetsområde): one row
-- per period_end x activity area x occupation group. The city's measure: the employments of
-- the whole city in that activity area (the month row's), and only the exits that left the
-- city. The activity areas of an occupation group add up to its 'Staden totalt' row of
-- rpt_turnover_rolling_12m.
select
    period_end,
    activity_area,
    occupation_group,
    exits,
    avg_headcount,
    {{ rounded('turnover_rate') }} as turnover_rate,
    window_start,
    avg_headcount < {{ var('hrwh_small_base_headcount') }}  as is_small_base,
    is_preliminary
from {{ ref('int_turnover_rolling_12m') }}
where series = 'activity_area'
