"""Synthetic HR payroll extracts that reproduce the city's published turnover figures.

`write_sample(out_dir, seed)` writes `out_dir/hr_payroll/payroll_YYYY-MM.csv` for 2012-01..2020-12
and one later re-delivery under `out_dir/redelivered/hr_payroll/`. See `generate.py` for the
report it returns and `writer.py` for which months use which file format.
"""

from hrwh.sample.generate import SampleError, SampleReport, write_sample

__all__ = ["SampleError", "SampleReport", "write_sample"]
