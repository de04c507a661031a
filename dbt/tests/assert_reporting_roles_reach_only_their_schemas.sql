-- depends_on: {{ ref('rpt_survey_results') }}
-- depends_on: {{ ref('rpt_consultants') }}
-- depends_on: {{ ref('survey_unit_results') }}
-- depends_on: {{ ref('survey_unit_comments') }}
-- depends_on: {{ ref('fct_headcount_monthly_detailed') }}
-- The access matrix (macros/access.sql): each reading role has USAGE on exactly its schemas;
-- bi_reader and hr_analyst can select every marts table; only hr_analyst can select the tables
-- in hr; unit_manager can select exactly
-- survey_unit_results, survey_unit_comments and unit_manager_units in restricted and nothing
-- else there; and no reading role can select any table in raw or restricted beyond that.
-- In `marts` only the published views of the project's marts are checked: views users saved
-- there beside them are theirs to grant.
{%- set published = [] %}
{%- if execute %}
{%- for node in graph.nodes.values()
      if node.resource_type == 'model' and node.schema == var('hrwh_marts_schema') %}
{%- do published.append(node.alias) %}
{%- endfor %}
{%- endif %}
{%- set usage = [] %}
{%- for schema, roles in hrwh_schema_readers().items() %}
{%- for role in hrwh_reader_roles() %}
{%- do usage.append((role, schema, role in roles)) %}
{%- endfor %}
{%- endfor %}
with schema_usage as (
    {%- for role, schema, expected in usage %}
    select
        '{{ role }}' as role_name,
        '{{ schema }}' as schema_name,
        -- a schema not there yet (marts before the first publish) has no privileges to check
        {{ 'true' if expected else 'false' }}
            and exists (select 1 from pg_namespace where nspname = '{{ schema }}') as expected,
        exists (select 1 from pg_namespace where nspname = '{{ schema }}')
            and has_schema_privilege('{{ role }}', '{{ schema }}', 'USAGE') as actual
    {{- " union all" if not loop.last }}
    {%- endfor %}
),

tables as (
    select n.nspname as schema_name, c.relname as table_name, c.oid
    from pg_class as c
    inner join pg_namespace as n on n.oid = c.relnamespace
    where n.nspname in ('marts', '{{ var("hrwh_marts_schema") }}', 'hr', 'restricted', 'raw')
      and c.relkind in ('r', 'v', 'm', 'p')
      and c.relname not like '%__dbt_%'
      and (
          n.nspname <> 'marts'
          or c.relname in (
              {%- for name in published %}
              '{{ name }}',
              {%- endfor %}
              ''
          )
      )
),

roles as (
    {%- for role in hrwh_reader_roles() %}
    select '{{ role }}' as role_name{{ " union all" if not loop.last }}
    {%- endfor %}
),

table_select as (
    select
        roles.role_name,
        tables.schema_name,
        tables.table_name,
        case
            when tables.schema_name in ('marts', '{{ var("hrwh_marts_schema") }}')
                then roles.role_name in ('bi_reader', 'hr_analyst')
            when tables.schema_name = 'hr' then roles.role_name = 'hr_analyst'
            when tables.schema_name = 'restricted' then roles.role_name = 'unit_manager'
                and tables.table_name in (
                    'survey_unit_results', 'survey_unit_comments', 'unit_manager_units'
                )
            else false
        end as expected,
        has_table_privilege(roles.role_name, tables.oid, 'SELECT') as actual
    from roles
    cross join tables
)

select role_name, schema_name, null as table_name, expected, actual
from schema_usage
where expected <> actual
union all
select role_name, schema_name, table_name, expected, actual
from table_select
where expected <> actual
