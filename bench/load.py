"""Load test of ``kg serve``: concurrent clients for a bounded time, on loopback.

    python bench/load.py                       # every statement, 4 clients, 10 s, stored queries on /sparql
    python bench/load.py --statement kidd-21 --clients 8 --duration 5
    python bench/load.py --mixed               # 50 clients of four kinds and 5 runaway clients, 20 s

Starts its own server (``python -m kg.serve`` on a free loopback port, a separate process so
the clients do not share its interpreter), checks every stored query once (the reference
answers), then runs N client threads, each with a keep-alive connection, until the time is up.
The server is stopped whatever happens. Traffic goes to 127.0.0.0/8 only.

Default: every client POSTs the stored queries in turn (form-encoded, Accept: SPARQL JSON);
every answer must be 200, parse as SPARQL JSON and equal the reference answer, or it counts as
an error. Reports throughput, latency percentiles and errors.

``--mixed`` (issue 12: "keep fast queries fast under abuse"): ``--clients`` (50) honest clients,
split evenly over four kinds — stored queries on ``/sparql``, stored-query pages
(``/queries/NN``), entity pages (``/page/id/…``) and entity documents (``/data/id/….ttl``) — plus
``--runaway`` (5) clients sending a query that runs into the time limit, over and over. Each
client has its own loopback address (127.0.1.N, 127.0.2.N for the runaway ones), as distinct
clients have. A status is *right* when it is what the server promises for that kind: 200 (with
the reference answer) for the pages and documents; 200, or 429/503 with ``Retry-After`` (the
public endpoint's overload answers), for ``/sparql``; 503 or 429 for a runaway query. Reports
p50/p95/p99 and the status codes per kind, and the wrong ones.

Results as JSON and Markdown under ``build/bench/`` (``load.*``, ``load-mixed.*``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.queries import stored as kq  # noqa: E402
from kg.serve import endpoint_text  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


class Client:
    """One keep-alive connection to the endpoint."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def query(self, text: str) -> tuple[int, bytes]:
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"}
        for attempt in (1, 2):
            try:
                self.conn.request("POST", "/sparql", body, headers)
                resp = self.conn.getresponse()
                return resp.status, resp.read()
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError

    def close(self) -> None:
        self.conn.close()


def answer_key(body: bytes) -> tuple:
    data = json.loads(body)
    if "boolean" in data:
        return ("ASK", data["boolean"])
    names = data["head"]["vars"]
    rows = sorted(tuple(b.get(v, {}).get("value", "") for v in names) for b in data["results"]["bindings"])
    return (tuple(names), tuple(rows))


def start_server(args: argparse.Namespace, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "kg.serve", "--port", str(port), "--quiet", "--timeout", str(args.timeout)]
    if args.statement:
        cmd += ["--statement", args.statement]
    if args.workers:
        cmd += ["--workers", str(args.workers)]
    if getattr(args, "page_workers", None):
        cmd += ["--page-workers", str(args.page_workers)]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    deadline = time.monotonic() + args.start_timeout
    lines = []
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("kg serve: http://"):
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep draining
            return proc
    stop_server(proc)
    raise SystemExit("the server did not start:\n" + "".join(lines))


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(args: argparse.Namespace) -> dict:
    queries = [(q.name, endpoint_text(q)) for q in kq.list_queries() if not kq.is_federated(q)]  # SERVICE: refused
    port = free_port()
    t0 = time.monotonic()
    proc = start_server(args, port)
    startup = time.monotonic() - t0
    try:
        probe = Client(port)
        status, body = probe.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        triples = int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) if status == 200 else None
        reference, single = {}, {}
        for name, text in queries:  # one warm pass: the reference answers and one-client latency
            t = time.perf_counter()
            status, body = probe.query(text)
            single[name] = time.perf_counter() - t
            if status != 200:
                raise SystemExit(f"{name}: the server answered {status}: {body[:300]!r}")
            reference[name] = answer_key(body)
        probe.close()

        latencies: list[tuple[str, float]] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + args.duration
        barrier = threading.Barrier(args.clients)

        def client_loop(index: int) -> None:
            client = Client(port)
            mine, bad = [], []
            i = index
            barrier.wait()
            try:
                while time.monotonic() < stop_at:
                    name, text = queries[i % len(queries)]
                    i += 1
                    t = time.perf_counter()
                    try:
                        status, body = client.query(text)
                        elapsed = time.perf_counter() - t
                        if status != 200:
                            bad.append(f"{name}: HTTP {status}: {body[:200]!r}")
                        elif answer_key(body) != reference[name]:
                            bad.append(f"{name}: a different answer")
                        else:
                            mine.append((name, elapsed))
                    except Exception as exc:  # noqa: BLE001 — every failure is counted
                        bad.append(f"{name}: {type(exc).__name__}: {exc}")
            finally:
                client.close()
                with lock:
                    latencies.extend(mine)
                    errors.extend(bad)

        started = time.monotonic()
        threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        stop_server(proc)

    ms = [x * 1000 for _, x in latencies]
    per_query = {}
    for name, _ in queries:
        mine = [x * 1000 for n, x in latencies if n == name]
        per_query[name] = {"requests": len(mine), "p50_ms": round(percentile(mine, 50), 2),
                           "p99_ms": round(percentile(mine, 99), 2), "single_client_ms": round(single[name] * 1000, 2)}
    return {
        "what": "kg serve under load: stored queries over HTTP POST, SPARQL JSON, keep-alive, loopback",
        "clients": args.clients,
        "duration_s": round(wall, 2),
        "statement": args.statement or "all",
        "triples": triples,
        "queries": len(queries),
        "workers": args.workers or "default",
        "time_limit_s": args.timeout,
        "server_startup_s": round(startup, 2),
        "requests": len(latencies) + len(errors),
        "ok": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:10],
        "throughput_rps": round(len(latencies) / wall, 1) if wall else None,
        "latency_ms": {"p50": round(percentile(ms, 50), 2), "p90": round(percentile(ms, 90), 2),
                       "p99": round(percentile(ms, 99), 2), "max": round(max(ms), 2) if ms else None,
                       "mean": round(statistics.fmean(ms), 2) if ms else None},
        "per_query": per_query,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
    }


def markdown(r: dict) -> str:
    lines = [
        "# kg serve — load test", "",
        f"{r['clients']} concurrent clients for {r['duration_s']} s on loopback, the {r['queries']} stored queries in "
        f"turn (HTTP POST, SPARQL JSON, keep-alive); graph: {r['statement']} ({r['triples']} triples); "
        f"query workers: {r['workers']}; machine: {r['machine']['cpus']} CPUs, Python {r['machine']['python']}.", "",
        "| requests | errors | throughput | p50 | p90 | p99 | max |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {r['requests']} | {r['errors']} | {r['throughput_rps']} req/s | {r['latency_ms']['p50']} ms | "
        f"{r['latency_ms']['p90']} ms | {r['latency_ms']['p99']} ms | {r['latency_ms']['max']} ms |", "",
        "| query | requests | p50 ms | p99 ms | one client, ms |", "|---|---:|---:|---:|---:|",
    ]
    for name, q in r["per_query"].items():
        lines.append(f"| {name} | {q['requests']} | {q['p50_ms']} | {q['p99_ms']} | {q['single_client_ms']} |")
    if r["error_samples"]:
        lines += ["", "Errors (first 10):", ""] + [f"- {e}" for e in r["error_samples"]]
    lines += ["", f"Server start-up (build, reasoning, workers): {r['server_startup_s']} s.", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------- --mixed: abuse
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
KINDS = ("sparql", "stored page", "entity page", "entity data")


class Http:
    """One keep-alive connection from a given loopback address."""

    def __init__(self, port: int, address: str, timeout: float):
        self.port, self.address, self.timeout = port, address, timeout
        self.conn = self._connect()

    def _connect(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout,
                                          source_address=(self.address, 0))

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body, headers or {})
                resp = self.conn.getresponse()
                data = resp.read()
                if resp.getheader("Connection", "").lower() == "close":
                    self.conn.close()
                    self.conn = self._connect()
                return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = self._connect()
                if attempt == 2:
                    raise
        raise AssertionError

    def close(self) -> None:
        self.conn.close()


def sparql_request(text: str) -> tuple[str, str, bytes, dict[str, str]]:
    body = urllib.parse.urlencode({"query": text}).encode("utf-8")
    return ("POST", "/sparql", body, {"Content-Type": "application/x-www-form-urlencoded",
                                      "Accept": "application/sparql-results+json"})


def run_mixed(args: argparse.Namespace) -> dict:
    stored = [q for q in kq.list_queries() if not kq.is_federated(q)]
    texts = [(q.name, endpoint_text(q)) for q in stored]
    port = free_port()
    t0 = time.monotonic()
    proc = start_server(args, port)
    startup = time.monotonic() - t0
    try:
        probe = Http(port, "127.0.0.1", 60)
        reference, pages = {}, {}
        for name, text in texts:
            status, _, body = probe.request(*sparql_request(text))
            if status != 200:
                raise SystemExit(f"{name}: the server answered {status}: {body[:300]!r}")
            reference[name] = answer_key(body)
        for q in stored:  # the pages, rendered once (they are cached afterwards: that is the point)
            status, _, body = probe.request("GET", f"/queries/{q.name}")
            if status != 200:
                raise SystemExit(f"/queries/{q.name}: the server answered {status}")
            pages[q.name] = body
        status, _, body = probe.request(*sparql_request(
            "SELECT DISTINCT ?s WHERE { ?s a ?c FILTER(STRSTARTS(STR(?s), 'https://w3id.org/kidd-kg/id/') "
            "&& !CONTAINS(STR(?s), '#')) } ORDER BY ?s"))
        entities = [b["s"]["value"][len("https://w3id.org/kidd-kg/"):]
                    for b in json.loads(body)["results"]["bindings"]]
        probe.close()
        stride = max(1, len(entities) // 400)
        entities = entities[::stride]  # a spread of entities, most of them not rendered before the run

        samples: dict[str, list[float]] = {k: [] for k in KINDS + ("runaway",)}
        statuses: dict[str, Counter] = {k: Counter() for k in KINDS + ("runaway",)}
        wrong: list[str] = []
        slow: list[tuple] = []  # honest requests over 1 s: (kind, started at, seconds, status)
        lock = threading.Lock()
        stop_at = time.monotonic() + args.duration
        t_start = time.perf_counter()
        n_clients = args.clients + args.runaway
        barrier = threading.Barrier(n_clients)

        def right(kind: str, status: int, headers: dict[str, str], body: bytes, key: str) -> bool:
            if kind == "runaway":
                return status in (429, 503)
            if kind == "sparql":
                if status in (429, 503):
                    return "retry-after" in headers
                return status == 200 and answer_key(body) == reference[key]
            if kind == "stored page":
                return status == 200 and body == pages[key]
            return status == 200 and (b"<h1>" in body if kind == "entity page" else len(body) > 0)

        def client(index: int, kind: str, address: str) -> None:
            conn = Http(port, address, args.timeout * 6)
            mine: list[tuple[str, float]] = []
            codes: list[tuple[str, int]] = []
            bad: list[str] = []
            i = index * 7
            barrier.wait()
            try:
                while time.monotonic() < stop_at:
                    i += 1
                    if kind == "runaway":
                        key, req = "runaway", sparql_request(RUNAWAY)
                    elif kind == "sparql":
                        key, text = texts[i % len(texts)]
                        req = sparql_request(text)
                    elif kind == "stored page":
                        key = stored[i % len(stored)].name
                        req = ("GET", f"/queries/{key}", None, {"Accept": "text/html"})
                    else:
                        key = entities[i % len(entities)]
                        path = f"/page/{key}" if kind == "entity page" else f"/data/{key}.ttl"
                        req = ("GET", path, None, {"Accept": "text/html" if kind == "entity page" else "text/turtle"})
                    t = time.perf_counter()
                    try:
                        status, headers, body = conn.request(*req)
                    except Exception as exc:  # noqa: BLE001 — counted
                        codes.append((kind, -1))
                        bad.append(f"{kind} {key}: {type(exc).__name__}: {exc}")
                        continue
                    elapsed = time.perf_counter() - t
                    if elapsed > 1.0 and kind != "runaway":
                        slow.append((kind, round(t - t_start, 2), round(elapsed, 2), status))
                    mine.append((kind, elapsed))
                    codes.append((kind, status))
                    if not right(kind, status, headers, body, key):
                        bad.append(f"{kind} {key}: HTTP {status}: {body[:160]!r}")
                    if status in (429, 503) and kind in ("sparql", "runaway"):
                        # a well-behaved client honours Retry-After; a runaway one comes straight back
                        if kind == "sparql":
                            time.sleep(min(float(headers.get("retry-after", "1")), 1.0))
            finally:
                conn.close()
                with lock:
                    for k, x in mine:
                        samples[k].append(x)
                    for k, c in codes:
                        statuses[k][c] += 1
                    wrong.extend(bad)

        plan = [(n, KINDS[n % len(KINDS)], f"127.0.1.{n + 1}") for n in range(args.clients)]
        plan += [(args.clients + n, "runaway", f"127.0.2.{n + 1}") for n in range(args.runaway)]
        started = time.monotonic()
        threads = [threading.Thread(target=client, args=p) for p in plan]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - started
    finally:
        stop_server(proc)

    per_kind = {}
    for kind in KINDS + ("runaway",):
        ms = [x * 1000 for x in samples[kind]]
        per_kind[kind] = {
            "clients": sum(1 for _, k, _ in plan if k == kind), "requests": len(ms),
            "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(max(ms), 1) if ms else None,
            "statuses": dict(sorted(statuses[kind].items())),
            "wrong": sum(1 for w in wrong if w.startswith(kind + " ")),
        }
    return {
        "what": "kg serve under abuse: honest clients of four kinds and runaway clients at once, loopback",
        "clients": args.clients, "runaway_clients": args.runaway, "duration_s": round(wall, 2),
        "statement": args.statement or "all", "entities": len(entities), "workers": args.workers or "default",
        "page_workers": args.page_workers or "default",
        "time_limit_s": args.timeout, "server_startup_s": round(startup, 2),
        "per_kind": per_kind, "wrong": len(wrong), "wrong_samples": wrong[:10],
        "slow_requests": sorted(slow, key=lambda x: x[1])[:200],
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_average": [round(x, 2) for x in os.getloadavg()]},
    }


def markdown_mixed(r: dict) -> str:
    lines = [
        "# kg serve — abuse test (bench/load.py --mixed)", "",
        f"{r['clients']} honest clients and {r['runaway_clients']} runaway clients for {r['duration_s']} s on "
        f"loopback, each client its own address; graph: {r['statement']}; {r['entities']} entities in turn; "
        f"public query workers: {r['workers']}, fast-lane workers: {r['page_workers']}; time limit {r['time_limit_s']:g} s; machine: "
        f"{r['machine']['cpus']} CPUs, Python {r['machine']['python']}, load average at the end "
        f"{', '.join(str(x) for x in r['machine']['load_average'])}.", "",
        "| kind | clients | requests | p50 | p95 | p99 | max | status codes | wrong |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for kind, k in r["per_kind"].items():
        codes = ", ".join(f"{c}: {n}" for c, n in k["statuses"].items())
        lines.append(f"| {kind} | {k['clients']} | {k['requests']} | {k['p50_ms']} ms | {k['p95_ms']} ms | "
                     f"{k['p99_ms']} ms | {k['max_ms']} ms | {codes} | {k['wrong']} |")
    if r["wrong_samples"]:
        lines += ["", "Wrong answers (first 10):", ""] + [f"- {e}" for e in r["wrong_samples"]]
    lines += ["", f"Server start-up (build, reasoning, workers): {r['server_startup_s']} s.", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of load (default 10)")
    p.add_argument("--statement", help="serve only this statement (default: all)")
    p.add_argument("--workers", type=int, help="query workers of the server (default: the server's)")
    p.add_argument("--page-workers", type=int, help="workers of the fast lane (stored-query pages; default: the server's)")
    p.add_argument("--timeout", type=float, default=10.0, help="the server's time limit per query")
    p.add_argument("--start-timeout", type=float, default=300.0)
    p.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    p.add_argument("--mixed", action="store_true",
                   help="honest clients of four kinds and --runaway clients at once (defaults: 50 + 5 clients, 20 s)")
    p.add_argument("--runaway", type=int, default=5, help="with --mixed: runaway clients (default 5)")
    args = p.parse_args(argv)
    if args.mixed:
        if "--clients" not in (argv if argv is not None else sys.argv):
            args.clients = 50
        if "--duration" not in (argv if argv is not None else sys.argv):
            args.duration = 20.0
    if not (1 <= args.clients <= 64) or not (0 < args.duration <= 300) or not (0 <= args.runaway <= 16):
        p.error("keep it bounded: 1-64 clients, 0-16 runaway ones, at most 300 s")
    if args.mixed:
        result = run_mixed(args)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "load-mixed.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        (args.out / "load-mixed.md").write_text(markdown_mixed(result), encoding="utf-8")
        print(markdown_mixed(result))
        print(f"wrote {args.out / 'load-mixed.json'} and {args.out / 'load-mixed.md'}")
        return 0 if result["wrong"] == 0 else 1
    result = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (args.out / "load.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    print(f"wrote {args.out / 'load.json'} and {args.out / 'load.md'}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
