{{ config(indexes=[{'columns': ['period_end']}]) }}
-- The rolling twelve-month turnover restated on today's administrations (docs/definitions.md,
-- "District mergers"): one row per period_end x today's district or specialist administration
-- x occupation group, and 'Staden totalt'. Every month row counts in the administration that
-- carries its administration on today, and an exit counts when it left today's administration
-- (a move between two districts that merged later is none), so a series runs unbroken across
-- the mergers. Administration level only: units of districts that merged are not restated.
-- The rows shown: macros/turnover_rolling.sql.
{{ turnover_rolling_12m_report(restated=true) }}
