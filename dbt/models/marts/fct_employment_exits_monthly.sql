{{
    config(
        indexes=[{'columns': ['month']}, {'columns': ['administration']}],
    )
}}
-- Exits per unit and occupation group by month of the last day: counts only, safe at any size
-- (docs/marts-contract.md, "Small numbers and persons"). Grain: month x administration x unit x
-- occupation group. An exit is an ended employment that left its administration (Slutat i
-- staden or Till annan förvaltning, the exits an administration counts); its path and reason
-- stay in hr.fct_employment_exits_monthly_detailed.
with detailed as (
    select * from {{ ref('fct_employment_exits_monthly_detailed') }}
)

select
    month,
    administration,
    unit,
    occupation_group,
    cast(sum(exits) as integer)                         as exits,
    cast(sum(exits_with_preliminary_path) as integer)   as exits_with_preliminary_path
from detailed
where {{ exit_leaves_administration('exit_path') }}
group by month, administration, unit, occupation_group
