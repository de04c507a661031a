{#
    Database comments as BI tools show them (Power BI, Metabase, DBeaver read pg_description):
    the Swedish label first, then the English description, e.g. "Avgångar — Exits in the year".
    The label is the node's or column's `meta.label_sv` in the models' YAML, the description its
    `description`: one place for each. dbt's own persist_docs writes the description alone; this
    replaces it for every node with persist_docs on (hrwh.publish copies the comments of the
    build's tables onto the published views in `marts`).
#}
{% macro hrwh_comment(node) -%}
    {%- set label = (node.meta or {}).get('label_sv') -%}
    {%- set description = (node.description or '') | trim -%}
    {{- return(label ~ ' — ' ~ description if label and description else label or description) -}}
{%- endmacro %}


{% macro postgres__persist_docs(relation, model, for_relation, for_columns) -%}
    {%- set relation_comment = hrwh_comment(model) -%}
    {% if for_relation and config.persist_relation_docs() and relation_comment %}
        {% do run_query(alter_relation_comment(relation, relation_comment)) %}
    {% endif %}
    {% if for_columns and config.persist_column_docs() and model.columns %}
        {%- set existing = adapter.get_columns_in_relation(relation)
            | map(attribute='name') | list -%}
        {%- set columns = {} -%}
        {%- for name, column in validate_doc_columns(relation, model.columns, existing).items() -%}
            {%- do columns.update({
                name: {'description': hrwh_comment(column), 'quote': column.get('quote')}
            }) -%}
        {%- endfor -%}
        {%- set comment_sql = alter_column_comment(relation, columns) -%}
        {% if comment_sql | trim %}
            {% do run_query(comment_sql) %}
        {% endif %}
    {% endif %}
{%- endmacro %}
