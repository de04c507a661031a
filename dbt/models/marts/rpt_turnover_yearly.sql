{{ config(materialized='table') }}
-- The official yearly turnover as published: hr.rpt_turnover_yearly_detailed, with the exit
-- reason split of small cohorts hidden (docs/marts-contract.md, "Small numbers and persons";
-- the rule in macros/turnover_yearly.sql).
{{ turnover_yearly_published('rpt_turnover_yearly_detailed') }}
