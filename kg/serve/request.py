"""A request as the routes see it, and the response they give back (the HTTP layer,
:mod:`kg.serve.server`, reads the one and writes the other)."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes = b""
    client: str = ""  # the client's address (what the public lane's limits count by)

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def args(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.query, keep_blank_values=True)


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def text_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response(status, (message.rstrip() + "\n").encode("utf-8"), headers=headers or {})


def busy(message: str, retry_after: int | None) -> Response:
    """503 (or the given status) with ``Retry-After``."""
    return text_response(503, message, {"Retry-After": str(retry_after or 1)})
