{#-
    The rolling twelve-month turnover as published (rpt_turnover_rolling_12m and, with
    restated=true, rpt_turnover_rolling_12m_restated): the series of int_turnover_rolling_12m
    that the table shows, with the district or specialist administration each row belongs to.

    As it was: unit, administration and city rows; an administration of the administrations
    seed has rows, with its units, for the windows that overlap its validity (around a merger
    the old and the new district each count the months they existed, the others as 0); an
    administration not in the seed has no rows of its own. Restated: today's administrations
    (no valid_to) and the city, no unit column. The city is 'Staden totalt'.
-#}
{% macro turnover_rolling_12m_report(restated=false) -%}
with rolling as (
    select * from {{ ref('int_turnover_rolling_12m') }}
    where series in ({{ "'administration_restated'" if restated else "'unit', 'administration'" }}, 'city')
),

administrations as (
    select * from {{ ref('administrations') }}
    where kind in ('district', 'specialist')
    {%- if restated %}
      and valid_to is null
    {%- endif %}
)

select
    rolling.period_end,
    cast(coalesce(rolling.administration, 'Staden totalt') as text) as administration,
    {%- if not restated %}
    rolling.unit,
    {%- endif %}
    rolling.occupation_group,
    rolling.exits,
    rolling.avg_headcount,
    {{ rounded('rolling.turnover_rate') }}                         as turnover_rate,
    rolling.window_start,
    cast(coalesce(administrations.kind, 'city_total') as text)     as administration_kind,
    rolling.avg_headcount < {{ var('hrwh_small_base_headcount') }}  as is_small_base,
    rolling.is_preliminary
from rolling
left join administrations
    on administrations.administration = rolling.administration
where rolling.series = 'city'
   or (
        administrations.administration is not null
        {%- if not restated %}
        and (administrations.valid_from is null or administrations.valid_from <= rolling.period_end)
        and (administrations.valid_to is null or administrations.valid_to >= rolling.window_start)
        {%- endif %}
   )
{%- endmacro %}
