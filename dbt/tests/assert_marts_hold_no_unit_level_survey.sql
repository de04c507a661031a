-- depends_on: {{ ref('rpt_survey_results') }}
-- Survey results at unit level belong to schema restricted only: no marts table may carry a
-- survey column (statement, answer, share, respondents) together with a unit column.
select table_name
from information_schema.columns
where table_schema = '{{ var("hrwh_marts_schema") }}'
group by table_name
having bool_or(column_name = 'unit')
   and bool_or(column_name in ('statement_no', 'answer_sv', 'respondents', 'sentiment')
               or column_name like 'share\_%')
