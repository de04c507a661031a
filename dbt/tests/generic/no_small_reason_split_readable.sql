{#-
    No reason for leaving of fewer than hrwh_min_employments_per_cell employments can be read or
    worked out from a published yearly turnover (marts.rpt_turnover_yearly, and the same for
    rpt_turnover_yearly_restated; docs/marts-contract.md, "Small numbers and persons"), judged
    from the published table alone:
      * a shown reason split ('Egen begäran extern' / 'intern') rests on a cohort of at least N;
      * under a shown total, the children whose split is hidden (the districts under
        'Stadsdelar total'; 'Stadsdelar total', the specialist administrations and the rest of
        the city under 'Staden totalt') hold either no employment or at least N together, so
        that subtraction reveals nothing smaller.
-#}
{% test no_small_reason_split_readable(model) %}
{%- set n = var('hrwh_min_employments_per_cell') %}
with splits as (
    select *
    from {{ model }}
    where exit_reason_group <> 'Alla avgångsorsaker'
),

small_shown as (
    select year, administration, occupation_group, exit_reason_group,
           headcount, cast(null as bigint) as hidden_headcount
    from splits
    where exits is not null and headcount < {{ n }}
),

children as (
    select
        splits.*,
        {{ turnover_parent_total('administration_kind') }} as parent
    from splits
),

hidden as (
    select
        totals.year,
        totals.administration,
        totals.occupation_group,
        totals.exit_reason_group,
        totals.headcount,
        totals.headcount - coalesce(sum(children.headcount), 0) as hidden_headcount
    from splits as totals
    left join children
        on children.year = totals.year
        and children.occupation_group = totals.occupation_group
        and children.exit_reason_group = totals.exit_reason_group
        and children.parent = totals.administration
        and children.exits is not null
    where totals.administration in ('Stadsdelar total', 'Staden totalt')
      and totals.exits is not null
    group by totals.year, totals.administration, totals.occupation_group,
             totals.exit_reason_group, totals.headcount
)

select * from small_shown
union all
select * from hidden
where hidden_headcount > 0 and hidden_headcount < {{ n }}
{% endtest %}
