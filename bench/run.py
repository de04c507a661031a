"""`make bench`: the load and the nightly run, measured side by side (a benchmark, not a test).

For each scale (`BENCH_SCALES`, default `1,10`: `hrwh sample --scale N`) and repetition
(`BENCH_REPS`, default 3), interleaved so that a busy moment of the machine touches every step
alike, each step runs as a process of its own in a fresh database on the server of
`BENCH_SERVER` (default `postgresql://postgres@127.0.0.1:5432`), dropped afterwards:
- `ingest`: `hrwh ingest` of the payroll files;
- `copy`: raw `COPY FROM STDIN` of the same files into a plain table (the limit);
- `to_sql`: `pandas.DataFrame.to_sql` of the same files (`bench/loaders.py`);
- `full`: `hrwh run` of all sources into an empty warehouse;
- `nights`: a run without the last payroll month (untimed), then `new_month`: the night it
  arrives, then `nothing_new`: the night after, with no new file.
`BENCH_STEPS` picks steps (comma-separated). Wall time and peak memory (the largest resident
set of the step's processes, from `wait4`) are printed as medians with min and max, with the
ratios the issue's targets name, and written to `.hrwh/bench/results.json` (`BENCH_RESULTS`
names another file in that folder).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
OUT = ROOT / ".hrwh" / "bench"
KEY = "bench-key-0123456789abcdef0123456789abcdef"
STEPS = ("ingest", "copy", "to_sql", "full", "nights")
LOADERS = ("ingest", "copy", "to_sql")


def sample(scale: int) -> Path:
    """The sample at this scale, written once and kept under .hrwh/bench."""
    folder = OUT / f"sample-{scale}x"
    if not (folder / "hr_payroll").is_dir():
        shutil.rmtree(folder, ignore_errors=True)
        run([str(BIN / "hrwh"), "sample", "--out", str(folder), "--scale", str(scale)], {})
    return folder


def landing(source: Path, folders: tuple[str, ...], leave_out: str | None = None) -> Path:
    """A landing folder of links to the sample's files (so that a run moves nothing)."""
    target = OUT / "landing" / uuid.uuid4().hex[:8]
    for folder in folders:
        (target / folder).mkdir(parents=True)
        for path in sorted((source / folder).iterdir()):
            if path.name != leave_out:
                (target / folder / path.name).symlink_to(path)
    return target


def run(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Wall seconds, peak resident set (MB) of the command's processes, and its output."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=os.environ | env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert process.stdout is not None
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss // 1024, output


class Database:
    """A fresh database for one measurement, dropped afterwards."""

    def __init__(self, server: str) -> None:
        self.server, self.name = server, f"hrwh_bench_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.url = f"{server}/{self.name}"

    def __enter__(self) -> Database:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            conn.execute(f'create database "{self.name}"')
        return self

    def __exit__(self, *exc: object) -> None:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as conn:
            conn.execute(f'drop database if exists "{self.name}" with (force)')


def hrwh_env(db: Database, landing_dir: Path) -> dict[str, str]:
    home = OUT / "home" / db.name
    return {
        "HRWH_DATABASE_URL": db.url,
        "HRWH_LANDING_DIR": str(landing_dir),
        "HRWH_PSEUDONYM_KEY": KEY,
        "HRWH_HOME": str(home),
    }


def measure(step: str, folder: Path, server: str) -> dict[str, dict[str, float]]:
    """One measurement of one step, by figure: seconds and peak MB (and rows of a loader)."""
    payroll = ("hr_payroll",)
    everything = tuple(p.name for p in folder.iterdir() if p.is_dir() and p.name != "redelivered")
    last = sorted((folder / "hr_payroll").iterdir())[-1].name
    hrwh = [str(BIN / "hrwh")]
    with Database(server) as db:
        where = landing(folder, payroll if step in LOADERS else everything)
        env = hrwh_env(db, where)
        if step in ("copy", "to_sql"):
            command = [sys.executable, str(ROOT / "bench" / "loaders.py"), step, str(where), db.url]
            seconds, peak, output = run(command, {})
            figures = {step: (seconds, peak, int(output.split()[-1]))}
        elif step == "ingest":
            seconds, peak, output = run([*hrwh, "ingest"], env)
            rows = int(output.split("  rows: ")[1].split()[0].replace(",", ""))
            figures = {step: (seconds, peak, rows)}
        elif step == "full":
            seconds, peak, _ = run([*hrwh, "run"], env)
            figures = {step: (seconds, peak, 0)}
        else:
            (where / "hr_payroll" / last).unlink()
            run([*hrwh, "run"], env)
            (where / "hr_payroll" / last).symlink_to(folder / "hr_payroll" / last)
            new_month = run([*hrwh, "run"], env)
            nothing_new = run([*hrwh, "run"], env)
            figures = {
                "new_month": (*new_month[:2], 0),
                "nothing_new": (*nothing_new[:2], 0),
            }
        shutil.rmtree(where)
        shutil.rmtree(OUT / "home" / db.name, ignore_errors=True)
    return {
        name: {"seconds": seconds, "peak_mb": peak, "rows": rows}
        for name, (seconds, peak, rows) in figures.items()
    }


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def machine() -> dict[str, object]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model,
        "memory_gb": round(memory_kb / 1024**2, 1),
        "load_average_at_start": os.getloadavg(),
        "python": platform.python_version(),
    }


def main() -> int:
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10").split(",")]
    reps = int(os.environ.get("BENCH_REPS", "3"))
    steps = [s for s in os.environ.get("BENCH_STEPS", ",".join(STEPS)).split(",") if s]
    server = os.environ.get("BENCH_SERVER", "postgresql://postgres@127.0.0.1:5432")
    unknown = set(steps) - set(STEPS)
    if unknown:
        print(f"unknown step(s): {', '.join(sorted(unknown))}; the steps: {', '.join(STEPS)}")
        return 2
    results: dict[str, object] = {"machine": machine(), "reps": reps, "scales": {}}
    for scale in scales:
        folder = sample(scale)
        measured: dict[str, list[dict[str, float]]] = {}
        for rep in range(reps):
            for step in steps:
                for name, figures in measure(step, folder, server).items():
                    measured.setdefault(name, []).append(figures)
                    print(f"{scale}x rep {rep + 1} {name}: {figures}", flush=True)
        results["scales"][str(scale)] = {
            step: {
                "seconds": summary([m["seconds"] for m in runs]),
                "peak_mb": summary([m["peak_mb"] for m in runs]),
                "rows": runs[0]["rows"],
                "rows_per_s": summary([m["rows"] / m["seconds"] for m in runs]),
            }
            for step, runs in measured.items()
        }
    results["machine"]["load_average_at_end"] = os.getloadavg()
    OUT.mkdir(parents=True, exist_ok=True)
    written = OUT / os.environ.get("BENCH_RESULTS", "results.json")
    written.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nfigures written to {written}")
    return 0


def table(results: dict) -> str:
    """The medians (min-max), and the ratios the targets name."""
    lines = [
        f"{'scale':>5} {'step':<12} {'seconds median (min-max)':>26} {'rows/s':>10} "
        f"{'peak MB median (min-max)':>26}"
    ]
    for scale, steps in results["scales"].items():
        for step, f in steps.items():
            s, m = f["seconds"], f["peak_mb"]
            rate = f"{f['rows_per_s']['median']:,.0f}" if f["rows"] else ""
            lines.append(
                f"{scale + 'x':>5} {step:<12} "
                f"{s['median']:>9.1f} ({s['min']:.1f}-{s['max']:.1f}){'':>5} {rate:>10} "
                f"{m['median']:>9.0f} ({m['min']:.0f}-{m['max']:.0f})"
            )
    lines.append("")
    for scale, steps in results["scales"].items():
        rate = {s: steps[s]["rows_per_s"]["median"] for s in LOADERS if s in steps}
        if "ingest" in rate and "copy" in rate:
            lines.append(f"{scale}x ingest / COPY rows/s: {rate['ingest'] / rate['copy']:.2f}")
        if "ingest" in rate and "to_sql" in rate:
            lines.append(f"{scale}x ingest / to_sql rows/s: {rate['ingest'] / rate['to_sql']:.2f}")
        if "full" in steps:
            full = steps["full"]["seconds"]["median"]
            for night in ("new_month", "nothing_new"):
                if night in steps:
                    ratio = steps[night]["seconds"]["median"] / full
                    lines.append(f"{scale}x {night} / full run: {ratio:.2f}")
    scales = results["scales"]
    if "1" in scales and "10" in scales:
        for step in scales["1"]:
            if step in scales["10"]:
                one, ten = scales["1"][step], scales["10"][step]
                time_ratio = ten["seconds"]["median"] / one["seconds"]["median"]
                memory_ratio = ten["peak_mb"]["median"] / one["peak_mb"]["median"]
                lines.append(
                    f"10x / 1x {step}: time {time_ratio:.2f}, peak memory {memory_ratio:.2f}"
                )
    lines.append("dlt: not installed (not a dependency of the project), not measured")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
