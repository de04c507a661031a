{{
    config(
        materialized='table',
        indexes=[{'columns': ['series', 'period_end']}],
    )
}}
-- The rolling twelve-month turnover of every series, computed once (docs/definitions.md, "The
-- rolling twelve-month method"): one row per series x period_end (a month-end) for the windows
-- of twelve loaded payroll months ending there. A series is one of
--   unit                     administration x unit x occupation group
--                            (exits that left the administration)
--   administration           administration x occupation group
--                            (exits that left the administration)
--   administration_restated  today's administration x occupation group
--                            (exits that left today's administration)
--   activity_area            activity area x occupation group (exits that left the city)
--   city                     occupation group (exits that left the city)
-- with the occupation groups Biståndshandläggare, Socialsekreterare and Alla befattningar. The
-- month rows of int_turnover_population_months are counted per month and series once; the
-- window is then a window function over the series' months, made dense (a month without rows
-- counts 0) from the series' first month to eleven months after its last. A series has a row
-- where its window holds a month-end headcount or an exit.
with population as (
    select * from {{ ref('int_turnover_population_months') }}
),

loaded_months as (
    -- the windows reported: every loaded payroll month whose twelve months are all loaded
    select
        period_month,
        count(*) over (
            order by period_month range between interval '11 months' preceding and current row
        ) = 12 as is_window_complete
    from (select distinct period_month from {{ ref('int_employment_months') }}) as months
),

memberships as (
    -- every row counts for Alla befattningar and, in the yearly population, for its group too
    select
        population.*,
        groups.series_group
    from population
    cross join lateral (
        values ('Alla befattningar'), (population.occupation_group)
    ) as groups (series_group)
    where groups.series_group is not null
),

monthly as (
    select
        period_month,
        case
            when grouping(unit) = 0 then 'unit'
            when grouping(administration) = 0 then 'administration'
            when grouping(current_administration) = 0 then 'administration_restated'
            when grouping(activity_area) = 0 then 'activity_area'
            else 'city'
        end                                                         as series,
        coalesce(administration, current_administration)            as administration,
        unit,
        activity_area,
        series_group                                                as occupation_group,
        count(*) filter (where is_employed_at_month_end)            as headcount,
        count(*) filter (where is_exit_from_administration)         as exits_from_administration,
        count(*) filter (
            where is_exit_from_current_administration
        ) as exits_from_current_administration,
        count(*) filter (where is_exit_from_city)                   as exits_from_city,
        count(*) filter (where is_exit_path_preliminary)            as preliminary_exits
    from memberships
    group by grouping sets (
        (period_month, series_group, administration, unit),
        (period_month, series_group, administration),
        (period_month, series_group, current_administration),
        (period_month, series_group, activity_area),
        (period_month, series_group)
    )
),

series_months as (
    select
        period_month,
        series,
        administration,
        unit,
        activity_area,
        occupation_group,
        headcount,
        case series
            when 'unit' then exits_from_administration
            when 'administration' then exits_from_administration
            when 'administration_restated' then exits_from_current_administration
            else exits_from_city
        end as exits,
        preliminary_exits
    from monthly
    -- a row without a unit is counted in its administration only
    where series <> 'unit' or unit is not null
),

spans as (
    select
        series,
        administration,
        unit,
        activity_area,
        occupation_group,
        min(period_month) as first_month,
        max(period_month) as last_month
    from series_months
    group by series, administration, unit, activity_area, occupation_group
),

dense as (
    -- every loaded month of a series' span, a month without rows counting 0 (grouping, unlike
    -- a join, matches the null keys of a series: an administration's unit, a city's all)
    select
        months.period_month,
        months.is_window_complete,
        months.series,
        months.administration,
        months.unit,
        months.activity_area,
        months.occupation_group,
        sum(months.headcount)           as headcount,
        sum(months.exits)               as exits,
        sum(months.preliminary_exits)   as preliminary_exits
    from (
        select
            series_months.*,
            loaded_months.is_window_complete
        from series_months
        inner join loaded_months
            on loaded_months.period_month = series_months.period_month
        union all
        select
            loaded_months.period_month,
            spans.series,
            spans.administration,
            spans.unit,
            spans.activity_area,
            spans.occupation_group,
            0,
            0,
            0,
            loaded_months.is_window_complete
        from spans
        inner join loaded_months
            on loaded_months.period_month > spans.first_month
            and loaded_months.period_month <= spans.last_month + interval '11 months'
    ) as months
    group by
        months.period_month,
        months.is_window_complete,
        months.series,
        months.administration,
        months.unit,
        months.activity_area,
        months.occupation_group
),

windows as (
    select
        dense.*,
        sum(headcount) over twelve_months           as headcount_sum,
        sum(exits) over twelve_months               as exits_in_window,
        sum(preliminary_exits) over twelve_months   as preliminary_exits_in_window
    from dense
    window twelve_months as (
        partition by series, administration, unit, activity_area, occupation_group
        order by period_month
        range between interval '11 months' preceding and current row
    )
),

preliminary_periods as (
    -- a window is preliminary when some exit of the city in it may still turn into a move
    select period_month, preliminary_exits_in_window > 0 as is_preliminary
    from windows
    where series = 'city' and occupation_group = 'Alla befattningar'
)

select
    {{ last_day_of_month('windows.period_month') }}             as period_end,
    cast(windows.period_month - interval '11 months' as date)   as window_start,
    cast(windows.series as text)                                as series,
    cast(windows.administration as text)                        as administration,
    cast(windows.unit as text)                                  as unit,
    cast(windows.activity_area as text)                         as activity_area,
    cast(windows.occupation_group as text)                      as occupation_group,
    cast(windows.exits_in_window as integer)                    as exits,
    cast(windows.headcount_sum as integer)                      as headcount_sum,
    cast(windows.headcount_sum as numeric) / 12                 as avg_headcount,
    cast(windows.exits_in_window as numeric) * 12 / nullif(windows.headcount_sum, 0)
                                                                as turnover_rate,
    coalesce(preliminary_periods.is_preliminary, false)         as is_preliminary
from windows
left join preliminary_periods
    on preliminary_periods.period_month = windows.period_month
where windows.is_window_complete
  and (windows.headcount_sum > 0 or windows.exits_in_window > 0)
