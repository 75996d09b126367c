"""A release: ``dist/kidd-kg-<version>/``, the files people fetch, load and cite.

``kg release --out dist`` (``make release``) writes, from one build of every bundled statement:

* ``kidd-kg.nt.gz``, ``kidd-kg.ttl.gz``, ``kidd-kg.jsonld.gz`` — the asserted graph (facts,
  provenance, enrichment, links, coding: what ``build/kg.ttl`` holds); ``kidd-kg.trig.gz`` — every
  named graph, the OWL 2 RL inferences as ``id:graph/inferred`` included; ``kidd-kg-inferred.ttl.gz``
  — the inferences alone; ``kidd-kg-events.csv.gz`` — the flat event table (kg/exports/events.py);
* ``ontology/`` — the ontology, the shapes, the JSON-LD context and the SKOS vocabularies, as shipped;
* ``mappings/`` — the SSSOM mapping set as TSV (as curated) and as RDF (``kidd-kg.sssom.ttl``,
  SSSOM's RDF form: one ``owl:Axiom`` per mapping), and the country codes of the event table;
* ``void.ttl`` — the VoID/DCAT description, its download URLs absolute under
  ``https://w3id.org/kidd-kg/dumps/<version>/`` (``w3id/.htaccess`` redirects them), with each
  dump's byte size and compression;
* ``CITATION.cff``, ``RELEASE-NOTES.md`` (what changed in the data since the previous release
  folder in ``dist/``: statements added and removed, facts added and removed per statement; or
  "first release"), ``LICENSE-DATA`` and ``SHA256SUMS`` (every other file).

Deterministic: the same sources, version and date give the same bytes (gzip with mtime 0 and no
file name, fixed compression level, sorted files). The date is ``--date``, else
``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), else today. The folder appears whole:
it is written under a temporary name and renamed (a release of the same version is replaced).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import re
import shutil
from collections import defaultdict
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, XSD

from kg.errors import KGError
from kg.exports.formats import serialize
from kg.graph.build import BuildResult
from kg.namespace import BASE, ID

SSSOM = Namespace("https://w3id.org/sssom/")
GZIP = URIRef("https://www.iana.org/assignments/media-types/application/gzip")
NAME = "kidd-kg"
DUMPS = {  # file → (format, what)
    "kidd-kg.nt.gz": ("ntriples", "asserted"),
    "kidd-kg.ttl.gz": ("turtle", "asserted"),
    "kidd-kg.jsonld.gz": ("jsonld", "asserted"),
    "kidd-kg.trig.gz": ("trig", "dataset"),
}
INFERRED = "kidd-kg-inferred.ttl.gz"
EVENTS = "kidd-kg-events.csv.gz"
SUMS = "SHA256SUMS"
NOTES = "RELEASE-NOTES.md"
_FACTS = re.compile(r"^https://w3id\.org/kidd-kg/id/graph/([^/]+)/facts$")


def release_date(given: str | None = None) -> str:
    """``given`` (YYYY-MM-DD), else the date of ``SOURCE_DATE_EPOCH``, else today (UTC)."""
    if given:
        try:
            return Date.fromisoformat(given).isoformat()
        except ValueError:
            raise KGError(f"--date must be YYYY-MM-DD, not `{given}`.") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date().isoformat()
        except ValueError:
            raise KGError(f"SOURCE_DATE_EPOCH must be a number of seconds, not `{epoch}`.") from None
    return datetime.now(tz=timezone.utc).date().isoformat()


def gz(text: str | bytes) -> bytes:
    """Deterministic gzip: no file name, mtime 0, level 9."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as fh:
        fh.write(data)
    return buf.getvalue()


def files(result: BuildResult, version: str, day: str, previous: Path | None = None,
          progress=None) -> dict[str, bytes]:
    """Every file of the release (relative path → bytes), SHA256SUMS last."""
    from kg.exports.events import to_csv
    from kg.exports.void import describe
    from kg.resources import mappings_dir, ontology_dir

    step = progress or (lambda message: None)
    out: dict[str, bytes] = {}
    inferred = result.inferred  # also adds the named graph id:graph/inferred to the dataset
    asserted = result.union()
    for name, (fmt, what) in DUMPS.items():
        step(f"writing {name}")
        out[name] = gz(serialize(result.dataset if what == "dataset" else asserted, fmt))
    step(f"writing {INFERRED}")
    out[INFERRED] = gz(serialize(inferred, "turtle"))
    step(f"writing {EVENTS}")
    out[EVENTS] = gz(to_csv(result))
    onto = ontology_dir()
    for path in [onto / "kidd.ttl", onto / "shapes.ttl", onto / "context.jsonld", *sorted((onto / "vocab").glob("*.ttl"))]:
        out[f"ontology/{path.relative_to(onto).as_posix()}"] = path.read_bytes()
    maps = mappings_dir()
    for path in (maps / "kidd-kg.sssom.tsv", maps / "country-codes.tsv"):
        out[f"mappings/{path.name}"] = path.read_bytes()
    out["mappings/kidd-kg.sssom.ttl"] = serialize(sssom_rdf(maps / "kidd-kg.sssom.tsv"), "turtle").encode("utf-8")
    step("writing void.ttl")
    base = f"{BASE}dumps/{version}/"
    dumps = {fmt: Path(name) for name, (fmt, _) in DUMPS.items()}
    void = describe(result, dumps=dumps, created=day, download_base=base,
                    sizes={fmt: len(out[name]) for name, (fmt, _) in DUMPS.items()})
    for dist in set(void.objects(None, DCAT.distribution)):
        void.add((dist, DCAT.compressFormat, GZIP))  # dcat:mediaType stays the type of the content
    out["void.ttl"] = serialize(void, "turtle").encode("utf-8")
    out["CITATION.cff"] = citation(version, day).encode("utf-8")
    out[NOTES] = release_notes(result, version, day, previous).encode("utf-8")
    licence = onto.parent / "LICENSE-DATA"  # the checkout's, or the wheel's kg/_data/
    if licence.is_file():
        out["LICENSE-DATA"] = licence.read_bytes()
    out = dict(sorted(out.items()))
    out[SUMS] = sha256sums(out).encode("utf-8")
    return out


def sha256sums(contents: dict[str, bytes]) -> str:
    """``sha256sum``'s format (``HASH  PATH``, two spaces), sorted by path; ``sha256sum -c`` reads it."""
    return "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(contents.items()) if name != SUMS)


def write(out: Path, version: str, contents: dict[str, bytes]) -> Path:
    """``out/kidd-kg-<version>/`` with ``contents``, appearing whole (written aside, then renamed)."""
    out = Path(out)
    target = out / f"{NAME}-{version}"
    pending = out / f".{NAME}-{version}.{os.getpid()}.partial"
    old = out / f".{NAME}-{version}.{os.getpid()}.old"
    try:
        out.mkdir(parents=True, exist_ok=True)
        for p in (pending, old):
            if p.exists():
                shutil.rmtree(p)
        for name, data in contents.items():
            path = pending / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(path, 0o644)
        if target.exists():
            os.rename(target, old)
        os.rename(pending, target)
        if old.exists():
            shutil.rmtree(old)
    except OSError as exc:
        shutil.rmtree(pending, ignore_errors=True)
        raise KGError(f"cannot write the release: {exc.strerror or exc}.", str(getattr(exc, "filename", None) or out)) from None
    return target


def previous_release(out: Path, version: str) -> Path | None:
    """The folder of the highest release in ``out`` older than ``version`` (None if there is none)."""
    mine = _version_key(version)
    found = []
    for p in Path(out).glob(f"{NAME}-*"):
        key = _version_key(p.name[len(NAME) + 1:])
        if p.is_dir() and key is not None and mine is not None and key < mine and (p / "kidd-kg.trig.gz").is_file():
            found.append((key, p))
    return max(found)[1] if found else None


def _version_key(v: str) -> tuple[int, ...] | None:
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", v)
    return tuple(int(x) for x in m.groups()) if m else None


# ---------------------------------------------------------------------- what changed
def facts_by_statement_of_dataset(result: BuildResult) -> dict[str, set[tuple[str, str, str]]]:
    out: dict[str, set] = {}
    for st in result.statements:
        out[st.id] = {tuple(t.n3() for t in triple) for triple in result.graph(st.id, "facts")}
    return out


def facts_by_statement_of_release(folder: Path) -> dict[str, set[tuple[str, str, str]]]:
    """The facts graphs of an earlier release, read from its ``kidd-kg.trig.gz`` (with Oxigraph)."""
    import pyoxigraph as ox

    data = gzip.decompress((folder / "kidd-kg.trig.gz").read_bytes())
    out: dict[str, set] = defaultdict(set)
    try:
        quads = ox.parse(data, format=ox.RdfFormat.TRIG)
        for q in quads:
            m = _FACTS.match(getattr(q.graph_name, "value", "") or "")
            if m:
                out[m.group(1)].add((_n3(q.subject), _n3(q.predicate), _n3(q.object)))
    except (SyntaxError, ValueError) as exc:
        raise KGError(f"the previous release's TriG dump does not parse: {exc}", str(folder / "kidd-kg.trig.gz")) from None
    return dict(out)


def _n3(term) -> str:  # an Oxigraph term written as rdflib writes it (n3), to compare the two
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value).n3()
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language).n3()
        dt = term.datatype.value
        return Literal(term.value, datatype=None if dt == str(XSD.string) else URIRef(dt)).n3()
    return f"_:{term.value}"


def release_notes(result: BuildResult, version: str, day: str, previous: Path | None) -> str:
    now = facts_by_statement_of_dataset(result)
    lines = [f"# KIDD-KG {version} ({day})", ""]
    total = sum(len(v) for v in now.values())
    lines.append(f"{len(now)} statement{'s' if len(now) != 1 else ''}, {total} facts (triples of the statements' facts graphs).")
    lines.append("")
    if previous is None:
        lines += ["## What changed in the data", "", "First release: no earlier release folder was found beside this one.", ""]
        lines += ["## Statements", ""] + [f"- {sid}: {len(now[sid])} facts" for sid in sorted(now)] + [""]
        return "\n".join(lines)
    before = facts_by_statement_of_release(previous)
    lines += ["## What changed in the data", "", f"Compared with the previous release, `{previous.name}`.", ""]
    added = sorted(set(now) - set(before))
    removed = sorted(set(before) - set(now))
    lines += ["### Statements added", ""] + ([f"- {s} ({len(now[s])} facts)" for s in added] or ["None."]) + [""]
    lines += ["### Statements removed", ""] + ([f"- {s} ({len(before[s])} facts)" for s in removed] or ["None."]) + [""]
    lines += ["### Facts changed", ""]
    changed = False
    for sid in sorted(set(now) & set(before)):
        plus, minus = sorted(now[sid] - before[sid]), sorted(before[sid] - now[sid])
        if not plus and not minus:
            continue
        changed = True
        lines.append(f"- {sid}: {len(plus)} facts added, {len(minus)} removed")
        for sign, triples in (("+", plus), ("-", minus)):
            for t in triples[:20]:
                lines.append(f"  - `{sign} {' '.join(t)}`")
            if len(triples) > 20:
                lines.append(f"  - ({len(triples) - 20} more {'added' if sign == '+' else 'removed'})")
    if not changed:
        lines.append("None: every statement in both releases has the same facts.")
    lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------- citation, SSSOM as RDF
def citation(version: str, day: str) -> str:
    from kg.exports.void import DESCRIPTION, TITLE

    return "\n".join([
        "cff-version: 1.2.0",
        "message: If you use this knowledge graph, please cite it as below.",
        "type: dataset",
        f"title: \"{TITLE}\"",
        f"version: \"{version}\"",
        f"date-released: \"{day}\"",
        "authors:",
        "  - name: KIDD-KG curators",
        "license: CC-BY-4.0",
        f"url: \"{BASE}\"",
        f"abstract: \"{DESCRIPTION}\"",
        "keywords:",
        "  - knowledge graph",
        "  - RDF",
        "  - joint statements",
        "  - U.S.-ROK alliance",
        "  - event data",
        "",
    ])


def sssom_rdf(path: Path) -> Graph:
    """The SSSOM mapping set in SSSOM's RDF form: a ``sssom:MappingSet`` with one ``owl:Axiom`` per
    mapping (``owl:annotatedSource``/``annotatedProperty``/``annotatedTarget``, its justification,
    confidence and comment). Mapping nodes are IRIs (``…/mappings/kidd-kg/<line>``), not blank nodes."""
    from kg.graph.links import MAPPING_SET, load

    ms = load(path)
    g = Graph()
    for prefix, ns in (("sssom", SSSOM), ("owl", OWL), ("dcterms", DCTERMS), ("id", ID)):
        g.bind(prefix, ns)
    meta = ms.metadata
    g.add((MAPPING_SET, RDF.type, SSSOM.MappingSet))
    for key, prop in (("mapping_set_id", SSSOM.mapping_set_id), ("mapping_set_version", SSSOM.mapping_set_version),
                      ("mapping_set_title", SSSOM.mapping_set_title), ("mapping_set_description", SSSOM.mapping_set_description),
                      ("mapping_date", SSSOM.mapping_date)):
        if meta.get(key):
            g.add((MAPPING_SET, prop, Literal(str(meta[key]).strip())))
    if meta.get("license"):
        g.add((MAPPING_SET, SSSOM.license, URIRef(str(meta["license"]))))
    for creator in meta.get("creator_label") or []:
        g.add((MAPPING_SET, SSSOM.creator_label, Literal(str(creator))))
    for m in ms.mappings:
        node = URIRef(f"{MAPPING_SET}/{m.line}")
        g.add((MAPPING_SET, SSSOM.mappings, node))
        g.add((node, RDF.type, OWL.Axiom))
        g.add((node, OWL.annotatedSource, m.subject))
        g.add((node, OWL.annotatedProperty, m.predicate))
        g.add((node, OWL.annotatedTarget, m.object))
        g.add((node, SSSOM.mapping_justification, m.justification))
        if m.confidence is not None:
            g.add((node, SSSOM.confidence, Literal(m.confidence, datatype=XSD.double)))
        if m.comment:
            g.add((node, RDFS.comment, Literal(m.comment)))
    return g
