"""The flat event table: one row per speech act and per event, in the columns event-data users line
up on (GDELT's and POLECAT's: date, source and target actors with their country codes, PLOVER type,
mode and context, CAMEO code, quad class and Goldstein score, place), with the statement, its
source URL and the character offsets of the evidence.

``kg export -f events-csv`` writes it (the table exports are registered in
:data:`kg.exports.formats.TABLES`, beside the RDF formats). Everything in a row is read from the
built graph: the node's own facts **as the statement of the row states them** (an event that two
statements name — one plans it, the other reports it — has one row per statement, each with that
statement's status, time, place and evidence), its PLOVER/CAMEO coding (``ontology/coding.yaml``),
and the CAMEO scheme's Goldstein scores and quad classes (``ontology/vocab/cameo.ttl``, from GDELT's
tables). The one piece of outside knowledge is the ISO 3166-1 alpha-3 code of each state the graph
names, read from ``mappings/country-codes.tsv`` (with its source); no code is guessed for a state
the table does not list.

:data:`COLUMNS` names and documents every column, in order; the README's table of columns is
checked against it (tests/test_events.py).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, TIME

from kg.errors import KGError
from kg.graph.build import BuildResult, graph_iri
from kg.graph.iris import CODING_GRAPH
from kg.namespace import ID, KIDD, NIF

SEP = " | "  # between the values of a many-valued cell (sorted), as the stored queries join them

COLUMNS: tuple[tuple[str, str], ...] = (
    ("statement", "the id of the statement the row is read from (`kidd-21`)"),
    ("node", "the act's or event's IRI (`https://w3id.org/kidd-kg/id/act/kidd-21/a07`), to join on"),
    ("row_type", "`act` (a speech act) or `event` (any other kidd:Event: meeting, exercise, test, …)"),
    ("kind", "the act's kind (`affirmation`, `pledge`, …: vocab/act-kind) or the event's most specific kidd: class (`Meeting`)"),
    ("label", "the node's English label"),
    ("status", "the event's status in this statement (`held`, `planned`, …: vocab/status); empty for acts"),
    ("date", "when: the first day (`2022-08-16`) or month (`2022-09`) of the event's time, or, for an act, of the meeting it was made at; empty where the statement gives no date"),
    ("date_end", "the last day of that time when it is an interval of days; else empty"),
    ("time_text", "that time in the statement's words (`August 16-17, 2022`, `next week`); empty when the statement gives none"),
    ("source_actors", "who acts: an act's speakers (kidd:saidBy); an event's conductors or organizers (kidd:conductedBy, kidd:organizedBy), else its participants; IRIs"),
    ("source_labels", "their English labels, in the same order"),
    ("source_countries", "the ISO 3166-1 alpha-3 codes of the states they are or belong to (outside knowledge: mappings/country-codes.tsv)"),
    ("target_actors", "at whom an act is directed: the beneficiaries of the commitment it makes (kidd:beneficiary) and the agents it is about (kidd:about); empty for events; IRIs"),
    ("target_labels", "their English labels, in the same order"),
    ("target_countries", "their ISO 3166-1 alpha-3 codes, as for the source"),
    ("plover_type", "the PLOVER event type (`AGREE`); empty where no type fits"),
    ("plover_mode", "the PLOVER modes (`future`, `hypothetical`, …)"),
    ("plover_context", "the PLOVER contexts (`military`, `diplomatic`, …)"),
    ("cameo_code", "the CAMEO event code as GDELT writes it (`0312`, leading zero kept; GDELT's EventCode)"),
    ("cameo_root", "its two-digit root (`03`; GDELT's EventRootCode)"),
    ("cameo_label", "the CAMEO code's label"),
    ("quad_class", "the CAMEO quad class as GDELT numbers it (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict; GDELT's QuadClass)"),
    ("goldstein", "the Goldstein score of the CAMEO code, -10 to +10 (GDELT's GoldsteinScale)"),
    ("place", "where: the event's location or, for an act, the location of the meeting it was made at; IRIs"),
    ("place_label", "its English label"),
    ("place_country", "the ISO 3166-1 alpha-3 code of the state it is or lies in (kidd:locatedIn), as above"),
    ("source_url", "the statement's source URL (dcterms:source of the statement document); empty where the stored copy has none"),
    ("evidence_begin", "where the words that introduce the node begin in the statement's text.txt (Unicode code points; NIF beginIndex)"),
    ("evidence_end", "where they end (exclusive; NIF endIndex)"),
    ("evidence", "those words, verbatim (the act's quote, the event's first mention; the web copy's no-break spaces kept, so that the offsets hold)"),
)
FIELDS = tuple(name for name, _ in COLUMNS)

COUNTRY_CODES = "country-codes.tsv"


@dataclass(frozen=True)
class _Views:
    facts: Graph  # the statement's own facts
    all_facts: Graph  # every statement's facts (for actors' affiliations and labels)
    schema: Graph  # ontology + vocabularies


def country_codes(path: Path | None = None) -> dict[URIRef, str]:
    """The ISO 3166-1 alpha-3 code of each state IRI in ``mappings/country-codes.tsv``."""
    if path is None:
        from kg.resources import mappings_dir

        path = mappings_dir() / COUNTRY_CODES
    codes: dict[URIRef, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise KGError(f"cannot read the country codes: {exc.strerror or exc}.", str(path)) from None
    header_seen = False
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if cells[:2] != ["state", "iso3166_alpha3"]:
                raise KGError("the header must be `state<TAB>iso3166_alpha3`.", f"{path}, line {n}")
            header_seen = True
            continue
        if len(cells) < 2 or not cells[0].startswith("state/") or not (len(cells[1]) == 3 and cells[1].isalpha() and cells[1].isupper()):
            raise KGError(f"expected `state/<slug><TAB><three capital letters>`, not `{line}`.", f"{path}, line {n}")
        iri = ID[cells[0]]
        if iri in codes:
            raise KGError(f"`{cells[0]}` is listed twice.", f"{path}, line {n}")
        codes[iri] = cells[1]
    return codes


def rows(result: BuildResult, codes: dict[URIRef, str] | None = None) -> list[dict[str, str]]:
    """The table's rows, sorted by statement, then row type (acts first), then node."""
    from kg.source.terms import load_schema

    codes = country_codes() if codes is None else codes
    schema = load_schema().graph
    ds = result.dataset
    all_facts = result.union(("facts",))
    coding = ds.graph(CODING_GRAPH)
    event_classes = set(schema.transitive_subjects(RDFS.subClassOf, KIDD.Event))
    agent_classes = set(schema.transitive_subjects(RDFS.subClassOf, KIDD.Agent))
    out: list[dict[str, str]] = []
    for st in sorted(result.statements, key=lambda s: s.id):
        facts = ds.graph(graph_iri(st.id, "facts"))
        prov = ds.graph(graph_iri(st.id, "provenance"))
        views = _Views(facts, all_facts, schema)
        doc = ID[f"statement/{st.id}"]
        url = _first(str(o) for o in facts.objects(doc, DCTERMS.source))
        nodes = {s for s, c in facts.subject_objects(RDF.type) if c in event_classes and isinstance(s, URIRef)}
        for node in sorted(nodes, key=lambda n: (KIDD.SpeechAct not in set(facts.objects(n, RDF.type)), str(n))):
            out.append(_row(st.id, node, views, coding, prov, codes, agent_classes, url))
    return out


def to_csv(result: BuildResult) -> str:
    """The table as CSV (RFC 4180: a header row, comma-separated, quoted where needed, CRLF)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(result))
    return buf.getvalue()


# ---------------------------------------------------------------------- one row
def _row(statement: str, node: URIRef, v: _Views, coding: Graph, prov: Graph, codes: dict[URIRef, str],
         agent_classes: set, url: str) -> dict[str, str]:
    f = v.facts
    is_act = (node, RDF.type, KIDD.SpeechAct) in f
    row = dict.fromkeys(FIELDS, "")
    row.update(statement=statement, node=str(node), row_type="act" if is_act else "event",
               label=_label(v, node), source_url=url)
    if is_act:
        row["kind"] = _first(str(k).rsplit("/", 1)[-1] for k in f.objects(node, KIDD.actKind))
        sources = _sorted(f.objects(node, KIDD.saidBy))
        commitments = list(f.objects(node, KIDD.undertakes))
        targets = {b for c in commitments for b in f.objects(c, KIDD.beneficiary)}
        targets |= {a for a in f.objects(node, KIDD.about) if _is_agent(v, a, agent_classes)}
        targets = _sorted(targets)
        meetings = _sorted(f.objects(node, KIDD.madeAt))
        when = meetings[0] if meetings else None
    else:
        row["kind"] = _most_specific_class(v, node)
        row["status"] = SEP.join(sorted(str(s).rsplit("/", 1)[-1] for s in f.objects(node, KIDD.status)))
        sources = _sorted(set(f.objects(node, KIDD.conductedBy)) | set(f.objects(node, KIDD.organizedBy)))
        if not sources:
            sources = _sorted(f.objects(node, KIDD.participant))
        targets = []
        when = node
    for side, actors in (("source", sources), ("target", targets)):
        row[f"{side}_actors"] = SEP.join(str(a) for a in actors)
        row[f"{side}_labels"] = SEP.join(_label(v, a) for a in actors)
        row[f"{side}_countries"] = SEP.join(sorted({c for a in actors for c in _countries(v, a, codes)}))
    if when is not None:
        times = _sorted(f.objects(when, TIME.hasTime))
        if times:
            row["date"], row["date_end"], row["time_text"] = _time(f, times[0])
        places = _sorted(f.objects(when, KIDD.location))
        row["place"] = SEP.join(str(p) for p in places)
        row["place_label"] = SEP.join(_label(v, p) for p in places)
        row["place_country"] = SEP.join(sorted({c for p in places for c in _place_countries(v, p, codes)}))
    # coding (one graph for every statement: a node is coded once)
    notation = lambda c: _first(str(n) for n in v.schema.objects(c, SKOS.notation))  # noqa: E731
    row["plover_type"] = SEP.join(sorted(notation(t) for t in coding.objects(node, KIDD.ploverType)))
    row["plover_mode"] = SEP.join(sorted(notation(t) for t in coding.objects(node, KIDD.ploverMode)))
    row["plover_context"] = SEP.join(sorted(notation(t) for t in coding.objects(node, KIDD.ploverContext)))
    cameo = _sorted(coding.objects(node, KIDD.cameoCode))
    if cameo:
        code = cameo[0]
        row["cameo_code"] = notation(code)
        row["cameo_root"] = row["cameo_code"][:2]
        row["cameo_label"] = _first(str(x) for x in v.schema.objects(code, SKOS.prefLabel) if getattr(x, "language", None) == "en")
        row["quad_class"] = _first(str(x) for x in v.schema.objects(code, KIDD.cameoQuadClass))
        row["goldstein"] = _first(_decimal(x) for x in v.schema.objects(code, KIDD.goldsteinScale))
    begin, end, words = _evidence(prov, node, statement)
    if begin is not None:
        row["evidence_begin"], row["evidence_end"], row["evidence"] = str(begin), str(end), words
    return row


def _evidence(prov: Graph, node: URIRef, statement: str) -> tuple[int | None, int | None, str]:
    """The first span of the statement's text that the node's rdf:type assertion is derived from."""
    text = str(ID[f"text/{statement}"]) + "#"
    spans = []
    for a in prov.subjects(RDF.subject, node):
        if (a, RDF.predicate, RDF.type) not in prov:
            continue
        for sp in prov.objects(a, PROV.wasDerivedFrom):
            if str(sp).startswith(text):
                b, e = prov.value(sp, NIF.beginIndex), prov.value(sp, NIF.endIndex)
                if b is not None and e is not None:
                    spans.append((int(b), int(e), str(prov.value(sp, NIF.anchorOf) or "")))
    if not spans:
        return None, None, ""
    return min(spans)


def _time(f: Graph, t: URIRef) -> tuple[str, str, str]:
    if (t, RDF.type, KIDD.UnspecifiedTime) in f or t == ID["time/unspecified"]:
        return "", "", ""
    words = _first(str(x) for x in f.objects(t, RDFS.label) if getattr(x, "language", None) == "en")
    day = lambda inst: _first(str(x) for x in f.objects(inst, TIME.inXSDDate))  # noqa: E731
    if (t, TIME.inXSDDate, None) in f:
        return day(t), "", words
    begin, end = f.value(t, TIME.hasBeginning), f.value(t, TIME.hasEnd)
    if begin is not None:
        return day(begin), day(end) if end is not None else "", words
    desc = f.value(t, TIME.hasDateTimeDescription)
    if desc is not None:
        year, month = f.value(desc, TIME.year), f.value(desc, TIME.month)
        if year is not None and month is not None:
            return f"{year}-{str(month)[2:]}", "", words
    return "", "", words  # a relative time: kept in words, never resolved to a date


def _countries(v: _Views, actor: URIRef, codes: dict[URIRef, str]) -> set[str]:
    """The codes of the states an actor is, represents, is part of, or holds a post in (transitively)."""
    g = v.all_facts
    seen, todo, states = set(), [actor], set()
    while todo:
        x = todo.pop()
        if x in seen:
            continue
        seen.add(x)
        if (x, RDF.type, KIDD.State) in g:
            states.add(x)
            continue
        todo.extend(g.objects(x, KIDD.represents))
        todo.extend(g.objects(x, ORG.subOrganizationOf))
        for post in g.objects(x, ORG.holds):
            todo.extend(g.objects(post, ORG.postIn))
        todo.extend(g.objects(x, KIDD.leads))
    return {codes[s] for s in states if s in codes}


def _place_countries(v: _Views, place: URIRef, codes: dict[URIRef, str]) -> set[str]:
    g = v.all_facts
    seen, todo, out = set(), [place], set()
    while todo:
        x = todo.pop()
        if x in seen:
            continue
        seen.add(x)
        if x in codes:
            out.add(codes[x])
            continue
        todo.extend(g.objects(x, KIDD.locatedIn))
    return out


def _is_agent(v: _Views, node, agent_classes: set) -> bool:
    return any(c in agent_classes for c in v.all_facts.objects(node, RDF.type))


def _most_specific_class(v: _Views, node: URIRef) -> str:
    classes = {c for c in v.facts.objects(node, RDF.type) if str(c).startswith(str(KIDD._NS))}
    specific = [c for c in classes
                if not any(o != c and (o, RDFS.subClassOf, c) in v.schema or _sub(v.schema, o, c) for o in classes)]
    return SEP.join(sorted(str(c)[len(str(KIDD._NS)):] for c in specific))


def _sub(schema: Graph, a, b) -> bool:
    return a != b and b in set(schema.transitive_objects(a, RDFS.subClassOf))


def _label(v: _Views, node) -> str:
    for g in (v.facts, v.all_facts, v.schema):
        for x in sorted(g.objects(node, RDFS.label)):
            if isinstance(x, Literal) and x.language == "en":
                return str(x)
    return ""


def _decimal(x: Literal) -> str:
    value = x.toPython()
    return f"{value:.1f}" if value is not None else str(x)


def _sorted(items) -> list:
    return sorted(set(items), key=str)


def _first(items) -> str:
    return next(iter(sorted(items)), "")

