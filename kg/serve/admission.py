"""Who may run a query on the public endpoint now: fast queries stay fast while some clients
send runaway ones.

The server has two lanes, each its own pool of query workers (:class:`kg.serve.workers.QueryEngine`):
the *public* lane answers ``/sparql``; the *pages* lane answers the stored-query pages (the
project's own queries, fast by construction, their pages cached), so nothing sent to
``/sparql`` can make a page wait. In the public lane:

* a client (its address) runs at most ``per_client`` queries at a time; one more gets
  ``429 Too Many Requests`` with ``Retry-After``;
* a query waits at most ``wait`` seconds for a free worker, then gets ``503`` with ``Retry-After``;
* a client whose query ran into the time limit is *penalized* for ``penalty`` seconds: it runs
  one query at a time, with a quarter of the time limit, and all penalized clients together
  hold at most ``workers - 1`` workers (at least one), so at least one worker stays free of
  queries from clients known to send runaway ones. Beyond that they get ``503`` with
  ``Retry-After`` at once;
* a query known to be cheap (:class:`Costs`: a stored query's text, or a text answered quickly
  before) runs in the fast lane instead, with a short time limit.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass

DEFAULT_PER_CLIENT = 4
DEFAULT_PENALTY = 60.0


@dataclass
class Refusal:
    status: int
    message: str
    retry_after: int


@dataclass
class Ticket:
    """A query let in: the client, whether it is penalized, and the time limit it gets."""
    client: str
    penalized: bool
    timeout: float


class Admission:
    def __init__(self, workers: int, timeout: float, per_client: int = DEFAULT_PER_CLIENT,
                 penalty: float = DEFAULT_PENALTY):
        self.timeout, self.per_client, self.penalty = timeout, max(1, per_client), penalty
        self.penalized_slots = max(1, workers - 1)
        self._lock = threading.Lock()
        self._running: Counter[str] = Counter()
        self._penalized_running = 0
        self._until: dict[str, float] = {}

    def penalized(self, client: str, now: float | None = None) -> bool:
        until = self._until.get(client)
        return until is not None and until > (time.monotonic() if now is None else now)

    def enter(self, client: str) -> Ticket | Refusal:
        now = time.monotonic()
        with self._lock:
            penalized = self.penalized(client, now)
            limit = 1 if penalized else self.per_client
            if self._running[client] >= limit:
                return Refusal(429, f"this client already runs {self._running[client]} "
                                    f"quer{'y' if self._running[client] == 1 else 'ies'} here (at most {limit}"
                                    + (", after a query of it ran into the time limit" if penalized else "")
                                    + "); wait for the answer, then ask again.", 1)
            if penalized and self._penalized_running >= self.penalized_slots:
                left = int(self._until[client] - now) + 1
                return Refusal(503, "a query of this client ran into the time limit recently, and the workers "
                                    "set aside for such clients are busy; try again later.", min(left, 10))
            self._running[client] += 1
            if penalized:
                self._penalized_running += 1
        return Ticket(client, penalized, max(0.5, self.timeout / 4) if penalized else self.timeout)

    def leave(self, ticket: Ticket, timed_out: bool = False) -> None:
        with self._lock:
            self._running[ticket.client] -= 1
            if self._running[ticket.client] <= 0:
                del self._running[ticket.client]
            if ticket.penalized:
                self._penalized_running -= 1
            if timed_out:
                self._until[ticket.client] = time.monotonic() + self.penalty
            if len(self._until) > 10000:  # forget old penalties
                now = time.monotonic()
                self._until = {c: u for c, u in self._until.items() if u > now}


CHEAP_SECONDS = 0.25  # a query answered within this (in either lane) is cheap next time
FAST_LANE_TIMEOUT = 2.0


class Costs:
    """Which query texts are known to be cheap: the stored queries, and any query that was
    answered within :data:`CHEAP_SECONDS` before. A cheap query runs in the fast lane (the one
    of the stored-query pages) with a time limit of :data:`FAST_LANE_TIMEOUT`; one that runs
    past it there is cheap no more. A runaway query is never cheap, so it cannot get there."""

    def __init__(self, known: list[str] | None = None, size: int = 10000):
        from collections import OrderedDict

        self._cheap: OrderedDict[str, None] = OrderedDict((self._digest(k), None) for k in known or [])
        self._size = size
        self._lock = threading.Lock()

    @staticmethod
    def _digest(key: str) -> str:
        import hashlib

        return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()

    def cheap(self, key: str) -> bool:
        key = self._digest(key)
        with self._lock:
            return key in self._cheap

    def record(self, key: str, seconds: float, ok: bool) -> None:
        key = self._digest(key)
        with self._lock:
            if ok and seconds <= CHEAP_SECONDS:
                self._cheap[key] = None
                self._cheap.move_to_end(key)
                while len(self._cheap) > self._size:
                    self._cheap.popitem(last=False)
            elif not ok or seconds > FAST_LANE_TIMEOUT:
                self._cheap.pop(key, None)
