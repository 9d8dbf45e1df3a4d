"""A small closed-loop HTTP load client (like `wrk`) for the benchmarks: each of C clients sends its next
request as soon as the last one answered, for a fixed time, and the run reports requests per second and
latency percentiles. Built on gevent and geventhttpclient (what Locust's FastHttpUser uses), both in the
dev lock; one process, so it leaves the other core to the server as far as it can.
"""

import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import gevent
from geventhttpclient import HTTPClient


@dataclass
class Result:
    seconds: float
    latencies: list = field(default_factory=list)  # ms, successful requests only
    errors: int = 0
    first_error: str = ""

    @property
    def requests(self):
        return len(self.latencies)

    @property
    def rps(self):
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share):
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self):
        return (
            f"{self.rps:8.1f} req/s  p50 {self.percentile(0.50):6.1f} ms  p95 {self.percentile(0.95):6.1f} ms  "
            f"p99 {self.percentile(0.99):6.1f} ms  ({self.requests} requests, {self.errors} errors)"
        )


def hammer(base_url, clients, *, seconds, warmup=2.0, expect=200, check=None):
    """Run `clients` (one iterator of (path, headers) per client) against base_url for `seconds` after a
    warm-up; every response must have status `expect` and a body, and pass `check(response, body)` if given
    (a redirect or error counts as an error)."""
    parts = urlsplit(base_url)
    result = Result(seconds=seconds)
    started = time.perf_counter()
    measure_from = started + warmup
    stop_at = measure_from + seconds

    def connect():
        return HTTPClient(parts.hostname, parts.port, concurrency=1, connection_timeout=10, network_timeout=30)

    def client(requests):
        http = connect()
        try:
            for path, headers in requests:
                begin = time.perf_counter()
                if begin >= stop_at:
                    return
                try:
                    response = http.get(path, headers=headers)
                    body = response.read()
                    ok = response.status_code == expect and bool(body) and (check is None or check(response, body))
                    problem = f"{path}: status {response.status_code}"
                except Exception as error:  # noqa: BLE001 (a load client counts every failure)
                    ok, problem = False, f"{path}: {error!r}"
                    http.close()  # a failed request may keep the pool's only connection: start afresh
                    http = connect()
                end = time.perf_counter()
                if begin < measure_from or end > stop_at:
                    continue
                if ok:
                    result.latencies.append((end - begin) * 1000)
                else:
                    result.errors += 1
                    result.first_error = result.first_error or problem
        finally:
            http.close()

    gevent.joinall([gevent.spawn(client, requests) for requests in clients])
    return result


def median_of(results):
    """The run with the median requests/s of several (the machine is shared: one run can be unlucky)."""
    return sorted(results, key=lambda r: r.rps)[len(results) // 2] if len(results) > 1 else results[0]


def spread(results):
    rates = [r.rps for r in results]
    return f"runs {', '.join(f'{rate:.0f}' for rate in rates)} req/s" + (
        f" (sd {statistics.stdev(rates):.0f})" if len(rates) > 1 else ""
    )
