"""Alerts: a rejected file or a failed build reaches the configured webhook, saying what broke."""

from __future__ import annotations

import pytest
from hrwh import pipeline
from hrwh.pipeline import ingest_only
from hrwh.runs import cli_owner
from hrwh.settings import Settings
from hrwh.transform import BuildFailed
from payroll_files import HEADER, personnummer, write_payroll


def test_a_rejected_file_alerts_with_file_reason_and_what_to_do(
    webhook: list[dict], warehouse_env: Settings
) -> None:
    row = {
        "AnstallningsID": "A1",
        "Personnummer": personnummer("19800101", "123"),
        "Namn": "Anna Ek",
        "Forvaltning": "Farsta stadsdelsförvaltning",
        "AnstalldFrom": "2010-01-01",
    }
    write_payroll(warehouse_env.landing_dir, "2013-01", [row])
    write_payroll(warehouse_env.landing_dir, "2013-02", [row], header=HEADER[:-2])
    ingest_only(Settings.from_env())
    assert len(webhook) == 1
    text = webhook[0]["text"]
    assert "1 landing file(s) rejected" in text
    assert "hr_payroll/payroll_2013-02.csv" in text
    assert "lacks the column(s) AnstalldTom, Avgangsorsak" in text
    assert "_rejected" in text and "deliver it again" in text
    assert "19800101" not in text and "Anna Ek" not in text


def test_a_clean_run_sends_no_alert(webhook: list[dict], warehouse_env: Settings) -> None:
    write_payroll(
        warehouse_env.landing_dir,
        "2013-01",
        [
            {
                "AnstallningsID": "A1",
                "Personnummer": personnummer("19800101", "123"),
                "Namn": "Anna Ek",
                "Forvaltning": "Farsta stadsdelsförvaltning",
                "AnstalldFrom": "2010-01-01",
            }
        ],
    )
    ingest_only(Settings.from_env())
    assert webhook == []


def test_a_failed_build_alerts_and_says_the_marts_are_unchanged(
    webhook: list[dict], warehouse_env: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_build(*args: object, **kwargs: object) -> str:
        raise BuildFailed("dbt build failed:\nFailure in test not_null_rpt_turnover_yearly_year")

    monkeypatch.setattr(pipeline, "dbt_build", failing_build)
    run = pipeline.begin(Settings.from_env(), cli_owner())
    try:
        pipeline.ingest(Settings.from_env(), run)
        with pytest.raises(BuildFailed):
            pipeline.build(Settings.from_env(), run)
        status = run.conn.execute(
            "select status from raw.run_log where run_id = %s", (run.run_id,)
        ).fetchone()
    finally:
        run.release()
    assert status == ("failed",)
    assert len(webhook) == 1
    assert "the build failed, nothing was published" in webhook[0]["text"]
    assert "not_null_rpt_turnover_yearly_year" in webhook[0]["text"]
    assert "still those of the last good run" in webhook[0]["text"]
