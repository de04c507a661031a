{{ config(materialized='table') }}
-- One row per administration of the administrations seed and each administration that carries
-- it on, following merged_into to the end (domain.md, "District mergers"): itself (depth 0),
-- the administration it merged into (1), the one that merged into next (2) ... is_current marks
-- the end of the chain, today's administration. Älvsjö has rows for Älvsjö and for
-- Hägersten-Älvsjö (current). The merger rule of the exit paths, the restated series and
-- dim_administration all read the mergers from here.
with recursive seed as (
    select administration, merged_into from {{ ref('administrations') }}
),

chain as (
    select
        administration,
        administration as carried_on_by,
        merged_into,
        0 as depth
    from seed
    union all
    select
        chain.administration,
        successor.administration as carried_on_by,
        successor.merged_into,
        chain.depth + 1
    from chain
    inner join seed as successor
        on successor.administration = chain.merged_into
    -- a cycle in the seed (a mistake) stops here instead of running forever
    where chain.depth < 20
)

select
    cast(administration as text)    as administration,
    cast(carried_on_by as text)     as carried_on_by,
    cast(depth as integer)          as depth,
    merged_into is null             as is_current
from chain
