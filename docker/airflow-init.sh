#!/usr/bin/env bash
# airflow-init (docker-compose.yaml): what the other Airflow services need before they start.
# Runs once per `docker compose up`, as root like the official quick start's airflow-init, so
# that it can hand the warehouse's home, the landing folder and the logs to AIRFLOW_UID.
set -euo pipefail

airflow db migrate
mkdir -p "$HRWH_HOME" "$HRWH_LANDING_DIR" "$AIRFLOW_HOME/logs"
if [[ $(id -u) == 0 ]]; then
    chown -R "${AIRFLOW_UID:?}:0" "$HRWH_HOME" "$HRWH_LANDING_DIR" "$AIRFLOW_HOME/logs"
fi
