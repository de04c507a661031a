"""Telling the engineer on call what broke, in the alert itself.

An alert goes to every channel configured: a webhook (`HRWH_ALERT_WEBHOOK`, a JSON POST with a
`text` field, which Slack, Teams and Mattermost incoming webhooks accept) and e-mail
(`HRWH_ALERT_EMAIL`, comma-separated addresses, sent through Airflow's SMTP settings, the
`[smtp]` section or `AIRFLOW__SMTP__*`). With no channel configured the alert is only logged.
An alert that cannot be delivered is logged too; it never fails the run it reports on.
"""

from __future__ import annotations

import json
import sys
import urllib.request
from dataclasses import dataclass

from hrwh.ingest.loader import FileStatus
from hrwh.settings import Settings


@dataclass(frozen=True)
class Alert:
    subject: str
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join([self.subject, "", *self.lines])


def bad_files_alert(run_id: int, files: list[dict]) -> Alert | None:
    """An alert for the files of a run that were rejected or newly held, or None.

    A held delivery waits in the landing folder and is judged again every run; it is alerted
    the first time only (`alert` is false on the later runs).
    """
    news = [
        f
        for f in files
        if f["status"] in (FileStatus.REJECTED, FileStatus.HELD) and f.get("alert", True)
    ]
    if not news:
        return None
    lines = []
    for f in news:
        lines.append(f"{f['status'].capitalize()}: {f['source']}/{f['file_name']}: {f['reason']}.")
        if f["status"] == FileStatus.HELD:
            lines.append(
                "  Look at: whether the extract is complete. If it is not, deliver the complete "
                "file under the same name; if the change is real, accept it as the reason says. "
                "The month's earlier data stays live meanwhile."
            )
            continue
        if f.get("set_aside_to"):
            lines.append(f"  Moved to {f['set_aside_to']}, with the reason beside it.")
        lines.append(
            "  Look at: the file itself; once fixed, deliver it again under the same name "
            "and the next run loads it. The other files of the run were loaded."
        )
    counts = {
        s: sum(1 for f in news if f["status"] == s) for s in (FileStatus.REJECTED, FileStatus.HELD)
    }
    what = "; ".join(f"{n} landing file(s) {status}" for status, n in counts.items() if n)
    return Alert(f"[hrwh] run {run_id}: {what}", lines)


def failed_run_alert(run_id: int | None, step: str, detail: str) -> Alert:
    """An alert for a run that did not publish; the published marts are unchanged."""
    run = f"run {run_id}" if run_id is not None else "a run that could not start"
    return Alert(
        f"[hrwh] {run}: {step} failed, nothing was published",
        [
            detail,
            "",
            "The marts BI and HR read are still those of the last good run. Look at the "
            "check, model or setting named above, fix the data, the code or the setting, and "
            "run again.",
        ],
    )


def abandoned_run_alert(dead_run_id: int, new_run_id: int) -> Alert:
    """An alert for a run found dead (killed, or its Airflow task lost) by a later run."""
    return Alert(
        f"[hrwh] run {dead_run_id} was abandoned, nothing of it was published",
        [
            f"Run {new_run_id} found run {dead_run_id} still marked running although its "
            "process had died (or its Airflow task's lease had run out). It is now marked "
            "abandoned, its database sessions were ended and its half-built marts dropped.",
            "",
            f"Run {new_run_id} goes on and loads and builds everything again. Look at why run "
            f"{dead_run_id} died (the machine, a kill, Airflow's task log).",
        ],
    )


def published_message(run_id: int | None) -> Alert:
    """Good news on the same channel: the night's marts are published (the report DAG)."""
    run = f"run {run_id}" if run_id is not None else "a run"
    return Alert(
        f"[hrwh] marts published, {run}",
        ["BI and HR read the new marts from now on; the run's summary is in raw.run_log."],
    )


def send(alert: Alert, settings: Settings) -> list[str]:
    """Deliver the alert to every configured channel; return the channels that took it."""
    delivered = []
    print(f"ALERT {alert.text}", file=sys.stderr)
    if settings.alert_webhook:
        try:
            _post(settings.alert_webhook, alert)
            delivered.append("webhook")
        except OSError as exc:
            print(f"warning: the alert webhook did not answer: {exc}", file=sys.stderr)
    if settings.alert_emails:
        try:
            from airflow.utils.email import send_email

            send_email(list(settings.alert_emails), alert.subject, f"<pre>{alert.text}</pre>")
            delivered.append("email")
        except Exception as exc:  # any SMTP or configuration error: log it, keep the run going
            print(f"warning: the alert e-mail could not be sent: {exc}", file=sys.stderr)
    return delivered


def _post(url: str, alert: Alert) -> None:
    body = json.dumps({"text": alert.text, "subject": alert.subject}).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
