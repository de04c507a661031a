"""The `hrwh` command: sample data, one nightly run, and the published table.

Expected failures (no landing folder, no database, a bad key, a failed build) end with one plain
sentence and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from hrwh.database import DatabaseUnavailable, connect, redact, resolve_database_url
from hrwh.pipeline import GateFailed, PublishFailed
from hrwh.runs import LockLost, RunInProgress
from hrwh.settings import ConfigError, Settings
from hrwh.transform import BuildFailed


def _sample(args: argparse.Namespace) -> int:
    from hrwh_sample import write_sample

    report = write_sample(Path(args.out), seed=args.seed)
    print(
        f"wrote {len(report.files)} payroll files ({report.rows:,} rows), "
        f"{len(report.consultant_files)} consultant reports and {len(report.survey_files)} "
        f"survey exports to {args.out}; a re-delivered month is in {report.redelivered}"
    )
    return 0


def _run(args: argparse.Namespace) -> int:
    from hrwh.pipeline import run_nightly

    print("\n".join(run_nightly(Settings.from_env())))
    return 0


def _report(args: argparse.Namespace) -> int:
    from hrwh.report import turnover_table

    with connect(resolve_database_url(Settings.from_env())) as conn:
        print(turnover_table(conn, args.first_year, args.last_year))
    return 0


def _connect_info(args: argparse.Namespace) -> int:
    url = resolve_database_url(Settings.from_env())
    print(f"The marts are in schema 'marts' of {redact(url)}")
    print(f"  psql '{url}' -c 'select * from marts.rpt_turnover_yearly limit 5'")
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
    sample.set_defaults(func=_sample)

    run = sub.add_parser(
        "run",
        help="Do one nightly run: load new files from HRWH_LANDING_DIR, build with dbt, publish.",
    )
    run.set_defaults(func=_run)

    report = sub.add_parser(
        "report", help="Print the published turnover tables (exits/headcount) from the marts."
    )
    report.add_argument("--first-year", type=int, default=2013)
    report.add_argument("--last-year", type=int, default=2018)
    report.set_defaults(func=_report)

    info = sub.add_parser("connect-info", help="Print how to connect to the marts with psql.")
    info.set_defaults(func=_connect_info)
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
