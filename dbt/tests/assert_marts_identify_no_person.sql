-- Nothing in the marts schema may identify a person (docs/marts-contract.md): no person keys,
-- employment ids, identity numbers, names, e-mail addresses or free-text comments.
select table_name, column_name
from information_schema.columns
where table_schema = '{{ var("hrwh_marts_schema") }}'
  and (
        column_name in (
            'person_key', 'employment_id', 'anstallnings_id', 'successor_employment_id',
            'personnummer', 'name', 'namn', 'first_name', 'last_name',
            'email', 'epost', 'e_post', 'reported_by', 'respondent_id'
        )
        or column_name like '%person%'
        or column_name like '%mail%'
        or column_name like '%comment%'
        or column_name like '%kommentar%'
  )
