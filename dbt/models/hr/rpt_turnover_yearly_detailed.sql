{{ config(materialized='table') }}
-- The official yearly turnover (personalrörlighet) with every exit reason group shown, for HR
-- analysts (schema hr): one row per year x administration x occupation group x exit reason
-- group. marts.rpt_turnover_yearly publishes it with the reason split of small cohorts hidden.
-- Rows, totals and the method: macros/turnover_yearly.sql, docs/marts-contract.md and the
-- model's yml.
{{ turnover_yearly_detailed(restated=false) }}
