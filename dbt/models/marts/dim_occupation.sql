-- One row per job title seen in the payroll (or listed in the job_titles seed), with its
-- occupation group; titles outside the two turnover groups get 'Övriga befattningar'.
with job_titles as (
    select * from {{ ref('job_titles') }}
),

titles as (
    select distinct job_title
    from {{ ref('int_employment_months') }}
    where job_title is not null
    union
    select job_title from job_titles
)

select
    cast(titles.job_title as text)              as job_title,
    cast({{ occupation_group() }} as text)      as occupation_group,
    job_titles.job_title is not null            as is_turnover_occupation
from titles
left join job_titles
    on job_titles.job_title = titles.job_title
