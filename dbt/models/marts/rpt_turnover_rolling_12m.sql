{{
    config(
        indexes=[{'columns': ['period_end']}, {'columns': ['administration']}],
    )
}}
-- The rolling twelve-month turnover as it was (docs/definitions.md, "The rolling twelve-month
-- method" and "District mergers"): one row per period_end x administration x unit x
-- occupation group, from int_turnover_rolling_12m. Administrations and units are those of the
-- month rows, so each employment counts where it was; a district or specialist administration
-- has rows (with its units) for the windows that overlap its validity. unit null is the whole
-- administration; 'Staden totalt' the whole city, counting only the exits that left the city.
-- The rows shown: macros/turnover_rolling.sql.
{{ turnover_rolling_12m_report(restated=false) }}
