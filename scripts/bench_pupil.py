"""Benchmark (not a test): how many lesson steps per second gunicorn serves to signed-in pupils.

    .venv/bin/python scripts/bench_pupil.py [--pupils 20] [--seconds 20] [--runs 3] [--sqlite] [--workers 2]
                                            [--compare REVISION]

Makes a production-like stack (scripts/stack.py: production settings, PostgreSQL and Redis when they answer,
else SQLite and the database cache), one class of --pupils pupils with the load test's lesson assigned
(scripts/load/school.py), signs every pupil in with their login card, then each pupil steps through the
lesson (1, 2, …, last, 1, …) as fast as the server answers, for --seconds, --runs times. Every step view
moves the pupil's last step, so each one records progress. Prints requests/s and p50/p95/p99 per run, the
median run, and the machine's load average (it is shared). Every response must be the pupil's own page (a
`private` 200): a signed-out or cached answer counts as an error.

--compare REVISION also serves that git revision's code (say, the commit before a change) on the same database
and cache, and alternates the runs between the two servers, so a busy moment on the shared machine slows both
alike; it prints both medians and their ratio.
"""

import argparse
import json
import re
import sys
from itertools import cycle
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hammer import hammer, median_of, spread  # noqa: E402
from stack import Stack, load_average  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SCHOOL = Path(__file__).resolve().parent / "load" / "school.py"


def sign_in(base_url, token, language):
    """Sign one pupil in with their card (as a phone behind an HTTPS proxy would); returns their Cookie header."""
    session = requests.Session()
    session.headers["X-Forwarded-Proto"] = "https"
    card = f"/{language}/class/card/{token}/"
    page = session.get(base_url + card, timeout=30)
    for cookie in session.cookies:  # production cookies are Secure; the proxy is only pretended
        cookie.secure = False
    csrf = CSRF.search(page.text).group(1)
    referer = f"https://{base_url.split('://', 1)[1]}{card}"
    signed_in = session.post(
        base_url + card, {"csrfmiddlewaretoken": csrf}, headers={"Referer": referer}, allow_redirects=False
    )
    if signed_in.status_code != 302:
        raise SystemExit(f"pupil sign-in answered {signed_in.status_code}")
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pupils", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--compare", metavar="REVISION", help="also serve this git revision, runs alternating")
    parser.add_argument("--fresh", action="store_true", help="import the pack again, not from the template")
    parser.add_argument("--sqlite", action="store_true", help="SQLite and the database cache even if PostgreSQL runs")
    args = parser.parse_args()

    with Stack(name="safesteps_bench", sqlite=args.sqlite, fresh=args.fresh) as stack:
        print(f"== {stack.describe()}; preparing", flush=True)
        stack.prepare()
        plan_file = stack.work / "plan.json"
        stack.python(str(SCHOOL), "setup", "--classes", "1", "--pupils", str(args.pupils), "--plan", str(plan_file))
        plan = json.loads(plan_file.read_text())
        servers = {"this code": stack.serve(workers=args.workers)}
        if args.compare:
            servers[args.compare] = stack.serve(workers=args.workers, root=stack.checkout(args.compare))
        cookies = [sign_in(servers["this code"], token, plan["language"]) for token in plan["pupils"]]
        steps = [f"{plan['lesson_url']}step/{number}/" for number in range(1, plan["steps"] + 1)]

        def pupil(cookie):
            headers = {"Cookie": cookie, "X-Forwarded-Proto": "https"}
            return ((path, headers) for path in cycle(steps))

        def own_page(response, body):
            return "private" in response.get("cache-control", "") and b"step-content" in body

        print(
            f"== {args.pupils} signed-in pupils, {plan['steps']}-step lesson, gunicorn {args.workers} sync workers",
            flush=True,
        )
        results = {name: [] for name in servers}
        for run in range(args.runs):
            for name, url in reversed(servers.items()):
                result = hammer(url, [pupil(c) for c in cookies], seconds=args.seconds, check=own_page)
                print(f"run {run + 1} {name:>10}: {result.summary()}  load average {load_average():.2f}", flush=True)
                results[name].append(result)
        for name, runs in results.items():
            best = median_of(runs)
            print(f"pupil step, {name} (median run): {best.summary()}; {spread(runs)}")
            if best.first_error:
                print(f"first error: {best.first_error}")
        if args.compare:
            before, after = (median_of(results[name]).rps for name in (args.compare, "this code"))
            print(f"this code / {args.compare}: {after / before:.2f}x")
        return 1 if any(r.errors for runs in results.values() for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
