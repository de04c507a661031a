{{ config(materialized='table') }}
-- The staff survey's results, one row per survey_round x statement_no x breakdown x
-- breakdown_value: 'Staden' ('Staden totalt'), 'Förvaltning' (administration short names) and
-- 'Verksamhetsområde' (the survey's activity areas). See docs/marts-contract.md and the yml.
--
-- Suppression, so that no individual can be made out above the unit manager's level:
--   1. primary: a group with fewer than hrwh_survey_min_respondents (5) respondents;
--   2. complementary: the Förvaltning rows of a round x statement partition the Staden total,
--      and so do its Verksamhetsområde rows. When exactly one sibling is suppressed it could be
--      worked out by subtracting the others from the total, so the smallest unsuppressed sibling
--      (ties: the first by name) is suppressed too. Two suppressed siblings reveal only their sum.
-- A suppressed row keeps its keys; respondents and shares are null.
with answers as (
    select * from {{ ref('int_survey_answers') }}
),

statements as (
    select * from {{ ref('survey_statements') }}
),

grouped as (
    select
        survey_round,
        statement_no,
        'Staden'            as breakdown,
        'Staden totalt'     as breakdown_value,
        count(*)            as respondents,
        count(*) filter (where sentiment = 'positive') as positive,
        count(*) filter (where sentiment = 'neutral')  as neutral,
        count(*) filter (where sentiment = 'negative') as negative
    from answers
    group by survey_round, statement_no
    union all
    select
        survey_round,
        statement_no,
        'Förvaltning',
        administration,
        count(*),
        count(*) filter (where sentiment = 'positive'),
        count(*) filter (where sentiment = 'neutral'),
        count(*) filter (where sentiment = 'negative')
    from answers
    group by survey_round, statement_no, administration
    union all
    select
        survey_round,
        statement_no,
        'Verksamhetsområde',
        activity_area,
        count(*),
        count(*) filter (where sentiment = 'positive'),
        count(*) filter (where sentiment = 'neutral'),
        count(*) filter (where sentiment = 'negative')
    from answers
    group by survey_round, statement_no, activity_area
),

primary_suppression as (
    select
        grouped.*,
        grouped.respondents < {{ var('hrwh_survey_min_respondents') }} as is_small_group
    from grouped
),

siblings as (
    select
        primary_suppression.*,
        count(*) filter (where is_small_group) over same_total as small_siblings,
        -- 1 for the smallest sibling that is not itself small (unsuppressed rows sort first)
        row_number() over (same_total order by is_small_group, respondents, breakdown_value)
            as size_rank
    from primary_suppression
    window same_total as (partition by survey_round, statement_no, breakdown)
),

suppression as (
    select
        siblings.*,
        case
            when is_small_group then 'small_group'
            when breakdown <> 'Staden' and small_siblings = 1 and size_rank = 1 then 'complementary'
        end as suppression_reason
    from siblings
)

select
    cast(s.survey_round as text)                as survey_round,
    cast(s.statement_no as integer)             as statement_no,
    cast(s.breakdown as text)                   as breakdown,
    cast(s.breakdown_value as text)             as breakdown_value,
    cast(case when s.suppression_reason is null then s.respondents end as integer)
                                                as respondents,
    case when s.suppression_reason is null
        then {{ rounded_ratio('s.positive', 's.respondents') }} end as share_positive,
    case when s.suppression_reason is null
        then {{ rounded_ratio('s.neutral', 's.respondents') }} end  as share_neutral,
    case when s.suppression_reason is null
        then {{ rounded_ratio('s.negative', 's.respondents') }} end as share_negative,
    s.suppression_reason is not null            as suppressed,
    cast(s.suppression_reason as text)          as suppression_reason,
    cast(statements.statement_sv as text)       as statement_sv
from suppression as s
left join statements
    on statements.statement_no = s.statement_no
