"""Benchmark (not a test): requests/s for a static file and every public page type, served anonymously.

    .venv/bin/python scripts/bench_public.py [--seconds 10] [--runs 3] [--clients 4] [--sqlite] [--language en]
                                             [--compare REVISION] [--fresh]

Makes a production-like stack (scripts/stack.py: production settings, PostgreSQL and Redis when they answer,
else SQLite and the database cache), starts gunicorn with 2 sync workers, sends every URL to every worker for
a second (a worker loads the URL patterns, templates and translation catalogues on its first requests: without
this the first page measured, the home page, could pay for that in the first run) and, for each URL (a static CSS
file, then home, curriculum map, band page, lesson overview, lesson step, whole lesson, take-home letter,
parents' index, a parents' guide, search results), warms the page cache with one request and measures
requests/s with --clients anonymous clients for --seconds, --runs times (interleaved, so a busy moment on
the shared machine hits every URL alike). Each URL is what a browser asks for: the home page is the
language's address (/zh-hans/), where the site's address (/) sends a visitor once, by a redirect that
depends on their language and so is never cached. Prints the median run per URL with p50/p95/p99, its ratio to the
static file, and the load average. The budget (docs/DESIGN): cached public pages ≥ 25 % of the static file.
Every page response must be a `public` 200 without Set-Cookie, or it counts as an error.
"""

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hammer import hammer, median_of, spread  # noqa: E402
from stack import Stack, load_average  # noqa: E402

TARGET = 0.25

# Prints one URL per public page type of the imported starter pack, as JSON.
URLS = """
import json
from urllib.parse import quote
from django.utils import translation
from lessons.models import AgeBandPage, CurriculumPage, LessonPage
from parents.models import ParentGuidePage, ParentsIndexPage
from home.models import HomePage

language = {language!r}
translation.activate(language)
live = lambda model: model.objects.live().filter(locale__language_code=language).order_by("path").first()
lesson = live(LessonPage)
print(json.dumps({{
    "home": live(HomePage).url,
    "curriculum map": live(CurriculumPage).url,
    "band page": live(AgeBandPage).url,
    "lesson overview": lesson.url,
    "lesson step": lesson.url + "step/2/",
    "whole lesson": lesson.url + "plan/",
    "take-home": lesson.url + "take-home/",
    "parents index": live(ParentsIndexPage).url,
    "parents guide": live(ParentGuidePage).url,
    "search results": "/" + language + "/search/?q=" + quote({query!r}),
}}))
"""
QUERIES = {"en": "secret", "zh-hans": "秘密"}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--language", choices=sorted(QUERIES), default="zh-hans")
    parser.add_argument("--compare", metavar="REVISION", help="also serve this git revision, runs alternating")
    parser.add_argument("--fresh", action="store_true", help="import the pack again, not from the template")
    parser.add_argument("--sqlite", action="store_true", help="SQLite and the database cache even if PostgreSQL runs")
    args = parser.parse_args()

    with Stack(name="safesteps_bench", sqlite=args.sqlite, fresh=args.fresh) as stack:
        print(f"== {stack.describe()}; preparing", flush=True)
        stack.prepare()
        code = URLS.format(language=args.language, query=QUERIES[args.language])
        pages = json.loads(stack.manage("shell", "-c", code, capture=True).strip().splitlines()[-1])
        urls = {"static file": "/static/css/site.css", **pages}
        servers = {"this code": stack.serve(workers=args.workers)}
        if args.compare:
            servers[args.compare] = stack.serve(workers=args.workers, root=stack.checkout(args.compare))
        headers = {"X-Forwarded-Proto": "https", "Accept-Language": args.language}

        def public(response, body):
            return "public" in response.get("cache-control", "") and not response.get("set-cookie")

        def clients(path):
            return [iter(lambda: (path, headers), None) for _ in range(args.clients)]

        print(f"== gunicorn {args.workers} sync workers, {args.clients} clients, load average {load_average():.2f}")
        for path in urls.values():  # every worker's first requests, on every URL, before any is measured
            for url in servers.values():
                hammer(url, clients(path), seconds=1, warmup=0)
        results = {(server, name): [] for server in servers for name in urls}
        for run in range(args.runs):
            for name, path in urls.items():
                check = None if name == "static file" else public
                for server, url in reversed(servers.items()):
                    hammer(url, clients(path)[:1], seconds=0.5, warmup=0, check=check)  # fill the page cache
                    results[server, name].append(hammer(url, clients(path), seconds=args.seconds, check=check))
            print(f"run {run + 1} done, load average {load_average():.2f}", flush=True)

        failures = 0
        for server in servers:
            static = median_of(results[server, "static file"]).rps
            print(f"\n{server}: {'page':<16} {'req/s':>8} {'ratio':>6}  latency (median of {args.runs} runs)")
            for name in urls:
                runs = results[server, name]
                best = median_of(runs)
                ratio = best.rps / static if static else 0
                below = name != "static file" and ratio < TARGET
                errors = sum(r.errors for r in runs)
                if server == "this code":
                    failures += below + errors
                print(
                    f"{name:<16} {best.rps:8.1f} {ratio:6.0%}  p50 {best.percentile(0.5):5.1f} ms  "
                    f"p95 {best.percentile(0.95):5.1f} ms  p99 {best.percentile(0.99):5.1f} ms  {spread(runs)}"
                    f"{f'  errors {errors}: {best.first_error}' if errors else ''}{'  below 25 %' if below else ''}"
                )
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
