#!/usr/bin/env bash
# airflow-apiserver (docker-compose.yaml): Airflow's UI and APIs. The simple auth manager reads
# its users' passwords from a file, and writes a random one there for a user it does not find;
# write the admin's password from .env there first, so that the login is the one in .env.
set -euo pipefail

python - <<'PY'
import json
import os
from pathlib import Path

passwords = Path(os.environ["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"])
passwords.parent.mkdir(parents=True, exist_ok=True)
passwords.touch(mode=0o600)
admin = {os.environ["AIRFLOW_ADMIN_USER"]: os.environ["AIRFLOW_ADMIN_PASSWORD"]}
passwords.write_text(json.dumps(admin) + "\n", encoding="utf-8")
PY
exec airflow api-server "$@"
