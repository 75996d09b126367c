"""Load test of ``kg serve``: N concurrent clients run the stored queries for a bounded time.

    python bench/load.py                       # every statement, 4 clients, 10 s
    python bench/load.py --statement kidd-21 --clients 8 --duration 5

Starts its own server (``python -m kg.serve`` on a free loopback port, a separate process so
the clients do not share its interpreter), checks every stored query once (the reference
answers), then runs N client threads, each with a keep-alive connection, POSTing the stored
queries in turn (form-encoded, Accept: SPARQL JSON) until the time is up. Every answer must be
200, parse as SPARQL JSON and equal the reference answer, or it counts as an error. Reports
throughput, latency percentiles and errors, as JSON and Markdown under ``build/bench/``; the
server is stopped whatever happens. Traffic goes to 127.0.0.1 only.
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
    queries = [(q.name, endpoint_text(q)) for q in kq.list_queries()]
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


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--duration", type=float, default=10.0, help="seconds of load (default 10)")
    p.add_argument("--statement", help="serve only this statement (default: all)")
    p.add_argument("--workers", type=int, help="query workers of the server (default: the server's)")
    p.add_argument("--timeout", type=float, default=10.0, help="the server's time limit per query")
    p.add_argument("--start-timeout", type=float, default=300.0)
    p.add_argument("--out", type=Path, default=ROOT / "build" / "bench")
    args = p.parse_args(argv)
    if not (1 <= args.clients <= 64) or not (0 < args.duration <= 300):
        p.error("keep it bounded: 1-64 clients, at most 300 s")
    result = run(args)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    (args.out / "load.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))
    print(f"wrote {args.out / 'load.json'} and {args.out / 'load.md'}")
    return 0 if result["errors"] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
