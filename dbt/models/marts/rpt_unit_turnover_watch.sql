{{ config(indexes=[{'columns': ['period_end']}]) }}
-- Early warning (docs/definitions.md, "Early warning"): one row per period_end x unit x
-- occupation group of rpt_turnover_rolling_12m, set against the city as a funnel plot
-- (Spiegelhalter, Statistics in Medicine 2005;24:1185-1202). Units with an average headcount
-- below hrwh_watch_min_avg_headcount (1) are not watched: a unit that held less than one
-- employment on average (one person for a few month-ends, a unit set up or wound down in the
-- window) has too little exposure for a rate to mean anything, and its one exit, which itself
-- shortened the exposure, would cross any limit.
--
-- The benchmark is the city's rolling rate measured like a unit's: the exits of all reported
-- administrations that left their administration over their summed average headcount
-- (city_turnover_rate). At that rate a unit's exits in the window are taken as Poisson with
-- mean expected_exits = avg_headcount x city_turnover_rate. The control limits are the exact
-- quantiles of that Poisson distribution (two-sided 95 %: 0.025 and 0.975; 99.8 %: 0.001 and
-- 0.999), as rates (quantile / avg_headcount), without interpolation: a unit is `Över
-- förväntat` when its exits exceed the 0.975 quantile (the chance of at least that many exits
-- at the city's rate is 2.5 % or less) and `Kraftigt över förväntat` when they exceed the 0.999
-- quantile (0.1 % or less). The exact limits widen for small units, so one resignation in a
-- unit of three is within what is expected, while a large unit is held to a narrow band.
-- PostgreSQL 15 has no lgamma(): ln(k!) is a running sum of ln(i) over generate_series.
{%- set limits = {'95': (0.025, 0.975), '998': (0.001, 0.999)} %}
with units as (
    select * from {{ ref('rpt_turnover_rolling_12m') }}
    where unit is not null
      and avg_headcount >= {{ var('hrwh_watch_min_avg_headcount') }}
),

city_rates as (
    select
        period_end,
        occupation_group,
        sum(exits) / nullif(sum(avg_headcount), 0) as city_turnover_rate
    from {{ ref('rpt_turnover_rolling_12m') }}
    where unit is null
      and administration_kind in ('district', 'specialist')
    group by period_end, occupation_group
),

watched as (
    select
        units.*,
        coalesce(city_rates.city_turnover_rate, 0)                      as city_turnover_rate,
        units.avg_headcount * coalesce(city_rates.city_turnover_rate, 0) as expected_exits
    from units
    left join city_rates
        on city_rates.period_end = units.period_end
        and city_rates.occupation_group = units.occupation_group
),

means as (
    select distinct cast(expected_exits as double precision) as mu
    from watched
),

log_factorials as (
    -- ln(k!) for k = 0 .. far into the upper tail of the largest mean
    select
        k,
        sum(ln(cast(greatest(k, 1) as double precision))) over (order by k) as ln_factorial
    from generate_series(
        0,
        (select cast(ceil(max(mu) + 10 * sqrt(max(mu)) + 10) as integer) from means)
    ) as k
),

distribution as (
    -- the Poisson cumulative distribution of each mean, up to 10 standard deviations above it
    -- (exp() of a very small number underflows with an error in PostgreSQL: floored)
    select
        means.mu,
        log_factorials.k,
        sum(exp(greatest(
            log_factorials.k * ln(means.mu) - means.mu - log_factorials.ln_factorial, -700
        ))) over (partition by means.mu order by log_factorials.k) as cdf
    from means
    inner join log_factorials
        on log_factorials.k <= means.mu + 10 * sqrt(means.mu) + 10
    where means.mu > 0
),

quantiles as (
    select
        mu
        {%- for name, (low, high) in limits.items() %},
        min(k) filter (where cdf >= {{ low }})  as lower_quantile_{{ name }},
        min(k) filter (where cdf >= {{ high }}) as upper_quantile_{{ name }}
        {%- endfor %}
    from distribution
    group by mu
),

limited as (
    select
        watched.*
        {%- for name in limits %},
        -- a mean of 0 (the city had no exits) allows none
        coalesce(quantiles.lower_quantile_{{ name }}, 0) as lower_quantile_{{ name }},
        coalesce(quantiles.upper_quantile_{{ name }}, 0) as upper_quantile_{{ name }}
        {%- endfor %}
    from watched
    left join quantiles
        on quantiles.mu = cast(watched.expected_exits as double precision)
),

assessed as (
    select
        limited.*,
        -- the sum of the twelve month-end headcounts: limits are quantile x 12 / that sum, the
        -- very expression of the rate (exits x 12 / that sum), so rate and limit compare exactly
        round(avg_headcount * 12) as headcount_sum,
        case
            when exits > upper_quantile_998 then 'Kraftigt över förväntat'
            when exits > upper_quantile_95 then 'Över förväntat'
            else 'Inom förväntat'
        end as status
    from limited
),

periods as (
    -- each month-end reported, with the one before it
    select period_end, lag(period_end) over (order by period_end) as month_before
    from (select distinct period_end from city_rates) as reported
),

with_previous as (
    select
        assessed.*,
        periods.month_before,
        lag(assessed.period_end) over unit_periods  as previous_period_end,
        lag(assessed.status) over unit_periods      as previous_status
    from assessed
    inner join periods
        on periods.period_end = assessed.period_end
    window unit_periods as (
        partition by assessed.administration, assessed.unit, assessed.occupation_group
        order by assessed.period_end
    )
)

select
    period_end,
    administration,
    unit,
    occupation_group,
    exits,
    avg_headcount,
    turnover_rate,
    {{ rounded('city_turnover_rate') }}                          as city_turnover_rate,
    {{ rounded('expected_exits') }}                              as expected_exits,
    {{ rounded_ratio('upper_quantile_95 * 12', 'headcount_sum') }}  as upper_limit_95,
    {{ rounded_ratio('upper_quantile_998 * 12', 'headcount_sum') }} as upper_limit_998,
    cast(status as text)                                         as status,
    {{ rounded_ratio('lower_quantile_95 * 12', 'headcount_sum') }}  as lower_limit_95,
    {{ rounded_ratio('lower_quantile_998 * 12', 'headcount_sum') }} as lower_limit_998,
    -- crossed the 99.8 % limit with this window: not above it in the month before
    status = 'Kraftigt över förväntat'
        and not coalesce(
            previous_period_end = month_before
            and previous_status = 'Kraftigt över förväntat',
            false
        )                                                 as is_newly_strongly_above,
    administration_kind,
    window_start,
    is_preliminary
from with_previous
