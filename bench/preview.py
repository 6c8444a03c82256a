"""Import preview benchmark: time and peak memory of previewing a large sign-in sheet on the page.

    .venv/bin/python bench/preview.py [--rows 19000] [--mb 19.9] [--files 1] [--root DIR]

Migrates a new SQLite database (CITYBRIDGE_VAR_DIR in a temporary folder), adds one
engagement (E001) through the CLI to the demo's empty hub, and writes `--files` attendance sheets of `--rows` rows and
about `--mb` MB (10^6 bytes) each: invented people (bench/synthetic.py's own name lists, never real people)
with a long free-text notes column, so that the size per row is what partners' wide sheets
have. Then, in a process of its own, an officer posts them to Engagements → Import sheets
(`imports:upload`) and the script prints the request's wall time and the process's
peak resident memory. When the request hands the preview to the background worker, a second
process runs that job (as `citybridge db_worker` would) and its time and peak are printed too.

`--root` runs another checkout's code against the same files (e.g. `--root /work/main` for the
figures before a change): the bench itself needs nothing of the code it measures but the view.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Words of the invented notes column: what an organiser writes beside a name.
NOTES = (
    "stigao kasnije zbog sastanka u opštini tražio materijale sa prethodne radionice i kontakt "
    "koordinatora za mlade ostavio broj kancelarije i zamolio da ga obavijestimo o sljedećem "
    "okruglom stolu o prevenciji u lokalnoj zajednici"
)


def write_sheet(path: Path, rows: int, target_bytes: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.synthetic import GIVEN, SURNAMES  # this bench's invented names, none real

    rng = random.Random(seed)
    notes = NOTES.split()
    given = [g for lang in GIVEN.values() for part in lang for g in part.split()]
    family = [s for lang in SURNAMES.values() for s in lang.split()]
    cities = ["Podgorica", "Danilovgrad", "Budva", "Elbasan", "Prishtina", "Tuzla", "Ohrid"]
    roles = ["Social worker", "Teacher", "Youth officer", "Police officer", "Councillor"]
    header = ["Ime i prezime", "Organizacija", "Funkcija", "Grad", "E-mail", "Pol", "Napomena"]
    # Fill each row's notes up to the size that makes `rows` rows weigh `target_bytes`.
    per_row = target_bytes // rows
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for n in range(rows):
            first, last = rng.choice(given), rng.choice(family)
            cells = [
                f"{first} {last}",
                f"Organizacija {rng.randint(1, 400)}",
                rng.choice(roles),
                rng.choice(cities),
                f"person{n}@example.org",
                rng.choice(["M", "Ž"]),
            ]
            used = sum(len(c.encode()) + 1 for c in cells) + 2  # commas and the line's end
            words: list[str] = []
            while fitting := [w for w in notes if used + len(w.encode()) + 1 <= per_row]:
                word = rng.choice(fitting)
                words.append(word)
                used += len(word.encode()) + 1
            writer.writerow([*cells, " ".join(words)])


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
    import django

    django.setup()


def request_child(sheets: list[Path]) -> None:
    """Post the sheets to the import page as an officer; prints the figures as JSON."""
    setup_django()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from citybridge.accounts.models import Role, User
    from citybridge.engagement.models import Engagement
    from citybridge.jobs.models import Job

    engagement = Engagement.objects.get(key="E001")
    hub = engagement.hub
    user = User.objects.create_user(username="bench-officer")  # signed in by force_login
    Role.objects.create(user=user, hub=hub, kind=Role.Kind.OFFICER)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(user)
    handles = [p.open("rb") for p in sheets]
    before = peak_mib()
    started = time.perf_counter()
    response = client.post(
        reverse("imports:upload"),
        {
            "kind": "attendance",
            "engagement": engagement.pk,
            "sheets": handles,
        },
        follow=True,
    )
    seconds = time.perf_counter() - started
    for h in handles:
        h.close()
    why = ""
    if response.status_code != 200:
        # Why the page refused the upload (the form's errors or the file's problems).
        text = response.content.decode()
        found = re.findall(r'class="error-message"[^>]*>([^<]+)|<td>([^<]{10,})</td>', text)
        why = "; ".join("".join(pair) for pair in found[:3])
    job = Job.objects.order_by("-created_at").first()
    print(
        json.dumps(
            {
                "status": response.status_code,
                "seconds": seconds,
                "peak": peak_mib(),
                "peak_before": before,
                "job": str(job.pk) if job and job.status == Job.Status.QUEUED else "",
                "why": why,
            }
        )
    )


def worker_child(job_id: str) -> None:
    """Run one queued job in this process, as the worker would; prints the figures as JSON."""
    setup_django()
    from django_tasks_db.models import DBTaskResult

    from citybridge.jobs.models import Job

    before = peak_mib()
    started = time.perf_counter()
    row = DBTaskResult.objects.get(pk=Job.objects.get(pk=job_id).task_id)
    row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
    seconds = time.perf_counter() - started
    job = Job.objects.get(pk=job_id)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak": peak_mib(),
                "peak_before": before,
                "status": job.status,
                "message": job.message,
            }
        )
    )


def run(root: Path, env: dict, *args: str) -> str:
    out = subprocess.run(  # noqa: S603 (our own scripts)
        [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=19_000)
    parser.add_argument("--mb", type=float, default=19.9)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--request", nargs="+", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.request:
        request_child(args.request)
        return
    if args.worker:
        worker_child(args.worker)
        return
    root = args.root.resolve()
    manage = str(root / "manage.py")
    with tempfile.TemporaryDirectory(prefix="citybridge-preview-") as var:
        env = {
            **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
            "CITYBRIDGE_VAR_DIR": var,
            "PYTHONPATH": str(root),
        }
        env.pop("CITYBRIDGE_TASKS_IMMEDIATE", None)
        run(root, env, manage, "migrate", "--no-input", "-v", "0")
        engagements = Path(var) / "engagements.csv"
        engagements.write_text(
            "key,title,type,start,end,city,country\n"
            "E001,Bench workshop,workshop,2024-03-05,2024-03-05,Podgorica,ME\n",
            encoding="utf-8",
        )
        run(root, env, manage, "import", "engagements", str(engagements))
        sheets = []
        for n in range(args.files):
            sheet = Path(var) / f"sheet-{n + 1}.csv"
            write_sheet(sheet, args.rows, int(args.mb * 1000 * 1000), args.seed + n)
            sheets.append(sheet)
        sizes = ", ".join(f"{p.stat().st_size / 1e6:.1f} MB" for p in sheets)
        print(f"{args.files} sheet(s) of {args.rows:,} rows ({sizes}); code of {root}")
        here = str(Path(__file__).resolve())
        request = json.loads(
            run(root, env, here, "--request", *map(str, sheets)).strip().splitlines()[-1]
        )
        print(
            f"request: HTTP {request['status']} in {request['seconds']:.1f} s, "
            f"peak {request['peak']:.0f} MiB (the process held {request['peak_before']:.0f} "
            "MiB before the request)"
        )
        if request["why"]:
            print(f"  refused: {request['why']}")
        if request["job"]:
            worker = json.loads(
                run(root, env, here, "--worker", request["job"]).strip().splitlines()[-1]
            )
            print(
                f"worker: the preview job ({worker['status']}) in {worker['seconds']:.1f} s, "
                f"peak {worker['peak']:.0f} MiB (held {worker['peak_before']:.0f} MiB before)"
            )
            print(f"  {worker['message']}")
        print(f"({os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
