"""Synthetic landing files that reproduce the city's published figures and findings.

`write_sample(out_dir, seed)` writes `out_dir/hr_payroll/payroll_YYYY-MM.csv` for 2012-01..2024-12
and one later re-delivery under `out_dir/redelivered/hr_payroll/`, the unit managers' consultant
reports `out_dir/consultants/konsulter_YYYY-MM-DD.csv|xlsx` (six days 2016-2018) and the staff
survey's exports `out_dir/survey/enkat_YYYY-MM.csv|xlsx` (five rounds 2016-11..2018-11): the
later years have payroll only, as the city published no consultant counts or survey rounds for
them. See `generate.py` for the report it returns; `writer.py`, `consultants.DAY_FORMATS` and
`survey.ROUND_FORMATS` for which file uses which format.

The generator stands beside the warehouse (`hrwh`) and imports nothing from it: what it writes
is what `shared/docs/source-formats.md` documents (`formats.py`), and the reference data it
works from are copies of `shared/reference/` (`reference/`). Whether the files give the
published figures is checked by running them through the warehouse's own pipeline, in the
tests (`tests/test_golden.py`).
"""

from hrwh_sample.generate import SampleError, SampleReport, write_sample

__all__ = ["SampleError", "SampleReport", "write_sample"]
