"""`make load` / `make load-ci`: a school-sized lesson against a production-like server on 127.0.0.1.

Starts gunicorn with the production settings on a fresh database (scripts/stack.py: PostgreSQL at
127.0.0.1:5432 and Redis at 127.0.0.1:6379 when they answer, a database created and dropped by the run and a
Redis key prefix of its own; else SQLite and the database cache), imports the starter pack (or copies the
prepared template database), makes the school (school.py), plays the lesson with Locust (locustfile.py,
headless, bounded in time), counts the answers in the database and prints one line:

    pupils=450 requests=N p95_step_ms=X p95_answer_ms=Y errors=E lost_answers=L duplicate_answers=D

It exits non-zero, saying which, on any error, lost or duplicate answer, and when the p95 of the steps or of the
answers reaches its target (--p95-step-ms 300, --p95-answer-ms 500: docs/DESIGN's budgets for this machine).
--no-latency-targets checks only errors, lost and duplicate answers: the CI version (`make load-ci`) runs beside
other jobs on a shared machine, where no latency target means anything.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from stack import BIN, ROOT, Stack, load_average  # noqa: E402


def stats(path):
    rows = {row["Name"]: row for row in csv.DictReader(path.open())}

    def p95(name):
        return rows[name]["95%"] if name in rows else "n/a"

    total = rows["Aggregated"]
    return int(total["Request Count"]), int(total["Failure Count"]), p95("step"), p95("answer")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--pupils", type=int, default=45, help="pupils per class")
    parser.add_argument("--sign-in-seconds", type=int, default=120)
    parser.add_argument("--quiz-at", type=int, default=240, help="seconds after the start")
    parser.add_argument("--sqlite", action="store_true", help="SQLite and the database cache even when PostgreSQL runs")
    parser.add_argument("--fresh", action="store_true", help="import the pack again, not from the template")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--p95-step-ms", type=float, default=300, help="fail when the steps' p95 reaches this")
    parser.add_argument("--p95-answer-ms", type=float, default=500, help="fail when the answers' p95 reaches this")
    parser.add_argument(
        "--no-latency-targets", action="store_true", help="fail only on errors, lost or duplicate answers (CI)"
    )
    args = parser.parse_args()

    with Stack(name="safesteps_load", sqlite=args.sqlite, fresh=args.fresh) as stack:
        print(f"== {stack.describe()}", flush=True)
        print("== preparing the database (migrations, the starter pack)", flush=True)
        stack.prepare()
        plan = stack.work / "plan.json"
        stack.python(str(HERE / "school.py"), "setup", "--classes", str(args.classes), "--pupils", str(args.pupils),
                     "--plan", str(plan))  # fmt: skip
        url = stack.serve(workers=args.workers)
        users = args.classes * args.pupils + args.classes
        print(f"== {users} users, gunicorn with {args.workers} workers at {url}", flush=True)
        locust_env = {**stack.env, "LOAD_PLAN": str(plan), "LOAD_QUIZ_AT": str(args.quiz_at)}
        subprocess.run(  # noqa: S603
            [
                str(BIN / "locust"),
                "-f",
                str(HERE / "locustfile.py"),
                "--headless",
                "--only-summary",
                "--host",
                url,
                "--users",
                str(users),
                "--spawn-rate",
                str(users / args.sign_in_seconds),
                "--run-time",
                f"{args.quiz_at + 25}s",
                "--stop-timeout",
                "10",
                "--csv",
                str(stack.work / "load"),
                "--loglevel",
                "WARNING",
            ],  # fmt: skip
            cwd=ROOT,
            env=locust_env,
            check=False,
        )
        stack.stop()
        requests, errors, p95_step, p95_answer = stats(stack.work / "load_stats.csv")
        counted = json.loads(stack.python(str(HERE / "school.py"), "count", "--plan", str(plan), capture=True))
    lost = counted["pupils"] - counted["answered"]
    duplicates = counted["answers"] - counted["answered"]
    print(f"== load average at the end: {load_average():.2f}")
    print(
        f"pupils={counted['pupils']} requests={requests} p95_step_ms={p95_step} p95_answer_ms={p95_answer} "
        f"errors={errors} lost_answers={lost} duplicate_answers={duplicates}"
    )
    failures = missed(
        errors=errors,
        lost=lost,
        duplicates=duplicates,
        latencies=None
        if args.no_latency_targets
        else {"step": (p95_step, args.p95_step_ms), "answer": (p95_answer, args.p95_answer_ms)},
    )
    for failure in failures:
        print(f"FAILED: {failure}")
    sys.exit(1 if failures else 0)


def missed(*, errors, lost, duplicates, latencies):
    """What the run missed, one sentence each: errors, lost or duplicate answers, and (unless `latencies` is
    None) each p95 at or above its target ({name: (p95 as Locust prints it, target ms)})."""
    failures = []
    if errors:
        failures.append(f"{errors} requests failed")
    if lost:
        failures.append(f"{lost} pupils' answers are not in the database")
    if duplicates:
        failures.append(f"{duplicates} answers were stored twice")
    for name, (p95, target) in (latencies or {}).items():
        if p95 == "n/a" or float(p95) >= target:
            failures.append(f"p95 {name} {p95} ms, target < {target:g} ms")
    return failures


if __name__ == "__main__":
    main()
