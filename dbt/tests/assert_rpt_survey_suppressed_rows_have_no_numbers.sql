-- A suppressed survey group shows no number (respondents and all shares null), and a published
-- one shows all of them.
select *
from {{ ref('rpt_survey_results') }}
where (suppressed and (respondents is not null or share_positive is not null
                       or share_neutral is not null or share_negative is not null))
   or (not suppressed and (respondents is null or share_positive is null
                           or share_neutral is null or share_negative is null))
   or (suppressed <> (suppression_reason is not null))
