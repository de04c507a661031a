-- One row per survey round x respondent: the respondent's latest submission (submitted_at;
-- load_id/line_no break a tie), so that a respondent who answered twice counts once. The
-- administration resolves to its short name via the administrations seed (a name not in the
-- seed is kept as written, kind 'other'); the occupation group is the job_titles seed's group
-- of the survey's Befattning (the survey writes the group names themselves). Individual level:
-- built in schema restricted.
with responses as (
    select * from {{ ref('stg_survey__responses') }}
),

administration_names as (
    {{ administration_names() }}
),

job_titles as (
    select * from {{ ref('job_titles') }}
),

ranked as (
    select
        responses.*,
        row_number() over (
            partition by survey_round, respondent_key
            order by submitted_at desc, load_id desc, line_no desc
        ) as submission_no,
        count(*) over (partition by survey_round, respondent_key) as submissions
    from responses
)

select
    ranked.survey_round,
    ranked.respondent_key,
    coalesce(names.administration, ranked.administration_name) as administration,
    coalesce(names.kind, 'other')                               as administration_kind,
    ranked.administration_name,
    ranked.unit,
    ranked.activity_area,
    coalesce(job_titles.occupation_group, ranked.job_title)     as occupation_group,
    ranked.answer_1,
    ranked.answer_2,
    ranked.answer_3,
    ranked.submitted_at,
    cast(ranked.submissions as integer)                         as submissions,
    ranked.load_id,
    ranked.line_no
from ranked
left join administration_names as names
    on names.name = ranked.administration_name
left join job_titles
    on job_titles.job_title = ranked.job_title
where ranked.submission_no = 1
