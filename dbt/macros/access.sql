{#-
    Access control, created by the project itself (README.md, "Who reads what").

    Three NOLOGIN group roles; people get LOGIN roles of their own that are members of one:
      bi_reader     usage on schema marts, select on every marts table; nothing else
      hr_analyst    what bi_reader has, plus hr (the detailed facts: attributes of small
                    groups), staging, intermediate and seeds (pseudonymized, employment level);
                    nothing in raw or restricted
      unit_manager  usage on schema restricted, select on survey_unit_results,
                    survey_unit_comments and unit_manager_units, row-level secured to the units
                    the login is mapped to in restricted.unit_manager_units

    Table privileges are the models' `grants` config (dbt_project.yml, model configs): dbt grants
    them inside the transaction that builds the table, so a rebuilt table never exists without
    them once committed. Row-level security is a post-hook (restricted_unit_rls) in the same
    transaction. Schema privileges, which survive rebuilds, are set at the start of every run.
-#}

{#- The reading roles and the schemas each may use (USAGE): vars in dbt_project.yml, which
    hrwh.catalog spells the same (tests/test_catalog.py). Every other combination, raw
    included, is revoked, so that a privilege granted by hand does not linger. -#}
{% macro hrwh_schema_readers() -%}
    {{ return(var('hrwh_schema_readers')) }}
{%- endmacro %}

{% macro hrwh_reader_roles() -%}
    {{ return(var('hrwh_reader_roles')) }}
{%- endmacro %}

{#-
    on-run-start: create the group roles if missing. Roles belong to the whole server (shared by
    every database on it), so this is idempotent and safe when several builds start at once: a
    role created by a concurrent build in between is not an error. Set the var
    hrwh_manage_roles to false where a DBA creates the roles; a missing role then fails here
    with a plain message instead of in the middle of the build.
-#}
{% macro hrwh_ensure_roles() -%}
do $hrwh$
declare
    role_name text;
    may_create boolean;
begin
    select rolsuper or rolcreaterole into may_create from pg_roles where rolname = current_user;
    foreach role_name in array array[
        {%- for role in hrwh_reader_roles() %}'{{ role }}'{{ ", " if not loop.last }}{% endfor -%}
    ] loop
        if not exists (select 1 from pg_roles where rolname = role_name) then
            if not {{ 'true' if var('hrwh_manage_roles', true) else 'false' }} or not may_create then
                raise exception 'role % is missing and this build may not create it: '
                    'create it (create role % nologin) or build as a role with CREATEROLE',
                    role_name, role_name;
            end if;
            begin
                execute format('create role %I nologin', role_name);
            exception when duplicate_object or unique_violation then
                null;  -- created by a concurrent build on the same server
            end;
        end if;
    end loop;
end
$hrwh$
{%- endmacro %}

{#-
    on-run-start (after the roles): schema privileges. PUBLIC gets nothing on the warehouse's
    schemas; each reading role gets USAGE exactly on its schemas (hrwh_schema_readers) and loses
    it on every other one. Schemas that do not exist yet are skipped: dbt creates the schemas of
    the selected models before this hook runs. Table privileges granted by hand where no
    reading role may have any are revoked too: every table in raw; in hr every table for the
    roles that may not use hr; and in restricted every table for bi_reader and hr_analyst and,
    for unit_manager, the tables dbt does not build (the ingestion's survey_comments and
    consultant_comments; unit_manager_units is granted by own_login_rls). The tables dbt builds
    carry their own grants (config) and are not touched here for their readers, so they are
    never without them.
-#}
{% macro hrwh_grant_schema_usage() -%}
{%- set dbt_restricted = [source('restricted', 'unit_manager_units').identifier] -%}
{%- if execute -%}
{%- for node in graph.nodes.values()
      if node.resource_type in ('model', 'seed') and node.schema == 'restricted' -%}
{%- do dbt_restricted.append(node.alias) -%}
{%- endfor -%}
{%- endif -%}
{%- set hr_outsiders = [] -%}
{%- for role in hrwh_reader_roles() if role not in hrwh_schema_readers()['hr'] -%}
{%- do hr_outsiders.append(role) -%}
{%- endfor -%}
do $hrwh$
declare
    relation record;
begin
{%- for schema, readers in hrwh_schema_readers().items() %}
    if exists (select 1 from pg_namespace where nspname = '{{ schema }}') then
        revoke all on schema {{ schema }} from public;
        {%- for role in hrwh_reader_roles() %}
        {%- if role in readers %}
        grant usage on schema {{ schema }} to {{ role }};
        {%- else %}
        revoke all on schema {{ schema }} from {{ role }};
        {%- endif %}
        {%- endfor %}
    end if;
{%- endfor %}
    for relation in
        select n.nspname, c.relname, n.nspname = 'restricted' and c.relname in (
            {%- for name in dbt_restricted %}'{{ name }}'{{ ", " }}{% endfor %}''
        ) as is_dbt_restricted
        from pg_class as c
        inner join pg_namespace as n on n.oid = c.relnamespace
        where n.nspname in ('raw', 'restricted', 'hr')
          and c.relkind in ('r', 'v', 'm', 'p', 'f')
          and exists (
              select 1 from aclexplode(c.relacl) as acl
              inner join pg_roles as r on r.oid = acl.grantee
              where r.rolname in ({% for role in hrwh_reader_roles() %}'{{ role }}'{{ ", " if not loop.last }}{% endfor %})
          )
    loop
        if relation.nspname = 'hr' then
            execute format('revoke all on %I.%I from {{ hr_outsiders | join(", ") }}', relation.nspname, relation.relname);
        elsif relation.is_dbt_restricted then
            execute format('revoke all on %I.%I from bi_reader, hr_analyst', relation.nspname, relation.relname);
        else
            execute format('revoke all on %I.%I from bi_reader, hr_analyst, unit_manager', relation.nspname, relation.relname);
        end if;
    end loop;
end
$hrwh$
{%- endmacro %}

{#-
    Post-hook of the tables in schema restricted: row-level security with one policy, for
    unit_manager, that shows a row only when the login is mapped to the row's administration and
    unit in restricted.unit_manager_units. Other roles get no rows even if granted (no policy
    for them); the owner (the role that builds) is exempt, so FORCE is not used. Runs inside the
    model's transaction, right after the rebuilt table has taken its name. The policy reads
    restricted.unit_manager_units (kept by `hrwh login`; created with the raw schema).
-#}
{% macro restricted_unit_rls(relation) -%}
    {%- set row = adapter.quote(relation.identifier) -%}
    alter table {{ relation }} enable row level security;
    drop policy if exists unit_manager_own_units on {{ relation }};
    create policy unit_manager_own_units on {{ relation }}
        as permissive for select to unit_manager
        using (exists (
            select 1 from {{ source('restricted', 'unit_manager_units') }} as m
            where m.login = current_user
              and m.administration = {{ row }}.administration
              and m.unit = {{ row }}.unit
        ))
{%- endmacro %}

{#- on-run-start, for restricted.unit_manager_units (kept by `hrwh login`): unit_manager reads
    it, and a login sees only its own mapping rows. -#}
{% macro own_login_rls(relation) -%}
    grant select on {{ relation }} to unit_manager;
    alter table {{ relation }} enable row level security;
    drop policy if exists unit_manager_own_login on {{ relation }};
    create policy unit_manager_own_login on {{ relation }}
        as permissive for select to unit_manager
        using (login = current_user)
{%- endmacro %}
