-- depends_on: {{ ref('fct_headcount_monthly') }}
-- depends_on: {{ ref('fct_employment_exits_monthly') }}
-- depends_on: {{ ref('fct_consultants') }}
-- At unit level the marts carry counts only (docs/marts-contract.md, "Small numbers and
-- persons"): no model of the marts folder and no table of the marts schema has a `unit` column
-- beside an attribute of the employments it counts (macros/privacy.sql), which would tell
-- e.g. a unit's one employee's dormancy or exit reason. Both the models' declared columns
-- (contracts are enforced) and the columns of the built tables are checked.
{%- set declared = [] %}
{%- if execute %}
{%- for node in graph.nodes.values()
      if node.resource_type == 'model' and node.fqn[1] == 'marts' %}
{%- for column in node.columns %}
{%- do declared.append((node.name, column)) %}
{%- endfor %}
{%- endfor %}
{%- endif %}
{%- set is_attribute -%}
    column_name like any (array[
        {%- for pattern in hrwh_employment_attribute_columns() %}
        '{{ pattern }}'{{ "," if not loop.last }}
        {%- endfor %}
    ])
{%- endset %}
with declared (table_name, column_name) as (
    select cast(null as text), cast(null as text)
    {%- for table_name, column_name in declared %}
    union all
    select '{{ table_name }}', '{{ column_name }}'
    {%- endfor %}
),

built as (
    select cast(table_name as text), cast(column_name as text)
    from information_schema.columns
    where table_schema = '{{ var("hrwh_marts_schema") }}'
),

marts_columns as (
    select * from declared where table_name is not null
    union
    select * from built
)

select
    table_name,
    string_agg(column_name, ', ' order by column_name) filter (where {{ is_attribute }})
        as employment_attribute_columns
from marts_columns
group by table_name
having bool_or(column_name = 'unit') and bool_or({{ is_attribute }})
