"""The delivery gate: a payroll delivery far off its neighbours' size waits for a person.

Hand-made months of 100 employments stand in for the real extract (3,500 a month); the cases
are the ones seen in production: a truncated re-delivery (3,491 -> 1,709 rows) and a new month
at 59 % of the previous one.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from hrwh.cli import main
from hrwh.pipeline import ingest_only, summary_lines
from hrwh.settings import Settings
from payroll_files import personnummer, write_payroll


def staff(n: int) -> list[dict[str, str]]:
    return [
        {
            "AnstallningsID": f"E{i:04d}",
            "Personnummer": personnummer(
                f"19{60 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}", f"{i:03d}"
            ),
            "Namn": f"Person Nummer{i}",
            "Forvaltning": "Farsta stadsdelsförvaltning",
            "AnstalldFrom": "2010-01-01",
        }
        for i in range(n)
    ]


def outcome(result, name: str) -> dict:
    (found,) = [f for f in result.files if f["file_name"] == name]
    return found


def rows_of(settings: Settings, period: str) -> int:
    with psycopg.connect(settings.database_url) as conn:
        (count,) = conn.execute(
            "select count(*) from raw.hr_payroll where period = %s", (period,)
        ).fetchone()
    return count


def test_a_truncated_redelivery_is_held_until_accepted(
    webhook: list[dict], warehouse_env: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2016-02", staff(100))
    write_payroll(landing, "2016-03", staff(100))
    ingest_only(warehouse_env)
    truncated = write_payroll(landing, "2016-03", staff(49))

    held = outcome(ingest_only(warehouse_env), "payroll_2016-03.csv")

    assert held["status"] == "held"
    assert held["reason"].startswith(
        "it holds 49 distinct AnstallningsID, 51% fewer than the 100 of the delivery it would "
        "replace (payroll_2016-03.csv), beyond the ±20% allowed (HRWH_DELIVERY_TOLERANCE)"
    )
    assert "hrwh accept hr_payroll/payroll_2016-03.csv" in held["reason"]
    assert rows_of(warehouse_env, "2016-03") == 100  # the full month stays live
    assert truncated.exists()  # it waits where it was delivered
    assert len(webhook) == 1 and "Held: hr_payroll/payroll_2016-03.csv" in webhook[0]["text"]

    again = ingest_only(warehouse_env)
    assert outcome(again, "payroll_2016-03.csv")["status"] == "held"
    assert len(webhook) == 1  # alerted once, not every night
    assert any(
        line.startswith("  held: hr_payroll/payroll_2016-03.csv: it holds 49")
        for line in summary_lines(again, "ok")
    )

    assert main(["accept", "hr_payroll/payroll_2016-03.csv"]) == 0
    assert "the next run loads it past the delivery gate" in capsys.readouterr().out
    accepted = outcome(ingest_only(warehouse_env), "payroll_2016-03.csv")
    assert accepted["status"] == "replaced"
    assert accepted["reason"].startswith("accepted past the delivery gate: it holds 49")
    assert rows_of(warehouse_env, "2016-03") == 49
    with psycopg.connect(warehouse_env.database_url) as conn:
        ledger = conn.execute(
            "select period, status from raw.load_ledger order by load_id"
        ).fetchall()
    assert ledger == [
        ("2016-02", "loaded"),
        ("2016-03", "superseded"),
        ("2016-03", "held"),
        ("2016-03", "loaded"),
    ]


def test_acceptance_is_for_the_content_accepted(warehouse_env: Settings) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2016-02", staff(100))
    write_payroll(landing, "2016-03", staff(50))
    assert outcome(ingest_only(warehouse_env), "payroll_2016-03.csv")["status"] == "held"
    assert main(["accept", "hr_payroll/payroll_2016-03.csv"]) == 0
    write_payroll(landing, "2016-03", staff(40))  # changed after it was accepted
    assert outcome(ingest_only(warehouse_env), "payroll_2016-03.csv")["status"] == "held"


def test_a_new_month_far_below_the_previous_is_held_and_a_normal_month_passes(
    warehouse_env: Settings,
) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2016-02", staff(100))
    write_payroll(landing, "2016-03", staff(59))
    write_payroll(landing, "2016-04", staff(97))

    result = ingest_only(warehouse_env)

    march = outcome(result, "payroll_2016-03.csv")
    assert march["status"] == "held"
    assert march["reason"].startswith(
        "it holds 59 distinct AnstallningsID, 41% fewer than the 100 of the live delivery of "
        "2016-02 (payroll_2016-02.csv)"
    )
    assert outcome(result, "payroll_2016-04.csv")["status"] == "loaded"  # judged against 2016-02
    assert rows_of(warehouse_env, "2016-03") == 0


def test_without_an_earlier_month_the_nearest_later_one_judges(warehouse_env: Settings) -> None:
    landing = warehouse_env.landing_dir
    write_payroll(landing, "2016-05", staff(100))
    ingest_only(warehouse_env)
    write_payroll(landing, "2016-01", staff(150))
    january = outcome(ingest_only(warehouse_env), "payroll_2016-01.csv")
    assert january["status"] == "held"
    assert "50% more than the 100 of the live delivery of 2016-05" in january["reason"]


def test_the_tolerance_is_a_setting(
    warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HRWH_DELIVERY_TOLERANCE", "0.5")
    write_payroll(warehouse_env.landing_dir, "2016-02", staff(100))
    write_payroll(warehouse_env.landing_dir, "2016-03", staff(59))
    result = ingest_only(Settings.from_env())
    assert outcome(result, "payroll_2016-03.csv")["status"] == "loaded"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("hr_payroll/payroll_2016-09.csv", "is not a file in the landing folder"),
        ("elsewhere/payroll_2016-03.csv", "is not a file in the landing folder"),
    ],
)
def test_accepting_an_unknown_file_is_a_plain_error(
    warehouse_env: Settings, capsys: pytest.CaptureFixture[str], name: str, message: str
) -> None:
    write_payroll(warehouse_env.landing_dir, "2016-03", staff(3))
    assert main(["accept", name]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {name} {message}") and "Traceback" not in err


def test_a_bad_tolerance_is_a_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HRWH_DELIVERY_TOLERANCE", "20 %")
    assert main(["accept", "hr_payroll/payroll_2016-03.csv"]) == 2
    assert "HRWH_DELIVERY_TOLERANCE must be a fraction" in capsys.readouterr().err
