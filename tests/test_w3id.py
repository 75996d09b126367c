"""The w3id.org redirect rules (w3id/.htaccess) cover every IRI space the graph mints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from kg.namespace import BASE

ROOT = Path(__file__).resolve().parent.parent
HTACCESS = ROOT / "w3id" / ".htaccess"


def rules() -> tuple[dict[str, str], list[tuple[re.Pattern, str, str]]]:
    """The environment the rules set (E=NAME:value) and the rewriting rules, in order."""
    env: dict[str, str] = {}
    out = []
    for line in HTACCESS.read_text(encoding="utf-8").splitlines():
        if not line.startswith("RewriteRule "):
            continue
        _, pattern, target, flags = line.split(None, 3)
        for name, value in re.findall(r"E=([A-Z_]+):([^,\]]+)", flags):
            env[name] = value
        if target != "-":
            assert "L" in flags.strip("[]").split(","), line
            out.append((re.compile(pattern), target, flags))
    return env, out


def redirect(path: str) -> tuple[str, str] | None:
    """Where w3id.org sends ``https://w3id.org/kidd-kg/<path>`` (Apache's first matching rule)."""
    env, rs = rules()
    for pattern, target, flags in rs:
        m = pattern.search(path)
        if m:
            url = re.sub(r"%\{ENV:([A-Z_]+)\}", lambda e: env[e.group(1)], target)
            url = re.sub(r"\$(\d)", lambda g: m.group(int(g.group(1))) or "", url)
            return url, re.search(r"R=(\d+)", flags).group(1)
    return None


@pytest.fixture(scope="module")
def minted(built) -> set[str]:
    """Every IRI under https://w3id.org/kidd-kg/ that the build, the schema, VoID, the SSSOM set
    and a release name, as the path w3id.org sees (no fragment)."""
    from kg.exports.release import DUMPS, sssom_rdf
    from kg.exports.void import describe
    from kg.resources import mappings_dir
    from kg.source.terms import load_schema

    graphs = [built.union(), load_schema().graph,
              describe(built, dumps={"turtle": Path("kg.ttl")}, include_inferred=False),
              describe(built, dumps={fmt: Path(name) for name, (fmt, _) in DUMPS.items()},
                       include_inferred=False, download_base=BASE + "dumps/0.1.0/"),
              sssom_rdf(mappings_dir() / "kidd-kg.sssom.tsv")]
    iris = {BASE}
    for g in graphs:
        for t in g:
            for term in t:
                if isinstance(term, URIRef) or (isinstance(term, Literal) and str(term).startswith(BASE)):
                    if str(term).startswith(BASE):
                        iris.add(str(term))
    return {iri[len(BASE):].split("#", 1)[0] for iri in iris}


def test_every_minted_iri_space_redirects(minted) -> None:
    spaces = {p.split("/", 1)[0] for p in minted}
    # the spaces the project mints today; a new one needs a rule (and this list)
    assert spaces == {"", "ontology", "id", "vocab", "dataset", "dumps", "mappings"}
    missing = sorted(p for p in minted if redirect(p) is None)
    assert missing == []


def test_every_rule_is_used(minted) -> None:
    _, rs = rules()
    used = {next(i for i, (pat, _, _) in enumerate(rs) if pat.search(p)) for p in minted}
    assert used == set(range(len(rs)))


@pytest.mark.parametrize("path, url, code", [
    ("ontology", "https://kidd-kg.example.org/ontology", "302"),
    ("id/act/kidd-21/a07", "https://kidd-kg.example.org/id/act/kidd-21/a07", "302"),
    ("id/text/kidd-21", "https://kidd-kg.example.org/id/text/kidd-21", "302"),
    ("vocab/cameo/0312", "https://kidd-kg.example.org/vocab/cameo/0312", "302"),
    ("dataset/subset/statement/kidd-21", "https://kidd-kg.example.org/.well-known/void", "303"),
    ("dumps/0.1.0/kidd-kg.nt.gz", "https://kidd-kg.example.org/files/kidd-kg-0.1.0/kidd-kg.nt.gz", "302"),
    ("dumps/kg.ttl", "https://kidd-kg.example.org/files/dumps/kg.ttl", "302"),
    ("mappings/kidd-kg.sssom.tsv", "https://kidd-kg.example.org/files/mappings/kidd-kg.sssom.tsv", "302"),
    ("", "https://kidd-kg.example.org/", "302"),
    ("id/", "https://kidd-kg.example.org/", "302"),
    ("ontology/0.1.0", "https://kidd-kg.example.org/files/kidd-kg-0.1.0/ontology/kidd.ttl", "302"),
])
def test_redirects(path, url, code) -> None:
    assert redirect(path) == (url, code)


def test_server_paths_are_what_kg_serve_answers() -> None:
    # kg serve answers /ontology, /id/..., /vocab/... with 303 and content negotiation; the rules
    # forward exactly those paths (and the home page) to it
    env, rs = rules()
    server = [t for _, t, _ in rs if t.startswith("%{ENV:KIDD_SERVER}")]
    assert {re.sub(r"\$\d.*", "", t.replace("%{ENV:KIDD_SERVER}", "")) for t in server} == {
        "/ontology", "/id/", "/vocab/", "/.well-known/void", "/"}
