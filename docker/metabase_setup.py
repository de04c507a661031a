"""One-shot set-up of the team server's Metabase (docker-compose.yaml, service metabase-setup).

Metabase's open-source edition takes its own application database from the environment, but not
the databases it reads: those are added in its UI or through its HTTP API. This does, with the
values from .env, what an administrator would do by hand on the first start:

1. create the first administrator (`POST /api/setup`, with the setup token that
   `GET /api/session/properties` shows until then), unless Metabase has one already, in which
   case it logs in as that administrator;
2. add the warehouse, read as the login `WAREHOUSE_USER` and shown with schema `marts` only,
   unless a database of that name is there already; then ask Metabase to read its tables again
   (they appear after the first nightly run).

Running it again changes nothing else, so it runs at every `docker compose up`. Standard library
only: it runs in the Airflow image without adding anything to it.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from typing import Any

WAREHOUSE_NAME = "HR-lagret (hrwh)"
MARTS_SCHEMA = "marts"


def call(method: str, path: str, body: dict | None = None, session: str | None = None) -> Any:
    """One request to Metabase's API; its JSON answer (None when it has no body)."""
    request = urllib.request.Request(
        os.environ["METABASE_URL"].rstrip("/") + path,
        data=None if body is None else json.dumps(body).encode("utf-8"),
        method=method,
        headers={"Content-Type": "application/json"},
    )
    if session:
        request.add_header("X-Metabase-Session", session)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            text = response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:500]
        raise SystemExit(f"Metabase answered {exc.code} to {method} {path}: {detail}") from exc
    return json.loads(text) if text.strip() else None


def admin_session() -> str:
    """A session of the administrator from .env, created on the first run."""
    email = os.environ["METABASE_ADMIN_EMAIL"]
    password = os.environ["METABASE_ADMIN_PASSWORD"]
    properties = call("GET", "/api/session/properties")
    if properties.get("has-user-setup"):
        return call("POST", "/api/session", {"username": email, "password": password})["id"]
    created = call(
        "POST",
        "/api/setup",
        {
            "token": properties["setup-token"],
            "user": {
                "email": email,
                "password": password,
                "first_name": "Metabase",
                "last_name": "Admin",
            },
            "prefs": {"site_name": "HR-lagret", "site_locale": "sv"},
        },
    )
    print(f"Created Metabase's administrator {email}.")
    return created["id"]


def warehouse_database() -> dict:
    """The warehouse as Metabase should read it: the reading login, schema marts only."""
    return {
        "engine": "postgres",
        "name": WAREHOUSE_NAME,
        "details": {
            "host": os.environ["WAREHOUSE_HOST"],
            "port": int(os.environ["WAREHOUSE_PORT"]),
            "dbname": os.environ["WAREHOUSE_DBNAME"],
            "user": os.environ["WAREHOUSE_USER"],
            "password": os.environ["WAREHOUSE_PASSWORD"],
            "ssl": False,
            "schema-filters-type": "inclusion",
            "schema-filters-patterns": MARTS_SCHEMA,
        },
        "is_full_sync": True,
    }


def ensure_warehouse(session: str) -> int:
    """Add the warehouse unless it is there; its Metabase id."""
    listed = call("GET", "/api/database", session=session)
    # Newer versions wrap the list as {"data": [...], "total": n}.
    databases = listed["data"] if isinstance(listed, dict) else listed
    for database in databases:
        if database["name"] == WAREHOUSE_NAME:
            return database["id"]
    added = call("POST", "/api/database", warehouse_database(), session=session)
    print(f"Added the warehouse to Metabase as {WAREHOUSE_NAME!r}.")
    return added["id"]


def main() -> None:
    session = admin_session()
    database_id = ensure_warehouse(session)
    call("POST", f"/api/database/{database_id}/sync_schema", session=session)
    print(f"Metabase reads the warehouse's schema {MARTS_SCHEMA!r} as {WAREHOUSE_NAME!r}.")


if __name__ == "__main__":
    sys.exit(main())
