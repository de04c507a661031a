{#-
    Small numbers and persons (docs/marts-contract.md): the column names, as LIKE patterns, of
    the attributes that describe the employments counted in a cell beyond their number. They are
    sensitive where a cell is one or two persons (dormancy/leave, employment rate and FTE,
    salary, employment and pay form, agreement, exit path and exit reason) or single out a
    person (job title), so a marts table never has one of them beside a `unit` column
    (tests/assert_marts_unit_rows_carry_only_counts.sql); they are in schema hr for HR analysts.
-#}
{% macro hrwh_employment_attribute_columns() -%}
    {{ return([
        '%dormant%', '%vilande%',
        'fte', 'fte_%', '%_fte', '%employment_rate%', '%sysselsattning%',
        '%salary%', '%manadslon%',
        '%employment_form%', '%anstallningsform%', '%pay_form%', '%loneform%',
        '%agreement%', '%avtal%',
        '%exit_path%', '%exit_reason%', '%avgang%',
        'job_title', '%befattning%',
    ]) }}
{%- endmacro %}
