# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export HRWH_LANDING_DIR ?= $(CURDIR)/data/landing
export AIRFLOW_HOME := $(CURDIR)/.hrwh/airflow
export AIRFLOW__CORE__DAGS_FOLDER := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES := False
export AIRFLOW__CORE__DEFAULT_TIMEZONE := Europe/Stockholm
# astronomer-cosmos (the dbt task group) sends no usage statistics.
export AIRFLOW__COSMOS__ENABLE_TELEMETRY := False
# dbt's manifest, from which the DAG renders one task per model: parsed again when dbt/ changes.
DBT_MANIFEST := dbt/target/manifest.json
DBT_SOURCES := dbt/dbt_project.yml $(shell find dbt/models dbt/macros dbt/seeds dbt/tests -type f)

.PHONY: install run airflow test lint format sample docs bench clean

install: $(STAMP) $(DBT_MANIFEST)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

$(DBT_MANIFEST): $(STAMP) $(DBT_SOURCES)
	$(BIN)/hrwh dbt-manifest > /dev/null

$(AIRFLOW_HOME)/airflow.db: $(STAMP)
	mkdir -p $(AIRFLOW_HOME)
	$(BIN)/airflow db migrate > $(AIRFLOW_HOME)/migrate.log 2>&1 || (cat $(AIRFLOW_HOME)/migrate.log; exit 1)

sample: $(STAMP)
	@if ls $(HRWH_LANDING_DIR)/hr_payroll/payroll_*.csv >/dev/null 2>&1; then \
	  echo "Landing folder $(HRWH_LANDING_DIR) already has payroll files; keeping them."; \
	else $(BIN)/hrwh sample --out $(HRWH_LANDING_DIR); fi

## run: sample data → one nightly DAG run through Airflow → the published table
run: $(STAMP) $(DBT_MANIFEST) $(AIRFLOW_HOME)/airflow.db sample
	$(BIN)/hrwh connect-info > /dev/null
	$(BIN)/airflow dags test hr_warehouse_nightly > $(AIRFLOW_HOME)/last-run.log 2>&1 \
	  || (tail -40 $(AIRFLOW_HOME)/last-run.log; exit 1)
	@sed -n '/^hrwh run/,/^  checks:/p' $(AIRFLOW_HOME)/last-run.log
	@grep -m1 '^  report: ' $(AIRFLOW_HOME)/last-run.log \
	  || echo "  report: not written, see $(AIRFLOW_HOME)/last-run.log"
	$(BIN)/hrwh report
	@echo
	$(BIN)/hrwh connect-info

## docs: dbt's docs of the published marts and the GX Data Docs (after `make run`)
docs: $(STAMP)
	$(BIN)/hrwh docs

## airflow: Airflow's scheduler, dag-processor and api-server on localhost, metadata in
## PostgreSQL, in the foreground (Ctrl-C stops them all); prints the UI's address and login
airflow: $(STAMP) $(DBT_MANIFEST)
	$(BIN)/python -m hrwh.airflow_local

## test: the whole suite against real PostgreSQL, dbt and Airflow, on two pytest-xdist workers
## (one on a single CPU). Each test file runs whole on one worker, so that its module fixtures are
## built once; the files go out in pytest's (alphabetical) order, not largest-count first, so that
## tests/test_airflow_scheduler.py, the longest by far, starts at once instead of last.
test: $(STAMP) $(DBT_MANIFEST) $(AIRFLOW_HOME)/airflow.db lint
	$(BIN)/pytest --numprocesses auto --maxprocesses 2 --dist loadfile --no-loadscope-reorder

## bench: the load against COPY and to_sql, and full and nightly runs, at 1x and 10x (bench/run.py;
## BENCH_SCALES, BENCH_REPS and BENCH_STEPS shorten it); figures in .hrwh/bench/results.json
bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tests/lint_sql.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## clean: stop the embedded PostgreSQL this project started (its pid file), delete its data
clean:
	@if [ -f .hrwh/pg/postmaster.pid ]; then \
	  kill -INT $$(head -1 .hrwh/pg/postmaster.pid) 2>/dev/null; \
	  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -f .hrwh/pg/postmaster.pid ] || break; sleep 1; done; \
	fi
	rm -rf .hrwh data dbt/target dbt/logs
