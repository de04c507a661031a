{{ config(materialized='table') }}
-- The official yearly turnover restated on today's administrations, with every exit reason
-- group shown, for HR analysts (schema hr): every administration replaced by today's first
-- (merged_into followed to the end), then the method applied unchanged, so a move between two
-- districts that merged later is Inom förvaltning. marts.rpt_turnover_yearly_restated
-- publishes it with the reason split of small cohorts hidden. macros/turnover_yearly.sql.
{{ turnover_yearly_detailed(restated=true) }}
