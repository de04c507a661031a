{#- Last day of the month of a date expression, as a date (portable across Postgres 15-18). -#}
{% macro last_day_of_month(date_expr) -%}
    cast(date_trunc('month', {{ date_expr }}) + interval '1 month' - interval '1 day' as date)
{%- endmacro %}

{#- First day of the month of a date expression, as a date. -#}
{% macro first_day_of_month(date_expr) -%}
    cast(date_trunc('month', {{ date_expr }}) as date)
{%- endmacro %}
