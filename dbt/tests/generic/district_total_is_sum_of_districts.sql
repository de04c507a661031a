{#-
    'Stadsdelar total' of a detailed yearly turnover (hr.rpt_turnover_yearly_detailed, and the
    restated one over today's districts) must equal the sum of the district rows, for every
    year, occupation group and exit reason group (the published tables satisfy this too). On
    the true counts: the marts hide some reason splits, and publishes_the_detailed_counts checks
    that what they show is these.
-#}
{% test district_total_is_sum_of_districts(model) %}
with rpt as (
    select * from {{ model }}
),

district_sums as (
    select year, occupation_group, exit_reason_group,
           sum(exits) as exits, sum(headcount) as headcount
    from rpt
    where administration_kind = 'district'
    group by year, occupation_group, exit_reason_group
),

totals as (
    select year, occupation_group, exit_reason_group, exits, headcount
    from rpt
    where administration = 'Stadsdelar total'
)

select
    coalesce(totals.year, district_sums.year) as year,
    coalesce(totals.occupation_group, district_sums.occupation_group) as occupation_group,
    coalesce(totals.exit_reason_group, district_sums.exit_reason_group) as exit_reason_group,
    totals.exits as total_exits,
    district_sums.exits as sum_of_district_exits,
    totals.headcount as total_headcount,
    district_sums.headcount as sum_of_district_headcounts
from totals
full outer join district_sums
    on district_sums.year = totals.year
    and district_sums.occupation_group = totals.occupation_group
    and district_sums.exit_reason_group = totals.exit_reason_group
where totals.exits is distinct from district_sums.exits
   or totals.headcount is distinct from district_sums.headcount
{% endtest %}
