"""The warehouse's data-quality checks, as code: this file writes the GX project in `gx/`.

    .venv/bin/python expectations/define.py          # rewrite gx/ from the definitions below
    .venv/bin/python expectations/define.py --check  # exit 1 when gx/ is not what they give

Change a check here, run the first command and commit the changed JSON with it. Every id in the
written files is derived from a name, so writing twice gives the same files and a diff shows only
what changed. `hrwh.quality` runs the checkpoints; see README.md in this folder.

The tables checked come from hrwh.catalog (the raw tables the sources load, the gated marts).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from hrwh.catalog import GATED_MARTS, MONTH_END_MARTS
from hrwh.quality import RAW_TABLES, latest_month_end_rows

GX_DIR = Path(__file__).resolve().parent / "gx"
ID_NAMESPACE = uuid.UUID("5d0f6f0e-8a4b-4c1e-9d57-2f1f3c2a7b61")

# Raw tables: the datasource's connection has search_path = raw.
RAW_ASSETS = RAW_TABLES
# Mart tables: the datasource's connection has search_path = the schema being audited (a run's
# build schema before publishing, marts after), so one definition serves any schema.
MART_ASSETS = GATED_MARTS

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
        for a in MART_ASSETS
        if a not in MONTH_END_MARTS
    ] + [
        # unqualified: the connection's search_path is the audited schema
        _asset_yaml("hrwh_marts", a, ["type: query", f"query: {latest_month_end_rows(a)}"])
        for a in MONTH_END_MARTS
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
    """Every suite: its name, the asset it validates, and its expectations.

    Who owns what (docs/architecture.md): dbt's tests own every rule within or between tables
    (a value's set or range, totals that add up, no missing year); these suites own what dbt
    cannot say well: how a mart's size drifts against the published one, whether the payroll
    is fresh, and how the raw deliveries are distributed. A distribution that looks odd is a
    warning (severity warning: reported, nothing stopped), since small or unusual but valid
    deliveries must still be published; drift and freshness stop the publish.
    """
    import great_expectations.expectations as gxe
    from great_expectations.expectations.metadata_types import FailureSeverity

    def check(name: str, expectation: type, description: str, **kwargs: Any) -> Any:
        return expectation(description=description, meta={"check": name}, **kwargs)

    def distribution(name: str, expectation: type, description: str, **kwargs: Any) -> Any:
        return check(name, expectation, description, severity=FailureSeverity.WARNING, **kwargs)

    def row_count_check(table: str) -> Any:
        rows = (
            "rows of the latest month-end stays within the tolerance (default ±20 %) of "
            f"the published marts.{table}'s latest month-end (the table grows by a month-end "
            "every month)"
            if table in MONTH_END_MARTS
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
        distribution(
            "mostly_not_dormant",
            gxe.ExpectColumnValuesToBeInSet,
            "At most one payroll row in ten is a dormant employment (Vilande J): many more "
            "means the extract flags leave differently, and the turnover population (not "
            "dormant) would shrink unnoticed.",
            column="vilande",
            value_set=["N"],
            mostly=0.9,
        ),
        distribution(
            "mostly_monthly_paid",
            gxe.ExpectColumnValuesToBeInSet,
            "Most payroll rows are monthly paid (Månadslön): the populations counted are.",
            column="loneform",
            value_set=["Månadslön"],
            mostly=0.8,
        ),
        distribution(
            "mostly_general_agreement",
            gxe.ExpectColumnValuesToBeInSet,
            "Most payroll rows are on the general agreement 01, which the turnover population "
            "requires: a change of coding would empty it.",
            column="avtal",
            value_set=["01"],
            mostly=0.9,
        ),
        distribution(
            "mostly_permanent",
            gxe.ExpectColumnValuesToBeInSet,
            "Most payroll rows are permanent employments (Tillsvidareanställning), which the "
            "turnover population requires.",
            column="anstallningsform",
            value_set=["Tillsvidareanställning"],
            mostly=0.8,
        ),
        distribution(
            "employment_rate_mostly_full_time",
            gxe.ExpectColumnMeanToBeBetween,
            "The mean employment rate lies between 70 and 100 percent: a mean far below means "
            "the extract writes fractions or hours instead of percent.",
            column="sysselsattningsgrad",
            min_value=70,
            max_value=100,
        ),
        distribution(
            "salary_level_plausible",
            gxe.ExpectColumnMedianToBeBetween,
            "The median full-time monthly salary lies between 20 000 and 80 000 SEK: outside "
            "that, the column holds something else (annual pay, hourly pay, öre).",
            column="manadslon",
            min_value=20_000,
            max_value=80_000,
        ),
        distribution(
            "mostly_ongoing",
            gxe.ExpectColumnValuesToBeNull,
            "Nine payroll rows in ten or more have no last day (AnstalldTom): the employment "
            "goes on. Far fewer means end dates are filled in for everyone, and every such row "
            "would count as an exit.",
            column="anstalld_tom",
            mostly=0.9,
        ),
    ]

    raw_consultant_reports = [
        distribution(
            "consultant_counts_plausible",
            gxe.ExpectColumnValuesToBeBetween,
            "A unit reports at most 30 consultants (nearly always): a larger number is a typo "
            "or another figure (a cost, a count of hours) in the consultants column.",
            column="antal_konsulter",
            min_value=0,
            max_value=30,
            mostly=0.99,
        ),
    ]

    raw_survey_responses = [
        distribution(
            f"statement_{n}_mostly_answered",
            gxe.ExpectColumnValuesToNotBeNull,
            f"Most respondents answer statement {n}: many empty answers mean the export's "
            f"columns moved or the survey tool changed its answer texts.",
            column=f"svar_{n}",
            mostly=0.8,
        )
        for n in (1, 2, 3)
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

    raw_suites = [
        ("raw_hr_payroll", "hr_payroll", raw_hr_payroll),
        ("raw_consultant_reports", "consultant_reports", raw_consultant_reports),
        ("raw_survey_responses", "survey_responses", raw_survey_responses),
    ]
    return [
        *(
            {"name": name, "source": ("hrwh_raw", table), "checks": checks}
            for name, table, checks in raw_suites
        ),
        *(
            {
                "name": f"marts_{table}",
                "source": ("hrwh_marts", table),
                "checks": [row_count_check(table)],
            }
            for table in MART_ASSETS
        ),
        {
            "name": "payroll_freshness",
            "source": ("hrwh_raw", "payroll_latest_month"),
            "checks": payroll_freshness,
        },
    ]


# Checkpoint -> its validation definitions (one per suite, named like it). hrwh.quality runs
# `raw` in validate_raw; in validate_marts the mart checkpoints of the tables that exist, and
# payroll_freshness when HRWH_FRESHNESS_MONTHS is set.
CHECKPOINTS = {
    "raw": [f"raw_{table}" for table in RAW_ASSETS],
    **{f"marts_{table}": [f"marts_{table}"] for table in MART_ASSETS},
    "payroll_freshness": ["payroll_freshness"],
}
# Results count the rows that break a rule. Raw rows are pseudonymized, but a raw value may be
# exactly the personal data that slipped through: raw results therefore carry no example
# values, in the run summary or Data Docs. The marts are aggregates without personal data.
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
