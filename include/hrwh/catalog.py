"""The names the warehouse's parts agree on: schemas, published tables, roles, raw tables.

Python reads them from here. The dbt project and the Great Expectations definitions spell some
of them too (SQL and YAML cannot import Python): `expectations/define.py` imports them from here,
and tests/test_catalog.py checks that dbt_project.yml, the access macros, the sources and the
docs say the same. Renaming a mart or a role is one edit here plus what those tests then demand.
The raw tables' columns are spelled once, by the sources that load them (`hrwh.ingest`); the
raw schema's DDL, dbt's sources and the architecture document are checked against them.
"""

from __future__ import annotations

from hrwh.ingest.consultants import CONSULTANTS
from hrwh.ingest.payroll import PAYROLL
from hrwh.ingest.sources import Source
from hrwh.ingest.survey import SURVEY

# Schemas
RAW = "raw"
STAGING = "staging"
INTERMEDIATE = "intermediate"
MARTS = "marts"
"""The published schema: one view per mart table, over the build that passed the gate."""
BUILD_SCHEMA_PREFIX = "marts_build_"
"""A run's dbt build writes its mart tables to marts_build_<run id> (hrwh.publish)."""
MARTS_ASSET = "hrwh_marts"
"""The Airflow Asset the nightly DAG's publish task updates: one for the whole `marts` schema,
since a run publishes all its mart tables at once (hrwh.publish); consumers are scheduled on it."""
HR = "hr"
RESTRICTED = "restricted"
SEEDS = "seeds"

# The reading roles (NOLOGIN groups; people get logins that are members of one).
BI_READER = "bi_reader"
HR_ANALYST = "hr_analyst"
UNIT_MANAGER = "unit_manager"
READER_ROLES = (BI_READER, HR_ANALYST, UNIT_MANAGER)

SCHEMA_READERS: dict[str, tuple[str, ...]] = {
    MARTS: (BI_READER, HR_ANALYST),
    STAGING: (HR_ANALYST,),
    INTERMEDIATE: (HR_ANALYST,),
    SEEDS: (HR_ANALYST,),
    HR: (HR_ANALYST,),
    RESTRICTED: (UNIT_MANAGER,),
    RAW: (),
}
"""Which roles may use each schema (USAGE); every other combination is revoked."""

MART_READERS = SCHEMA_READERS[MARTS]

# The report tables the quality gate watches for drift against the published ones; the first is
# required (a build without it is not published).
GATED_MARTS = (
    "rpt_turnover_yearly",
    "rpt_consultants",
    "rpt_survey_results",
    "rpt_turnover_yearly_restated",
    "rpt_turnover_rolling_12m",
    "rpt_turnover_rolling_12m_restated",
    "rpt_turnover_activity_area_yearly",
    "rpt_turnover_activity_area_rolling_12m",
    "rpt_unit_turnover_watch",
)
REQUIRED_MART = GATED_MARTS[0]
MONTH_END_MARTS = (
    "rpt_turnover_rolling_12m",
    "rpt_turnover_rolling_12m_restated",
    "rpt_turnover_activity_area_rolling_12m",
    "rpt_unit_turnover_watch",
)
"""Month-end series: they grow by a month-end every month (+50 %, +33 %, ... while a warehouse
is young), so their drift is measured on the rows of the latest month-end only."""

# The sources and their raw tables.
SOURCES: tuple[Source, ...] = (PAYROLL, CONSULTANTS, SURVEY)
RAW_DATA_TABLES = tuple(table for source in SOURCES for table in source.tables)
"""`schema.table` of every table a source loads (free text goes to `restricted`)."""
