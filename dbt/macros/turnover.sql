{#-
    The population filter of the official yearly turnover method (domain.md, "Population"),
    applied to one employment-month row aliased `alias`: monthly paid, agreement 01, permanent,
    not dormant, in one of the three activity areas. The job-title condition (title in the
    job_titles seed) is an inner join done by the caller.
-#}
{% macro turnover_population_filter(alias) -%}
    {{ alias }}.pay_form = '{{ var("hrwh_turnover_pay_form") }}'
    and {{ alias }}.agreement_code = '{{ var("hrwh_turnover_agreement_code") }}'
    and {{ alias }}.employment_form = '{{ var("hrwh_turnover_employment_form") }}'
    and {{ alias }}.is_dormant = false
    and {{ alias }}.activity_area in (
        {%- for area in var("hrwh_turnover_activity_areas") %}
        '{{ area }}'{{ "," if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#-
    Bounds of the 95 % Wilson score interval for `successes` out of `trials` (both numeric
    expressions), clamped to [0, 1] and rounded to 4 decimals. bound is 'low' or 'high'.
    Guard trials = 0 in the caller (the interval is undefined there).
-#}
{% macro wilson_bound(successes, trials, bound, z=1.96) -%}
    {%- set n = "cast(" ~ trials ~ " as numeric)" -%}
    {%- set p = "(cast(" ~ successes ~ " as numeric) / nullif(" ~ n ~ ", 0))" -%}
    {%- set z2 = "(cast(" ~ z ~ " as numeric) * cast(" ~ z ~ " as numeric))" -%}
    round(
        {{ "greatest(0, " if bound == "low" else "least(1, " }}(
            {{ p }} + {{ z2 }} / (2 * {{ n }})
            {{ "-" if bound == "low" else "+" }} {{ z }} * sqrt(
                {{ p }} * (1 - {{ p }}) / {{ n }} + {{ z2 }} / (4 * {{ n }} * {{ n }})
            )
        ) / (1 + {{ z2 }} / {{ n }})),
        4
    )
{%- endmacro %}
