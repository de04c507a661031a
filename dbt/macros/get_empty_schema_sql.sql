{#-
    Override of dbt's default__get_empty_schema_sql (dbt-core 1.11) for Postgres, without its
    warning about contract columns declared as plain `numeric`: the marts contract declares
    rates as `numeric`, and in Postgres an unconstrained numeric is exact (nothing is rounded),
    so the warning would only be noise in every nightly log. Everything else is as in dbt.
-#}
{% macro postgres__get_empty_schema_sql(columns) %}
    {%- set col_err = [] -%}
    select
    {% for i in columns %}
      {%- set col = columns[i] -%}
      {%- if col['data_type'] is not defined -%}
        {%- do col_err.append(col['name']) -%}
      {%- endif -%}
      {% set col_name = adapter.quote(col['name']) if col.get('quote') else col['name'] %}
      {{ cast('null', col['data_type']) }} as {{ col_name }}{{ ", " if not loop.last }}
    {%- endfor -%}
    {%- if (col_err | length) > 0 -%}
      {{ exceptions.column_type_missing(column_names=col_err) }}
    {%- endif -%}
{% endmacro %}
