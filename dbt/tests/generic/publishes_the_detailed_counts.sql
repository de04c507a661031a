{#-
    A published yearly turnover (marts.rpt_turnover_yearly, rpt_turnover_yearly_restated) is its
    `detailed` table in schema hr (hr.rpt_turnover_yearly_detailed ...) with some reason splits
    hidden, nothing else: the same rows and headcounts; 'Alla avgångsorsaker' rows always shown as they
    are; a split row either shown as it is or suppressed with no number at all (exits, rate,
    interval), with its reason.
-#}
{% test publishes_the_detailed_counts(model, detailed) %}
with published as (
    select * from {{ model }}
),

detailed as (
    select * from {{ detailed }}
)

select
    coalesce(published.year, detailed.year) as year,
    coalesce(published.administration, detailed.administration) as administration,
    coalesce(published.occupation_group, detailed.occupation_group) as occupation_group,
    coalesce(published.exit_reason_group, detailed.exit_reason_group) as exit_reason_group,
    published.exits as published_exits,
    detailed.exits as detailed_exits,
    published.headcount as published_headcount,
    detailed.headcount as detailed_headcount,
    published.is_suppressed,
    published.suppression_reason
from published
full outer join detailed
    on detailed.year = published.year
    and detailed.administration = published.administration
    and detailed.occupation_group = published.occupation_group
    and detailed.exit_reason_group = published.exit_reason_group
where published.year is null
   or detailed.year is null
   or published.headcount is distinct from detailed.headcount
   or published.administration_kind is distinct from detailed.administration_kind
   or published.is_small_base is distinct from detailed.is_small_base
   or published.is_preliminary is distinct from detailed.is_preliminary
   or published.is_suppressed is distinct from (published.suppression_reason is not null)
   or (published.exit_reason_group = 'Alla avgångsorsaker' and published.is_suppressed)
   or (published.is_suppressed and (published.exits is not null
        or published.turnover_rate is not null
        or published.rate_ci_low is not null
        or published.rate_ci_high is not null))
   or (not published.is_suppressed and (published.exits is distinct from detailed.exits
        or published.turnover_rate is distinct from detailed.turnover_rate
        or published.rate_ci_low is distinct from detailed.rate_ci_low
        or published.rate_ci_high is distinct from detailed.rate_ci_high))
{% endtest %}
