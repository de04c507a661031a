-- One row per landing file the ingestion saw (the load ledger), typed.
with source as (
    select * from {{ source('raw', 'load_ledger') }}
)

select
    load_id,
    run_id,
    source                                      as source_name,
    file_name,
    period,
    case
        when period ~ '^[0-9]{4}-[0-9]{2}$' then cast(period || '-01' as date)
    end                                         as period_month,
    sha256,
    encoding,
    delimiter,
    rows_loaded,
    rows_quarantined,
    status,
    reason,
    loaded_at
from source
