{#-
    The official yearly turnover, as it was and restated on today's administrations: the two
    models of each series (hr.*_detailed, marts.*) are these macros with one argument, so that
    both series apply exactly the same method (docs/definitions.md, "District mergers").
-#}

{#-
    The yearly turnover with every exit reason group shown (hr.rpt_turnover_yearly_detailed,
    and with restated=true hr.rpt_turnover_yearly_restated_detailed). One row per year x
    administration x occupation group x exit reason group.

    Rows: every year of the cohorts x every district/specialist administration valid on
    31 December Y-1 (seed valid_from/valid_to) x occupation group that administration has a
    cohort member of in at least one year (zero-filled); 'Stadsdelar total' = the sum of the
    district rows; 'Staden totalt' = every cohort employment of the city, any administration,
    counting only exits that left the city.

    restated=true: every cohort employment counts in today's administration (current_
    administration of int_turnover_cohorts) and an exit counts for it when it left today's
    administration (exit_path_restated); the rows are every year x today's administrations (no
    valid_to). 'Staden totalt' is the same in both series: a merger changes no exit from the city.
-#}
{% macro turnover_yearly_detailed(restated=false) -%}
with cohorts as (
    select
        year,
        employment_id,
        occupation_group,
        exited_in_year,
        exit_reason,
        counts_for_city,
        is_exit_path_final,
        {%- if restated %}
        current_administration              as administration,
        exit_path_restated                  as exit_path,
        counts_for_current_administration   as counts_for_administration
        {%- else %}
        administration,
        exit_path,
        counts_for_administration
        {%- endif %}
    from {{ ref('int_turnover_cohorts') }}
),

administrations as (
    select * from {{ ref('administrations') }}
    where kind in ('district', 'specialist')
),

years as (
    select
        year,
        make_date(year - 1, 12, 31) as cohort_date,
        bool_or(not is_exit_path_final) as is_preliminary
    from cohorts
    group by year
),

administration_groups as (
    select distinct administration, occupation_group
    from cohorts
),

administration_grid as (
    select
        years.year,
        administrations.administration,
        administrations.kind as administration_kind,
        administration_groups.occupation_group
    from years
    inner join administrations
        {%- if restated %}
        -- today's administrations, for every year
        on administrations.valid_to is null
        {%- else %}
        on (administrations.valid_from is null or administrations.valid_from <= years.cohort_date)
        and (administrations.valid_to is null or administrations.valid_to >= years.cohort_date)
        {%- endif %}
    inner join administration_groups
        on administration_groups.administration = administrations.administration
),

administration_counts as (
    select
        year,
        administration,
        occupation_group,
        count(*) as headcount,
        count(*) filter (where counts_for_administration) as exits_all,
        count(*) filter (
            where exited_in_year and exit_reason = 'Egen begäran' and exit_path = 'Slutat i staden'
        ) as exits_own_external,
        count(*) filter (
            where exited_in_year and exit_reason = 'Egen begäran'
              and exit_path = 'Till annan förvaltning'
        ) as exits_own_internal
    from cohorts
    group by year, administration, occupation_group
),

administration_rows as (
    select
        grid.year,
        grid.administration,
        grid.administration_kind,
        grid.occupation_group,
        coalesce(counts.headcount, 0)          as headcount,
        coalesce(counts.exits_all, 0)          as exits_all,
        coalesce(counts.exits_own_external, 0) as exits_own_external,
        coalesce(counts.exits_own_internal, 0) as exits_own_internal
    from administration_grid as grid
    left join administration_counts as counts
        on counts.year = grid.year
        and counts.administration = grid.administration
        and counts.occupation_group = grid.occupation_group
),

district_total_rows as (
    select
        year,
        'Stadsdelar total'      as administration,
        'district_total'        as administration_kind,
        occupation_group,
        sum(headcount)          as headcount,
        sum(exits_all)          as exits_all,
        sum(exits_own_external) as exits_own_external,
        sum(exits_own_internal) as exits_own_internal
    from administration_rows
    where administration_kind = 'district'
    group by year, occupation_group
),

city_groups as (
    select distinct occupation_group from cohorts
),

city_counts as (
    select
        year,
        occupation_group,
        count(*) as headcount,
        count(*) filter (where counts_for_city) as exits_all,
        count(*) filter (where counts_for_city and exit_reason = 'Egen begäran')
            as exits_own_external
    from cohorts
    group by year, occupation_group
),

city_rows as (
    select
        years.year,
        'Staden totalt'                        as administration,
        'city_total'                           as administration_kind,
        city_groups.occupation_group,
        coalesce(city_counts.headcount, 0)     as headcount,
        coalesce(city_counts.exits_all, 0)     as exits_all,
        coalesce(city_counts.exits_own_external, 0) as exits_own_external,
        -- moves to another administration stay in the city: never a city exit
        0                                      as exits_own_internal
    from years
    cross join city_groups
    left join city_counts
        on city_counts.year = years.year
        and city_counts.occupation_group = city_groups.occupation_group
),

all_rows as (
    select * from administration_rows
    union all
    select * from district_total_rows
    union all
    select * from city_rows
),

by_reason_group as (
    select year, administration, administration_kind, occupation_group, headcount,
           'Alla avgångsorsaker' as exit_reason_group, exits_all as exits
    from all_rows
    union all
    select year, administration, administration_kind, occupation_group, headcount,
           'Egen begäran extern' as exit_reason_group, exits_own_external as exits
    from all_rows
    union all
    select year, administration, administration_kind, occupation_group, headcount,
           'Egen begäran intern' as exit_reason_group, exits_own_internal as exits
    from all_rows
)

select
    cast(r.year as integer)                  as year,
    cast(r.administration as text)           as administration,
    cast(r.occupation_group as text)         as occupation_group,
    cast(r.exit_reason_group as text)        as exit_reason_group,
    cast(r.exits as integer)                 as exits,
    cast(r.headcount as integer)             as headcount,
    {{ rounded_ratio('r.exits', 'r.headcount') }} as turnover_rate,
    cast(r.administration_kind as text)      as administration_kind,
    r.headcount < {{ var('hrwh_small_base_headcount') }} as is_small_base,
    case when r.headcount > 0 then
        {{ wilson_bound('r.exits', 'r.headcount', 'low') }}
    end                                      as rate_ci_low,
    case when r.headcount > 0 then
        {{ wilson_bound('r.exits', 'r.headcount', 'high') }}
    end                                      as rate_ci_high,
    years.is_preliminary
from by_reason_group as r
inner join years
    on years.year = r.year
{%- endmacro %}

{#-
    The yearly turnover as published in marts (rpt_turnover_yearly, rpt_turnover_yearly_
    restated): the `detailed` model (its name) with the exit reason split of small cohorts
    hidden (docs/marts-contract.md, "Small numbers and persons").

    'Alla avgångsorsaker' rows are exit counts: always shown. The split rows ('Egen begäran
    extern', 'Egen begäran intern') say why people left: their exits, rate and interval are null
    (is_suppressed) where they would rest on fewer than N = hrwh_min_employments_per_cell
    employments. Decided per year x administration x occupation group, for both split rows
    alike, on the true counts: every total is computed before anything is hidden.

      small_cohort   the row's cohort (headcount) is below N.
      complementary  the children of a total add up to it: the districts to 'Stadsdelar total';
                     'Stadsdelar total', the specialist administrations and the rest of the
                     city (administrations not reported, never shown) to 'Staden totalt'. When
                     the hidden children of a shown total hold between 1 and N-1 employments
                     together, subtraction would reveal their split: the smallest shown district
                     or specialist administration (ties: first by name) is hidden too, or, when
                     there is none, the split of 'Staden totalt' itself.
-#}
{% macro turnover_yearly_published(detailed) -%}
with detailed as (
    select * from {{ ref(detailed) }}
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
{%- endmacro %}
