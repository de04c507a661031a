{{ config(materialized='table') }}
-- The official yearly turnover restated on today's administrations, as published:
-- hr.rpt_turnover_yearly_restated_detailed with the exit reason split of small cohorts hidden,
-- by the same rule as rpt_turnover_yearly (macros/turnover_yearly.sql).
{{ turnover_yearly_published('rpt_turnover_yearly_restated_detailed') }}
