"""Profile (not a test): what one signed-in pupil's lesson step and quiz answer cost in-process.

    .venv/bin/python scripts/profile_pupil.py [--requests 200] [--compare REVISION] [--profile step|answer]
                                              [--sqlite]

Makes a production-like stack (scripts/stack.py: production settings, PostgreSQL and Redis when they answer,
else SQLite and the database cache) with the load test's school (one class, scripts/load/school.py), signs a
pupil in with their login card through Django's test client (no server, no network: the figure is the
request's own CPU and database time), then times --requests lesson steps (each moves the pupil's progress),
quiz answers (the first POST of a fresh go at the quiz) and double clicks (the same POST again), and counts
each one's queries. --compare REVISION measures that git revision's code on the same database, alternating
rounds; --profile prints cProfile's top functions for one kind of request (this code).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHOOL = HERE / "load" / "school.py"


def measure(root, plan, requests, profile):
    """In the stack's environment, with the code under `root`: {kind: {"ms": median, "queries": n}}."""
    sys.path.insert(0, str(root))
    os.chdir(root)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    card = f"/{plan['language']}/class/card/{plan['pupils'][0]}/"
    if client.post(card).status_code != 302:
        raise SystemExit("the pupil could not sign in")
    lesson, steps = plan["lesson_url"], plan["steps"]
    count = iter(range(10**9))

    def step():
        return client.get(f"{lesson}step/{next(count) % steps + 1}/")

    def question():
        started = client.get(f"{lesson}quiz/start/")
        url = started["Location"]
        page = client.get(url).content.decode()
        choice = page.split('name="choice" value="', 1)[1].split('"', 1)[0]
        return url, {"choice": choice}

    def answer_pair():
        url, data = question()
        first = timed(lambda: client.post(url, data))
        again = timed(lambda: client.post(url, data))
        return first, again

    def timed(call):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = call()
            elapsed = time.perf_counter() - started
        if response.status_code not in (200, 302, 303):
            raise SystemExit(f"answered {response.status_code}")
        return elapsed * 1000, len(queries.captured_queries)

    for _warm in range(steps):
        step()
    answer_pair()
    if profile == "queries":
        url, data = question()
        for kind, call in (("step", step), ("answer", lambda: client.post(url, data))):
            with CaptureQueriesContext(connection) as queries:
                call()
            print(f"-- {kind}: {len(queries.captured_queries)} queries", file=sys.stderr)
            for query in queries.captured_queries:
                print(f"   {query['sql'][:160]}", file=sys.stderr)
        return {}
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        for _ in range(requests):
            if profile == "step":
                profiler.runcall(step)
            else:
                url, data = question()
                profiler.runcall(client.post, url, data)
        if os.environ.get("PROFILE_OUT"):
            profiler.dump_stats(os.environ["PROFILE_OUT"])
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats(os.environ.get("PROFILE_SORT", "cumulative")).print_stats(45)
        return {}
    results = {"step": [], "answer": [], "double click": []}
    for _ in range(requests):
        results["step"].append(timed(step))
        first, again = answer_pair()
        results["answer"].append(first)
        results["double click"].append(again)
    return {
        kind: {"ms": statistics.median(ms for ms, _q in rows), "queries": max(q for _ms, q in rows)}
        for kind, rows in results.items()
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200, help="requests of each kind per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--compare", metavar="REVISION")
    parser.add_argument("--profile", choices=["step", "answer", "queries"])
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--inner", nargs=2, metavar=("ROOT", "PLAN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        root, plan = args.inner
        print(json.dumps(measure(Path(root), json.loads(Path(plan).read_text()), args.requests, args.profile)))
        return 0

    sys.path.insert(0, str(HERE))
    from stack import ROOT, Stack, load_average

    with Stack(name="safesteps_profile", sqlite=args.sqlite) as stack:
        print(f"== {stack.describe()}; preparing", flush=True)
        stack.prepare()
        plan = stack.work / "plan.json"
        stack.python(str(SCHOOL), "setup", "--classes", "1", "--pupils", "5", "--plan", str(plan))
        roots = {"this code": ROOT}
        if args.compare:
            roots[args.compare] = stack.checkout(args.compare)

        def run(root):
            command = [sys.executable, __file__, "--inner", str(root), str(plan), "--requests", str(args.requests)]
            if args.profile:
                command += ["--profile", args.profile]
            done = subprocess.run(command, env=stack.env, check=True, capture_output=not args.profile, text=True)  # noqa: S603
            return json.loads(done.stdout.strip().splitlines()[-1]) if not args.profile else {}

        if args.profile:
            run(ROOT)
            return 0
        for number in range(args.rounds):
            for name, root in reversed(roots.items()):
                found = run(root)
                line = "  ".join(f"{kind} {row['ms']:.1f} ms ({row['queries']} queries)" for kind, row in found.items())
                print(f"round {number + 1} {name:>10}: {line}  load average {load_average():.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
