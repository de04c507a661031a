{#-
    The employment terms of the turnover populations, applied to one employment-month row
    aliased `alias`: monthly paid, agreement 01, permanent, not dormant. On its own it is the
    rolling method's `Alla befattningar` population (any title, any activity area).
-#}
{% macro turnover_employment_filter(alias) -%}
    {{ alias }}.pay_form = '{{ var("hrwh_turnover_pay_form") }}'
    and {{ alias }}.agreement_code = '{{ var("hrwh_turnover_agreement_code") }}'
    and {{ alias }}.employment_form = '{{ var("hrwh_turnover_employment_form") }}'
    and {{ alias }}.is_dormant = false
{%- endmacro %}

{#- True when the activity area expression is one of the three areas of the turnover method. -#}
{% macro in_turnover_activity_areas(activity_area) -%}
    {{ activity_area }} in (
        {%- for area in var("hrwh_turnover_activity_areas") %}
        '{{ area }}'{{ "," if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#-
    The population filter of the official yearly turnover method (docs/definitions.md, "Population"),
    applied to one employment-month row aliased `alias`: monthly paid, agreement 01, permanent,
    not dormant, in one of the three activity areas. The job-title condition (title in the
    job_titles seed) is an inner join done by the caller.
-#}
{% macro turnover_population_filter(alias) -%}
    {{ turnover_employment_filter(alias) }}
    and {{ in_turnover_activity_areas(alias ~ '.activity_area') }}
{%- endmacro %}

{#-
    True when an ended employment's exit path (avgångsväg, int_employment_exit_paths) takes it
    out of its administration: Slutat i staden or Till annan förvaltning. These are the exits
    an administration counts; Inom förvaltning is a move within it, never an exit.
-#}
{% macro exit_leaves_administration(exit_path) -%}
    {{ exit_path }} in ('Slutat i staden', 'Till annan förvaltning')
{%- endmacro %}

{#-
    The total row of rpt_turnover_yearly that a row adds up into, from its administration_kind:
    a district's into 'Stadsdelar total'; 'Stadsdelar total' and a specialist administration's
    (with the rest of the city, which has no row) into 'Staden totalt'; null for Staden totalt.
    The hierarchy along which suppressed reason splits must not be worked out by subtraction.
-#}
{% macro turnover_parent_total(administration_kind) -%}
    case
        when {{ administration_kind }} = 'district' then 'Stadsdelar total'
        when {{ administration_kind }} in ('district_total', 'specialist') then 'Staden totalt'
    end
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

{#-
    The employments in the population of the official yearly method on given days: one row per
    row of `days` (a CTE or relation with a date column `day_column`; all its columns are kept)
    and employment whose payroll row of that day's month passes turnover_population_filter and
    has a job title of the job_titles seed, and that by its authoritative dates (int_employments,
    latest month) is employed on the day: started on or before it and not ended before it.
    On the day's own boundary: with include_last_day=false (the yearly cohort on 31 December)
    an employment whose last day is the day itself is not counted (it is an exit of that year);
    with include_last_day=true (a measurement day) it is, since it works that day.
    Attributes (administration, unit, title ...) are those of the month's row; employed_from,
    employed_to and exit_reason are the authoritative ones. Shared by int_turnover_cohorts and
    rpt_consultant_ratio so that both count the same population.
-#}
{% macro turnover_population_on_days(days, day_column, include_last_day=false) -%}
    select
        {{ days }}.*,
        months.period_month,
        months.employment_id,
        months.person_key,
        months.administration,
        months.administration_kind,
        months.current_administration,
        months.unit,
        months.activity_area,
        months.job_title,
        job_titles.occupation_group,
        employments.employed_from,
        employments.employed_to,
        employments.exit_reason
    from {{ days }}
    inner join {{ ref('int_employment_months') }} as months
        on months.period_month = {{ first_day_of_month(days ~ '.' ~ day_column) }}
    inner join {{ ref('job_titles') }} as job_titles
        on job_titles.job_title = months.job_title
    inner join {{ ref('int_employments') }} as employments
        on employments.employment_id = months.employment_id
    where {{ turnover_population_filter('months') }}
      and employments.employed_from <= {{ days }}.{{ day_column }}
      and (
        employments.employed_to is null
        or employments.employed_to {{ '>=' if include_last_day else '>' }} {{ days }}.{{ day_column }}
      )
{%- endmacro %}
