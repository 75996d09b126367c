"""The PLOVER and CAMEO coding rules (ontology/coding.yaml), read and checked: defaults by act
kind and event class, modes from an event's status, contexts from topics, reviewed overrides."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import yaml
from rdflib import SKOS, Graph, URIRef

from kg.errors import KGError
from kg.namespace import ID, KIDD, VOCAB
from kg.source.terms import load_schema
from kg.resources import ontology_dir
from kg.source.statement import LineDict, LineList, _Loader

if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.coding import _Node


CURATORS = ID["agent/kidd-kg-curators"]
RULES_ENTITY = ID["coding/kidd-kg"]

PLOVER_SCHEME = URIRef(VOCAB + "plover")
MODE_SCHEME = URIRef(VOCAB + "plover-mode")
CONTEXT_SCHEME = URIRef(VOCAB + "plover-context")
CAMEO_SCHEME = URIRef(VOCAB + "cameo")
TOPIC_SCHEME = URIRef(VOCAB + "topic")

_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
_ID_RE = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:/[a-z0-9]+(?:[-.][a-z0-9]+)*)+$")


class _CodingTerms:
    """The coding properties. They are not (yet) declared in ``ontology/kidd.ttl``, and
    :class:`kg.namespace.KIDD` is closed, so they are minted here from its namespace."""

    _ns = str(KIDD._NS)
    ploverType = URIRef(_ns + "ploverType")  # noqa: N815 - the RDF local name
    ploverMode = URIRef(_ns + "ploverMode")  # noqa: N815
    ploverContext = URIRef(_ns + "ploverContext")  # noqa: N815
    cameoCode = URIRef(_ns + "cameoCode")  # noqa: N815


CODE = _CodingTerms()
CODING_PROPERTIES = (CODE.ploverType, CODE.ploverMode, CODE.ploverContext, CODE.cameoCode)


def coding_file() -> Path:
    """The bundled rules (``ontology/coding.yaml``)."""
    return ontology_dir() / "coding.yaml"


# ---------------------------------------------------------------------- the rules, as loaded
@dataclass(frozen=True)
class Outcome:
    """What a rule or an override assigns. ``plover`` is None only for an explicit null override."""

    plover: URIRef | None
    cameo: URIRef | None
    modes: tuple[URIRef, ...]
    contexts: tuple[URIRef, ...]
    fallback_contexts: tuple[URIRef, ...]
    note: str
    source: str  # "rule `name`" or "override"
    where: str


@dataclass(frozen=True)
class Rule:
    name: str
    test: Callable[["_Node"], bool]
    outcome: Outcome


@dataclass
class Rules:
    """The coding rules of one ``coding.yaml``, checked against the ontology and vocabularies."""

    path: Path
    military_topics: set[URIRef]
    military_words: re.Pattern | None
    topic_contexts: dict[URIRef, tuple[URIRef, ...]]
    status_modes: dict[URIRef, tuple[URIRef, ...]]
    events: list[Rule]
    acts: list[Rule]
    overrides: dict[URIRef, Outcome]
    override_where: dict[URIRef, str] = field(default_factory=dict)

    def null_overrides(self) -> dict[URIRef, Outcome]:
        """The nodes an override leaves without a PLOVER type, with the reason."""
        return {n: o for n, o in self.overrides.items() if o.plover is None}


class _Reader:
    """Reads and checks one rules file; every error names the file, line and key."""

    def __init__(self, path: Path, vocab: Graph):
        self.path = path
        self.vocab = vocab
        self.schema = load_schema()
        self._broader = self._topic_broader()

    def where(self, node: Any = None, key: str | None = None, label: str | None = None) -> str:
        line = None
        if isinstance(node, LineDict) and key is not None:
            line = node.key_lines.get(key, node.line)
        elif isinstance(node, (LineDict, LineList)):
            line = node.line
        out = f"{self.path}, line {line}" if line else str(self.path)
        return f"{out}, key `{label}`" if label else out

    # -------------------------------------------------------------- concepts
    def concept(self, scheme: URIRef, value: Any, what: str, where: str) -> URIRef:
        if not isinstance(value, str) or not value:
            hint = ' (write CAMEO codes as quoted strings, e.g. "0312", so the leading zero is kept)' if scheme == CAMEO_SCHEME else ""
            raise KGError(f"`{value!r}` is not a {what}: expected its notation as a string{hint}.", where)
        iri = URIRef(f"{scheme}/{value}")
        if (iri, SKOS.inScheme, scheme) not in self.vocab:
            known = sorted(str(n) for c in self.vocab.subjects(SKOS.inScheme, scheme) for n in self.vocab.objects(c, SKOS.notation))
            raise KGError(f"`{value}` is not a {what} of <{scheme}>; known: {', '.join(known)}.", where)
        return iri

    def concepts(self, scheme: URIRef, values: Any, what: str, where: str) -> tuple[URIRef, ...]:
        if values is None:
            return ()
        if not isinstance(values, list):
            values = [values]
        return tuple(self.concept(scheme, v, what, where) for v in values)

    def slugs(self, scheme: str, values: Any, where: str) -> set[str]:
        if not isinstance(values, list) or not values:
            raise KGError(f"expected a list of {scheme} names.", where)
        for v in values:
            self.schema.concept(scheme, str(v), where)
        return {str(v) for v in values}

    def classes(self, values: Any, where: str) -> set[URIRef]:
        if not isinstance(values, list) or not values:
            raise KGError("expected a list of kidd: class names, e.g. [Meeting, Session].", where)
        return {self.schema.cls(str(v), where) for v in values}

    def _topic_broader(self) -> dict[URIRef, set[URIRef]]:
        """Each topic with itself and all its broader topics."""
        out: dict[URIRef, set[URIRef]] = {}
        for t in self.vocab.subjects(SKOS.inScheme, TOPIC_SCHEME):
            seen, todo = set(), [t]
            while todo:
                c = todo.pop()
                if c not in seen:
                    seen.add(c)
                    todo.extend(self.vocab.objects(c, SKOS.broader))
            out[t] = seen
        return out

    def cameo_types(self, cameo: URIRef) -> set[URIRef]:
        """The PLOVER types a CAMEO code maps to, on itself or any broader code."""
        types, seen, todo = set(), set(), [cameo]
        while todo:
            c = todo.pop()
            if c in seen:
                continue
            seen.add(c)
            for p in _MATCHES:
                types.update(o for o in self.vocab.objects(c, p) if (o, SKOS.inScheme, PLOVER_SCHEME) in self.vocab)
            todo.extend(self.vocab.objects(c, SKOS.broader))
        return types

    # -------------------------------------------------------------- the file
    def read(self) -> Rules:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise KGError("the coding rules file is missing.", str(self.path)) from None
        except UnicodeDecodeError:
            raise KGError("the file is not valid UTF-8.", str(self.path)) from None
        try:
            data = yaml.load(raw, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{self.path}, line {mark.line + 1}, column {mark.column + 1}" if mark else str(self.path)
            problem = getattr(exc, "problem", None) or str(exc)
            raise KGError(f"this is not valid YAML: {problem}.", where) from None
        if not isinstance(data, LineDict):
            raise KGError("the file must hold a mapping (military_topics, …, events, acts, overrides).", str(self.path))
        known = {"military_topics", "military_words", "topic_contexts", "status_modes", "events", "acts", "overrides"}
        for key in data:
            if key not in known:
                raise KGError(f"unknown top-level key `{key}`; known: {', '.join(sorted(known))}.", self.where(data, key, key))

        mil: set[URIRef] = set()
        if data.get("military_topics"):
            w = self.where(data, "military_topics", "military_topics")
            mil = {self.schema.concept("topic", t, w) for t in self.slugs("topic", data["military_topics"], w)}
        words = data.get("military_words")
        try:
            military_words = re.compile(words) if words else None
        except re.error as exc:
            raise KGError(f"`military_words` is not a valid regular expression: {exc}.", self.where(data, "military_words", "military_words")) from None

        topic_contexts: dict[URIRef, tuple[URIRef, ...]] = {}
        tc = data.get("topic_contexts") or {}
        if not isinstance(tc, dict):
            raise KGError("`topic_contexts` must map topics to lists of contexts.", self.where(data, "topic_contexts", "topic_contexts"))
        for t, ctx in tc.items():
            w = self.where(tc, t, f"topic_contexts.{t}")
            topic_contexts[self.schema.concept("topic", str(t), w)] = self.concepts(CONTEXT_SCHEME, ctx, "PLOVER context", w)

        status_modes: dict[URIRef, tuple[URIRef, ...]] = {}
        sm = data.get("status_modes") or {}
        if not isinstance(sm, dict):
            raise KGError("`status_modes` must map statuses to lists of modes.", self.where(data, "status_modes", "status_modes"))
        for s, modes in sm.items():
            w = self.where(sm, s, f"status_modes.{s}")
            status_modes[self.schema.concept("status", str(s), w)] = self.concepts(MODE_SCHEME, modes, "PLOVER mode", w)

        rules = Rules(
            path=self.path,
            military_topics=mil,
            military_words=military_words,
            topic_contexts=topic_contexts,
            status_modes=status_modes,
            events=self.rules(data, "events"),
            acts=self.rules(data, "acts"),
            overrides={},
        )
        ov = data.get("overrides") or {}
        if not isinstance(ov, dict):
            raise KGError("`overrides` must map node ids (act/kidd-21/a07) to codings.", self.where(data, "overrides", "overrides"))
        for ident, spec in ov.items():
            label = f"overrides.{ident}"
            w = self.where(ov, ident, label)
            if not isinstance(ident, str) or not _ID_RE.match(ident):
                raise KGError(f"`{ident}` is not a node id relative to {ID}: write e.g. act/kidd-21/a07.", w)
            if not isinstance(spec, LineDict):
                raise KGError("an override must be a mapping {plover, cameo, mode, context, note}.", w)
            node = ID[ident]
            rules.overrides[node] = self.outcome(spec, label, "override", allow_null=True)
            rules.override_where[node] = w
        return rules

    def rules(self, data: LineDict, section: str) -> list[Rule]:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise KGError(f"`{section}` must be a list of rules.", self.where(data, section, section))
        out, names = [], set()
        for i, item in enumerate(items):
            label = f"{section}[{i}]"
            if not isinstance(item, LineDict):
                raise KGError("a rule must be a mapping {rule, when, plover, cameo, …, note}.", self.where(items, None, label))
            name = item.get("rule")
            if not isinstance(name, str) or not name:
                raise KGError("the rule needs a name (`rule: …`).", self.where(item, None, label))
            label = f"{section}.{name}"
            if name in names:
                raise KGError(f"the rule name `{name}` is used twice.", self.where(item, "rule", label))
            names.add(name)
            if "when" not in item:
                raise KGError("the rule needs a `when:` (its conditions).", self.where(item, None, label))
            test = self.condition(item["when"], item, f"{label}.when")
            out.append(Rule(name, test, self.outcome(item, label, f"rule `{name}`", allow_null=False, extra={"rule", "when"})))
        return out

    def outcome(self, spec: LineDict, label: str, source: str, allow_null: bool, extra: set[str] = frozenset()) -> Outcome:
        known = {"plover", "cameo", "mode", "context", "fallback_context", "note"} | set(extra)
        if source == "override":
            known -= {"fallback_context"}
        for key in spec:
            if key not in known:
                raise KGError(f"unknown key `{key}`; known: {', '.join(sorted(known))}.", self.where(spec, key, f"{label}.{key}"))
        note = spec.get("note")
        if not isinstance(note, str) or not note.strip():
            raise KGError("a `note` is required: say why this coding is right.", self.where(spec, None, f"{label}.note"))
        if "plover" not in spec:
            raise KGError("`plover` is required (a PLOVER type, or null where none fits).", self.where(spec, None, f"{label}.plover"))
        w = lambda k: self.where(spec, k, f"{label}.{k}")  # noqa: E731
        plover_value = spec.get("plover")
        if plover_value is None:
            if not allow_null:
                raise KGError("a rule must give a PLOVER type; only an override may say `plover: null`.", w("plover"))
            plover = None
        else:
            plover = self.concept(PLOVER_SCHEME, plover_value, "PLOVER event type", w("plover"))
            if not str(plover_value).isupper():
                raise KGError(f"`{plover_value}` is a quad class, not a PLOVER event type.", w("plover"))
        cameo = None
        if spec.get("cameo") is not None:
            cameo = self.concept(CAMEO_SCHEME, spec["cameo"], "CAMEO code", w("cameo"))
        elif plover is not None:
            raise KGError("`cameo` is required with a PLOVER type.", w("cameo"))
        if plover is not None and cameo is not None and plover not in (mapped := self.cameo_types(cameo)):
            names = ", ".join(sorted(str(t).rsplit("/", 1)[1] for t in mapped)) or "no PLOVER type"
            raise KGError(
                f"CAMEO {spec['cameo']} maps to {names} (ontology/vocab/cameo.ttl), not to {plover_value}.", w("cameo")
            )
        return Outcome(
            plover=plover,
            cameo=cameo,
            modes=self.concepts(MODE_SCHEME, spec.get("mode"), "PLOVER mode", w("mode")),
            contexts=self.concepts(CONTEXT_SCHEME, spec.get("context"), "PLOVER context", w("context")),
            fallback_contexts=self.concepts(CONTEXT_SCHEME, spec.get("fallback_context"), "PLOVER context", w("fallback_context")),
            note=" ".join(note.split()),
            source=source,
            where=self.where(spec, None, label),
        )

    # -------------------------------------------------------------- conditions
    def condition(self, when: Any, owner: Any, label: str) -> Callable[["_Node"], bool]:
        if not isinstance(when, LineDict) or not when:
            raise KGError("`when` must be a mapping of conditions.", self.where(owner, "when", label))
        tests: list[Callable[[_Node], bool]] = []
        for key, value in when.items():
            w = self.where(when, key, f"{label}.{key}")
            tests.append(self.one(key, value, w, when, f"{label}.{key}"))
        return lambda n: all(t(n) for t in tests)

    def one(self, key: str, value: Any, w: str, owner: LineDict, label: str) -> Callable[["_Node"], bool]:
        def flag() -> bool:
            if not isinstance(value, bool):
                raise KGError(f"`{key}` takes true or false.", w)
            return value

        def number() -> int:
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise KGError(f"`{key}` takes a whole number.", w)
            return value

        def regex() -> re.Pattern:
            try:
                return re.compile(str(value))
            except re.error as exc:
                raise KGError(f"`{value}` is not a valid regular expression: {exc}.", w) from None

        if key == "any":
            if not isinstance(value, list) or not value:
                raise KGError("`any` takes a list of condition mappings.", w)
            subs = [self.condition(v, owner, f"{label}[{i}]") for i, v in enumerate(value)]
            return lambda n: any(s(n) for s in subs)
        if key == "class":
            cs = self.classes(value, w)
            return lambda n: bool(n.classes & cs)
        if key in ("kind", "status"):
            slugs = {self.schema.concept("act-kind" if key == "kind" else "status", s, w) for s in self.slugs("act-kind" if key == "kind" else "status", value, w)}
            return (lambda n: n.kind in slugs) if key == "kind" else (lambda n: n.status in slugs)
        if key == "undertakes":
            v = flag()
            return lambda n: n.undertakes == v
        if key == "reaffirms":
            v = flag()
            return lambda n: n.reaffirms == v
        if key == "military":
            v = flag()
            return lambda n: n.military == v
        if key == "topics":
            ts = {self.schema.concept("topic", s, w) for s in self.slugs("topic", value, w)}
            return lambda n: bool(n.topic_closure & ts)
        if key == "about_planned":
            cs = self.classes(value, w)
            return lambda n: any(classes & cs for classes in n.about_planned)
        if key == "min_participants":
            k = number()
            return lambda n: n.participants >= k
        if key == "max_participants":
            k = number()
            return lambda n: n.participants <= k
        if key == "meeting_of":
            v = flag()
            return lambda n: n.meeting_of == v
        if key == "label_matches":
            rx = regex()
            return lambda n: bool(rx.search(n.label))
        if key == "content_matches":
            rx = regex()
            return lambda n: bool(rx.search(n.content))
        known = "any, class, kind, status, undertakes, reaffirms, military, topics, about_planned, min_participants, max_participants, meeting_of, label_matches, content_matches"
        raise KGError(f"unknown condition `{key}`; known: {known}.", w)


# Rules read in this process, by the file's path and bytes, with the schema they were checked
# against: a build reads them once per statement's coding, a test run or a server many times.
_READ: dict[tuple[str, bytes], tuple[Graph, Rules]] = {}


def load_rules(path: Path | None = None) -> Rules:
    """Read and check a rules file (default: the bundled ``ontology/coding.yaml``)."""
    path = path or coding_file()
    schema = load_schema().graph  # the ontology and vocabularies, read once
    try:
        key = (str(path.resolve()), hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        key = None  # missing or unreadable: the reader says so
    if key is not None and key in _READ and _READ[key][0] is schema:
        return _READ[key][1]
    rules = _Reader(path, schema).read()
    if key is not None:
        _READ[key] = (schema, rules)
    return rules
