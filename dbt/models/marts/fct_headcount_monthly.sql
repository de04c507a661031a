{{
    config(
        indexes=[{'columns': ['month']}, {'columns': ['administration']}],
    )
}}
-- Month-end headcount per unit and occupation group: counts only, safe at any size
-- (docs/marts-contract.md, "Small numbers and persons"). Grain: month x administration x unit x
-- occupation group. The employments and their counting convention are those of
-- hr.fct_headcount_monthly_detailed; its attributes (dormancy, FTE, forms, agreement, job
-- title) stay there.
with detailed as (
    select * from {{ ref('fct_headcount_monthly_detailed') }}
)

select
    month,
    month_end_date,
    administration,
    unit,
    occupation_group,
    cast(sum(headcount) as integer)     as headcount
from detailed
group by month, month_end_date, administration, unit, occupation_group
