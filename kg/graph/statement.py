"""One statement's graph: its facts, their provenance (assertions and NIF spans) and enrichment.

:class:`StatementBuilder` reads a loaded :class:`~kg.source.statement.Statement` against the term
registry (:class:`~kg.source.terms.Schema`) and writes its named graphs into a dataset.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, TIME

from kg.errors import KGError
from kg.graph.iris import _ID_RE, COMMISSIVE_KINDS, CURATORS, UNSPECIFIED_TIME, graph_iri
from kg.namespace import GAF, GREG, ID, KIDD, NIF, new_graph
from kg.source.statement import LineDict, LineList, Statement, draft_info
from kg.source.terms import Schema
from kg.source.text import Span


# Terms the builder writes for every fact and span, looked up once (an rdflib namespace builds a
# new URIRef at each attribute access, ~2 µs).
_TYPE, _SUBJECT, _PREDICATE, _OBJECT = RDF.type, RDF.subject, RDF.predicate, RDF.object
_ASSERTION, _HAS_TIME = KIDD.Assertion, TIME.hasTime
_DERIVED_FROM, _QUOTED_FROM = PROV.wasDerivedFrom, PROV.wasQuotedFrom
_NIF_STRING, _NIF_SENTENCE_CLASS = NIF.RFC5147String, NIF.Sentence
_NIF_BEGIN, _NIF_END, _NIF_ANCHOR = NIF.beginIndex, NIF.endIndex, NIF.anchorOf
_NIF_CONTEXT, _NIF_SENTENCE = NIF.referenceContext, NIF.sentence
_NON_NEGATIVE = XSD.nonNegativeInteger


@dataclass
class StatementBuilder:
    st: Statement
    schema: Schema
    ds: Dataset
    registry: dict[str, str] = field(default_factory=dict)
    declared: dict[str, tuple[URIRef, Any]] = field(default_factory=dict)
    first_mention: dict[URIRef, Span] = field(default_factory=dict)
    has_time: set[URIRef] = field(default_factory=set)
    events: list[URIRef] = field(default_factory=list)
    # Links of the chains that may not loop (Schema.acyclic): (predicate, name as written,
    # subject, object, where), checked across the corpus once every statement is built.
    chains: list[tuple[URIRef, str, URIRef, URIRef, str]] = field(default_factory=list)

    graph_owner: str | None = None  # write into another owner's graphs (the series links)

    def __post_init__(self) -> None:
        owner = self.graph_owner or self.st.id
        self.facts = self.ds.graph(graph_iri(owner, "facts"))
        self.prov = self.ds.graph(graph_iri(owner, "provenance"))
        self.enrich = self.ds.graph(graph_iri(self.st.id, "enrichment"))
        self.doc = ID[f"statement/{self.st.id}"]
        self._spans_done: set[tuple[str, int, int]] = set()

    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        data = self.st.data
        self._declare(data)
        self._describe_document()
        for fact in data.get("document", []):
            self._fact(self.doc, fact, data)
        for ent in data.get("entities", []):
            self._entity(ent)
        for act in data.get("acts", []):
            self._act(act)
        self._unspecified_times()
        self._open_commitments()
        self._review_provenance()

    def where(self, node: Any, key: str | None = None) -> str:
        return self.st.where(node, key)

    # ------------------------------------------------------------------ ids
    def _declare(self, data: LineDict) -> None:
        for ent in data.get("entities", []):
            if not isinstance(ent, LineDict) or "id" not in ent:
                raise KGError("each entity must be a mapping with an `id`.", self.where(ent))
            self._add_id(str(ent["id"]), ent)
        for act in data.get("acts", []):
            if not isinstance(act, LineDict) or "id" not in act:
                raise KGError("each act must be a mapping with an `id`.", self.where(act))
            self._add_id(f"act/{self.st.id}/{act['id']}", act)

    def _add_id(self, ident: str, node: Any) -> None:
        if not _ID_RE.match(ident):
            raise KGError(
                f"`{ident}` is not a valid id: use lower-case words joined by - and at least one / "
                "(type/slug, e.g. org/us-dod).",
                self.where(node, "id"),
            )
        if ident in self.declared:
            raise KGError(
                f"the id `{ident}` is declared twice (first at line {self.declared[ident][1].line}).",
                self.where(node, "id"),
            )
        self.declared[ident] = (ID[ident], node)

    def ref(self, value: Any, where: str) -> URIRef:
        if isinstance(value, str) and value in self.declared:
            return self.declared[value][0]
        if isinstance(value, str) and value in self.registry:
            return ID[value]  # declared by another statement of the corpus
        raise KGError(f"`{value}` refers to no entity declared in this statement or another one of the corpus.", where)

    # ------------------------------------------------------------------ provenance
    def span(self, node: Any, key: str | None = None, scope: Span | None = None, default: Any = None) -> tuple[Span, str | None]:
        """Resolve an evidence spec (a quote, or {quote, within, occurrence, in, in_sentence, note})."""
        spec = node.get(key, default) if (key is not None and isinstance(node, dict)) else node
        where = self.where(node, key)
        note = None
        if isinstance(spec, dict):
            unknown = set(spec) - {"quote", "within", "occurrence", "in", "in_sentence", "note"}
            if unknown:
                raise KGError(f"unknown evidence field(s): {', '.join(sorted(unknown))}.", where)
            if "quote" not in spec:
                raise KGError("the evidence mapping has no `quote`.", where)
            text = self.st.texts.get(spec.get("in", "text"))
            if text is None:
                raise KGError(f"the evidence names a text `{spec.get('in')}` this statement does not have.", where)
            if spec.get("in_sentence") and scope is not None:
                scope = scope.sentence()
            if spec.get("in", "text") != "text":
                scope = None
            occ = spec.get("occurrence")
            if occ is not None and (not isinstance(occ, int) or isinstance(occ, bool)):
                raise KGError("`occurrence` must be a whole number (1 for the first).", where)
            note = spec.get("note")
            return text.locate(spec["quote"], where, scope=scope, within=spec.get("within"), occurrence=occ), note
        if isinstance(spec, str):
            return self.st.text.locate(spec, where, scope=scope), None
        raise KGError("expected a quote (the statement's exact words).", where)

    def span_iri(self, span: Span) -> URIRef:
        base = f"text/{self.st.id}" if span.source.name == "text" else f"text/{self.st.id}/{span.source.name}"
        iri = ID[f"{base}#char={span.begin},{span.end}"]
        key = (span.source.name, span.begin, span.end)
        if key not in self._spans_done:
            self._spans_done.add(key)
            g = self.prov
            g.add((iri, _TYPE, _NIF_STRING))
            g.add((iri, _NIF_BEGIN, Literal(span.begin, datatype=_NON_NEGATIVE)))
            g.add((iri, _NIF_END, Literal(span.end, datatype=_NON_NEGATIVE)))
            g.add((iri, _NIF_ANCHOR, Literal(span.anchor)))
            g.add((iri, _NIF_CONTEXT, self._context_iri(span.source.name)))
            sentence = span.sentence() if span.source.name == "text" else None
            if sentence is not None and (sentence.begin, sentence.end) != (span.begin, span.end):
                g.add((iri, _NIF_SENTENCE, self.span_iri(sentence)))
            elif sentence is not None:
                g.add((iri, _TYPE, _NIF_SENTENCE_CLASS))
        return iri

    def _context_iri(self, name: str) -> URIRef:
        text = self.st.texts[name]
        base = f"text/{self.st.id}" if name == "text" else f"text/{self.st.id}/{name}"
        return ID[f"{base}#char=0,{len(text.string)}"]

    def add(self, s: URIRef, p: URIRef, o: Any, spans: list[Span], note: str | None = None) -> None:
        """Assert one fact and record the words that carry it."""
        self.facts.add((s, p, o))
        a = self._assertion(s, p, o)
        for sp in spans:
            self.prov.add((a, _DERIVED_FROM, self.span_iri(sp)))
        if note:
            self.prov.add((a, SKOS.editorialNote, Literal(note, lang="en")))
        if p == _HAS_TIME:
            self.has_time.add(s)

    def enrich_add(self, s: URIRef, p: URIRef, o: Any, note: str) -> None:
        """Add a fact the text does not carry, attributed to the curators and explained."""
        self.enrich.add((s, p, o))
        a = self._assertion(s, p, o, graph=self.prov)
        self.prov.add((a, PROV.wasAttributedTo, CURATORS))
        self.prov.add((a, SKOS.editorialNote, Literal(note, lang="en")))

    def _assertion(self, s: URIRef, p: URIRef, o: Any, graph: Graph | None = None) -> URIRef:
        digest = hashlib.sha1(f"{s.n3()} {p.n3()} {o.n3()}".encode()).hexdigest()[:16]
        a = ID[f"assertion/{self.st.id}/{digest}"]
        g = graph if graph is not None else self.prov
        g.add((a, _TYPE, _ASSERTION))
        g.add((a, _SUBJECT, s))
        g.add((a, _PREDICATE, p))
        g.add((a, _OBJECT, o))
        g.add((a, _QUOTED_FROM, self.doc))
        return a

    # ------------------------------------------------------------------ the document
    def _describe_document(self) -> None:
        st, g = self.st, self.prov
        kind = self.schema.cls(str(st.data["kind"]), self.where(st.data, "kind"))
        g.add((self.doc, RDF.type, kind))
        g.add((self.doc, RDF.type, PROV.Entity))
        g.add((self.doc, RDFS.label, Literal(str(st.data["title"]), lang="en")))
        g.add((self.doc, DCTERMS.language, Literal(str(st.data["language"]), datatype=XSD.language)))
        g.add((self.doc, KIDD.partial, Literal(bool(st.data["partial"]))))
        g.add((self.doc, KIDD.sha256, Literal(st.text.sha256)))
        g.add((self.doc, KIDD.hasText, self._context_iri("text")))
        for name, text in st.texts.items():
            ctx = self._context_iri(name)
            g.add((ctx, RDF.type, NIF.Context))
            g.add((ctx, RDF.type, NIF.RFC5147String))
            g.add((ctx, NIF.isString, Literal(text.string)))
            g.add((ctx, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
            g.add((ctx, NIF.endIndex, Literal(len(text.string), datatype=XSD.nonNegativeInteger)))
            g.add((ctx, KIDD.sha256, Literal(text.sha256)))
            g.add((ctx, DCTERMS.source, Literal(f"statements/{st.id}/{text.path.name}")))
        if "capture" in st.texts:
            cap = st.data["capture"]
            g.add((self._context_iri("text"), PROV.wasDerivedFrom, self._context_iri("capture")))
            if cap.get("note"):
                g.add((self._context_iri("capture"), RDFS.comment, Literal(" ".join(str(cap["note"]).split()), lang="en")))
        for b, e in st.text.sentences:
            self.span_iri(Span(st.text, b, e))
        reports = self.ref(st.data["reports"], self.where(st.data, "reports"))
        self.reports = reports

    def _review_provenance(self) -> None:
        """Who made the facts: for a draft (`review: draft`) the drafting activity, the drafter and its
        version, the date, on the facts graph and every assertion; for a reviewed draft also the review."""
        review = draft_info(self.st)
        if review is None:
            return
        g, sid = self.prov, self.st.id
        activity = ID[f"activity/{sid}/draft"]
        agent = ID[f"agent/kg-draft/{review['version']}"]
        g.add((agent, RDF.type, PROV.SoftwareAgent))
        g.add((agent, RDFS.label, Literal(f"{review['by']} {review['version']}", lang="en")))
        g.add((agent, OWL.versionInfo, Literal(review["version"])))
        g.add((activity, RDF.type, PROV.Activity))
        g.add((activity, RDFS.label, Literal(f"Drafting of the statement {sid} by {review['by']}", lang="en")))
        g.add((activity, PROV.wasAssociatedWith, agent))
        g.add((activity, DCTERMS.date, Literal(review["date"], datatype=XSD.date)))
        g.add((activity, PROV.used, self._context_iri("text")))
        g.add((graph_iri(sid, "facts"), PROV.wasGeneratedBy, activity))
        for a in set(g.subjects(RDF.type, KIDD.Assertion)):
            g.add((a, PROV.wasGeneratedBy, activity))
        if review["state"] == "draft":
            g.add((self.doc, SKOS.editorialNote, Literal(
                f"A draft: its facts were generated by {review['by']} {review['version']} on {review['date']} "
                "and have not been reviewed by a curator.", lang="en")))
        elif review.get("reviewer"):
            rev = ID[f"activity/{sid}/review"]
            person = ID[f"agent/reviewer/{re.sub(r'[^a-z0-9]+', '-', str(review['reviewer']).lower()).strip('-')}"]
            g.add((person, RDF.type, PROV.Person))
            g.add((person, RDFS.label, Literal(str(review["reviewer"]), lang="en")))
            g.add((rev, RDF.type, PROV.Activity))
            g.add((rev, RDFS.label, Literal(f"Review of the drafted statement {sid}", lang="en")))
            g.add((rev, PROV.wasAssociatedWith, person))
            g.add((rev, PROV.used, graph_iri(sid, "facts")))
            if review.get("reviewed"):
                g.add((rev, DCTERMS.date, Literal(str(review["reviewed"]), datatype=XSD.date)))

    # ------------------------------------------------------------------ entities
    def _entity(self, ent: LineDict) -> None:
        ident = str(ent["id"])
        node = ID[ident]
        kind = ent.get("a")
        if kind is None:
            raise KGError(f"the entity `{ident}` has no type (`a:`).", self.where(ent))
        if kind in ("Interval", "Month", "RelativeTime"):
            self._time(ent, node, kind)
        else:
            self._thing(ent, node, self.schema.cls(str(kind), self.where(ent, "a")))
        for fact in ent.get("facts", []) or []:
            self._fact(node, fact, ent)

    def _thing(self, ent: LineDict, node: URIRef, cls: URIRef) -> None:
        mentions = ent.get("mentions")
        if not isinstance(mentions, list) or not mentions:
            raise KGError(
                f"the entity `{ent['id']}` has no `mentions`: every entity must be named in the text.",
                self.where(ent),
            )
        spans: list[Span] = []
        for m in mentions:
            if isinstance(m, dict):
                spans.append(self._span_spec(m, ent, "mentions"))
            elif isinstance(m, str):
                spans.extend(self.st.text.mentions(m, self.where(ent, "mentions")))
            else:
                raise KGError("a mention must be a quote or {quote, within}.", self.where(ent, "mentions"))
        spans.sort(key=lambda s: (s.begin, s.end))
        first = spans[0]
        self.first_mention[node] = first
        for sp in spans:
            self.prov.add((node, GAF.denotedBy, self.span_iri(sp)))
        self.add(node, RDF.type, cls, [first])
        if self.schema.is_event_class(cls):
            self.events.append(node)
        label = ent.get("label")
        if not isinstance(label, str) or not label.strip():
            raise KGError(f"the entity `{ent['id']}` needs a `label` (its name in English).", self.where(ent))
        self.add(node, RDFS.label, Literal(label, lang="en"), [first])
        self.add(node, SKOS.prefLabel, Literal(label, lang="en"), [first])
        for acr in ent.get("acronym", []) or []:
            acr_spans = self.st.text.mentions(str(acr), self.where(ent, "acronym"))
            self.add(node, KIDD.acronym, Literal(str(acr)), [acr_spans[0]])
        ko = ent.get("ko")
        if ko and str(self.st.data.get("language")) == "ko":
            # A Korean statement: the Korean name is the text's own words (a quote, or {quote, within,
            # occurrence, note}), asserted with its evidence like any fact, not curators' enrichment.
            holder = LineDict({"ko": ko if isinstance(ko, dict) else {"quote": ko}})
            holder.line = getattr(ent, "key_lines", {}).get("ko", getattr(ent, "line", 0))
            holder.key_lines = {"ko": holder.line}
            ko_span, ko_note = self.span(holder, "ko")
            name = Literal(_words(ko_span), lang="ko")
            self.add(node, RDFS.label, name, [ko_span], ko_note)
            self.add(node, SKOS.prefLabel, name, [ko_span], ko_note)
        elif ko:
            if not isinstance(ko, str):
                raise KGError("`ko` is a quote only in a Korean statement (`language: ko`); in this one it is "
                              "the curators' Korean name, a plain string.", self.where(ent, "ko"))
            note = "Korean name supplied by the curators; the statement is in English."
            self.enrich_add(node, RDFS.label, Literal(str(ko), lang="ko"), note)
            self.enrich_add(node, SKOS.prefLabel, Literal(str(ko), lang="ko"), note)

    def _span_spec(self, spec: dict, node: Any, key: str) -> Span:
        holder = LineDict({key: spec})
        holder.line = getattr(node, "key_lines", {}).get(key, getattr(node, "line", 0))
        holder.key_lines = {key: holder.line}
        return self.span(holder, key)[0]

    def _time(self, ent: LineDict, node: URIRef, kind: str) -> None:
        where = self.where(ent)
        if kind == "RelativeTime":
            sp, note = self.span(ent, "expression")
            spans = [sp]
            self.add(node, RDF.type, KIDD.RelativeTime, spans)
            words = " ".join(sp.anchor.split())
            self.add(node, RDFS.label, Literal(words, lang="en"), spans)
            self.add(node, KIDD.timeExpression, Literal(words), spans, note)
            anchor = self.ref(ent.get("anchor"), self.where(ent, "anchor"))
            self.chains.append((KIDD.relativeTo, "anchor", node, anchor, self.where(ent, "anchor")))
            self.add(node, KIDD.relativeTo, anchor, spans)
            relation = ent.get("relation")
            if relation not in ("before", "after"):
                raise KGError("`relation` must be `before` or `after`.", self.where(ent, "relation"))
            self.add(node, TIME.before if relation == "before" else TIME.after, anchor, spans)
            return
        sp, note = self.span(ent, "quote")
        spans = [sp]
        self.add(node, RDFS.label, Literal(" ".join(sp.anchor.split()), lang="en"), spans)
        if kind == "Interval":
            begin = _date(ent.get("begin"), self.where(ent, "begin"))
            end = _date(ent.get("end"), self.where(ent, "end"))
            if end < begin:
                raise KGError(f"the interval ends ({end}) before it begins ({begin}).", where)
            self.add(node, RDF.type, TIME.ProperInterval, spans)
            for prop, day in ((TIME.hasBeginning, begin), (TIME.hasEnd, end)):
                inst = ID[f"time/instant/{day.isoformat()}"]
                self.add(node, prop, inst, spans)
                self.add(inst, RDF.type, TIME.Instant, spans)
                self.add(inst, TIME.inXSDDate, Literal(day.isoformat(), datatype=XSD.date), spans)
        else:  # Month
            year, month = _year_month(ent.get("month"), self.where(ent, "month"))
            desc = ID[f"time/{year:04d}-{month:02d}/description"]
            self.add(node, RDF.type, TIME.DateTimeInterval, spans)
            self.add(node, TIME.hasDateTimeDescription, desc, spans)
            self.add(desc, RDF.type, TIME.DateTimeDescription, spans)
            self.add(desc, TIME.unitType, TIME.unitMonth, spans)
            self.add(desc, TIME.year, Literal(f"{year:04d}", datatype=XSD.gYear), spans)
            self.add(desc, TIME.month, Literal(f"--{month:02d}", datatype=XSD.gMonth), spans)
            self.add(desc, TIME.monthOfYear, GREG[calendar.month_name[month]], spans)

    # ------------------------------------------------------------------ facts
    def _fact(self, subject: URIRef, fact: Any, owner: Any) -> None:
        where = self.where(fact if isinstance(fact, LineList) else owner)
        if not isinstance(fact, list) or len(fact) not in (2, 3):
            raise KGError(
                "a fact must be a list [property, object, evidence] (or [property, quote] for a "
                "literal that is itself the quote).",
                where,
            )
        prop = self.schema.prop(str(fact[0]), where)
        holder = LineDict({"evidence": fact[-1]})
        holder.line = getattr(fact, "line", 0)
        holder.key_lines = {"evidence": holder.line}
        span, note = self.span(holder, "evidence")
        if prop.takes_entity:
            if len(fact) != 3:
                raise KGError(f"`{fact[0]}` takes an entity: write [{fact[0]}, id, evidence].", where)
            value = fact[1]
            if isinstance(value, str) and re.match(r"https?://\S+$", value):
                obj = URIRef(value)  # an outside resource, e.g. the page a statement was published on
            elif isinstance(value, str) and ":" in value:
                obj = self.schema.concept_ref(value, where)
            else:
                obj = self.ref(value, where)
        else:
            value = fact[1] if len(fact) == 3 else " ".join(span.anchor.split())
            obj = _literal(value, prop.range, where)
        if prop.iri in self.schema.acyclic and isinstance(obj, URIRef):
            self.chains.append((prop.iri, str(fact[0]), subject, obj, where))
        self.add(subject, prop.iri, obj, [span], note)

    # ------------------------------------------------------------------ acts
    def _act(self, act: LineDict) -> None:
        aid = str(act["id"])
        node = ID[f"act/{self.st.id}/{aid}"]
        where = self.where(act)
        kind = act.get("kind")
        kind_iri = self.schema.concept("act-kind", str(kind), self.where(act, "kind"))
        act_span, act_note = self.span(act, "quote")
        ev = [act_span]
        self.add(node, RDF.type, KIDD.SpeechAct, ev, act_note)
        self.add(node, KIDD.actKind, kind_iri, ev)
        kind_label = str(self.schema.graph.value(kind_iri, SKOS.prefLabel) or kind)
        agents = act.get("agents")
        if not isinstance(agents, list) or not agents:
            raise KGError(f"the act `{aid}` names no `agents`.", where)
        agent_span, agent_note = self.span(act, "agent_phrase", scope=act_span)
        for a in agents:
            self.add(node, KIDD.saidBy, self.ref(a, self.where(act, "agents")), [agent_span], agent_note)
        self.add(node, KIDD.agentPhrase, Literal(_words(agent_span)), [agent_span], agent_note)
        content_span, content_note = self.span(act, "content", scope=act_span)
        content = Literal(_words(content_span))
        self.add(node, KIDD.content, content, [content_span], content_note)
        self.add(node, RDFS.label, Literal(f"{kind_label.capitalize()} ({_words(agent_span)}): {_words(content_span)}", lang="en"), ev)
        self.add(node, KIDD.madeAt, self.reports, ev, "The statement reports this act as part of the meeting it is the joint statement of.")
        for ref in act.get("about", []) or []:
            self.add(node, KIDD.about, self.ref(ref, self.where(act, "about")), ev)
        topics = [self.schema.concept("topic", str(t), self.where(act, "topics")) for t in act.get("topics", []) or []]
        for t in topics:
            self.add(node, KIDD.topic, t, ev)
        if "session" in act:
            sess_span, sess_note = self.span(act, "session_quote")
            self.add(node, KIDD.inSession, self.ref(act["session"], self.where(act, "session")), [sess_span], sess_note)
        extra: dict[URIRef, tuple[Any, list[Span], str | None]] = {}
        if "condition" in act:
            cond_span, cond_note = self.span(act, "condition", scope=act_span)
            extra[KIDD.condition] = (Literal(_words(cond_span)), [cond_span], cond_note)
            if "condition_event" in act:
                extra[KIDD.conditionEvent] = (self.ref(act["condition_event"], self.where(act, "condition_event")), [cond_span], cond_note)
        elif "condition_event" in act:
            raise KGError("`condition_event` needs the words of the `condition`.", self.where(act, "condition_event"))
        if "due" in act or "due_before" in act:
            due_span, due_note = self.span(act, "due_quote", scope=act_span)
            if "due" in act:
                extra[KIDD.dueTime] = (self.ref(act["due"], self.where(act, "due")), [due_span], due_note)
            if "due_before" in act:
                extra[KIDD.dueBefore] = (self.ref(act["due_before"], self.where(act, "due_before")), [due_span], due_note)
        if "purpose" in act:
            p_span, p_note = self.span(act, "purpose", scope=act_span)
            extra[KIDD.purpose] = (Literal(_words(p_span)), [p_span], p_note)
        for p, (o, spans, note) in extra.items():
            self.add(node, p, o, spans, note)
        if "reflected_in" in act:
            self.add(node, KIDD.reflectedIn, self.ref(act["reflected_in"], self.where(act, "reflected_in")), ev)
        if "reaffirms" in act:
            self.add(node, KIDD.reaffirms, self.ref(act["reaffirms"], self.where(act, "reaffirms")), ev)
        spec = act.get("commitment")
        if str(kind) in COMMISSIVE_KINDS or spec is not None:
            self._commitment(act, node, aid, ev, content, [content_span], agents, topics, extra, spec)

    def _commitment(self, act, act_node, aid, ev, content, content_ev, agents, topics, extra, spec) -> None:
        c = ID[f"commitment/{self.st.id}/{aid}"]
        self.add(act_node, KIDD.undertakes, c, ev)
        self.add(c, RDF.type, KIDD.Commitment, ev)
        self.add(c, PROV.wasGeneratedBy, act_node, ev)
        self.add(c, RDFS.label, Literal(f"Commitment: {content}", lang="en"), ev)
        self.add(c, KIDD.content, content, content_ev)
        debtors, debtor_ev = agents, None
        if spec is not None:
            if not isinstance(spec, LineDict):
                raise KGError("`commitment` must be a mapping (debtors, debtor_quote).", self.where(act, "commitment"))
            if "debtors" in spec:
                debtors = spec["debtors"]
                debtor_ev = self.span(spec, "debtor_quote", scope=ev[0])[0]
        for d in debtors:
            self.add(c, KIDD.debtor, self.ref(d, self.where(act)), [debtor_ev or ev[0]])
        for t in topics:
            self.add(c, KIDD.topic, t, ev)
        for p, (o, spans, note) in extra.items():
            if p != KIDD.purpose:
                self.add(c, p, o, spans, note)
        self.add(c, KIDD.status, self.schema.concept("status", "open", self.where(act)), ev,
                 "Open as of this statement: the statement makes or restates it and reports no discharge.")

    def _open_commitments(self) -> None:
        """A commitment the statement names (to restate it) without a status is open as of it."""
        open_ = self.schema.concept("status", "open", str(self.st.path))
        for c in set(self.facts.subjects(RDF.type, KIDD.Commitment)):
            if (c, KIDD.status, None) not in self.facts and c in self.first_mention:
                self.add(c, KIDD.status, open_, [self.first_mention[c]],
                         "Open as of this statement: it names or restates the commitment and reports no discharge.")

    def _unspecified_times(self) -> None:
        for ev in self.events:
            if ev not in self.has_time:
                self.add(ev, TIME.hasTime, UNSPECIFIED_TIME, [self.first_mention[ev]],
                         "The statement names this event but gives no time for it.")
        if any(True for _ in self.facts.triples((None, TIME.hasTime, UNSPECIFIED_TIME))):
            spans = [self.first_mention[e] for e in self.events if (e, TIME.hasTime, UNSPECIFIED_TIME) in self.facts]
            self.add(UNSPECIFIED_TIME, RDF.type, KIDD.UnspecifiedTime, spans[:1])
            self.add(UNSPECIFIED_TIME, RDFS.label, Literal("unspecified time", lang="en"), spans[:1])


# ---------------------------------------------------------------------- values
def _words(span: Span) -> str:
    return " ".join(span.anchor.split())


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise KGError(f"`{value}` is not a valid date; write YYYY-MM-DD (e.g. 2022-08-16).", where) from None


def _year_month(value: Any, where: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})-(\d{2})", str(value))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise KGError(f"`{value}` is not a valid month; write YYYY-MM (e.g. 2022-09).", where)
    return int(m.group(1)), int(m.group(2))


def _literal(value: Any, rng: URIRef | None, where: str) -> Literal:
    if rng in (XSD.positiveInteger, XSD.nonNegativeInteger, XSD.integer):
        if not isinstance(value, int) or isinstance(value, bool) or (rng == XSD.positiveInteger and value < 1):
            raise KGError(f"`{value}` must be a whole number ({rng.n3()}).", where)
        return Literal(value, datatype=rng)
    if rng == XSD.boolean:
        if not isinstance(value, bool):
            raise KGError(f"`{value}` must be true or false.", where)
        return Literal(value)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise KGError(f"`{value!r}` is not a valid literal here.", where)
    s = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return Literal(_date(s, where).isoformat(), datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", s):
        y, m = _year_month(s, where)
        return Literal(f"{y:04d}-{m:02d}", datatype=XSD.gYearMonth)
    if rng == XSD.date:
        raise KGError(f"`{value}` is not a date; write YYYY-MM-DD.", where)
    return Literal(" ".join(s.split()))

