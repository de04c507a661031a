"""The warehouse's data-quality checks, as code: this file writes the GX project in `gx/`.

    .venv/bin/python expectations/define.py          # rewrite gx/ from the definitions below
    .venv/bin/python expectations/define.py --check  # exit 1 when gx/ is not what they give

Change a check here, run the first command and commit the changed JSON with it. Every id in the
written files is derived from a name, so writing twice gives the same files and a diff shows only
what changed. `hrwh.quality` runs the checkpoints; see README.md in this folder.

Queries of `UnexpectedRowsExpectation` select the rows that break the rule. GX puts the table in
for `{batch}`, as `(select * from <table>) AS subselect`, or without the alias when the query
contains the JOIN keyword; so the queries here read `{batch}` once, in a CTE, and never join.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from hrwh.quality import DRIFT_ONLY_MARTS, LATEST_MONTH_END_MARTS, latest_month_end_rows

GX_DIR = Path(__file__).resolve().parent / "gx"
DBT_PROJECT_FILE = Path(__file__).resolve().parent.parent / "dbt" / "dbt_project.yml"
ID_NAMESPACE = uuid.UUID("5d0f6f0e-8a4b-4c1e-9d57-2f1f3c2a7b61")

# Raw tables: the datasource's connection has search_path = raw.
RAW_ASSETS = ("hr_payroll", "consultant_reports", "survey_responses")
# Mart tables: the datasource's connection has search_path = the schema being audited
# (marts_build before publishing, marts after), so one definition serves any schema.
MART_ASSETS = ("rpt_turnover_yearly", "rpt_consultants", "rpt_survey_results")

SURVEY_SCALE = [
    "Stämmer mycket bra",
    "Stämmer ganska bra",
    "Varken eller",
    "Stämmer ganska dåligt",
    "Stämmer mycket dåligt",
]

# The latest payroll month loaded and how many months it lies before the current month.
PAYROLL_LATEST_MONTH_QUERY = """\
select
    max(period) as latest_period,
    cast(
        extract(year from current_date) * 12 + extract(month from current_date)
        - (cast(left(max(period), 4) as integer) * 12 + cast(right(max(period), 2) as integer))
        as integer
    ) as months_behind
from raw.hr_payroll"""

# A suppressed reason split has null exits: the total (computed on the true counts) then only
# bounds the districts shown.
DISTRICT_TOTAL_QUERY = """\
with turnover as (select * from {batch}),
per_group as (
    select
        year,
        occupation_group,
        exit_reason_group,
        count(*) filter (where administration = 'Stadsdelar total') as total_rows,
        sum(exits) filter (where administration = 'Stadsdelar total') as total_exits,
        coalesce(sum(exits) filter (where administration_kind = 'district'), 0)
            as shown_district_exits,
        count(*) filter (where administration_kind = 'district' and exits is null)
            as hidden_districts,
        sum(headcount) filter (where administration = 'Stadsdelar total') as total_headcount,
        coalesce(sum(headcount) filter (where administration_kind = 'district'), 0)
            as district_headcount
    from turnover
    where administration = 'Stadsdelar total' or administration_kind = 'district'
    group by year, occupation_group, exit_reason_group
)
select *
from per_group
where total_rows <> 1
    or total_headcount is distinct from district_headcount
    or (total_exits is not null and hidden_districts = 0 and total_exits <> shown_district_exits)
    or (total_exits is not null and shown_district_exits > total_exits)
order by year, occupation_group, exit_reason_group"""

# The rows that show what they must not: a reason split resting on fewer than N employments
# with a number, a suppressed row with a number, an 'Alla avgångsorsaker' row hidden.
SMALL_COHORT_SPLIT_QUERY = """\
with turnover as (select * from {{batch}})
select year, administration, occupation_group, exit_reason_group, headcount, exits, is_suppressed
from turnover
where (exit_reason_group <> 'Alla avgångsorsaker' and headcount < {min_employments}
        and (exits is not null or turnover_rate is not null
             or rate_ci_low is not null or rate_ci_high is not null))
    or (is_suppressed and (exits is not null or turnover_rate is not null
                           or rate_ci_low is not null or rate_ci_high is not null))
    or (exit_reason_group = 'Alla avgångsorsaker' and (exits is null or is_suppressed))
order by year, administration, occupation_group, exit_reason_group"""

MISSING_YEARS_QUERY = """\
with turnover as (select * from {batch}),
bounds as (select min(year) as first_year, max(year) as last_year from turnover)
select expected.year as missing_year
from bounds, generate_series(bounds.first_year, bounds.last_year) as expected (year)
where not exists (select 1 from turnover where turnover.year = expected.year)
order by missing_year"""

CITY_TOTAL_CONSULTANTS_QUERY = """\
with consultants as (select * from {batch}),
per_day as (
    select
        measurement_date,
        count(*) filter (where administration = 'Staden totalt') as city_rows,
        sum(consultants) filter (where administration = 'Staden totalt') as city_consultants,
        coalesce(sum(consultants) filter (where administration <> 'Staden totalt'), 0)
            as administrations_consultants,
        sum(units_reported) filter (where administration = 'Staden totalt')
            as city_units_reported,
        coalesce(sum(units_reported) filter (where administration <> 'Staden totalt'), 0)
            as administrations_units_reported
    from consultants
    group by measurement_date
)
select *
from per_day
where city_rows <> 1
    or city_consultants is distinct from administrations_consultants
    or city_units_reported is distinct from administrations_units_reported
order by measurement_date"""

MISSING_MEASUREMENT_DAYS_QUERY = """\
with consultants as (select * from {batch}),
bounds as (
    select
        date_trunc('month', min(measurement_date)) as first_month,
        date_trunc('month', max(measurement_date)) as last_month
    from consultants
),
expected as (
    select month_start
    from bounds,
        generate_series(bounds.first_month, bounds.last_month, interval '1 month') as month_start
    where extract(month from month_start) in (4, 11)
)
select to_char(expected.month_start, 'YYYY-MM') as missing_measurement_month
from expected
where not exists (
    select 1 from consultants
    where date_trunc('month', consultants.measurement_date) = expected.month_start
)
order by missing_measurement_month"""


def dbt_var(name: str) -> Any:
    """A var of the dbt project, so that a rule's number lives in one place for dbt and GX
    (changing it makes the committed gx/ out of date, which tests/test_quality.py reports)."""
    import yaml

    return yaml.safe_load(DBT_PROJECT_FILE.read_text(encoding="utf-8"))["vars"][name]


def stable_id(*parts: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(parts)))


def _asset_yaml(datasource: str, name: str, body: list[str]) -> str:
    lines = [
        f"      {name}:",
        *(f"        {line}" for line in body),
        f"        id: {stable_id('asset', datasource, name)}",
        "        batch_metadata: {}",
        "        batch_definitions:",
        "          whole_table:",
        f"            id: {stable_id('batch_definition', datasource, name, 'whole_table')}",
        "            partitioner:",
    ]
    return "\n".join(lines)


def config_yaml() -> str:
    """great_expectations.yml: stores, the Data Docs site and the two Postgres datasources."""
    raw_assets = [
        _asset_yaml("hrwh_raw", a, ["type: table", f"table_name: {a}"]) for a in RAW_ASSETS
    ]
    query = "\n".join(f"          {line}" for line in PAYROLL_LATEST_MONTH_QUERY.splitlines())
    raw_assets.append(
        _asset_yaml("hrwh_raw", "payroll_latest_month", ["type: query", "query: |-\n" + query])
    )
    mart_assets = [
        _asset_yaml("hrwh_marts", a, ["type: table", f"table_name: {a}"])
        for a in MART_ASSETS + DRIFT_ONLY_MARTS
        if a not in LATEST_MONTH_END_MARTS
    ] + [
        # unqualified: the connection's search_path is the audited schema
        _asset_yaml("hrwh_marts", a, ["type: query", f"query: {latest_month_end_rows(a)}"])
        for a in LATEST_MONTH_END_MARTS
    ]
    return f"""\
# GX Core 1.x project of the HR warehouse's data-quality checks.
# Written by expectations/define.py: edit that file and run it, do not edit this one by hand.
#
# ${{...}} are GX config variables. hrwh.quality passes them at run time (runtime_environment),
# derived from the run's database URL and HRWH_HOME; an environment variable of the same name
# is used when you open this project yourself, and config_variables.yml has defaults for the
# two folders (under uncommitted/, which git ignores).
config_version: 4.0
data_context_id: {stable_id("data_context")}
analytics_enabled: false
progress_bars:
  globally: false
  metric_calculations: false
config_variables_file_path: config_variables.yml
plugins_directory:

stores:
  expectations_store:
    class_name: ExpectationsStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: expectations/
  validation_results_store:
    class_name: ValidationResultsStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: ${{HRWH_GX_RESULTS_DIR}}
  checkpoint_store:
    class_name: CheckpointStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: checkpoints/
  validation_definition_store:
    class_name: ValidationDefinitionStore
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: validation_definitions/

expectations_store_name: expectations_store
validation_results_store_name: validation_results_store
checkpoint_store_name: checkpoint_store

data_docs_sites:
  local_site:
    class_name: SiteBuilder
    show_how_to_buttons: false
    store_backend:
      class_name: TupleFilesystemStoreBackend
      suppress_store_backend_id: true
      base_directory: ${{HRWH_GX_DOCS_DIR}}
    site_index_builder:
      class_name: DefaultSiteIndexBuilder
      # The index lists the latest results only (hrwh.quality also prunes old ones).
      validation_results_limit: 200

fluent_datasources:
  # The raw layer: the connection's search_path is raw.
  hrwh_raw:
    type: postgres
    id: {stable_id("datasource", "hrwh_raw")}
    connection_string: ${{HRWH_GX_RAW_CONNECTION_STRING}}
    assets:
{chr(10).join(raw_assets)}
  # The marts being audited: the connection's search_path is that schema (marts_build, marts).
  hrwh_marts:
    type: postgres
    id: {stable_id("datasource", "hrwh_marts")}
    connection_string: ${{HRWH_GX_MARTS_CONNECTION_STRING}}
    assets:
{chr(10).join(mart_assets)}
"""


CONFIG_VARIABLES_YAML = """\
# Defaults for opening this project by hand (relative to this folder, under the ignored
# uncommitted/). hrwh.quality passes its own values; environment variables override these.
HRWH_GX_RESULTS_DIR: uncommitted/validations/
HRWH_GX_DOCS_DIR: uncommitted/data_docs/local_site/
"""

GITIGNORE = """\
# Validation results and Data Docs are run output, never committed.
uncommitted/
data_docs/
"""

# Values that let define.py open the project: nothing connects while the files are written.
PLACEHOLDER_VARIABLES = {
    "HRWH_GX_RAW_CONNECTION_STRING": "postgresql+psycopg://define@localhost/unused",
    "HRWH_GX_MARTS_CONNECTION_STRING": "postgresql+psycopg://define@localhost/unused",
}


def suite_specs() -> list[dict[str, Any]]:
    """Every suite: its name, the asset it validates, and its expectations."""
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    def check(name: str, expectation: type, description: str, **kwargs: Any) -> Any:
        return expectation(description=description, meta={"check": name}, **kwargs)

    def row_count_check(table: str) -> Any:
        rows = (
            "rows of the latest month-end stays within the tolerance (default ±20 %) of "
            f"the published marts.{table}'s latest month-end (the table grows by a month-end "
            "every month)"
            if table in LATEST_MONTH_END_MARTS
            else f"rows stays within the tolerance (default ±20 %) of the published marts.{table}"
        )
        return check(
            "row_count_near_published",
            gxe.ExpectTableRowCountToBeBetween,
            f"The number of {rows}: a sudden drop or jump means rows went missing or were "
            f"duplicated on the way, not that the workforce changed. Without a published table "
            f"there is nothing to compare with and any number passes.",
            min_value={"$PARAMETER": f"{table}_min_rows"},
            max_value={"$PARAMETER": f"{table}_max_rows"},
        )

    raw_hr_payroll = [
        check(
            "person_key_present",
            gxe.ExpectColumnValuesToNotBeNull,
            "Every payroll row has the person's pseudonym; without it the employment cannot be "
            "linked to the same person's other employments (moves, the 30-day rule).",
            column="person_key",
        ),
        check(
            "person_key_is_hex",
            gxe.ExpectColumnValuesToMatchRegex,
            "The person key is lowercase hexadecimal, as the warehouse's HMAC writes it: never "
            "a personal identity number or a name that slipped past pseudonymization.",
            column="person_key",
            regex="^[0-9a-f]+$",
        ),
        check(
            "person_key_is_64_characters",
            gxe.ExpectColumnValueLengthsToEqual,
            "The person key is 64 characters long (HMAC-SHA256 in hex); with the hex check "
            "above: 64 hex digits, a pseudonym made by the warehouse.",
            column="person_key",
            value=64,
        ),
        check(
            "period_is_year_month",
            gxe.ExpectColumnValuesToMatchRegex,
            r"The payroll month is YYYY-MM, so that months sort and compare as text and the "
            r"yearly cohorts (31 December) and rolling windows find their months.",
            column="period",
            regex=r"^\d{4}-\d{2}$",
        ),
        check(
            "end_not_before_start",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB,
            "An employment does not end before it starts (AnstalldTom >= AnstalldFrom); such a "
            "row would count an exit in the wrong year or a negative length of service.",
            column_A="anstalld_tom",
            column_B="anstalld_from",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        check(
            "avtal_two_digits",
            gxe.ExpectColumnValuesToMatchRegex,
            "The collective agreement code is two digits ('01' is the general agreement the "
            "official turnover population is restricted to); '1' would silently drop the row.",
            column="avtal",
            regex=r"^\d{2}$",
        ),
        check(
            "anstallningsform_known",
            gxe.ExpectColumnValuesToBeInSet,
            "The employment form is one the turnover method knows (only permanent "
            "employments, Tillsvidareanställning, are in the official population).",
            column="anstallningsform",
            value_set=["Tillsvidareanställning", "Visstidsanställning"],
        ),
        check(
            "loneform_known",
            gxe.ExpectColumnValuesToBeInSet,
            "The pay form is Månadslön or Timlön (the official population is monthly paid); "
            "a misspelt value would silently drop employments from the population.",
            column="loneform",
            value_set=["Månadslön", "Timlön"],
        ),
        check(
            "vilande_known",
            gxe.ExpectColumnValuesToBeInSet,
            "The dormant flag is J or N, so dormant employments are told apart correctly.",
            column="vilande",
            value_set=["J", "N"],
        ),
        check(
            "manadslon_not_negative",
            gxe.ExpectColumnValuesToBeBetween,
            "The full-time monthly salary is not negative.",
            column="manadslon",
            min_value=0,
        ),
        check(
            "sysselsattningsgrad_is_percent",
            gxe.ExpectColumnValuesToBeBetween,
            "The employment rate is a percentage between 0 and 100, not a fraction or a typo.",
            column="sysselsattningsgrad",
            min_value=0,
            max_value=100,
        ),
    ]

    raw_consultant_reports = [
        check(
            "antal_konsulter_not_negative",
            gxe.ExpectColumnValuesToBeBetween,
            "A unit never reports a negative number of consultants (empty, not answered, is "
            "allowed and simply not counted).",
            column="antal_konsulter",
            min_value=0,
        ),
        check(
            "matdatum_present",
            gxe.ExpectColumnValuesToNotBeNull,
            "Every answer has its measurement day, or it could not be counted on any day.",
            column="matdatum",
        ),
    ]

    raw_survey_responses = [
        check(
            f"svar_{n}_on_scale",
            gxe.ExpectColumnValuesToBeInSet,
            f"The answer to statement {n} is one of the five answers of the survey scale (or "
            f"empty when skipped); any other text would fall out of the positive / neutral / "
            f"negative shares unnoticed.",
            column=f"svar_{n}",
            value_set=SURVEY_SCALE,
        )
        for n in (1, 2, 3)
    ] + [
        check(
            "respondent_key_present",
            gxe.ExpectColumnValuesToNotBeNull,
            "Every response has the respondent's pseudonym, which links it to the payroll "
            "(occupation, administration) and keeps one answer per person.",
            column="respondent_key",
        ),
    ]

    min_employments = int(dbt_var("hrwh_min_employments_per_cell"))
    marts_rpt_turnover_yearly = [
        check(
            "exits_not_above_headcount",
            gxe.ExpectColumnPairValuesAToBeGreaterThanB,
            "A group never has more exits than employments in its cohort: the exits are "
            "counted among the cohort of 31 December the year before. A suppressed reason "
            "split (no exits shown) has nothing to compare.",
            column_A="headcount",
            column_B="exits",
            or_equal=True,
            ignore_row_if="either_value_is_missing",
        ),
        check(
            "turnover_rate_is_fraction",
            gxe.ExpectColumnValuesToBeBetween,
            "The turnover rate is a fraction between 0 and 1 (0.1538, not 15.38), as the "
            "contract promises BI tools; null only when the headcount is 0.",
            column="turnover_rate",
            min_value=0,
            max_value=1,
        ),
        check(
            "exits_not_negative",
            gxe.ExpectColumnValuesToBeBetween,
            "Exits are counts: never negative.",
            column="exits",
            min_value=0,
        ),
        check(
            "headcount_not_negative",
            gxe.ExpectColumnValuesToBeBetween,
            "Headcounts are counts: never negative.",
            column="headcount",
            min_value=0,
        ),
        check(
            "exit_reason_group_known",
            gxe.ExpectColumnValuesToBeInSet,
            "The exit reason group is one of the three published ones, spelt exactly as in "
            "the published tables that dashboards filter on.",
            column="exit_reason_group",
            value_set=["Alla avgångsorsaker", "Egen begäran extern", "Egen begäran intern"],
        ),
        check(
            "occupation_group_known",
            gxe.ExpectColumnValuesToBeInSet,
            "The occupation group is Biståndshandläggare or Socialsekreterare, the two groups "
            "the official method reports.",
            column="occupation_group",
            value_set=["Biståndshandläggare", "Socialsekreterare"],
        ),
        check(
            "district_total_is_sum_of_districts",
            gxe.UnexpectedRowsExpectation,
            "'Stadsdelar total' equals the sum of the district rows (exits and headcount) for "
            "every year, occupation group and exit reason group: one row each, nothing lost "
            "or double-counted between the districts and their total. Where some districts' "
            "reason split is suppressed, the districts shown add up to no more than the total.",
            unexpected_rows_query=DISTRICT_TOTAL_QUERY,
        ),
        check(
            "reason_splits_of_small_cohorts_hidden",
            gxe.UnexpectedRowsExpectation,
            f"No reason for leaving of fewer than {min_employments} employments can be read: "
            f"an 'Egen begäran' split row whose cohort is smaller shows no exits, rate or "
            f"interval, nor does any row marked suppressed, while the 'Alla avgångsorsaker' "
            f"counts are always shown (docs/marts-contract.md, 'Small numbers and persons').",
            unexpected_rows_query=SMALL_COHORT_SPLIT_QUERY.format(min_employments=min_employments),
        ),
        check(
            "no_missing_years",
            gxe.UnexpectedRowsExpectation,
            "Every year between the first and the last is there: a gap means a cohort or a "
            "year of payroll extracts went missing. The rows returned are the missing years.",
            unexpected_rows_query=MISSING_YEARS_QUERY,
        ),
        row_count_check("rpt_turnover_yearly"),
    ]

    marts_rpt_consultants = [
        check(
            "consultants_not_negative",
            gxe.ExpectColumnValuesToBeBetween,
            "Consultant counts are never negative.",
            column="consultants",
            min_value=0,
        ),
        check(
            "units_reported_not_negative",
            gxe.ExpectColumnValuesToBeBetween,
            "The number of units whose answer counted is never negative.",
            column="units_reported",
            min_value=0,
        ),
        check(
            "city_total_is_sum_of_administrations",
            gxe.UnexpectedRowsExpectation,
            "'Staden totalt' equals the sum of the administrations' rows (consultants and "
            "units reported) on every measurement day, with exactly one city row per day.",
            unexpected_rows_query=CITY_TOTAL_CONSULTANTS_QUERY,
        ),
        check(
            "no_missing_measurement_days",
            gxe.UnexpectedRowsExpectation,
            "Consultants are counted in April and November every year: between the first and "
            "the last measurement no such month is missing (a lost or rejected spreadsheet). "
            "The rows returned are the missing months.",
            unexpected_rows_query=MISSING_MEASUREMENT_DAYS_QUERY,
        ),
        row_count_check("rpt_consultants"),
    ]

    # Row conditions: `==` on a GX Column builds the SQL condition (hence no `is`).
    published = Column("suppressed") == False  # noqa: E712
    suppressed = Column("suppressed") == True  # noqa: E712
    marts_rpt_survey_results = [
        check(
            "published_groups_have_five_respondents",
            gxe.ExpectColumnValuesToBeBetween,
            "A group whose result is published (not suppressed) has at least 5 respondents, "
            "so that no individual's answers can be made out.",
            column="respondents",
            min_value=5,
            row_condition=published,
        ),
        check(
            "published_groups_have_respondents",
            gxe.ExpectColumnValuesToNotBeNull,
            "A published group says how many answered, or the 5-respondent rule above could "
            "not be checked for it.",
            column="respondents",
            row_condition=published,
        ),
        *(
            check(
                f"share_{kind}_is_fraction",
                gxe.ExpectColumnValuesToBeBetween,
                f"The share of {label} answers is a fraction between 0 and 1.",
                column=f"share_{kind}",
                min_value=0,
                max_value=1,
            )
            for kind, label in (
                ("positive", "positive"),
                ("neutral", "neutral"),
                ("negative", "negative"),
            )
        ),
        check(
            "suppressed_groups_hide_respondents",
            gxe.ExpectColumnValuesToBeNull,
            "A suppressed group does not show its number of respondents, which would reveal "
            "what the suppression hides.",
            column="respondents",
            row_condition=suppressed,
        ),
        row_count_check("rpt_survey_results"),
    ]

    payroll_freshness = [
        check(
            "payroll_loaded",
            gxe.ExpectColumnValuesToNotBeNull,
            "Some payroll month has been loaded at all.",
            column="latest_period",
        ),
        check(
            "payroll_recent",
            gxe.ExpectColumnValuesToBeBetween,
            "The latest payroll month loaded is at most HRWH_FRESHNESS_MONTHS months before the "
            "current month: the marts are not quietly built on stale extracts because the "
            "deliveries stopped. The value reported is how many months behind it is.",
            column="months_behind",
            max_value={"$PARAMETER": "freshness_max_months_behind"},
        ),
    ]

    return [
        {"name": "raw_hr_payroll", "source": ("hrwh_raw", "hr_payroll"), "checks": raw_hr_payroll},
        {
            "name": "raw_consultant_reports",
            "source": ("hrwh_raw", "consultant_reports"),
            "checks": raw_consultant_reports,
        },
        {
            "name": "raw_survey_responses",
            "source": ("hrwh_raw", "survey_responses"),
            "checks": raw_survey_responses,
        },
        {
            "name": "marts_rpt_turnover_yearly",
            "source": ("hrwh_marts", "rpt_turnover_yearly"),
            "checks": marts_rpt_turnover_yearly,
        },
        {
            "name": "marts_rpt_consultants",
            "source": ("hrwh_marts", "rpt_consultants"),
            "checks": marts_rpt_consultants,
        },
        {
            "name": "marts_rpt_survey_results",
            "source": ("hrwh_marts", "rpt_survey_results"),
            "checks": marts_rpt_survey_results,
        },
        {
            "name": "payroll_freshness",
            "source": ("hrwh_raw", "payroll_latest_month"),
            "checks": payroll_freshness,
        },
        *(
            {
                "name": f"marts_{table}",
                "source": ("hrwh_marts", table),
                "checks": [row_count_check(table)],
            }
            for table in DRIFT_ONLY_MARTS
        ),
    ]


# Checkpoint -> its validation definitions (one per suite, named like it). hrwh.quality runs
# `raw` in validate_raw; in validate_marts the mart checkpoints of the tables that exist, and
# payroll_freshness when HRWH_FRESHNESS_MONTHS is set.
CHECKPOINTS = {
    "raw": ["raw_hr_payroll", "raw_consultant_reports", "raw_survey_responses"],
    "marts_rpt_turnover_yearly": ["marts_rpt_turnover_yearly"],
    "marts_rpt_consultants": ["marts_rpt_consultants"],
    "marts_rpt_survey_results": ["marts_rpt_survey_results"],
    "payroll_freshness": ["payroll_freshness"],
    **{f"marts_{table}": [f"marts_{table}"] for table in DRIFT_ONLY_MARTS},
}
# Results count the rows that break a rule. Raw rows are pseudonymized, but a value that breaks
# a raw rule may be exactly the personal data that slipped through (a personnummer in
# person_key): raw results therefore carry no example values, in the run summary or Data Docs.
# The marts are small aggregates without personal data: their results list the rows that break
# a rule (COMPLETE), so the Data Docs show e.g. which years are missing.
RESULT_FORMATS: dict[str, Any] = {
    "raw": {"result_format": "SUMMARY", "partial_unexpected_count": 0},
    "payroll_freshness": {"result_format": "SUMMARY"},
}
DEFAULT_RESULT_FORMAT: dict[str, Any] = {"result_format": "COMPLETE", "partial_unexpected_count": 5}


def write_project(gx_dir: Path) -> None:
    """Write the whole project into the empty folder `gx_dir`."""
    import great_expectations as gx

    gx_dir.mkdir(parents=True)
    (gx_dir / "great_expectations.yml").write_text(config_yaml(), encoding="utf-8")
    (gx_dir / "config_variables.yml").write_text(CONFIG_VARIABLES_YAML, encoding="utf-8")
    (gx_dir / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    config_text = config_yaml()

    context = gx.get_context(
        mode="file", context_root_dir=str(gx_dir), runtime_environment=PLACEHOLDER_VARIABLES
    )
    new_ids: dict[str, str] = {}
    definitions = {}
    for spec in suite_specs():
        name = spec["name"]
        suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=spec["checks"]))
        new_ids[str(suite.id)] = stable_id("suite", name)
        for expectation in suite.expectations:
            new_ids[str(expectation.id)] = stable_id("expectation", name, expectation.meta["check"])
        datasource, asset = spec["source"]
        batch = context.data_sources.get(datasource).get_asset(asset)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(
                name=name, data=batch.get_batch_definition("whole_table"), suite=suite
            )
        )
        new_ids[str(definition.id)] = stable_id("validation_definition", name)
        definitions[name] = definition
    for name, members in CHECKPOINTS.items():
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=name,
                validation_definitions=[definitions[m] for m in members],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs")],
                result_format=RESULT_FORMATS.get(name, DEFAULT_RESULT_FORMAT),
            )
        )
        new_ids[str(checkpoint.id)] = stable_id("checkpoint", name)

    # GX gave the objects random ids: replace them with the derived ones, and write the JSON
    # readable (Swedish letters as they are), keys sorted as GX sorts them.
    for path in sorted(gx_dir.rglob("*.json")):
        text = path.read_text(encoding="utf-8")
        for old, new in new_ids.items():
            text = text.replace(old, new)
        data = json.loads(text)
        path.write_text(
            json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    # Opening the context may have rewritten the config: put back the commented original.
    (gx_dir / "great_expectations.yml").write_text(config_text, encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "uncommitted" not in p.relative_to(folder).parts
    }


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "gx"
        write_project(fresh)
        if "--check" in argv:
            current = _files(GX_DIR) if GX_DIR.is_dir() else {}
            wanted = _files(fresh)
            differing = sorted(
                name
                for name in current.keys() | wanted.keys()
                if current.get(name) != wanted.get(name)
            )
            for name in differing:
                print(f"out of date: expectations/gx/{name}")
            if differing:
                print("Run .venv/bin/python expectations/define.py and commit expectations/gx/.")
            return 1 if differing else 0
        for sub in ("expectations", "validation_definitions", "checkpoints"):
            shutil.rmtree(GX_DIR / sub, ignore_errors=True)
        GX_DIR.mkdir(exist_ok=True)
        for name, content in _files(fresh).items():
            target = GX_DIR / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        print(f"wrote {GX_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
