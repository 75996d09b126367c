"""Rendered pages, kept: the served graph never changes while the server runs, so a page (an
entity page, a ``/data/…`` document, a stored query's answer) is rendered once.

:class:`PageCache` is a least-recently-used map bounded in bytes. Concurrent requests for a
page not yet rendered wait for the one rendering it (no stampede: 20 requests for one large
document render it once). Rendering in the server process is limited to ``renderers`` at a
time; a request that cannot start rendering within ``wait`` seconds gets ``None`` (the caller
answers 503 with ``Retry-After``), so page rendering cannot pile up behind a flood.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable

DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


_ONCE = threading.Lock()
_ONCE_BY_NAME: dict[str, threading.Lock] = {}


def once(owner: Any, name: str, make: Callable[[], Any]) -> Any:
    """``make()`` kept on ``owner`` as ``name``, computed on first use by one thread (the data a
    page family reads from the graph: it does not change while the server runs); one name does
    not wait for another. A failure is raised and not kept, so the next request tries again."""
    with _ONCE:
        lock = _ONCE_BY_NAME.setdefault(name, threading.Lock())
    with lock:
        if getattr(owner, name, None) is None:
            setattr(owner, name, make())
        return getattr(owner, name)


class Busy(Exception):
    """No renderer became free in time."""


class PageCache:
    def __init__(self, max_bytes: int = DEFAULT_CACHE_BYTES, renderers: int = 2, wait: float = 5.0):
        self.max_bytes, self.wait = max_bytes, wait
        self._items: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._pending: dict[Any, threading.Event] = {}
        self._renderers = threading.BoundedSemaphore(max(1, renderers))
        self.hits = self.misses = 0

    def render_now(self, render: Callable[[], Any]) -> Any:
        """``render()`` under the same limit on renderers, not kept (an answer of the moment)."""
        if not self._renderers.acquire(timeout=self.wait):
            raise Busy
        try:
            return render()
        finally:
            self._renderers.release()

    def get(self, key: Any, render: Callable[[], tuple[Any, int]]) -> Any:
        """The value for ``key``; ``render()`` returns ``(value, size in bytes)`` when it is
        missing. Raises :class:`Busy` when no renderer is free within ``wait`` seconds."""
        deadline = time.monotonic() + self.wait
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return self._items[key][0]
                event = self._pending.get(key)
                if event is None:
                    event = self._pending[key] = threading.Event()
                    break
            if not event.wait(max(0.0, deadline - time.monotonic())):
                raise Busy
            # rendered (or failed) by another request: look again
        try:
            if not self._renderers.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise Busy
            try:
                value, size = render()
            finally:
                self._renderers.release()
            with self._lock:
                self.misses += 1
                if size <= self.max_bytes // 4:
                    self._items[key] = (value, size)
                    self._size += size
                    while self._size > self.max_bytes and self._items:
                        _, (_, old) = self._items.popitem(last=False)
                        self._size -= old
            return value
        finally:
            with self._lock:
                self._pending.pop(key, None)
            event.set()
