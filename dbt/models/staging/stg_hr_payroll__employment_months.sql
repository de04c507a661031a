-- One row per employment and payroll month, as delivered: English names and types only.
with source as (
    select * from {{ source('raw', 'hr_payroll') }}
)

select
    cast(period || '-01' as date)               as period_month,
    anstallnings_id                             as employment_id,
    person_key,
    forvaltning                                 as administration_full_name,
    enhet                                       as unit,
    verksamhetsomrade                           as activity_area,
    befattning                                  as job_title,
    anstallningsform                            as employment_form,
    loneform                                    as pay_form,
    avtal                                       as agreement_code,
    case vilande when 'J' then true when 'N' then false end as is_dormant,
    cast(sysselsattningsgrad as numeric)        as employment_rate_pct,
    cast(manadslon as numeric)                  as monthly_salary_sek,
    cast(anstalld_from as date)                 as employed_from,
    cast(anstalld_tom as date)                  as employed_to,
    avgangsorsak                                as exit_reason,
    load_id,
    line_no
from source
