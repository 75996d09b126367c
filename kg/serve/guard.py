"""What a query on the public endpoint may do: read the served graph, nothing else.

Two layers, both inside the query worker (so the time limit covers them and a pathological
query costs one worker, never the server process):

1. :func:`verdict` decides on the *parsed* query, never on its text: rdflib's SPARQL parser
   gives the syntax tree, and any ``SERVICE`` anywhere in it
   (``SILENT`` or not, an IRI, a prefixed name or a variable as target, in a subquery, an
   ``OPTIONAL``, a ``GRAPH``, a ``MINUS``, a ``FILTER EXISTS``) refuses the query. A text that
   parses as SPARQL Update is refused as a write. A text rdflib cannot parse is never run: if
   Oxigraph cannot parse it either, the client gets Oxigraph's message (400); if the word
   SERVICE appears in it anywhere, it is refused as federated (403); else it is refused as a
   query the endpoint cannot check (400). What the guard cannot read is refused, not trusted.
   The two parsers must read the same query: rdflib turns every ``\\u``/``\\U`` escape into
   its character before parsing (as SPARQL 1.1 says), Oxigraph only inside IRIs and strings, so
   ``"\\u0022"`` is a one-character string to Oxigraph and the start of a long string to
   rdflib, and a ``SERVICE`` after it could hide from rdflib in a string that Oxigraph ends in
   a comment. A query with an escape of an ASCII character, a control or a separator is
   therefore refused (400) before either parser sees it; ``\\u00e9`` and the like are fine.
   So is a control character, a lone carriage return above all: it ends a comment for Oxigraph
   and not for rdflib, so a ``SERVICE`` after ``# …\\r`` would be a comment to rdflib only.
2. :func:`cut_network` takes the worker's network away before it answers anything: a new,
   empty network namespace (Linux, where unprivileged user namespaces are allowed: there is no
   interface but a loopback that is down) and, everywhere, a file-descriptor limit at the
   descriptors already open, so no socket can be created. pyoxigraph (0.5) offers no way to turn
   its ``SERVICE`` client off, so this is what stops it if the first layer were ever wrong.

Self-contained (the standard library and rdflib): the worker runs this module's source.
"""

from __future__ import annotations

SERVICE = "service"
UPDATE = "update"
UNPARSED = "unparsed"
ESCAPE = "escape"
CONTROL = "control"

_CODEPOINT = r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})"


def _codepoints(text: str):
    import re

    for m in re.finditer(_CODEPOINT, text):
        yield m.group(0), int(m.group(1) or m.group(2), 16)


def _syntax_char(n: int) -> bool:
    """A character that can change how a query is tokenized: ASCII (quotes, brackets, ``#``,
    letters of keywords...), controls and Unicode separators."""
    import unicodedata

    if n < 0x80:
        return True
    if n >= 0x110000 or 0xD800 <= n < 0xE000:
        return True
    return unicodedata.category(chr(n))[0] in "ZC"


def _has_service(node, seen: set | None = None) -> bool:
    """Whether rdflib's syntax tree (CompValues, ParseResults, lists) holds a SERVICE pattern."""
    seen = set() if seen is None else seen
    if id(node) in seen or isinstance(node, (str, bytes, int, float, bool)) or node is None:
        return False
    seen.add(id(node))
    if getattr(node, "name", None) == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(v, seen) for v in node.values())
    try:
        items = list(node)
    except TypeError:
        return False
    return any(_has_service(v, seen) for v in items)


def verdict(text: str) -> tuple[str | None, str]:
    """``(None, "")`` when the public endpoint may run ``text``; else ``(kind, reason)`` with
    kind :data:`SERVICE`, :data:`UPDATE`, :data:`ESCAPE`, :data:`CONTROL` or :data:`UNPARSED`
    (rdflib's message)."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    import re

    bad = re.search(r"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:  # a lone CR ends a comment for Oxigraph, not for rdflib
        return CONTROL, (f"the query has the control character U+{ord(bad.group()):04X} (at character "
                         f"{bad.start() + 1}), which SPARQL engines read in different ways (a lone carriage "
                         "return ends a comment for one and not for another); end lines with LF or CRLF, and "
                         "write other controls as escapes in strings")
    for written, n in _codepoints(text):
        if _syntax_char(n):
            return ESCAPE, (f"`{written}` writes a character that is part of SPARQL's syntax (or a control or "
                            "separator) as an escape, which SPARQL engines read in different places; write the "
                            "character itself (in a string: \\\" or \\')")
    try:
        tree = parseQuery(text)
    except Exception as exc:  # pyparsing's ParseException, or rdflib's own
        try:
            parseUpdate(text)
        except Exception:
            return UNPARSED, " ".join(str(exc).split())[:300]
        return UPDATE, "SPARQL Update"
    if _has_service(tree):
        return SERVICE, "SERVICE"
    return None, ""


def mentions_service(text: str) -> bool:
    """Whether the word SERVICE appears anywhere (escapes decoded, any case, strings and
    comments included): for a query the parser cannot read, a reason to call it federated."""
    import re

    def char(m) -> str:
        n = int(m.group(1) or m.group(2), 16)
        return chr(n) if n < 0x110000 and not 0xD800 <= n < 0xE000 else " "

    decoded = re.sub(_CODEPOINT, char, text)
    return "service" in decoded.casefold()


def cut_network() -> list[str]:
    """Leave this process unable to open a connection; returns what was done (for the log).

    Call it single-threaded (a new user namespace needs that), after every file the process
    needs is open and every module it needs is imported."""
    import ctypes
    import os
    import resource
    import sys

    done = []
    if sys.platform.startswith("linux"):
        CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
                done.append("network namespace")
        except (OSError, AttributeError):
            pass
    try:  # every descriptor number below the limit in use: socket() fails with EMFILE
        fd_dir = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
        top = max(int(n) for n in os.listdir(fd_dir))
        for fd in range(top + 1):
            try:
                os.fstat(fd)
            except OSError:
                os.open(os.devnull, os.O_RDONLY)
        resource.setrlimit(resource.RLIMIT_NOFILE, (top + 1, top + 1))
        done.append("no new file descriptors")
    except (OSError, ValueError):
        pass
    return done
