{#
    A ratio as BI shows it: rounded to `var('hrwh_ratio_decimals')` decimals (4: a fraction to
    0.01 %), with the exact counts it comes from in the columns beside it. Computed from the
    counts in one step, so rounding never compounds; null when the denominator is 0.
    `scale` turns a fraction into e.g. a number per 100 (then two decimals fewer).
#}
{% macro rounded_ratio(numerator, denominator, scale=1) -%}
    {%- set decimals = var('hrwh_ratio_decimals') - (scale | string | length - 1) -%}
    round(
        {{ scale }} * cast({{ numerator }} as numeric) / nullif({{ denominator }}, 0),
        {{ decimals }}
    )
{%- endmacro %}


{#- An already computed ratio (e.g. a sum of exits over a sum of average headcounts), rounded. -#}
{% macro rounded(expression) -%}
    round({{ expression }}, {{ var('hrwh_ratio_decimals') }})
{%- endmacro %}
