-- One row per administration: the seed's districts and specialist administrations, plus
-- every other administration seen in the payroll (kind 'other', named by its full name).
-- current_administration follows merged_into chains to today's district
-- (int_administration_lineage).
with seed as (
    select * from {{ ref('administrations') }}
),

current_names as (
    select administration, carried_on_by as current_administration
    from {{ ref('int_administration_lineage') }}
    where is_current
),

seen_elsewhere as (
    select distinct administration
    from {{ ref('int_employment_months') }}
    where administration_kind = 'other'
),

all_administrations as (
    select
        seed.administration,
        seed.full_name,
        seed.kind,
        seed.valid_from,
        seed.valid_to,
        seed.merged_into,
        current_names.current_administration,
        seed.report_order
    from seed
    inner join current_names
        on current_names.administration = seed.administration
    union all
    select
        administration,
        administration              as full_name,
        'other'                     as kind,
        cast(null as date)          as valid_from,
        cast(null as date)          as valid_to,
        cast(null as text)          as merged_into,
        administration              as current_administration,
        cast(null as integer)       as report_order
    from seen_elsewhere
)

select
    cast(administration as text)          as administration,
    cast(full_name as text)               as full_name,
    cast(kind as text)                    as kind,
    cast(case kind
        when 'district' then 'Stadsdelsförvaltning'
        when 'specialist' then 'Fackförvaltning'
        else 'Övrig förvaltning'
    end as text)                          as kind_sv,
    valid_from,
    valid_to,
    cast(merged_into as text)             as merged_into,
    cast(current_administration as text)  as current_administration,
    valid_to is null                      as is_current,
    kind in ('district', 'specialist')    as is_in_turnover_report,
    cast(report_order as integer)         as report_order
from all_administrations
