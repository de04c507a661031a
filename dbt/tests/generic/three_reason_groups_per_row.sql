{#-
    In a yearly turnover table, every year x administration x occupation group has exactly the three exit reason groups, with
    one headcount; an exit reason group never counts more exits than 'Alla avgångsorsaker'.
-#}
{% test three_reason_groups_per_row(model) %}
select
    year,
    administration,
    occupation_group,
    count(*) as reason_groups,
    count(distinct headcount) as headcounts
from {{ model }}
group by year, administration, occupation_group
having count(*) <> 3
    or count(distinct headcount) <> 1
    or max(exits) filter (where exit_reason_group <> 'Alla avgångsorsaker')
       > max(exits) filter (where exit_reason_group = 'Alla avgångsorsaker')
{% endtest %}
