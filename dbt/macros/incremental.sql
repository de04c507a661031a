{#-
    Incremental nights (docs/architecture.md, "Incremental nights"): the incremental models keep
    their state in schemas of their own between builds and take only the loads after the last
    published build's (var hrwh_loads_built_up_to). These macros say once what "changed since
    then" means, for every model that needs it.
-#}

{#- The payroll months this build took: new months and re-delivered ones. -#}
{% macro months_taken_this_build() -%}
    select distinct period_month
    from {{ ref('int_employment_months') }}
    where load_id > {{ var('hrwh_loads_built_up_to') }}
{%- endmacro %}

{#-
    The payroll months to compute again: those taken this build, and every month of an
    employment whose authoritative dates or exit reason (its latest month's) changed this build,
    since which months count it depends on them.
-#}
{% macro months_to_rebuild() -%}
    {{ months_taken_this_build() }}
    union
    select distinct months.period_month
    from {{ ref('int_employment_months') }} as months
    inner join {{ ref('int_employments') }} as employments
        on employments.employment_id = months.employment_id
    where employments.dates_changed_after_load_id >= {{ var('hrwh_loads_built_up_to') }}
{%- endmacro %}

{#-
    Pre-hook of a month-grain model built by appending: its months to rebuild go first (also
    those that come out empty now, which a delete+insert by key would leave behind).
-#}
{% macro delete_months_to_rebuild(relation, month_column) -%}
    delete from {{ relation }}
    where {{ month_column }} in ({{ months_to_rebuild() }})
{%- endmacro %}

{#-
    Post-hook of int_employments: an employment whose latest delivered row was in a delivery
    that a re-delivery replaced, and that the re-delivery no longer holds in any month, is gone.
-#}
{% macro drop_employments_no_longer_delivered(relation) -%}
    delete from {{ relation }} as employment
    where not exists (
        select 1
        from {{ source('raw', 'load_ledger') }} as ledger
        where ledger.load_id = employment.last_load_id
          and ledger.status = 'loaded'
    )
{%- endmacro %}
