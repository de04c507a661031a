{#-
    Every name an administration goes by in the sources, with its short name and kind, from the
    administrations seed: the full name (as the payroll writes it) and the short name (as the
    managers and the survey tool often do). A select for a CTE; join it on `name`. A name not
    in the seed is the caller's to keep (as written, kind 'other').
-#}
{% macro administration_names() -%}
    select full_name as name, administration, kind from {{ ref('administrations') }}
    union
    select administration as name, administration, kind from {{ ref('administrations') }}
{%- endmacro %}
