"""The package's layout: stages as subpackages, imports flowing one way, no machine paths."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
STAGES = ("source", "graph", "reasoning", "checks", "queries", "exports", "serve")


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        mods[name] = path
    return mods


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every kg module ``name`` imports, at module level or inside functions (not under
    ``if TYPE_CHECKING:``, which only annotations see)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for child in node.body for n in ast.walk(child))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name and not name.startswith(t + "."):
                out.add(t)
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    return {m: _imports(m, p, set(mods)) for m, p in mods.items()}


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_the_import_walk_sees_imports():
    edges = _graph()
    assert "kg.source.statement" in edges["kg.graph.build"]
    assert "kg.graph.build" in edges["kg.pipeline"]
    assert len(edges) > 30


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles():
    assert _cycles(_graph()) == []


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_stages_import_only_earlier_stages():
    """Data flows one way: a stage imports itself, earlier stages and the shared modules
    (kg.errors, kg.formats, kg.namespace, kg.prefixes, kg.resources, kg.sparql), never a later stage."""
    order = {s: i for i, s in enumerate(STAGES)}
    wrong = []
    for module, targets in _graph().items():
        here = _stage(module)
        if here is None:
            continue
        for t in targets:
            there = _stage(t)
            if there is not None and order[there] > order[here]:
                wrong.append(f"{module} -> {t}")
            if there is None and t not in ("kg", "kg.errors", "kg.formats", "kg.namespace", "kg.prefixes", "kg.resources") \
                    and not t.startswith("kg.sparql") and not (here == "serve" and t in ("kg.stack", "kg.pipeline")):
                wrong.append(f"{module} -> {t}")
    assert wrong == []


def test_every_stage_is_a_subpackage():
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage


# An absolute path of a machine (a home, /work, /tmp, /root, C:\...) outside a URL.
_ABSOLUTE = re.compile(r"(?<![\w:/.])(?:/(?:work|home|root|tmp|Users|opt|srv|mnt)/[\w.-]+|[A-Z]:\\\\[\w])")


def test_no_absolute_paths_in_tracked_files():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.split()
    if not files:
        pytest.skip("not a git checkout")
    found = []
    for name in files:
        path = ROOT / name
        if path.suffix not in (".py", ".yaml", ".yml", ".md", ".ttl", ".rq", ".toml", ".txt", ".json", ".jsonld", "") \
                or not path.is_file():
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if _ABSOLUTE.search(line):
                found.append(f"{name}:{i}: {line.strip()[:100]}")
    assert found == []


def test_the_absolute_path_pattern():
    # built from parts, so that this file names no machine's path itself
    assert _ABSOLUTE.search("see " + "/".join(["", "work", "shared", "corpus", "x.txt"]))
    assert _ABSOLUTE.search("the file (" + "/".join(["", "home", "me", "x.yaml"]) + ")")
    assert not _ABSOLUTE.search("https://example.org/work/x")
    assert not _ABSOLUTE.search("statements/kidd-21/text.txt")


def test_the_readme_layout_is_the_layout_on_disk():
    """README.md's "Layout" block names every subpackage of kg/, and names none that is not there."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Layout", 1)[1].split("```", 2)[1]
    listed = set(re.findall(r"^  ([a-z_]+)/\s", block, re.M))
    on_disk = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert listed and listed == on_disk
    for name in re.findall(r"^  .*?\b([a-z_]+\.py)\b", block, re.M):
        assert (PACKAGE / name).is_file(), name
