"""What the dataset is, in VoID and DCAT: counts, partitions, subsets, linksets, distributions.

``describe(result)`` returns a graph describing ``<https://w3id.org/kidd-kg/dataset>`` as a
``void:Dataset`` and ``dcat:Dataset``. Every number in it is counted from the built graph:

* the dataset's own counts (``void:triples``, ``void:entities``, ``void:classes``,
  ``void:properties``, ``void:distinctSubjects``, ``void:distinctObjects``) and the class and
  property partitions are over the **asserted** graph, ``result.union()`` (facts, provenance,
  enrichment and links of every statement: what ``kg.ttl`` holds);
* ``void:entities`` counts the distinct IRI subjects in our ``void:uriSpace``
  (``https://w3id.org/kidd-kg/id/``), text spans included;
* one ``void:subset`` per statement (the triples of its named graphs, ``dcterms:source`` the
  statement document), one per named graph, one per part (facts, provenance, enrichment,
  links) and one for the OWL 2 RL inferences (``id:graph/inferred``, **not** in the counts
  above, since it is derived, not asserted);
* one ``void:Linkset`` per external dataset of :data:`kg.graph.links.DATASETS`, counting the links
  of the links graph whose object is in that dataset;
* one ``dcat:Distribution`` per dump passed in ``dumps`` (the download URL is the file name,
  relative to the description: write ``void.ttl`` next to the dumps), with its byte size
  when the file exists.

No blank nodes: every node is minted under ``https://w3id.org/kidd-kg/dataset/``
(``…/partition/class/Person``, ``…/partition/property/rdf-type``, ``…/linkset/wikidata``), so
equal inputs give equal output.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, PROV, TIME, VOID

from kg.exports.formats import FORMATS, format_of
from kg.graph.build import CURATORS, BuildResult, graph_iri, new_graph
from kg.graph.links import DATASETS, LINKS_GRAPH
from kg.namespace import BASE, ID, KIDD, ONTOLOGY_IRI, PREFIXES, VOCAB

DATASET = URIRef(BASE + "dataset")
DS = Namespace(BASE + "dataset/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SSSOM = Namespace("https://w3id.org/sssom/")
DCAT_VERSION = URIRef(str(DCAT) + "version")  # DCAT 3; rdflib's DCAT namespace predates it
URI_SPACE = str(ID)
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
DOWNLOAD_BASE = BASE + "dumps/"  # absolute download URLs (Oxigraph and others refuse relative IRIs)

TITLE = "KIDD-KG: what allies say and promise, as a knowledge graph"
DESCRIPTION = (
    "Official joint statements of the U.S.-ROK alliance as an RDF knowledge graph: who met, who "
    "led and chaired, what each side pledged, affirmed, acknowledged or applauded, about what, "
    "on what condition and by when, every fact traced to the exact words of the statement that "
    "carry it (PROV-O and NIF 2.0 text spans), with links to Wikidata, GeoNames and DBpedia."
)

# dump format -> (IANA media type, W3C format IRI), from the one format registry
MEDIA_TYPES: dict[str, tuple[str, str]] = {f.name: (f.media_type, f.iri) for f in FORMATS.values()}

# Prefixes for minting partition IRIs and naming vocabularies (longest namespace wins).
_KNOWN = PREFIXES  # the one prefix table (kg.namespace)


def describe(
    result: BuildResult,
    dumps: dict[str, Path] | None = None,
    endpoint: str | None = None,
    created: str | None = None,
    include_inferred: bool = True,
    download_base: str | None = None,
    sizes: dict[str, int] | None = None,
) -> Graph:
    """The VoID + DCAT description of the built dataset (see the module docstring).

    ``dumps`` maps a format name of :data:`kg.exports.formats.FORMATS` (``turtle``, ``trig``, …) to the
    written file; ``endpoint`` is a SPARQL endpoint URL; ``created`` an ISO date (default:
    today). ``include_inferred=False`` skips the inferred subset (and the reasoning it needs).
    Download URLs are absolute: the dumps' file names under ``download_base`` (default
    :data:`DOWNLOAD_BASE`, where the w3id redirects point). ``sizes`` maps a format name to the
    byte size of the dump being written (``dcat:byteSize``); without it no size is stated — a
    size is never read from a file on disk, which may be an earlier build's.
    """
    from kg import __version__

    graphs: dict[URIRef, set] = {}

    def triples_of(iri: URIRef) -> set:
        """The triples of one named graph (each graph is read from the dataset once)."""
        if iri not in graphs:
            graphs[iri] = set(result.dataset.graph(iri))
        return graphs[iri]

    parts = ("facts", "provenance", "enrichment", "links", "coding")
    asserted: set = set().union(*(triples_of(i) for part in parts for i in result.graph_iris(part)))
    g = _new_description()
    d = DATASET

    # ---------------------------------------------------------------- metadata
    g.add((d, RDF.type, VOID.Dataset))
    g.add((d, RDF.type, DCAT.Dataset))
    g.add((d, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((d, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, DCTERMS.publisher, CURATORS))
    g.add((d, DCTERMS.created, Literal(date.fromisoformat(created or date.today().isoformat()))))
    g.add((d, OWL.versionInfo, Literal(__version__)))
    g.add((d, DCAT_VERSION, Literal(__version__)))
    g.add((d, DCTERMS.conformsTo, ONTOLOGY_IRI))
    g.add((CURATORS, RDF.type, FOAF.Organization))
    g.add((CURATORS, RDF.type, PROV.Agent))
    g.add((CURATORS, FOAF.name, Literal("KIDD-KG curators", lang="en")))
    g.add((CURATORS, RDFS.label, Literal("KIDD-KG curators", lang="en")))
    for st in result.statements:
        g.add((d, DCTERMS.source, ID[f"statement/{st.id}"]))

    # ---------------------------------------------------------------- counts over the asserted graph
    subjects = {s for s, _, _ in asserted}
    objects = {o for _, _, o in asserted}
    members: dict[URIRef, set] = defaultdict(set)
    for s, p, c in asserted:
        if p == RDF.type:
            members[c].add(s)
    classes = {c: len(m) for c, m in members.items()}
    predicates = Counter(p for _, p, _ in asserted)
    g.add((d, VOID.uriSpace, Literal(URI_SPACE)))
    g.add((d, VOID.triples, _int(len(asserted))))
    g.add((d, VOID.entities, _int(sum(1 for s in subjects if isinstance(s, URIRef) and str(s).startswith(URI_SPACE)))))
    g.add((d, VOID.classes, _int(len(classes))))
    g.add((d, VOID.properties, _int(len(predicates))))
    g.add((d, VOID.distinctSubjects, _int(len(subjects))))
    g.add((d, VOID.distinctObjects, _int(len(objects))))
    for vocabulary in sorted(_vocabularies(asserted)):
        g.add((d, VOID.vocabulary, vocabulary))

    # ---------------------------------------------------------------- partitions
    minted: set[URIRef] = set()
    for cls, n in sorted(classes.items()):
        part = _mint(f"partition/class/{_slug(cls)}", minted)
        g.add((d, VOID.classPartition, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, _int(n)))
    by_property_subjects: dict[URIRef, set] = defaultdict(set)
    by_property_objects: dict[URIRef, set] = defaultdict(set)
    for s, p, o in asserted:
        by_property_subjects[p].add(s)
        by_property_objects[p].add(o)
    for prop, n in sorted(predicates.items()):
        part = _mint(f"partition/property/{_slug(prop)}", minted)
        g.add((d, VOID.propertyPartition, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, _int(n)))
        g.add((part, VOID.distinctSubjects, _int(len(by_property_subjects[prop]))))
        g.add((part, VOID.distinctObjects, _int(len(by_property_objects[prop]))))

    # ---------------------------------------------------------------- examples
    for example in _examples(result, asserted):
        g.add((d, VOID.exampleResource, example))

    # ---------------------------------------------------------------- subsets
    for st in result.statements:
        sub = DS[f"subset/statement/{st.id}"]
        iris = [graph_iri(st.id, part) for part in ("facts", "provenance", "enrichment")]
        _subset(g, d, sub, f"Statement {st.id}", len(set().union(*(triples_of(i) for i in iris))))
        g.add((sub, DCTERMS.source, ID[f"statement/{st.id}"]))
        for iri in iris:
            _graph_subset(g, sub, iri, len(triples_of(iri)))
    for part in parts:
        sub = DS[f"subset/part/{part}"]
        iris = result.graph_iris(part)
        _subset(g, d, sub, f"All {part} graphs", len(set().union(*(triples_of(i) for i in iris))))
        for iri in iris:
            _graph_subset(g, sub, iri, len(triples_of(iri)))
    if include_inferred:
        sub = DS["subset/inferred"]
        _subset(g, d, sub, "OWL 2 RL inferences (derived, not counted in the dataset's totals)", len(result.inferred))
        g.add((sub, SD.name, result.INFERRED))
        g.add((sub, RDF.type, SD.NamedGraph))

    # ---------------------------------------------------------------- linksets
    links = triples_of(LINKS_GRAPH)
    for name, (pattern, homepage, title) in sorted(DATASETS.items()):
        selected = [(s, p, o) for s, p, o in links if pattern.match(str(o))]
        ls = DS[f"linkset/{name}"]
        g.add((d, VOID.subset, ls))
        g.add((ls, RDF.type, VOID.Linkset))
        g.add((ls, DCTERMS.title, Literal(f"Links from KIDD-KG to {title}", lang="en")))
        g.add((ls, VOID.target, d))
        g.add((ls, VOID.target, homepage))
        g.add((ls, VOID.subjectsTarget, d))
        g.add((ls, VOID.objectsTarget, homepage))
        for pred in sorted({p for _, p, _ in selected} or {SKOS.exactMatch}):
            g.add((ls, VOID.linkPredicate, pred))
        g.add((ls, VOID.triples, _int(len(selected))))
        g.add((homepage, RDF.type, VOID.Dataset))
        g.add((homepage, DCTERMS.title, Literal(title, lang="en")))
        g.add((homepage, FOAF.homepage, homepage))

    # ---------------------------------------------------------------- distributions
    for fmt, path in sorted((dumps or {}).items()):
        _distribution(g, d, fmt, Path(path), download_base or DOWNLOAD_BASE, (sizes or {}).get(fmt))
    if endpoint:
        g.add((d, VOID.sparqlEndpoint, URIRef(endpoint)))
    return g


# ---------------------------------------------------------------------- helpers
def _mint(path: str, minted: set[URIRef]) -> URIRef:
    """``DS[path]``, or ``DS[path-2]``… should two terms give the same slug (callers go in
    sorted order, so the choice is stable)."""
    iri, n = DS[path], 1
    while iri in minted:
        n += 1
        iri = DS[f"{path}-{n}"]
    minted.add(iri)
    return iri


def _int(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def _subset(g: Graph, parent: URIRef, sub: URIRef, title: str, triples: int) -> None:
    g.add((parent, VOID.subset, sub))
    g.add((sub, RDF.type, VOID.Dataset))
    g.add((sub, DCTERMS.title, Literal(title, lang="en")))
    g.add((sub, VOID.triples, _int(triples)))


def _graph_subset(g: Graph, parent: URIRef, iri: URIRef, triples: int) -> None:
    """A subset that is exactly one named graph (SPARQL service description: sd:name)."""
    rel = str(iri)[len(str(ID["graph/"])):]
    sub = DS[f"subset/graph/{rel}"]
    g.add((parent, VOID.subset, sub))
    g.add((sub, RDF.type, VOID.Dataset))
    g.add((sub, RDF.type, SD.NamedGraph))
    g.add((sub, SD.name, iri))
    g.add((sub, VOID.triples, _int(triples)))


def _distribution(g: Graph, d: URIRef, fmt: str, path: Path, base: str, size: int | None) -> None:
    fmt = fmt if fmt in MEDIA_TYPES else getattr(format_of(path), "name", fmt)
    dist = DS[f"distribution/{_slug_text(fmt)}"]
    url = URIRef(base + path.name)
    g.add((d, DCAT.distribution, dist))
    g.add((d, VOID.dataDump, url))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(f"KIDD-KG as {MEDIA_TYPES.get(fmt, (None, fmt))[1].replace('_', '/')}", lang="en")))
    g.add((dist, DCAT.downloadURL, url))
    g.add((dist, DCTERMS.license, LICENSE))
    if fmt in MEDIA_TYPES:
        media, w3c = MEDIA_TYPES[fmt]
        g.add((dist, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
        g.add((dist, DCTERMS["format"], URIRef(f"http://www.w3.org/ns/formats/{w3c}")))
    if size is not None:
        g.add((dist, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))


def _examples(result: BuildResult, asserted: set) -> list[URIRef]:
    """The meeting each statement reports, the first speech act that undertakes a commitment,
    and that commitment (or, failing those, the first speech act and the first commitment)."""
    docs = {ID[f"statement/{st.id}"] for st in result.statements}
    out = sorted(o for s, p, o in asserted if p == KIDD.reports and s in docs and isinstance(o, URIRef))
    typed = defaultdict(set)
    undertakes = defaultdict(set)
    for s, p, o in asserted:
        if p == RDF.type and isinstance(s, URIRef):
            typed[o].add(s)
        elif p == KIDD.undertakes:
            undertakes[s].add(o)
    acts, commitments = sorted(typed[KIDD.SpeechAct]), sorted(typed[KIDD.Commitment])
    pairs = [(a, c) for a in acts for c in sorted(undertakes[a]) if c in typed[KIDD.Commitment]]
    if pairs:
        out.extend(pairs[0])
    else:
        out.extend(acts[:1] + commitments[:1])
    return out


def _namespace(iri: str) -> str:
    best = max((ns for ns in _KNOWN.values() if iri.startswith(ns)), key=len, default=None)
    if best is not None:
        return best
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _vocabularies(asserted: set) -> set[URIRef]:
    """Namespaces of the classes and properties used, and the SKOS schemes of the concepts used."""
    terms = {p for _, p, _ in asserted} | {o for _, p, o in asserted if p == RDF.type}
    out = set()
    for t in terms:
        ns = _namespace(str(t))
        out.add(ONTOLOGY_IRI if ns == str(KIDD._NS) else URIRef(ns))
    vocab = str(VOCAB)
    for _, _, o in asserted:
        if isinstance(o, URIRef) and str(o).startswith(vocab) and "/" in str(o)[len(vocab):]:
            out.add(VOCAB[str(o)[len(vocab):].split("/", 1)[0]])
    return out


def _slug(iri: URIRef) -> str:
    """``kidd:Person`` → ``Person``; ``rdf:type`` → ``rdf-type``; anything else → a safe slug."""
    s = str(iri)
    if s.startswith(str(KIDD._NS)):
        return s[len(str(KIDD._NS)):]
    for prefix, ns in sorted(_KNOWN.items(), key=lambda kv: -len(kv[1])):
        if s.startswith(ns) and len(s) > len(ns):
            return f"{prefix}-{_slug_text(s[len(ns):])}"
    return _slug_text(re.sub(r"^[a-z]+://", "", s))


def _slug_text(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")


def with_sizes(ntriples: str, sizes: dict[str, int]) -> Graph:
    """A description (as N-Triples from :func:`describe`) with the byte size of each dump being
    written: ``sizes`` maps a format name to its size."""
    g = _new_description()
    g.parse(data=ntriples, format="nt")
    for fmt, size in sorted(sizes.items()):
        dist = DS[f"distribution/{_slug_text(fmt)}"]
        if (None, DCAT.distribution, dist) in g:
            g.add((dist, DCAT.byteSize, Literal(size, datatype=XSD.nonNegativeInteger)))
    return g


def _new_description() -> Graph:
    g = new_graph()
    for prefix, ns in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF),
                       ("prov", PROV), ("sd", SD), ("ds", DS), ("owl", OWL), ("skos", SKOS)):
        g.bind(prefix, ns)
    return g
