{#-
    The occupation group of a job title, from a left join of the job_titles seed aliased
    `job_titles`: the seed's group (Biståndshandläggare, Socialsekreterare), or 'Övriga
    befattningar' for every other title (and a missing one).
-#}
{% macro occupation_group(job_titles='job_titles') -%}
    coalesce({{ job_titles }}.occupation_group, 'Övriga befattningar')
{%- endmacro %}
