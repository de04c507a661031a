{#-
    Fails for every row where the SQL boolean expression is not true (false or null).
    Used on a model, or on a column: then the expression may refer to the column by name.
-#}
{% test expression_is_true(model, expression, column_name=none) %}
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false)
{% endtest %}
