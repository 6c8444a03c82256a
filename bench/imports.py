"""Attendance import benchmark: where the time of `citybridge import attendance` goes.

    .venv/bin/python bench/imports.py [--dataset DIR | --synthetic ROWS [--seed N]] [--repeat N]

Each run migrates a new SQLite database (CITYBRIDGE_VAR_DIR), imports the data set's members
and engagements through the CLI, then, in a process of its own, reads the sheets' bytes and
imports them all with `import_attendance` as the CLI does. The importer's own progress stages
split the time: reading and checking every sheet (decoding, XLSX, columns, names, e-mails),
storing the rows ("saving" until "linking"), and resolving the hub's people ("linking" until
it returns); "other" is the rest (reading the files from disk, the transaction). Prints the
median of `--repeat` runs of each part in wall seconds and in CPU seconds of the process (on
a shared machine the CPU seconds are the steadier figure), the total, and the process's peak
resident memory before resolution and at the end. `--synthetic 100000 --seed 7` is issue #3's 100,000 rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.resolution import DEV, cli  # noqa: E402

PARTS = ("reading", "storing", "resolution", "other", "total")


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(dataset: Path) -> None:
    """One timed import, in this process; prints its figures as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    import django

    django.setup()
    from citybridge.imports.registry import run_import
    from citybridge.reports.management.commands.figures import hub_from_option

    hub = hub_from_option(None)
    started = clock()
    files = [(p.name, p.read_bytes()) for p in sorted((dataset / "sheets").iterdir())]
    stages: dict[str, tuple[float, float]] = {}
    peaks: dict[str, float] = {}

    def tell(stage: str, rows: int) -> None:
        if stage not in stages:
            stages[stage] = clock()
            peaks[stage] = peak_mib()

    tell("checking", 0)
    run_import("attendance", files, hub=hub, acting_user=None, progress=tell)
    ended = clock()
    spans = {
        "reading": (stages["checking"], stages["saving"]),
        "storing": (stages["saving"], stages["linking"]),
        "resolution": (stages["linking"], ended),
        "total": (started, ended),
    }
    figures = {"peak_before_resolution": peaks["linking"], "peak": peak_mib()}
    for kind, i in (("wall", 0), ("cpu", 1)):
        parts = {part: b[i] - a[i] for part, (a, b) in spans.items()}
        parts["other"] = parts["total"] - parts["reading"] - parts["storing"] - parts["resolution"]
        figures |= {f"{part} {kind}": value for part, value in parts.items()}
    print(json.dumps(figures))


def clock() -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process)."""
    return time.perf_counter(), time.process_time()


def run(dataset: Path) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="citybridge-imports-") as var:
        env = {**os.environ, "CITYBRIDGE_VAR_DIR": var}
        cli(env, "migrate", "--no-input", "-v", "0")
        cli(env, "import", "members", str(dataset / "members.csv"))
        cli(env, "import", "engagements", str(dataset / "engagements.csv"))
        out = subprocess.run(  # noqa: S603 (this script, in its own process)
            [sys.executable, __file__, "--child", str(dataset)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if out.returncode != 0:
        sys.exit(f"the import failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEV)
    parser.add_argument("--synthetic", type=int, metavar="ROWS")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="citybridge-synthetic-") as scratch:
        dataset = args.dataset
        if args.synthetic:
            dataset = Path(scratch) / "synthetic"
            subprocess.run(  # noqa: S603 (our own generator)
                [
                    sys.executable,
                    str(ROOT / "bench" / "synthetic.py"),
                    str(dataset),
                    "--rows",
                    str(args.synthetic),
                    "--seed",
                    str(args.seed),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        runs = []
        for number in range(1, args.repeat + 1):
            runs.append(run(dataset))
            shown = "  ".join(
                f"{p} {runs[-1][f'{p} wall']:.1f} s (cpu {runs[-1][f'{p} cpu']:.1f})" for p in PARTS
            )
            peaks = f"{runs[-1]['peak_before_resolution']:.0f} MiB before resolution"
            print(f"run {number}: {shown}  peak {runs[-1]['peak']:.0f} MiB ({peaks})", flush=True)
    print(f"\nmedian of {len(runs)} runs ({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}):")
    print(f"  {'':<12}{'wall':>7}  {'cpu':>7}")
    for part in PARTS:
        wall, cpu = (statistics.median(r[f"{part} {k}"] for r in runs) for k in ("wall", "cpu"))
        print(f"  {part:<12}{wall:7.1f}  {cpu:7.1f} s")
    for peak in ("peak_before_resolution", "peak"):
        label = peak.replace("_", " ")
        print(f"  {label:<24}{statistics.median(r[peak] for r in runs):5.0f} MiB")


if __name__ == "__main__":
    main()
