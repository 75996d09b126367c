"""The commitment tracker's data, from SPARQL over the served graph (the stored-query lane): every
commitment, the steps of its life across the statements, and its status as of the statement that
says it. Nothing is inferred here that the graph does not hold:

- a step is *made* (an act ``kidd:undertakes`` it), *restated* (an act ``kidd:reaffirms`` it),
  *fulfilled* (it is ``kidd:fulfilledBy`` an event a statement reports ``status:held``, the
  statement whose words say so) or *named* (a statement names it, no act of that statement makes
  or restates it); an id that only names a commitment another id makes (``skos:exactMatch``,
  statements/series.yaml) is followed under the id that makes it, as query 29 does;
- the status is *fulfilled* as of the first statement that reports the fulfilling event held, else
  the ``kidd:status`` the latest statement (by the date of the meeting it reports) gives it;
- the ontology has no term for one commitment superseding another: no supersession is shown.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from kg.errors import KGError
from kg.namespace import BASE

COMMITMENTS = """SELECT ?c ?label ?content WHERE {
  ?c a kidd:Commitment .
  OPTIONAL { ?c rdfs:label ?label FILTER (LANG(?label) = "en") }
  OPTIONAL { ?c kidd:content ?content }
  FILTER NOT EXISTS {
    ?c skos:exactMatch|^skos:exactMatch ?twin . ?twin_act kidd:undertakes ?twin .
    FILTER NOT EXISTS { ?own_act kidd:undertakes ?c }
  }
}"""

STATEMENTS = """SELECT ?doc ?label ?date WHERE {
  ?doc kidd:reports ?m ; rdfs:label ?label .
  ?m time:hasTime/time:hasBeginning/time:inXSDDate ?date .
}"""

STEPS = """SELECT DISTINCT ?c ?step ?source ?doc ?span WHERE {
  ?c a kidd:Commitment .
  ?c (skos:exactMatch|^skos:exactMatch)? ?c2 .
  { ?source kidd:undertakes ?c2 ; kidd:madeAt ?m . ?doc kidd:reports ?m . BIND ("made" AS ?step) }
  UNION { ?source kidd:reaffirms ?c2 ; kidd:madeAt ?m . ?doc kidd:reports ?m . BIND ("restated" AS ?step) }
  UNION {
    ?c2 kidd:fulfilledBy ?source .
    ?held rdf:subject ?source ; rdf:predicate kidd:status ; rdf:object status:held ;
          prov:wasQuotedFrom ?doc ; prov:wasDerivedFrom ?span .
    BIND ("fulfilled" AS ?step)
  }
  UNION {
    ?source rdf:subject ?c2 ; rdf:predicate rdf:type ; rdf:object kidd:Commitment ;
            prov:wasQuotedFrom ?doc ; prov:wasDerivedFrom ?span .
    BIND ("named" AS ?step)
  }
}"""

ATTRIBUTES = """SELECT DISTINCT ?c ?what ?o ?label WHERE {
  ?c a kidd:Commitment .
  { ?c kidd:debtor ?o BIND ("party" AS ?what) }
  UNION { ?c kidd:topic ?o BIND ("topic" AS ?what) }
  UNION { ?c kidd:about ?o BIND ("about" AS ?what) }
  UNION { ?act kidd:undertakes ?c ; kidd:actKind ?o BIND ("kind" AS ?what) }
  OPTIONAL { ?o skos:prefLabel ?pl FILTER (LANG(?pl) = "en") }
  OPTIONAL { ?o rdfs:label ?rl FILTER (LANG(?rl) = "en") }
  BIND (COALESCE(?pl, ?rl, STR(?o)) AS ?label)
}"""

STATUSES = """SELECT DISTINCT ?c ?status ?label ?doc WHERE {
  ?c a kidd:Commitment .
  ?c (skos:exactMatch|^skos:exactMatch)? ?c2 .
  ?a rdf:subject ?c2 ; rdf:predicate kidd:status ; rdf:object ?status ; prov:wasQuotedFrom ?doc .
  OPTIONAL { ?status skos:prefLabel ?label FILTER (LANG(?label) = "en") }
}"""

STEP_ORDER = {"made": 0, "restated": 1, "named": 2, "fulfilled": 3}
STATUS_FULFILLED = "https://w3id.org/kidd-kg/vocab/status/fulfilled"


@dataclass
class Statement:
    iri: str
    label: str
    date: str

    @property
    def key(self) -> str:
        return self.iri.rsplit("/", 1)[-1]


@dataclass
class Step:
    step: str
    source: str
    statement: Statement
    spans: list[str] = field(default_factory=list)


@dataclass
class Commitment:
    iri: str
    label: str
    content: str
    steps: list[Step] = field(default_factory=list)
    attrs: dict[str, dict[str, str]] = field(default_factory=dict)  # party/topic/about/kind → iri → label
    status: str = ""
    status_label: str = ""
    as_of: Statement | None = None

    @property
    def key(self) -> str:
        return self.iri[len(BASE + "id/commitment/"):]

    @property
    def first(self) -> Step | None:
        return self.steps[0] if self.steps else None

    @property
    def statements(self) -> set[str]:
        return {s.statement.key for s in self.steps}


def _select(engine, text: str) -> list[dict[str, str]]:
    from kg.serve.publish import declare_prefixes

    ans = engine.execute(declare_prefixes(text), results="json", graph="turtle")  # the one prefix table
    if ans.status != 200:
        raise KGError(ans.error or f"the tracker's query failed ({ans.status}).")
    data = json.loads(ans.body.decode("utf-8"))
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def load(engine) -> dict[str, Commitment]:
    """Every commitment with its life, by local key (``kidd-21/a28``), in tracker order."""
    docs = {}
    for r in _select(engine, STATEMENTS):
        if r["doc"] not in docs or r["date"] < docs[r["doc"]].date:
            docs[r["doc"]] = Statement(r["doc"], r["label"], r["date"])
    found: dict[str, Commitment] = {}
    for r in _select(engine, COMMITMENTS):
        found[r["c"]] = Commitment(r["c"], r.get("label", r["c"]), r.get("content", ""))
    steps: dict[tuple, Step] = {}
    for r in _select(engine, STEPS):
        c, doc = found.get(r["c"]), docs.get(r["doc"])
        if c is None or doc is None:
            continue
        key = (r["c"], r["step"], r["source"], r["doc"])
        if key not in steps:
            steps[key] = Step(r["step"], r["source"], doc)
            c.steps.append(steps[key])
        if r.get("span") and r["span"] not in steps[key].spans:
            steps[key].spans.append(r["span"])
    for c in found.values():
        acted = {s.statement.iri for s in c.steps if s.step in ("made", "restated")}
        c.steps = [s for s in c.steps if not (s.step == "named" and s.statement.iri in acted)]
        seen = set()  # one "named" step per statement
        kept = []
        for s in sorted(c.steps, key=lambda s: (s.statement.date, STEP_ORDER[s.step], s.statement.key, s.source)):
            if s.step == "named" and s.statement.iri in seen:
                continue
            if s.step == "named":
                seen.add(s.statement.iri)
            kept.append(s)
        c.steps = kept
    for r in _select(engine, ATTRIBUTES):
        if r["c"] in found:
            found[r["c"]].attrs.setdefault(r["what"], {})[r["o"]] = r["label"]
    latest: dict[str, tuple] = {}
    for r in _select(engine, STATUSES):
        doc = docs.get(r["doc"])
        if r["c"] in found and doc is not None:
            cand = (doc.date, doc.key, r["status"], r.get("label", r["status"].rsplit("/", 1)[-1]), doc)
            if r["c"] not in latest or cand[:2] > latest[r["c"]][:2]:
                latest[r["c"]] = cand
    for c in found.values():
        done = [s for s in c.steps if s.step == "fulfilled"]
        if done:
            c.status, c.status_label, c.as_of = STATUS_FULFILLED, "fulfilled", done[0].statement
        elif c.iri in latest:
            _, _, c.status, c.status_label, c.as_of = latest[c.iri]
    ordered = sorted(found.values(), key=lambda c: (c.first.statement.date if c.first else "9", c.key))
    return {c.key: c for c in ordered}
