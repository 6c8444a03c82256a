"""How long reading partners' files takes: `read_table` on a data set's sheets and on large
workbooks, each group in a process of its own.

    .venv/bin/python bench/readers.py [--dataset DIR ...] [--file PATH ...] [--repeat 3]
        [--rows-limit N] [--source TREE]

For each group (a data set's CSV sheets, its XLSX sheets, each --file) prints the median wall
seconds of --repeat runs, the median CPU seconds of this process and of the workbook reader
process, and the peak resident memory of both. The first file of a group is read once before
timing, so the reader process's start is not in the figures. --rows-limit raises MAX_ROWS so a
workbook of 100,000 rows is read rather than refused. --source TREE reads with the citybridge
package of TREE: an older commit written out with `git archive COMMIT citybridge | tar -x -C
TREE` compares readers on the same files.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = Path("/work/shared/datasets/attendance-dev")


def reader_cpu() -> float:
    """CPU seconds of the workbook reader process so far (0 when there is none)."""
    from citybridge.lib.spreadsheets import workbooks

    process = getattr(getattr(workbooks, "READER", None), "_process", None)
    if process is None or process.poll() is not None:
        return 0.0
    # Nanoseconds on a CPU (the first field); /proc/PID/stat counts in 10 ms ticks.
    return int(Path(f"/proc/{process.pid}/schedstat").read_text().split()[0]) / 1e9


def child(files: list[Path], repeat: int, rows_limit: int | None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    import django

    django.setup()
    from citybridge.lib.spreadsheets import SheetError, limits, read_table, workbooks

    if rows_limit:
        limits.MAX_ROWS = rows_limit
    contents = [(p.name, p.read_bytes()) for p in files]
    with contextlib.suppress(SheetError):  # warm: imports done, the reader process started
        read_table(contents[0][1], contents[0][0])
    walls, cpus, readers, refused = [], [], [], 0
    for _ in range(repeat):
        started, cpu, reader = time.perf_counter(), time.process_time(), reader_cpu()
        for name, data in contents:
            try:
                read_table(data, name)
            except SheetError:
                refused += 1
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
        readers.append(reader_cpu() - reader)
    reader_peak = 0.0
    reader_process = getattr(getattr(workbooks, "READER", None), "_process", None)
    if reader_process is not None:
        # VmHWM: the reader's own peak since it started its program (RUSAGE_CHILDREN would
        # count the pages it shared with this process between fork and exec).
        status = Path(f"/proc/{reader_process.pid}/status").read_text()
        reader_peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
        workbooks.READER.stop()
    usage = resource.getrusage
    print(
        json.dumps(
            {
                "files": len(contents),
                "refused": refused // repeat,
                "wall": statistics.median(walls),
                "cpu": statistics.median(cpus),
                "reader cpu": statistics.median(readers),
                "peak MiB": usage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "reader peak MiB": reader_peak,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", type=Path, action="append")
    parser.add_argument("--file", type=Path, action="append", default=[])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rows-limit", type=int)
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument("--child", nargs="+", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        sys.path.insert(0, str(options.source))
        child(options.child, options.repeat, options.rows_limit)
        return
    groups: list[tuple[str, list[Path]]] = []
    for dataset in options.dataset or ([] if options.file else [DEV]):
        sheets = sorted((dataset / "sheets").iterdir())
        for suffix in (".csv", ".xlsx"):
            chosen = [p for p in sheets if p.suffix == suffix]
            if chosen:
                groups.append((f"{dataset.name} {suffix[1:]} ×{len(chosen)}", chosen))
    groups += [(path.name, [path]) for path in options.file]
    print(f"reader: {options.source}; median of {options.repeat} runs")
    for label, files in groups:
        command = [sys.executable, __file__, "--repeat", str(options.repeat)]
        command += ["--source", str(options.source)]
        if options.rows_limit:
            command += ["--rows-limit", str(options.rows_limit)]
        result = subprocess.run(  # noqa: S603 (our own script)
            [*command, "--child", *map(str, files)], capture_output=True, text=True, check=True
        )
        f = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"{label:32} {f['wall']:7.3f} s wall  {f['cpu']:7.3f} s cpu  "
            f"{f['reader cpu']:7.3f} s reader cpu  peak {f['peak MiB']:5.0f} MiB "
            f"(reader {f['reader peak MiB']:4.0f} MiB)"
            + (f"  {f['refused']} refused" if f["refused"] else "")
        )


if __name__ == "__main__":
    main()
