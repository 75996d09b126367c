"""Event coding: a PLOVER type (with mode and context) and a CAMEO code for every act and event.

The rules are data, in ``ontology/coding.yaml``: defaults by event class and by act kind, modes
from an event's status, contexts from an act's topics, and overrides for the nodes the defaults
get wrong. The concepts are the project's SKOS renderings of PLOVER and CAMEO
(``ontology/vocab/plover.ttl``, ``ontology/vocab/cameo.ttl``). Public API::

    from kg.graph.build import build
    from kg.graph.coding import code
    result = build()
    coding, provenance = code(result)        # two rdflib Graphs
    g = result.queryable()
    g += coding                              # then ask queries/…-plover-cameo.rq

``coding`` holds ``kidd:ploverType``, ``kidd:ploverMode``, ``kidd:ploverContext`` and
``kidd:cameoCode`` triples; ``provenance`` holds one ``kidd:Assertion`` per coding triple,
attributed to the curators, with a ``skos:editorialNote`` naming the rule (or the override's
reason) that produced it, and derived from the rule set (a ``prov:Entity``). A node that an
override leaves without a PLOVER type (``plover: null``) gets that reason as a
``skos:editorialNote`` of its own in ``provenance``.

Errors in the rules file (malformed YAML, an unknown key, class, concept or node) raise
:class:`kg.errors.KGError` naming the file, line and key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.errors import KGError
from kg.graph.coding_rules import (  # noqa: F401  (CODING_PROPERTIES, RULES_ENTITY, coding_file: re-exported)
    CODE, CODING_PROPERTIES, CURATORS, RULES_ENTITY, Outcome, Rule, Rules, coding_file, load_rules)
from kg.namespace import ID, KIDD, VOCAB, new_graph
from kg.resources import statements_dir
from kg.source.statement import statement_folders
from kg.source.terms import load_schema


# ---------------------------------------------------------------------- the nodes to code
@dataclass
class _Node:
    iri: URIRef
    is_act: bool
    classes: set[URIRef]
    kind: URIRef | None
    status: URIRef | None
    topics: set[URIRef]
    topic_closure: set[URIRef]
    label: str
    content: str
    participants: int
    about_planned: list[set[URIRef]]
    undertakes: bool
    reaffirms: bool
    meeting_of: bool
    military: bool = False


def _superclasses(schema_graph: Graph, classes: set[URIRef]) -> set[URIRef]:
    seen, todo = set(), list(classes)
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo.extend(o for o in schema_graph.objects(c, RDFS.subClassOf) if isinstance(o, URIRef))
    return seen


def _text(g: Graph, s: URIRef, p: URIRef) -> str:
    values = [o for o in g.objects(s, p) if isinstance(o, Literal) and o.language in (None, "en")]
    return str(sorted(values)[0]) if values else ""


def _nodes(facts: Graph, rules: Rules) -> list[_Node]:
    schema = load_schema()
    sg = schema.graph
    broader: dict[URIRef, set[URIRef]] = {}

    def closure(t: URIRef) -> set[URIRef]:
        if t not in broader:
            broader[t] = _superclasses_skos(sg, t)
        return broader[t]

    out = []
    for s in sorted({s for s in facts.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        asserted = {c for c in facts.objects(s, RDF.type) if isinstance(c, URIRef)}
        is_act = KIDD.SpeechAct in asserted
        if not is_act and not (asserted & schema.event_classes):
            continue
        classes = _superclasses(sg, asserted)
        topics = set(facts.objects(s, KIDD.topic))
        topic_closure = set().union(*(closure(t) for t in topics)) if topics else set()
        about_planned = []
        for a in facts.objects(s, KIDD.about):
            if (a, KIDD.status, VOCAB["status/planned"]) in facts:
                about_planned.append(_superclasses(sg, {c for c in facts.objects(a, RDF.type) if isinstance(c, URIRef)}))
        parts = set(facts.objects(s, KIDD.participant)) | set(facts.objects(s, KIDD.conductedBy))
        node = _Node(
            iri=s,
            is_act=is_act,
            classes=classes,
            kind=facts.value(s, KIDD.actKind),
            status=facts.value(s, KIDD.status),
            topics=topics,
            topic_closure=topic_closure,
            label=_text(facts, s, RDFS.label),
            content=_text(facts, s, KIDD.content),
            participants=len(parts),
            about_planned=about_planned,
            undertakes=(s, KIDD.undertakes, None) in facts,
            reaffirms=(s, KIDD.reaffirms, None) in facts,
            meeting_of=(s, KIDD.meetingOf, None) in facts,
        )
        words = rules.military_words
        node.military = bool(topic_closure & rules.military_topics) or bool(
            words and (words.search(node.content) or (not node.is_act and words.search(node.label)))
        )
        out.append(node)
    return out


def _superclasses_skos(g: Graph, concept: URIRef) -> set[URIRef]:
    seen, todo = set(), [concept]
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo.extend(o for o in g.objects(c, SKOS.broader) if isinstance(o, URIRef))
    return seen


# ---------------------------------------------------------------------- coding
def _bundled(result: Any) -> bool:
    """True when ``result`` holds exactly the bundled statements (then overrides must all apply)."""
    try:
        bundled = {f.name for f in statement_folders(statements_dir())}
    except KGError:
        return False
    return {st.id for st in result.statements} == bundled and all(
        st.folder.resolve().parent == statements_dir().resolve() for st in result.statements
    )


def _new_graph() -> Graph:
    g = new_graph()
    g.bind("skos", SKOS)
    g.bind("prov", PROV)
    g.bind("plover", URIRef(VOCAB + "plover/"))
    g.bind("plovermode", URIRef(VOCAB + "plover-mode/"))
    g.bind("ploverctx", URIRef(VOCAB + "plover-context/"))
    g.bind("cameo", URIRef(VOCAB + "cameo/"))
    return g


def code(result: Any, rules: Rules | Path | None = None, *, strict: bool | None = None) -> tuple[Graph, Graph]:
    """The coding triples for every act and event of ``result`` (a :class:`kg.graph.build.BuildResult`),
    and their provenance.

    ``rules`` is a :class:`Rules`, a path to a rules file, or None for the bundled one.
    ``strict`` (default: True exactly when ``result`` holds the bundled statements) makes an
    override for a node the graph does not have an error, and also a node that no rule and no
    override codes; otherwise such overrides are ignored and such nodes left uncoded.
    """
    if not isinstance(rules, Rules):
        rules = load_rules(rules)
    facts = result.union(("facts",))
    nodes = _nodes(facts, rules)
    by_iri = {n.iri: n for n in nodes}
    auto_strict = _bundled(result)
    check_overrides = auto_strict if strict is None else strict
    check_complete = bool(strict)

    for node, where in rules.override_where.items():
        if node not in by_iri:
            if (node, None, None) in facts:
                raise KGError(f"<{node}> is neither a speech act nor an event: only those are coded.", where)
            if check_overrides:
                raise KGError(f"<{node}> is not a node of the graph (no act or event has this id).", where)

    coding, prov = _new_graph(), _new_graph()
    prov.add((RULES_ENTITY, RDF.type, PROV.Entity))
    prov.add((RULES_ENTITY, RDFS.label, Literal("KIDD-KG event coding rules (PLOVER and CAMEO)", lang="en")))
    prov.add((RULES_ENTITY, DCTERMS.source, Literal("ontology/coding.yaml")))
    prov.add((RULES_ENTITY, PROV.wasAttributedTo, CURATORS))

    uncoded = []
    for n in nodes:
        if n.iri in rules.overrides:
            o = rules.overrides[n.iri]
            triples = _override_triples(n, o)
        else:
            rule = next((r for r in (rules.acts if n.is_act else rules.events) if r.test(n)), None)
            if rule is None:
                uncoded.append(n.iri)
                continue
            triples = _rule_triples(n, rule, rules)
        for p, obj, note in triples:
            if p == SKOS.editorialNote:  # a null coding: the reason is noted on the node itself
                prov.add((n.iri, p, obj))
                continue
            coding.add((n.iri, p, obj))
            _assertion(prov, n.iri, p, obj, note)
    if uncoded and check_complete:
        listed = ", ".join(f"<{u}>" for u in uncoded)
        raise KGError(f"no rule codes {listed}: add a rule, or an override (with `plover: null` and a note where no PLOVER type fits).", str(rules.path))
    return coding, prov


def _override_triples(n: _Node, o: Outcome) -> list[tuple[URIRef, URIRef, str]]:
    note = f"{o.note} [override in ontology/coding.yaml]"
    out: list[tuple[URIRef, URIRef, str]] = []
    if o.plover is not None:
        out.append((CODE.ploverType, o.plover, note))
    if o.cameo is not None:
        out.append((CODE.cameoCode, o.cameo, note))
    out += [(CODE.ploverMode, m, note) for m in o.modes]
    out += [(CODE.ploverContext, c, note) for c in o.contexts]
    if o.plover is None:
        out.append((SKOS.editorialNote, Literal(f"No PLOVER type: {o.note}", lang="en"), ""))
    return out


def _rule_triples(n: _Node, rule: Rule, rules: Rules) -> list[tuple[URIRef, URIRef, str]]:
    o = rule.outcome
    note = f"{o.note} [rule `{rule.name}` in ontology/coding.yaml]"
    out: list[tuple[URIRef, URIRef, str]] = [(CODE.ploverType, o.plover, note), (CODE.cameoCode, o.cameo, note)]
    modes: dict[URIRef, str] = {m: note for m in o.modes}
    if n.status in rules.status_modes:
        slug = str(n.status).rsplit("/", 1)[1]
        for m in rules.status_modes[n.status]:
            modes.setdefault(m, f"Mode {str(m).rsplit('/', 1)[1]} from the event's kidd:status {slug} [status_modes in ontology/coding.yaml].")
    contexts: dict[URIRef, str] = {c: note for c in o.contexts}
    for t in sorted(n.topics):
        for c in rules.topic_contexts.get(t, ()):
            contexts.setdefault(c, f"Context {str(c).rsplit('/', 1)[1]} from the kidd:topic {str(t).rsplit('/', 1)[1]} [topic_contexts in ontology/coding.yaml].")
    if not contexts:
        contexts = {c: note for c in o.fallback_contexts}
    out += [(CODE.ploverMode, m, why) for m, why in modes.items()]
    out += [(CODE.ploverContext, c, why) for c, why in contexts.items()]
    return out


def _assertion(prov: Graph, s: URIRef, p: URIRef, o: Any, note: str) -> None:
    digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:16]
    a = ID[f"assertion/coding/{digest}"]
    prov.add((a, RDF.type, KIDD.Assertion))
    prov.add((a, RDF.subject, s))
    prov.add((a, RDF.predicate, p))
    prov.add((a, RDF.object, o))
    prov.add((a, PROV.wasAttributedTo, CURATORS))
    prov.add((a, PROV.wasDerivedFrom, RULES_ENTITY))
    prov.add((a, SKOS.editorialNote, Literal(note, lang="en")))
