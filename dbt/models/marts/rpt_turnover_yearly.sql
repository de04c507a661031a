{{ config(materialized='table') }}
-- The official yearly turnover as published: hr.rpt_turnover_yearly_detailed, with the exit
-- reason split of small cohorts hidden (docs/marts-contract.md, "Small numbers and persons").
-- 'Alla avgångsorsaker' rows are exit counts: always shown. The split rows ('Egen begäran
-- extern', 'Egen begäran intern') say why people left: their exits, rate and interval are null
-- (is_suppressed) where they would rest on fewer than N = hrwh_min_employments_per_cell
-- employments. Decided per year x administration x occupation group, for both split rows
-- alike, on the true counts: every total is computed before anything is hidden.
--
--   small_cohort   the row's cohort (headcount) is below N.
--   complementary  the children of a total add up to it: the districts to 'Stadsdelar total';
--                  'Stadsdelar total', the specialist administrations and the rest of the
--                  city (administrations not reported, never shown) to 'Staden totalt'. When
--                  the hidden children of a shown total hold between 1 and N-1 employments
--                  together, subtraction would reveal their split: the smallest shown district
--                  or specialist administration (ties: first by name) is hidden too, or, when
--                  there is none, the split of 'Staden totalt' itself.
with detailed as (
    select * from {{ ref('rpt_turnover_yearly_detailed') }}
),

cohorts as (
    -- the three reason groups of a year x administration x occupation group share one cohort
    select distinct
        year,
        administration,
        administration_kind,
        occupation_group,
        headcount,
        headcount < {{ var('hrwh_min_employments_per_cell') }} as is_small_cohort,
        {{ turnover_parent_total('administration_kind') }} as parent
    from detailed
),

hidden_parts as (
    -- per shown total: the employments of its children not shown (the rest of the city
    -- included, as the city total's headcount counts it)
    select
        totals.year,
        totals.occupation_group,
        totals.administration as parent,
        totals.headcount - coalesce(sum(children.headcount), 0) as hidden_headcount
    from cohorts as totals
    left join cohorts as children
        on children.year = totals.year
        and children.occupation_group = totals.occupation_group
        and children.parent = totals.administration
        and not children.is_small_cohort
    where totals.administration_kind in ('district_total', 'city_total')
      and not totals.is_small_cohort
    group by totals.year, totals.occupation_group, totals.administration, totals.headcount
),

smallest_shown_children as (
    select distinct on (year, occupation_group, parent)
        year,
        occupation_group,
        parent,
        administration
    from cohorts
    where administration_kind in ('district', 'specialist')
      and not is_small_cohort
    order by year, occupation_group, parent, headcount, administration
),

complementary as (
    select
        hidden_parts.year,
        hidden_parts.occupation_group,
        coalesce(smallest_shown_children.administration, hidden_parts.parent) as administration
    from hidden_parts
    left join smallest_shown_children
        on smallest_shown_children.year = hidden_parts.year
        and smallest_shown_children.occupation_group = hidden_parts.occupation_group
        and smallest_shown_children.parent = hidden_parts.parent
    where hidden_parts.hidden_headcount > 0
      and hidden_parts.hidden_headcount < {{ var('hrwh_min_employments_per_cell') }}
),

suppression as (
    select
        cohorts.year,
        cohorts.administration,
        cohorts.occupation_group,
        case
            when cohorts.is_small_cohort then 'small_cohort'
            when complementary.administration is not null then 'complementary'
        end as suppression_reason
    from cohorts
    left join complementary
        on complementary.year = cohorts.year
        and complementary.occupation_group = cohorts.occupation_group
        and complementary.administration = cohorts.administration
),

published as (
    select
        detailed.*,
        case when detailed.exit_reason_group <> 'Alla avgångsorsaker'
            then suppression.suppression_reason end as suppression_reason
    from detailed
    inner join suppression
        on suppression.year = detailed.year
        and suppression.administration = detailed.administration
        and suppression.occupation_group = detailed.occupation_group
)

select
    year,
    administration,
    occupation_group,
    exit_reason_group,
    case when suppression_reason is null then exits end          as exits,
    headcount,
    case when suppression_reason is null then turnover_rate end  as turnover_rate,
    administration_kind,
    is_small_base,
    case when suppression_reason is null then rate_ci_low end    as rate_ci_low,
    case when suppression_reason is null then rate_ci_high end   as rate_ci_high,
    is_preliminary,
    suppression_reason is not null                               as is_suppressed,
    cast(suppression_reason as text)                             as suppression_reason
from published
