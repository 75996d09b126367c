"""``kg serve`` on the command line."""

from __future__ import annotations

import argparse
import re
import signal
import sys
from pathlib import Path
from typing import Any

from kg.errors import EXIT_OK, KGError
from kg.serve.admission import DEFAULT_PER_CLIENT
from kg.serve.server import DEFAULT_HOST, DEFAULT_PAGE_WORKERS, DEFAULT_PORT, Server
from kg.serve.workers import DEFAULT_MAX_RESULT, DEFAULT_TIMEOUT, DEFAULT_WAIT, DEFAULT_WORKERS, _size


def _bytes(value: str) -> int:
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMG]i?B?|B)?\s*", value, re.I)
    if not m:
        raise argparse.ArgumentTypeError(f"`{value}` is not a size (e.g. 16M, 500K, 1048576)")
    unit = (m.group(2) or "B").upper()[0]
    return int(float(m.group(1)) * {"B": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[unit])


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """``kg serve`` (kg.cli adds the options every command that reads the graph takes:
    ``--statements``, ``--statement``, ``--engine``)."""
    s = subparsers.add_parser(
        "serve", help="serve the graph: a read-only SPARQL endpoint and a page for every entity",
        description="Serve the graph as users query it (facts, provenance, OWL 2 RL inferences, ontology, "
                    "vocabularies): a SPARQL 1.1 Protocol endpoint at /sparql, entity pages and data at "
                    "/id/… (content negotiation, 303 See Other), the stored queries at /. Read-only; SERVICE "
                    "is refused. --engine chooses the reasoner of the build; the endpoint answers with Oxigraph.")
    s.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    s.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT}; 0 picks a free one)")
    s.add_argument("--base-url", metavar="URL",
                   help="the server's public address (e.g. https://kg.example.org behind a proxy): redirects and "
                        "the Service Description use it; without it redirects are paths on this server")
    s.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"time limit of one query; a query still running is stopped, 503 (default: {DEFAULT_TIMEOUT:g})")
    s.add_argument("--max-result-size", type=_bytes, default=DEFAULT_MAX_RESULT, metavar="SIZE",
                   help=f"largest answer, e.g. 500K, 16M; a larger one is refused, 422 (default: {_size(DEFAULT_MAX_RESULT)})")
    s.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                   help=f"query worker processes of /sparql, each with the graph in memory (default: {DEFAULT_WORKERS})")
    s.add_argument("--page-workers", type=int, default=DEFAULT_PAGE_WORKERS,
                   help=f"query workers of the stored-query pages, a lane of their own (default: {DEFAULT_PAGE_WORKERS})")
    s.add_argument("--per-client", type=int, default=DEFAULT_PER_CLIENT, metavar="N",
                   help=f"queries one client address may run on /sparql at once; more get 429 (default: {DEFAULT_PER_CLIENT})")
    s.add_argument("--queue-wait", type=float, default=DEFAULT_WAIT, metavar="SECONDS",
                   help=f"how long a query waits for a free worker before 503 + Retry-After (default: {DEFAULT_WAIT:g})")
    s.add_argument("--quiet", action="store_true", help="do not log requests")
    return s


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve.uses import build

    for name in ("workers", "per_client"):
        if getattr(args, name, 1) < 1:
            raise KGError(f"--{name.replace('_', '-')} must be at least 1.")
    if args.page_workers < 0 or args.queue_wait < 0:
        raise KGError("--page-workers and --queue-wait cannot be negative.")
    result = build(args.statements, only=args.statement, engine=getattr(args, "engine", None))
    server = Server(result, args.host, args.port, timeout=args.timeout, max_result_size=args.max_result_size,
                    workers=args.workers, quiet=args.quiet, base_url=args.base_url, page_workers=args.page_workers,
                    per_client=args.per_client, wait=args.queue_wait)

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        if args.host not in ("127.0.0.1", "localhost", "::1"):
            print(f"kg serve: listening on {args.host}: reachable from other machines.", file=sys.stderr)
        if not server.isolation:
            print("kg serve: warning: the query workers could not be cut off from the network; SERVICE is "
                  "still refused by the query check.", file=sys.stderr)
        print(f"kg serve: {server.url} (SPARQL endpoint {server.url}sparql); Ctrl-C stops.", flush=True)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        server.close()
    return EXIT_OK


def graph_options(parser: argparse.ArgumentParser) -> None:
    """``--statements``, ``--statement``, ``--engine``, as kg.cli gives every command that reads
    the graph (for ``python -m kg.serve``, which does not go through kg.cli)."""
    from kg.stack import STACKS

    parser.add_argument("--statements", type=Path, metavar="DIR",
                        help="folder of statements (default: the bundled statements/)")
    parser.add_argument("--statement", metavar="ID", help="only this statement (e.g. kidd-21)")
    parser.add_argument("--engine", choices=list(STACKS), default=None,
                        help="fast (default) or reference: the reasoner of the build")


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.serve [options]`` is ``kg serve [options]``."""
    parser = argparse.ArgumentParser(prog="python -m kg.serve")
    sub = parser.add_subparsers(dest="command")
    graph_options(add_parser(sub))
    args = parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)])
    try:
        return cmd_serve(args)
    except KGError as exc:
        print(f"kg serve: error: {exc}", file=sys.stderr)
        return exc.exit_code
