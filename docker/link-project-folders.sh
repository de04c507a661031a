#!/usr/bin/env bash
# Usage: link-project-folders.sh PROJECT_DIR
# Makes an installed (non-editable) hrwh package find the dbt and Great Expectations projects of
# PROJECT_DIR: the package looks for them beside its source folder (hrwh.settings.PROJECT_ROOT),
# which after `pip install` is two folders above site-packages/hrwh. Links them there when they
# are missing and fails when the package still cannot find either project.
set -euo pipefail
project_dir=$1
root=$(python - <<'PY'
import sys

from hrwh.settings import PROJECT_ROOT

# A folder named dbt on the import path would join the dbt package's namespace.
if str(PROJECT_ROOT) in sys.path:
    raise SystemExit(f"{PROJECT_ROOT} is on the import path: no project folders go there")
print(PROJECT_ROOT)
PY
)
for folder in dbt expectations; do
    if [[ ! -e "$root/$folder" ]]; then
        ln -s "$project_dir/$folder" "$root/$folder"
    fi
done
python - <<'PY'
from hrwh.quality import GX_PROJECT_DIR
from hrwh.settings import DBT_PROJECT_DIR

for required in (DBT_PROJECT_DIR / "dbt_project.yml", GX_PROJECT_DIR / "great_expectations.yml"):
    if not required.is_file():
        raise SystemExit(f"hrwh cannot find {required}")
print(f"hrwh finds dbt in {DBT_PROJECT_DIR} and Great Expectations in {GX_PROJECT_DIR}")
PY
