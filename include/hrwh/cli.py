"""The `hrwh` command: sample data, one nightly run, accepting a held delivery, the published table.

Expected failures (no landing folder, no database, a bad key, a failed build) end with one plain
sentence and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from hrwh.database import DatabaseUnavailable, connect, resolve_database_url
from hrwh.pipeline import GateFailed, PublishFailed
from hrwh.runs import LockLost, RunInProgress
from hrwh.settings import ConfigError, Settings
from hrwh.transform import BuildFailed, write_manifest


def _sample(args: argparse.Namespace) -> int:
    from hrwh_sample import write_sample
    from hrwh_sample.scale import MAX_SCALE

    if not 1 <= args.scale <= MAX_SCALE:
        raise ConfigError(f"--scale must be a whole number from 1 to {MAX_SCALE}.")
    report = write_sample(Path(args.out), seed=args.seed, scale=args.scale)
    print(
        f"wrote {len(report.files)} payroll files ({report.rows:,} rows), "
        f"{len(report.consultant_files)} consultant reports and {len(report.survey_files)} "
        f"survey exports to {args.out}; a re-delivered month is in {report.redelivered}"
    )
    return 0


def _run(args: argparse.Namespace) -> int:
    from hrwh.pipeline import run_nightly

    print("\n".join(run_nightly(Settings.from_env(), full_refresh=args.full_refresh)))
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from hrwh.pipeline import ingest_only, ingest_summary

    print("\n".join(ingest_summary(ingest_only(Settings.from_env()))))
    return 0


def _accept(args: argparse.Namespace) -> int:
    from hrwh.database import ensure_raw_schema
    from hrwh.ingest.delivery_gate import accept, landing_file
    from hrwh.pipeline import SOURCES

    settings = Settings.from_env()
    source, path = landing_file(settings.landing_dir, args.file, SOURCES)
    with connect(resolve_database_url(settings)) as conn:
        ensure_raw_schema(conn)
        print(accept(conn, source, path))
    return 0


def _dbt_manifest(args: argparse.Namespace) -> int:
    print(f"wrote {write_manifest()}")
    return 0


def _report(args: argparse.Namespace) -> int:
    from hrwh.report import turnover_table

    with connect(resolve_database_url(Settings.from_env())) as conn:
        if not (args.html or args.pdf):
            print(turnover_table(conn, args.first_year, args.last_year))
            return 0
        from hrwh.followup import write

        html, pdf = (Path(p) if p else None for p in (args.html, args.pdf))
        for path in write(conn, html=html, pdf=pdf):
            print(f"wrote {path}")
    return 0


def _docs(args: argparse.Namespace) -> int:
    from hrwh.docs import build_docs

    print("\n".join(build_docs(Settings.from_env()).lines()))
    return 0


def _connect_info(args: argparse.Namespace) -> int:
    from hrwh.catalog import SCHEMA_READERS
    from hrwh.logins import endpoint, pbids

    settings = Settings.from_env()
    point = endpoint(settings, resolve_database_url(settings))
    print(f"The warehouse: host {point.host}, port {point.port}, database {point.database}.")
    print("Connect with a login of your own (PostgreSQL, user and password), made with:")
    print("  hrwh login create NAME --role ROLE [--unit ADMINISTRATION/UNIT ...]")
    readers: dict[str, list[str]] = {}
    for schema, roles in SCHEMA_READERS.items():
        for role in roles:
            readers.setdefault(role, []).append(schema)
    for role, schemas in readers.items():
        print(f"  --role {role:<13} reads {', '.join(schemas)}")
    print(f"e.g.  psql '{point.url('NAME')}' -c 'select * from marts.rpt_turnover_yearly limit 5'")
    if args.pbids:
        Path(args.pbids).write_text(json.dumps(pbids(point), indent=2) + "\n", encoding="utf-8")
        print(f"Power BI data source file written to {args.pbids}: open it in Power BI Desktop.")
    return 0


def _login(args: argparse.Namespace) -> int:
    from hrwh.database import ensure_raw_schema
    from hrwh.logins import create_login, drop_login, endpoint, list_logins, parse_unit

    if args.action != "list" and not args.name:
        raise ConfigError(f"hrwh login {args.action} needs the login's NAME.")
    if args.action == "create" and not args.role:
        raise ConfigError("hrwh login create needs --role bi_reader, hr_analyst or unit_manager.")
    settings = Settings.from_env()
    url = resolve_database_url(settings)
    with connect(url, autocommit=True) as conn:
        ensure_raw_schema(conn)
        if args.action == "list":
            for login, role, units in list_logins(conn):
                print(f"{login:<24} {role:<13} {', '.join(units)}")
        elif args.action == "drop":
            drop_login(conn, args.name)
            print(f"Dropped login {args.name}.")
        else:
            units = [parse_unit(u) for u in args.unit or []]
            password = create_login(conn, args.name, args.role, units)
            point = endpoint(settings, url)
            print(f"Created login {args.name} in {args.role}. Its password, shown only now:")
            print(f"  {password}")
            print(
                f"Connect: host {point.host}, port {point.port}, database {point.database}, "
                f"user {args.name}."
            )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hrwh",
        description="Stockholm's social-services workforce warehouse: payroll extracts to marts.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sample = sub.add_parser(
        "sample",
        help="Write realistic synthetic payroll extracts (2012-01..2024-12), consultant reports "
        "and survey exports to a landing folder.",
    )
    sample.add_argument("--out", required=True, help="landing folder to write hr_payroll/ into")
    sample.add_argument("--seed", type=int, default=2015, help="random seed (default 2015)")
    sample.add_argument(
        "--scale",
        type=int,
        default=1,
        metavar="N",
        help="write every employment N times, each copy another person (default 1: the city's "
        "sample; larger N is for measuring)",
    )
    sample.set_defaults(func=_sample)

    run = sub.add_parser(
        "run",
        help="Do one nightly run: load new files from HRWH_LANDING_DIR, build with dbt, publish.",
    )
    run.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild everything from all history (dbt --full-refresh), even when nothing new "
        "arrived",
    )
    run.set_defaults(func=_run)

    ingest = sub.add_parser(
        "ingest",
        help="Only load new files from HRWH_LANDING_DIR into raw (the nightly run's first step); "
        "nothing is built or published.",
    )
    ingest.set_defaults(func=_ingest)

    accept = sub.add_parser(
        "accept",
        help="Let a delivery held by the delivery gate load as it is now (the next run loads it).",
    )
    accept.add_argument(
        "file",
        help="the held file, relative to HRWH_LANDING_DIR, e.g. hr_payroll/payroll_2016-03.csv",
    )
    accept.set_defaults(func=_accept)

    report = sub.add_parser(
        "report",
        help="Print the published turnover tables (exits/headcount) from the marts, or write "
        "the whole follow-up report as HTML and/or PDF.",
    )
    report.add_argument("--first-year", type=int, default=2013, help="printed table only")
    report.add_argument("--last-year", type=int, default=2018, help="printed table only")
    report.add_argument("--html", metavar="FILE", help="write the follow-up report as HTML")
    report.add_argument("--pdf", metavar="FILE", help="write the follow-up report as PDF")
    report.set_defaults(func=_report)

    docs = sub.add_parser(
        "docs",
        help="Build dbt's docs of the published marts and the Great Expectations Data Docs; "
        "print where they are.",
    )
    docs.set_defaults(func=_docs)

    info = sub.add_parser(
        "connect-info", help="Print where the warehouse listens and how each role connects."
    )
    info.add_argument("--pbids", metavar="FILE", help="also write a Power BI data source file")
    info.set_defaults(func=_connect_info)

    manifest = sub.add_parser(
        "dbt-manifest",
        help="Parse the dbt project into dbt/target/manifest.json, from which the Airflow DAG "
        "shows one task per model (make install and make run do this when dbt/ changed).",
    )
    manifest.set_defaults(func=_dbt_manifest)

    login = sub.add_parser(
        "login", help="Create, drop or list logins for people and BI tools in the reader roles."
    )
    login.add_argument("action", choices=("create", "drop", "list"))
    login.add_argument("name", nargs="?", help="the login's name (create, drop)")
    login.add_argument("--role", help="bi_reader, hr_analyst or unit_manager (create)")
    login.add_argument(
        "--unit",
        action="append",
        metavar="ADMINISTRATION/UNIT",
        help="a unit a unit manager reads (create; repeat for more)",
    )
    login.set_defaults(func=_login)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (ConfigError, DatabaseUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except RunInProgress as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except BuildFailed as exc:
        print(f"error: the build failed, nothing was published.\n{exc}", file=sys.stderr)
        return 1
    except GateFailed as exc:
        print(f"error: the quality gate failed, nothing was published.\n{exc}", file=sys.stderr)
        return 1
    except (PublishFailed, LockLost) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
