-- Restating on today's districts moves employments between administrations, never into or out
-- of the city: 'Staden totalt' is the same in the series as it was and restated, yearly
-- (Alla avgångsorsaker) and rolling.
with yearly as (
    select year, occupation_group, exits, headcount
    from {{ ref('rpt_turnover_yearly') }}
    where administration = 'Staden totalt' and exit_reason_group = 'Alla avgångsorsaker'
),

yearly_restated as (
    select year, occupation_group, exits, headcount
    from {{ ref('rpt_turnover_yearly_restated') }}
    where administration = 'Staden totalt' and exit_reason_group = 'Alla avgångsorsaker'
),

rolling as (
    select period_end, occupation_group, exits, avg_headcount
    from {{ ref('rpt_turnover_rolling_12m') }}
    where administration = 'Staden totalt'
),

rolling_restated as (
    select period_end, occupation_group, exits, avg_headcount
    from {{ ref('rpt_turnover_rolling_12m_restated') }}
    where administration = 'Staden totalt'
)

select 'yearly' as method, cast(year as text) as period, occupation_group
from (
    (select * from yearly
    except
    select * from yearly_restated)
    union all
    (select * from yearly_restated
    except
    select * from yearly)
) as differing_years
union all
select 'rolling', cast(period_end as text), occupation_group
from (
    (select * from rolling
    except
    select * from rolling_restated)
    union all
    (select * from rolling_restated
    except
    select * from rolling)
) as differing_windows
