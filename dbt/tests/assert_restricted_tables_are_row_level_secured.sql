-- Every table dbt builds in schema restricted has row-level security enabled and its one
-- policy for unit_manager (post-hooks restricted_unit_rls / own_login_rls), so a unit manager
-- can never read more than their own units, whatever is granted.
{%- set secured = [
    ref('fct_survey_answers'),
    ref('survey_unit_results'),
    ref('survey_unit_comments'),
    source('restricted', 'unit_manager_units'),
] %}
with expected as (
    {%- for relation in secured %}
    select '{{ relation.schema }}' as schema_name, '{{ relation.identifier }}' as table_name
    {{- " union all" if not loop.last }}
    {%- endfor %}
)

select
    expected.schema_name,
    expected.table_name,
    classes.relrowsecurity as row_security_enabled,
    (
        select count(*) from pg_policies as policies
        where policies.schemaname = expected.schema_name
          and policies.tablename = expected.table_name
          and policies.roles = cast(array['unit_manager'] as name [])
          and policies.cmd = 'SELECT'
    ) as unit_manager_policies
from expected
left join pg_namespace as namespaces
    on namespaces.nspname = expected.schema_name
left join pg_class as classes
    on classes.relnamespace = namespaces.oid
    and classes.relname = expected.table_name
where classes.oid is null
   or not classes.relrowsecurity
   or (
        select count(*) from pg_policies as policies
        where policies.schemaname = expected.schema_name
          and policies.tablename = expected.table_name
          and policies.roles = cast(array['unit_manager'] as name [])
          and policies.cmd = 'SELECT'
   ) <> 1
