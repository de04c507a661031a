{#-
    Every row must come from a live delivery of its own period: a ledger row of `source_name`
    with status 'loaded' whose period (as the file name gives it) equals `period_expression`
    computed on the row. Rows of a superseded or rejected file left behind in raw would otherwise
    count twice. The model needs the columns load_id and line_no.
-#}
{% test comes_from_live_loads(model, source_name, period_expression) %}
with delivered as (
    select
        load_id,
        line_no,
        {{ period_expression }} as delivered_period
    from {{ model }}
),

ledger as (
    select * from {{ ref('stg_hrwh__load_ledger') }}
)

select
    delivered.load_id,
    delivered.line_no,
    ledger.source_name,
    ledger.status,
    ledger.period
from delivered
left join ledger
    on ledger.load_id = delivered.load_id
where ledger.load_id is null
   or ledger.source_name <> '{{ source_name }}'
   or ledger.status <> 'loaded'
   or ledger.period is distinct from delivered.delivered_period
{% endtest %}
