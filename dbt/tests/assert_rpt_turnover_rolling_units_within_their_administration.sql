-- In rpt_turnover_rolling_12m a unit's exits and average headcount are part of its
-- administration's: for every period_end, administration and occupation group the units add
-- up to at most the administration's row (less only by employments whose payroll row names no
-- unit), and no unit row is without its administration row. Average headcounts are compared
-- as the sums of the twelve month-end headcounts (x 12, whole numbers), free of rounding.
with rolling as (
    select * from {{ ref('rpt_turnover_rolling_12m') }}
    where administration <> 'Staden totalt'
),

units as (
    select
        period_end,
        administration,
        occupation_group,
        sum(exits)          as exits,
        round(sum(avg_headcount) * 12) as headcount_sum
    from rolling
    where unit is not null
    group by period_end, administration, occupation_group
)

select
    units.*,
    administrations.exits           as administration_exits,
    round(administrations.avg_headcount * 12) as administration_headcount_sum
from units
left join rolling as administrations
    on administrations.period_end = units.period_end
    and administrations.administration = units.administration
    and administrations.occupation_group = units.occupation_group
    and administrations.unit is null
where administrations.period_end is null
   or units.exits > administrations.exits
   or units.headcount_sum > round(administrations.avg_headcount * 12)
