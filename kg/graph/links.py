"""Links to Wikidata, GeoNames and DBpedia, kept as an SSSOM mapping set and built into triples.

The mapping set (``mappings/kidd-kg.sssom.tsv``) is the community format for sharing mappings:
a YAML metadata block in ``#`` lines (with its ``curie_map``), then a TSV of subject, predicate,
object, justification, confidence and comment. CURIEs are expanded strictly by the ``curie_map``
(a prefix it does not declare is an error).

Links are ``skos:exactMatch`` (never ``owl:sameAs``: under OWL RL reasoning every local fact
would be copied onto the external IRI). They go into their own named graph, ``id:graph/links``;
each link has a ``kidd:Assertion`` derived from the mapping set, with the row's comment.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import KGError
from kg.namespace import ID, KIDD

LINKS_GRAPH = ID["graph/links"]
MAPPING_SET = ID["mappings/kidd-kg"]
ALLOWED_PREDICATES = {str(SKOS.exactMatch), str(SKOS.closeMatch), str(SKOS.relatedMatch), str(SKOS.broadMatch), str(SKOS.narrowMatch)}
REQUIRED_COLUMNS = ("subject_id", "predicate_id", "object_id", "mapping_justification")

# Each target dataset: how its IRIs must look, and its VoID description.
DATASETS = {
    "wikidata": (re.compile(r"^http://www\.wikidata\.org/entity/Q[1-9][0-9]*$"), URIRef("https://www.wikidata.org/"), "Wikidata"),
    "geonames": (re.compile(r"^https://sws\.geonames\.org/[1-9][0-9]*/$"), URIRef("https://www.geonames.org/"), "GeoNames"),
    "dbpedia": (re.compile(r"^http://dbpedia\.org/resource/[^\s<>\"{}|\\^`]+$"), URIRef("https://www.dbpedia.org/"), "DBpedia"),
}


@dataclass(frozen=True)
class Mapping:
    line: int
    subject: URIRef
    predicate: URIRef
    object: URIRef
    dataset: str
    justification: URIRef
    confidence: float | None
    comment: str


@dataclass
class MappingSet:
    path: Path
    metadata: dict
    mappings: list[Mapping]


def expand_curie(curie: str, prefix_map: dict[str, str]) -> URIRef | None:
    """``prefix:local`` as an IRI, when ``prefix`` is in the map and the local part is a plain
    token (no spaces, no angle brackets); else None."""
    prefix, sep, local = curie.partition(":")
    if not sep or not local or prefix not in prefix_map or re.search(r"[\s<>\"{}|\\^`]", local):
        return None
    return URIRef(prefix_map[prefix] + local)


def load(path: Path) -> MappingSet:
    """Read and check an SSSOM TSV file; errors name the file and line."""
    if not path.is_file():
        raise KGError("the mapping set is missing.", str(path))
    text = path.read_text(encoding="utf-8")
    meta_lines, body_lines, body_start = [], [], None
    for i, line in enumerate(text.splitlines(), start=1):
        if body_start is None and line.startswith("#"):
            meta_lines.append(line[1:])
        else:
            if body_start is None:
                body_start = i
            body_lines.append(line)
    try:
        metadata = yaml.safe_load("\n".join(meta_lines)) or {}
    except yaml.YAMLError as exc:
        raise KGError(f"the metadata block is not valid YAML: {exc}", str(path)) from None
    prefix_map = metadata.get("curie_map") or {}
    if not isinstance(prefix_map, dict) or not prefix_map:
        raise KGError("the metadata block has no `curie_map`.", str(path))
    prefix_map = {str(k): str(v) for k, v in prefix_map.items()}
    reader = csv.DictReader(io.StringIO("\n".join(body_lines)), delimiter="\t")
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise KGError(f"the TSV header lacks the column(s) {', '.join(missing)}.", f"{path}, line {body_start}")
    mappings, seen = [], {}
    for n, row in enumerate(reader, start=(body_start or 0) + 1):
        where = f"{path}, line {n}"

        def expand(field: str) -> URIRef:
            value = (row.get(field) or "").strip()
            iri = expand_curie(value, prefix_map)
            if iri is None:
                raise KGError(f"`{value}` in {field} is not a CURIE of the curie_map.", where)
            return iri

        s, p, o, just = (expand(c) for c in REQUIRED_COLUMNS)
        if str(p) not in ALLOWED_PREDICATES:
            raise KGError(f"predicate `{row['predicate_id']}` is not a SKOS mapping relation (owl:sameAs is not allowed).", where)
        dataset = str(row["object_id"]).split(":", 1)[0]
        if dataset not in DATASETS:
            raise KGError(f"`{row['object_id']}` is not in a known target dataset ({', '.join(DATASETS)}).", where)
        if not DATASETS[dataset][0].match(str(o)):
            raise KGError(f"`{o}` is not a well-formed {DATASETS[dataset][2]} IRI.", where)
        if p == SKOS.exactMatch:
            key = (s, dataset)
            if key in seen and seen[key] != o:
                raise KGError(f"`{row['subject_id']}` maps to two different {DATASETS[dataset][2]} items ({seen[key]} and {o}).", where)
            seen[key] = o
        conf = row.get("confidence") or None
        try:
            confidence = float(conf) if conf else None
        except ValueError:
            raise KGError(f"confidence `{conf}` is not a number.", where) from None
        if confidence is not None and not 0 <= confidence <= 1:
            raise KGError(f"confidence `{conf}` is not between 0 and 1.", where)
        mappings.append(Mapping(n, s, p, o, dataset, just, confidence, (row.get("comment") or "").strip()))
    if not mappings:
        raise KGError("the mapping set has no mappings.", str(path))
    return MappingSet(path, metadata, mappings)


def link_graphs(mset: MappingSet, known: Graph) -> tuple[Graph, Graph]:
    """The link triples and their provenance; every subject must exist in ``known``."""
    links, prov = Graph(), Graph()
    prov.add((MAPPING_SET, RDF.type, PROV.Entity))
    prov.add((MAPPING_SET, DCTERMS.title, Literal(str(mset.metadata.get("mapping_set_title", "")), lang="en")))
    prov.add((MAPPING_SET, DCTERMS.identifier, Literal(str(mset.metadata.get("mapping_set_id", "")))))
    if mset.metadata.get("license"):
        prov.add((MAPPING_SET, DCTERMS.license, URIRef(str(mset.metadata["license"]))))
    prov.add((MAPPING_SET, DCTERMS.source, Literal(f"mappings/{mset.path.name}")))
    for m in mset.mappings:
        if (m.subject, None, None) not in known:
            raise KGError(f"the subject {m.subject} is not in the graph.", f"{mset.path}, line {m.line}")
        links.add((m.subject, m.predicate, m.object))
        a = ID[f"assertion/links/{_slug(m.subject)}--{m.dataset}"]
        prov.add((a, RDF.type, KIDD.Assertion))
        prov.add((a, RDF.subject, m.subject))
        prov.add((a, RDF.predicate, m.predicate))
        prov.add((a, RDF.object, m.object))
        prov.add((a, PROV.wasDerivedFrom, MAPPING_SET))
        prov.add((a, PROV.wasAttributedTo, ID["agent/kidd-kg-curators"]))
        if m.comment:
            prov.add((a, SKOS.editorialNote, Literal(m.comment, lang="en")))
        if m.confidence is not None:
            prov.add((a, URIRef("https://w3id.org/sssom/confidence"), Literal(m.confidence, datatype=XSD.double)))
    return links, prov


def _slug(iri: URIRef) -> str:
    return str(iri).rsplit("/", 2)[-2] + "-" + str(iri).rsplit("/", 1)[-1]
