"""Person-resolution benchmark: import a data set through the CLI, score the links, beside Splink.

    .venv/bin/python bench/resolution.py [--dataset DIR | --synthetic ROWS [--seed N] [--noise X]]
                                         [--kobo combined|per-engagement|labels [--older]]
                                         [--repeat N] [--no-splink] [--json]

A data set has the layout of ../shared/datasets/attendance-dev (members.csv, engagements.csv,
sheets/<key>.csv|xlsx, truth/mentions.csv, truth/figures.json); `--synthetic` first writes one
with bench/synthetic.py. Each run imports into a new SQLite database (CITYBRIDGE_VAR_DIR) with
`citybridge migrate / import members / import engagements / import attendance`, timing the
attendance import (wall seconds and the peak resident memory of that one process), then scores
`citybridge people links` against the truth: pairwise and B-cubed precision/recall/F1 (from the
cluster contingency counts), the relative error of the distinct-person count, and whether
`citybridge figures` equals truth/figures.json for each period. The review queue is measured
too: its size per 100 people found, the share of its pairs that are one person, and the key
figures of each period before and after an officer who answers every queued pair correctly.

The resolution step is also timed on its own, like for like with Splink: `citybridge people
resolve` in its own process resolves the stored rows again (load the hub's rows, the engine,
write the links, people and review queue; the import has already linked them, so it writes
only what changed, as after an officer's decision). Its time and memory are printed under the
table ("resolution step"), beside the whole import's.

Splink 5 (DuckDB) deduplicates the same stored rows in its own process, set up as its
documentation does (SettingsCreator, dedupe_only, name/e-mail/city comparisons, blocking rules,
u by random sampling, m by EM, predict, then clusters at 0.95), on names split naively from
the written cells and folded with citybridge.lib.text.fold. It is an optional extra
(`pip install -e ".[bench]"`); without it that part is skipped, saying so. Each run prints,
on stderr, CityBridge's whole import over Splink's time in that same run, in wall and in CPU
seconds (of each process and those it waited for): on a shared machine a run's ratio is
steadier than either time, and the table gives the median of the runs' ratios.

`--kobo` imports the data set's sheets as KoboToolbox exports instead (bench/kobo.py: three
partners' forms, `;` CSV, XLSX with first/last names, `,` CSV; `combined`: one export per form
with an `event` column routing its rows, `per-engagement`: one export per engagement named by
its key, `labels`: combined, with one form's headings in Albanian labels), says every column
that was not used (there should be none), and scores against the exports' truth. `--older`
first imports the exports as downloaded earlier (fewer submissions, some not yet corrected),
then the newer ones: the re-sync's "new, updated, unchanged" beside the truth's changes, and
whether the result equals importing the newer exports alone.

`--dump FILE` writes the last run's outcome as JSON, to compare two versions of the engine
byte for byte: the partition (each person's rows as (sheet, row), sorted) and the review queue
(each pair as two (sheet, row) keys, its score and evidence, sorted).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "datasets" / "attendance-dev"
CLI = [str(Path(sys.executable).with_name("citybridge"))]
# The match probability Splink's tutorials cluster at, and a looser one to show it is not
# only the threshold (the table prints both; the time is of one run doing both clusterings).
SPLINK_THRESHOLDS = (0.95, 0.5)

# Measures one child process: its wall seconds, its CPU seconds (user and system, with the
# processes it waited for) and peak resident set (ru_maxrss, KiB on Linux).
MEASURE = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
run = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)
wall = time.perf_counter() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"code": run.returncode, "seconds": wall, "cpu": usage.ru_utime + usage.ru_stime,
                  "peak_kib": usage.ru_maxrss, "last": run.stdout.strip()[-2000:]}))
"""


def measured(cmd: list[str], env: dict) -> dict:
    out = subprocess.run(  # noqa: S603 (our own CLI and interpreter)
        [sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True, check=False
    )
    result = json.loads(out.stdout.strip().splitlines()[-1]) if out.stdout.strip() else {}
    if result.get("code") != 0:
        sys.exit(f"failed: {' '.join(cmd[:4])}...\n{out.stderr[-2000:]}")
    return result


def cli(env: dict, *args: str) -> str:
    out = subprocess.run(  # noqa: S603 (our own CLI)
        [*CLI, *args], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        sys.exit(f"citybridge {' '.join(args[:3])} failed:\n{out.stderr[-2000:]}")
    return out.stdout


# --- scoring ---------------------------------------------------------------------------------


def dump(var: Path, path: Path) -> None:
    """The partition and review queue of the run in `var`, as `--dump` writes them."""
    db = sqlite3.connect(f"file:{var / 'citybridge.sqlite3'}?mode=ro", uri=True)
    key_of = {
        pk: (source, row)
        for pk, source, row in db.execute(
            "SELECT id, source_file, row_number FROM engagement_attendance"
        )
    }
    people: dict[int | None, list] = {}
    for pk, person in db.execute("SELECT id, person_id FROM engagement_attendance"):
        people.setdefault(person, []).append(key_of[pk])
    queue = sorted(
        (
            (sorted((key_of[a], key_of[b])), score, json.loads(evidence))
            for a, b, score, evidence in db.execute(
                "SELECT first_id, second_id, score, evidence FROM engagement_reviewpair"
            )
        ),
        key=json.dumps,
    )
    db.close()
    partition = sorted(sorted(keys) for keys in people.values())
    path.write_text(json.dumps({"partition": partition, "queue": queue}), encoding="utf-8")


def score(truth: dict[tuple[str, int], str], found: dict[tuple[str, int], str]) -> dict:
    """Pairwise and B-cubed scores of `found` clusters against `truth`, over truth's rows.

    A row without a person counts as a cluster of its own."""
    pairs = Counter()
    for key, person in truth.items():
        predicted = found.get(key) or f"-unlinked-{key}"
        pairs[(person, predicted)] += 1
    true_sizes: Counter[str] = Counter()
    found_sizes: Counter[str] = Counter()
    for (t, f), n in pairs.items():
        true_sizes[t] += n
        found_sizes[f] += n

    def c2(n: int) -> int:
        return n * (n - 1) // 2

    together = sum(c2(n) for n in pairs.values())
    found_pairs = sum(c2(n) for n in found_sizes.values())
    true_pairs = sum(c2(n) for n in true_sizes.values())
    p = together / found_pairs if found_pairs else 1.0
    r = together / true_pairs if true_pairs else 1.0
    rows = sum(true_sizes.values())
    bp = sum(n * n / found_sizes[f] for (_, f), n in pairs.items()) / rows
    br = sum(n * n / true_sizes[t] for (t, _), n in pairs.items()) / rows
    return {
        "pairwise_precision": p,
        "pairwise_recall": r,
        "pairwise_f1": f1(p, r),
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": f1(bp, br),
        "people_found": len(found_sizes),
        "people_true": len(true_sizes),
        "count_error": (len(found_sizes) - len(true_sizes)) / len(true_sizes),
    }


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def read_truth(dataset: Path) -> dict[tuple[str, int], str]:
    with (dataset / "truth" / "mentions.csv").open(encoding="utf-8") as f:
        return {(r["source"], int(r["row"])): r["person"] for r in csv.DictReader(f)}


def read_links(text: str) -> dict[tuple[str, int], str]:
    return {(r["source"], int(r["row"])): r["person"] for r in csv.DictReader(text.splitlines())}


# --- CityBridge ------------------------------------------------------------------------------


def run_citybridge(dataset: Path, var: Path, *, older: bool = False) -> dict:
    # Timed as production runs it: without DEBUG, which keeps every query's text in memory.
    env = {**os.environ, "CITYBRIDGE_VAR_DIR": str(var), "CITYBRIDGE_DEBUG": "0"}
    cli(env, "migrate", "--no-input", "-v", "0")
    cli(env, "import", "members", str(dataset / "members.csv"))
    cli(env, "import", "engagements", str(dataset / "engagements.csv"))
    sheets = sorted(str(p) for p in (dataset / "sheets").iterdir())
    not_used = [
        line.strip()
        for line in cli(env, "import", "attendance", *sheets, "--dry-run", "-v", "2").splitlines()
        if line.endswith(": not used")
    ]
    earlier = ""
    if older:
        earlier_sheets = sorted(str(p) for p in (dataset / "older" / "sheets").iterdir())
        earlier = cli(env, "import", "attendance", *earlier_sheets).splitlines()[-1]
    result = measured([*CLI, "import", "attendance", *sheets], env)
    result["not_used"] = not_used
    if older:
        # The re-sync's summary line says what it did; a second one should do nothing.
        result["older_import"] = earlier
        result["resync"] = result["last"].splitlines()[-1]
        result["again"] = cli(env, "import", "attendance", *sheets).splitlines()[-1]
    result["links"] = read_links(cli(env, "people", "links", "--format", "csv"))
    # After the links are read: the scores are of the import's own resolution.
    result["resolve"] = measured([*CLI, "people", "resolve"], env)
    return result


def read_noise(dataset: Path) -> dict[tuple[str, int], list[str]]:
    """truth/noise.csv (written by bench/synthetic.py): the kinds of noise of each row."""
    path = dataset / "truth" / "noise.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {
            (r["source"], int(r["row"])): [k for k in r["kinds"].split(";") if k]
            for r in csv.DictReader(f)
        }


def by_kind(truth: dict, links: dict, noise: dict) -> dict[str, Counter]:
    """People split and clusters merged, counted by the kinds of noise on the rows that went
    astray (for a split person, the rows outside their largest found cluster; for a merged
    cluster, the rows of every true person but its largest) that the other rows do not have,
    or all their kinds when the other rows have them too. A person counts once per kind."""
    out: dict[str, Counter] = {"split": Counter(), "merged": Counter()}
    for label, group_of, member_of in (
        ("split", truth.get, lambda key: links.get(key, "")),
        ("merged", lambda key: links.get(key, ""), truth.get),
    ):
        groups: dict[str, dict[str, list]] = {}
        for key in truth:
            groups.setdefault(group_of(key), {}).setdefault(member_of(key), []).append(key)
        for parts in groups.values():
            if len(parts) < 2:
                continue
            largest = max(parts, key=lambda part: len(parts[part]))
            usual = {kind for key in parts[largest] for kind in noise.get(key, [])}
            stray = {
                kind
                for part, keys in parts.items()
                if part != largest
                for key in keys
                for kind in noise.get(key, [])
            }
            # What the stray rows have that the others do not is the likely cause.
            out[label].update((stray - usual) or stray or {"(none)"})
    return out


LEADER_ROLES = ("mayor", "deputy_mayor", "council_chair", "district_head")


def review_outcome(
    truth: dict,
    links: dict,
    var: Path,
    periods: list[dict],
    older_of: dict | None = None,
    links_after: dict | None = None,
    asked_wrongly: list | None = None,
) -> dict:
    """The review queue's size and worth, and the key figures once an officer had decided every
    queued pair correctly: each pair of one true person ("same person") merges the two people
    CityBridge found, each other pair ("different people") changes nothing. The figures are
    counted as citybridge/reports/figures.py counts them (distinct people with a record at an
    engagement starting within the period; leaders by the sheet's role or a recorded position
    held on the engagement's day), before and after, for each period of truth/figures.json.
    `links_after`, when given, is filled with the rows' people after the officer's work (row
    key -> person), for `errors` to show who is still split; `asked_wrongly`, with the row keys
    of the queued pairs that are two people."""
    db = sqlite3.connect(f"file:{var / 'citybridge.sqlite3'}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT a.id, a.source_file, a.row_number, a.person_id, a.role_kind, e.starts_on "
        "FROM engagement_attendance a JOIN engagement_engagement e ON e.id = a.engagement_id"
    ).fetchall()
    pairs = db.execute("SELECT first_id, second_id FROM engagement_reviewpair").fetchall()
    positions = db.execute(
        "SELECT person_id, started_on, ended_on FROM network_position WHERE role IN (?, ?, ?, ?)",
        LEADER_ROLES,
    ).fetchall()
    people_found = db.execute("SELECT COUNT(*) FROM network_person").fetchone()[0]
    db.close()
    # After a re-sync (--older) a submission left alone is still the older export's row.
    newer_of = {was: key for key, was in (older_of or {}).items()}
    key_of = {pk: newer_of.get((source, row), (source, row)) for pk, source, row, *_ in rows}
    person_of = {pk: person for pk, _, _, person, *_ in rows}
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    same = 0
    for first, second in pairs:
        a, b = key_of.get(first), key_of.get(second)
        if a in truth and b in truth and truth[a] == truth[b]:
            same += 1
            pa, pb = person_of.get(first), person_of.get(second)
            if pa is not None and pb is not None:
                parent[find(pa)] = find(pb)
        elif asked_wrongly is not None:
            asked_wrongly.append((a, b))
    after_ids = {find(p) for p in person_of.values() if p is not None}
    if links_after is not None:
        for pk, person in person_of.items():
            if person is not None:
                links_after[key_of[pk]] = str(find(person))
    true = len(set(truth.values()))

    def figures(merged: bool) -> list[dict]:
        who = find if merged else (lambda p: p)
        out = []
        for period in periods:
            start, end = period["from"], period["to"]
            inside = [r for r in rows if r[3] is not None and start <= str(r[5]) <= end]
            leaders = {
                who(person)
                for _, _, _, person, role, day in inside
                if role in LEADER_ROLES
                or any(
                    p == person and (not s or s <= str(day)) and (not e or e >= str(day))
                    for p, s, e in positions
                )
            }
            out.append(
                {
                    "period": period["name"],
                    "individuals_engaged": len({who(r[3]) for r in inside}),
                    "leaders_engaged": len(leaders),
                }
            )
        return out

    return {
        "queued": len(pairs),
        "queued_same": same,  # pairs an officer would answer "same person"
        "people_found": people_found,
        "queued_per_100": 100 * len(pairs) / people_found if people_found else 0.0,
        "people_after_review": len(after_ids),
        "count_error_after_review": (len(after_ids) - true) / true,
        "figures_before": figures(merged=False),
        "figures_after": figures(merged=True),
    }


def errors(
    truth: dict, links: dict, var: Path, limit: int, kinds: tuple[str, ...] = ("split", "merged")
) -> list[str]:
    """Examples of CityBridge's mistakes, as written: people split, and people merged."""
    db = sqlite3.connect(f"file:{var / 'citybridge.sqlite3'}?mode=ro", uri=True)
    written = {
        (source, row): f"{full!r} {email or '-'} {city or '-'} {gender or '-'}"
        for source, row, full, email, city, gender in db.execute(
            "SELECT source_file, row_number, full_name, email, city, gender "
            "FROM engagement_attendance"
        )
    }
    db.close()
    by_true: dict[str, set[str]] = {}
    by_found: dict[str, set[str]] = {}
    for key, person in truth.items():
        by_true.setdefault(person, set()).add(links.get(key, ""))
        by_found.setdefault(links.get(key, ""), set()).add(person)
    lines = []
    for label, groups, other in (("split", by_true, "found"), ("merged", by_found, "true")):
        if label not in kinds:
            continue
        bad = [k for k, v in groups.items() if len(v) > 1][:limit]
        for k in bad:
            lines.append(f"{label} ({other} {len(groups[k])}):")
            for key, person in truth.items():
                if (person if label == "split" else links.get(key, "")) == k:
                    who = links.get(key, "") if label == "split" else person
                    lines.append(f"    {who:8} {key[0]}:{key[1]:<4} {written.get(key, '?')}")
    return lines


def asked(pairs: list, var: Path) -> list[str]:
    """The queued pairs of two people, as written."""
    db = sqlite3.connect(f"file:{var / 'citybridge.sqlite3'}?mode=ro", uri=True)
    written = {
        (source, row): f"{full!r} {email or '-'} {city or '-'} {gender or '-'} {organisation!r}"
        for source, row, full, email, city, gender, organisation in db.execute(
            "SELECT source_file, row_number, full_name, email, city, gender, organisation "
            "FROM engagement_attendance"
        )
    }
    db.close()
    return [f"    {written.get(a, a)}  /  {written.get(b, b)}" for a, b in pairs]


def periods(dataset: Path) -> list[dict]:
    """The periods of truth/figures.json, with their truth: [{name, from, to, figures...}]."""
    truth = json.loads((dataset / "truth" / "figures.json").read_text())
    return [
        {"name": name, **want}
        for name, want in truth.items()
        if isinstance(want, dict) and "from" in want
    ]


def check_figures(dataset: Path, var: Path) -> list[dict]:
    """Each period of truth/figures.json: CityBridge's figures beside the truth."""
    env = {**os.environ, "CITYBRIDGE_VAR_DIR": str(var)}
    truth = json.loads((dataset / "truth" / "figures.json").read_text())
    checks = []
    for period, want in truth.items():
        if not isinstance(want, dict) or "from" not in want:
            continue
        got = json.loads(
            cli(env, "figures", "--from", want["from"], "--to", want["to"], "--format", "json")
        )
        for key, truth_key in (
            ("individuals_engaged", "individuals_engaged"),
            ("leaders_engaged", "leaders_engaged"),
            # The hub counts only its jurisdictions' members.
            ("member_cities", "member_cities_western_balkans"),
        ):
            checks.append(
                {"period": period, "figure": key, "truth": want[truth_key], "citybridge": got[key]}
            )
    return checks


# --- Splink ----------------------------------------------------------------------------------


def splink_records(var: Path, path: Path) -> int:
    """The stored rows as Splink gets them: names split naively, every field folded."""
    from citybridge.lib.text import fold

    db = sqlite3.connect(f"file:{var / 'citybridge.sqlite3'}?mode=ro", uri=True)
    rows = db.execute(
        "SELECT source_file, row_number, full_name, given_name, family_name, email, city "
        "FROM engagement_attendance ORDER BY id"
    ).fetchall()
    db.close()
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unique_id", "source", "row", "first_name", "surname", "email", "city"])
        for n, (source, row, full, given, family, email, city) in enumerate(rows):
            if not (given or family):
                if "," in full:  # "Surname, Given"
                    family, _, given = full.partition(",")
                else:
                    given, _, family = full.strip().partition(" ")
            w.writerow(
                [
                    n,
                    source,
                    row,
                    fold(given) or None,
                    fold(family) or None,
                    email.strip().lower() or None,
                    fold(city) or None,
                ]
            )
    return len(rows)


def splink_worker(records: Path, out: Path) -> None:
    """Runs in its own process (so its time and memory are its own): dedupe, cluster, write."""
    import duckdb
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    con = duckdb.connect()
    con.execute(
        "CREATE TABLE records AS SELECT *, concat_ws(' ', first_name, surname) "
        "AS first_name_surname FROM read_csv(?, header=true, all_varchar=true)",
        [str(records)],
    )
    db_api = DuckDBAPI(connection=con)
    settings = SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[
            block_on("first_name", "surname"),
            block_on("surname", "city"),
            block_on("email"),
        ],
        comparisons=[
            cl.ForenameSurnameComparison(
                "first_name", "surname", forename_surname_concat_col_name="first_name_surname"
            ),
            cl.EmailComparison("email"),
            cl.ExactMatch("city").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=False,
    )
    linker = Linker(db_api.register("records"), settings, log_level=None)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "surname", "city"), block_on("email")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "surname")
    )
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("email"))
    predictions = linker.inference.predict(threshold_match_probability=0.2)
    found: dict[str, dict[str, str]] = {}
    for threshold in SPLINK_THRESHOLDS:
        clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        relation = clusters.as_duckdbpyrelation()  # noqa: F841 (read by the SQL below)
        found[str(threshold)] = dict(
            con.execute("SELECT CAST(unique_id AS VARCHAR), cluster_id FROM relation").fetchall()
        )
    keys = con.execute("SELECT unique_id, source, row FROM records").fetchall()
    with out.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["source", "row", *found])
        for uid, source, row in keys:
            w.writerow([source, row, *(found[t].get(uid, "") for t in found)])


def splink_available() -> bool:
    try:
        import splink  # noqa: F401
    except ImportError:
        return False
    return True


def run_splink(var: Path, work: Path) -> dict:
    records, out = work / "splink-records.csv", work / "splink-clusters.csv"
    splink_records(var, records)
    result = measured(
        [sys.executable, __file__, "--splink-worker", str(records), str(out)], dict(os.environ)
    )
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    result["links_by_threshold"] = {
        t: {(r["source"], int(r["row"])): r[t] for r in rows} for t in map(str, SPLINK_THRESHOLDS)
    }
    return result


# --- the run ---------------------------------------------------------------------------------


def read_older(dataset: Path) -> dict[tuple[str, int], tuple[str, int]]:
    """truth/changes.csv (bench/kobo.py --newer): each row of the newer exports -> the row of
    the older exports it was, where it was in them."""
    path = dataset / "truth" / "changes.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return {
            (r["source"], int(r["row"])): (r["older_source"], int(r["older_row"]))
            for r in csv.DictReader(f)
            if r["older_source"]
        }


def read_changes(dataset: Path) -> dict[tuple[str, int], str]:
    with (dataset / "truth" / "changes.csv").open(encoding="utf-8") as f:
        return {(r["source"], int(r["row"])): r["status"] for r in csv.DictReader(f)}


def as_newer(links: dict, older_of: dict) -> dict:
    """Links read after a re-sync, by the newer exports' rows: a submission left alone is still
    stored as the row of the older export it came in."""
    if not older_of:
        return links
    return {key: links.get(key) or links.get(older_of.get(key, key), "") for key in older_of} | {
        key: person for key, person in links.items() if key not in older_of
    }


def bench(
    dataset: Path,
    repeat: int,
    with_splink: bool,
    show_errors: int = 0,
    *,
    older: bool = False,
    dump_to: Path | None = None,
) -> dict:
    truth = read_truth(dataset)
    rows = len(truth)
    report: dict = {"dataset": str(dataset), "rows": rows, "repeat": repeat, "systems": {}}
    runs: dict[str, list[dict]] = {"CityBridge": [], "Splink": []}
    older_of = read_older(dataset) if older else {}
    with tempfile.TemporaryDirectory(prefix="citybridge-bench-") as tmp:
        if older:
            alone = run_citybridge(dataset, Path(tmp) / "newer-alone")
            report["newer_alone"] = score(truth, alone["links"])
        for n in range(repeat):
            var = Path(tmp) / f"run{n}"
            runs["CityBridge"].append(run_citybridge(dataset, var, older=older))
            runs["CityBridge"][-1]["links"] = as_newer(runs["CityBridge"][-1]["links"], older_of)
            for key in ("not_used", "older_import", "resync", "again"):
                if key in runs["CityBridge"][-1]:
                    report[key] = runs["CityBridge"][-1][key]
            if older:
                report["truth_changes"] = dict(Counter(read_changes(dataset).values()))
                # One partition of the rows: every pair together in both, and as many people.
                same = score(alone["links"], runs["CityBridge"][-1]["links"])
                report["equal_to_newer_alone"] = (
                    same["pairwise_f1"] == 1.0 and same["people_found"] == same["people_true"]
                )
            if n == repeat - 1:
                if dump_to is not None:
                    dump(var, dump_to)
                report["figures"] = check_figures(dataset, var)
                links = runs["CityBridge"][-1]["links"]
                after: dict = {}
                wrong: list = []
                report["review"] = review_outcome(
                    truth, links, var, periods(dataset), older_of, after, wrong
                )
                noise = read_noise(dataset)
                if noise:
                    report["by_kind"] = by_kind(truth, links, noise)
                if show_errors:
                    report["errors"] = errors(
                        truth, runs["CityBridge"][-1]["links"], var, show_errors
                    )
                    left = errors(truth, after, var, show_errors, kinds=("split",))
                    report["errors"] += ["", "Still split after a perfect officer:", *left]
                    report["errors"] += ["", "Queued, two people:", *asked(wrong, var)]
            if with_splink:
                runs["Splink"].append(run_splink(var, Path(tmp)))
                print(run_line(n + 1, runs["CityBridge"][-1], runs["Splink"][-1]), file=sys.stderr)
    if runs["Splink"]:
        pairs = list(zip(runs["CityBridge"], runs["Splink"], strict=True))
        report["ratios"] = {
            kind: {
                "runs": [c[key] / s[key] for c, s in pairs],
                "median": statistics.median(c[key] / s[key] for c, s in pairs),
            }
            for kind, key in (("wall", "seconds"), ("cpu", "cpu"))
        }
    if not with_splink:
        report["splink_skipped"] = (
            "Splink was not run (--no-splink, or not installed: pip install -e '.[bench]')."
        )
    for name, results in runs.items():
        if not results:
            continue
        last = results[-1]
        linkings = (
            {f"Splink @{t}": links for t, links in last["links_by_threshold"].items()}
            if name == "Splink"
            else {name: last["links"]}
        )
        seconds = statistics.median(r["seconds"] for r in results)
        if name == "CityBridge":
            steps = [r["resolve"] for r in results]
            report["resolution_step"] = {
                "seconds": statistics.median(r["seconds"] for r in steps),
                "peak_mb": max(r["peak_kib"] for r in steps) / 1024,
                "runs_seconds": [r["seconds"] for r in steps],
            }
        for label, links in linkings.items():
            report["systems"][label] = {
                **score(truth, links),
                "seconds": seconds,
                "cpu": statistics.median(r["cpu"] for r in results),
                "runs_cpu": [r["cpu"] for r in results],
                "rows_per_second": rows / seconds,
                "peak_mb": max(r["peak_kib"] for r in results) / 1024,
                "runs_seconds": [r["seconds"] for r in results],
            }
    return report


def run_line(number: int, citybridge: dict, splink: dict) -> str:
    """One run's import beside Splink's deduplication of the same rows, in the same run: on a
    shared machine the ratio of one run is steadier than either time."""
    return (
        f"run {number}: CityBridge import {citybridge['seconds']:.2f} s (cpu {citybridge['cpu']:.2f}),"
        f" Splink {splink['seconds']:.2f} s (cpu {splink['cpu']:.2f}): "
        f"{citybridge['seconds'] / splink['seconds']:.2f}x wall, "
        f"{citybridge['cpu'] / splink['cpu']:.2f}x cpu"
    )


def table(report: dict) -> str:
    lines = [
        f"Data set: {report['dataset']}  ({report['rows']} rows; "
        f"time = median of {report['repeat']} run(s))",
        "",
        f"{'':14}{'pair P':>8}{'pair R':>8}{'pair F1':>8}{'B3 F1':>8}"
        f"{'people':>9}{'truth':>7}{'count err':>10}{'seconds':>9}{'rows/s':>9}{'peak MB':>9}",
    ]
    for name, s in report["systems"].items():
        lines.append(
            f"{name:14}{s['pairwise_precision']:8.4f}{s['pairwise_recall']:8.4f}"
            f"{s['pairwise_f1']:8.4f}{s['bcubed_f1']:8.4f}{s['people_found']:9d}"
            f"{s['people_true']:7d}{s['count_error']:+10.2%}{s['seconds']:9.2f}"
            f"{s['rows_per_second']:9.0f}{s['peak_mb']:9.0f}"
        )
    if "splink_skipped" in report:
        lines.append(report["splink_skipped"])
    if "resolution_step" in report:
        step, systems = report["resolution_step"], report["systems"]
        splink = next((s for name, s in systems.items() if name.startswith("Splink")), None)
        lines.append(
            f"Time: CityBridge's whole attendance import {systems['CityBridge']['seconds']:.2f} s"
            f" ({systems['CityBridge']['peak_mb']:.0f} MB); its resolution step alone "
            f"(`people resolve` on the stored rows) {step['seconds']:.2f} s "
            f"({step['peak_mb']:.0f} MB)"
            + (
                f"; Splink {splink['seconds']:.2f} s ({splink['peak_mb']:.0f} MB)."
                if splink
                else "."
            )
        )
    if "ratios" in report:
        wall, cpu = report["ratios"]["wall"], report["ratios"]["cpu"]
        lines.append(
            f"CityBridge's import over Splink, run by run: wall "
            f"{' '.join(f'{r:.2f}' for r in wall['runs'])} (median {wall['median']:.2f}x), CPU "
            f"{' '.join(f'{r:.2f}' for r in cpu['runs'])} (median {cpu['median']:.2f}x); CPU "
            f"seconds {report['systems']['CityBridge']['cpu']:.2f} against "
            f"{next(s['cpu'] for n, s in report['systems'].items() if n.startswith('Splink')):.2f}."
        )
    if "not_used" in report:
        unused = Counter(line.removesuffix(": not used") for line in report["not_used"])
        lines.append(
            "Columns not used: "
            + (", ".join(f"{h} ×{n}" for h, n in unused.items()) or "none (every column placed)")
        )
    if "resync" in report:
        alone = report["newer_alone"]
        lines += [
            f"Older exports: {report['older_import']}",
            f"Re-sync with the newer: {report['resync']}",
            f"The truth's changes: {report['truth_changes']}",
            f"The same newer exports again: {report['again']}",
            f"Newer exports alone: pair F1 {alone['pairwise_f1']:.4f}, {alone['people_found']} "
            f"people; the re-synced result equals it: {report['equal_to_newer_alone']}",
        ]
    lines += ["", f"{'Figures':28}{'truth':>8}{'CityBridge':>12}"]
    for c in report.get("figures", []):
        mark = "ok" if c["truth"] == c["citybridge"] else "DIFFERS"
        lines.append(
            f"{c['period'] + ' ' + c['figure']:28}{c['truth']:8d}{c['citybridge']:12d}  {mark}"
        )
    if "review" in report:
        r = report["review"]
        share = r["queued_same"] / r["queued"] if r["queued"] else 0.0
        lines += [
            "",
            f"Review queue: {r['queued']} pairs ({r['queued_per_100']:.2f} per 100 people found), "
            f"{r['queued_same']} of them one person ({share:.0%}); had an officer decided each "
            f"correctly: {r['people_after_review']} people ({r['count_error_after_review']:+.2%}).",
            f"{'After a perfect officer':28}{'truth':>8}{'before':>8}{'after':>8}",
        ]
        truth_of = {(c["period"], c["figure"]): c["truth"] for c in report.get("figures", [])}
        for before, after in zip(r["figures_before"], r["figures_after"], strict=True):
            for figure in ("individuals_engaged", "leaders_engaged"):
                want = truth_of.get((before["period"], figure))
                mark = "" if want is None else ("ok" if after[figure] == want else "DIFFERS")
                lines.append(
                    f"{before['period'] + ' ' + figure:28}{want if want is not None else '-':>8}"
                    f"{before[figure]:8d}{after[figure]:8d}  {mark}"
                )
    for label, counts in report.get("by_kind", {}).items():
        if counts:
            shown = ", ".join(f"{kind} {n}" for kind, n in counts.most_common())
            lines.append(f"People {label}, by the noise on the stray rows: {shown}")
    if report.get("errors"):
        lines += ["", "CityBridge's mistakes (person, row, as written: name e-mail city gender):"]
        lines += report["errors"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEV)
    parser.add_argument("--synthetic", type=int, metavar="ROWS")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--noise", type=float, default=1.0, help="with --synthetic: scale of the noise rates"
    )
    parser.add_argument("--repeat", type=int, help="runs to take the median time of")
    parser.add_argument("--no-splink", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="show N mistakes of each kind"
    )
    parser.add_argument(
        "--kobo",
        choices=("combined", "per-engagement", "labels"),
        help="import the data set as KoboToolbox exports (bench/kobo.py)",
    )
    parser.add_argument(
        "--older",
        action="store_true",
        help="with --kobo: import the older exports first, then re-sync the newer",
    )
    parser.add_argument(
        "--dump", type=Path, metavar="FILE", help="write the last run's partition and queue"
    )
    parser.add_argument("--splink-worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.splink_worker:
        splink_worker(*args.splink_worker)
        return
    with_splink = not args.no_splink and splink_available()
    if args.synthetic:
        from synthetic import generate

        with tempfile.TemporaryDirectory(prefix="citybridge-synthetic-") as tmp:
            generate(Path(tmp), args.synthetic, args.seed, args.noise)
            report = bench(Path(tmp), args.repeat or 1, with_splink, args.errors, dump_to=args.dump)
            report["dataset"] = (
                f"synthetic {args.synthetic} rows, seed {args.seed}, noise {args.noise}"
            )
    elif args.kobo:
        from kobo import generate as kobo_exports

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citybridge.settings")
        import django

        django.setup()  # the sheet reader speaks through gettext when it refuses a file
        with tempfile.TemporaryDirectory(prefix="citybridge-kobo-") as tmp:
            kobo_exports(
                Path(tmp),
                args.dataset,
                per_engagement=args.kobo == "per-engagement",
                labels=args.kobo == "labels",
                newer=args.older,
                seed=args.seed,
            )
            report = bench(
                Path(tmp),
                args.repeat or 1,
                with_splink,
                args.errors,
                older=args.older,
                dump_to=args.dump,
            )
            report["dataset"] = f"{args.dataset} as Kobo exports ({args.kobo})" + (
                ", older then newer" if args.older else ""
            )
    else:
        if not (args.dataset / "truth" / "mentions.csv").exists():
            sys.exit(f"{args.dataset} is not a data set (no truth/mentions.csv).")
        report = bench(args.dataset, args.repeat or 3, with_splink, args.errors, dump_to=args.dump)
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print(table(report))


if __name__ == "__main__":
    main()
