"""Fast SHACL validation: the shapes checked a set at a time (the ``fast`` engine).

pySHACL (the reference engine, ``kg.checks.validate``) walks one focus node at a time and runs each
SHACL-SPARQL constraint once per focus node, so its cost per node grows with the graph. This
module reads the shapes once into a plan and checks each constraint for all its focus nodes
together: a path's values come from one pass over the graph's index for its predicate (kept for
the whole run), a class test from one subclass closure, and each SPARQL constraint is one query
over the whole graph in Oxigraph, with ``$this`` bound by the targets of the shapes that use it —
where a join binds ``$this`` as SHACL's pre-binding would (:func:`_joinable`; all the project's
constraints). Any other SPARQL constraint runs once per focus node with ``$this`` written in.

The results are pySHACL's, term for term: the same focus nodes, paths, values, components,
source shapes and messages, in the same W3C report graph, returned as the same
:class:`kg.checks.validate.Report` (``tests/test_shacl.py`` compares the two engines on the bundled
statements, on a synthetic corpus and on every example under ``tests/shapes/``).

It covers the SHACL the shapes use, and a little more: targets (class, subjects of, objects of,
node); predicate, inverse, alternative, sequence and zero/one-or-more paths; sh:class, datatype,
nodeKind, minCount, maxCount, pattern, languageIn, uniqueLang, in, hasValue, node, not, and, or,
xone, qualifiedValueShape (min/max), equals, disjoint, lessThan, lessThanOrEquals and SPARQL
constraints (SELECT). A shape using anything else — another component, an inverse path over
more than a property, a shape that reaches itself through its values — is refused with an error
naming it, so nothing passes unchecked: use ``--engine reference`` for it, or add it here.
"""

from __future__ import annotations

import weakref
import re
from datetime import date, datetime, time
from decimal import Decimal
from dataclasses import dataclass, field
from typing import Any, Iterable

from rdflib import OWL, RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import KGError
from kg.checks.values import _stored_form
from kg.reasoning.datatypes import _BROKEN_AFTER_OWLRL  # the datatypes whose converters owlrl breaks

# Predicates of a shape that are not constraints (or are read with the constraint they belong to).
_NOT_CONSTRAINTS = {
    RDF.type, SH.message, SH.severity, SH.name, SH.description, SH.order, SH.group, SH.deactivated,
    SH.path, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.property,
    SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount, SH.qualifiedValueShapesDisjoint,
    SH.defaultValue, SH.declare, SH.prefixes,
}
_RDF_LANGSTRING = RDF.langString
_SPARQL = SH.sparql
_SPARQLS = frozenset((_SPARQL,))  # `pred in _SPARQLS`: a hash, not rdflib's __eq__ (a Python call), per constraint and node
_RDF_TYPE = RDF.type
_VALUE_TYPES = {  # datatype -> the Python type rdflib gives its well-formed values (as pySHACL checks)
    XSD.string: (str, bytes), _RDF_LANGSTRING: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time, XSD.dateTime: datetime,
}


# ---------------------------------------------------------------------------------- the plan
@dataclass(eq=False)
class Shape:
    node: Node
    path: Any = None  # compiled path (property shapes), see _compile_path
    path_node: Node | None = None  # the path as the shapes graph writes it
    constraints: list[tuple[URIRef, Any]] = field(default_factory=list)
    properties: list["Shape"] = field(default_factory=list)
    messages: list[Literal] = field(default_factory=list)
    severity: URIRef = SH.Violation
    targets: list[tuple[URIRef, Node]] = field(default_factory=list)
    deactivated: bool = False

    @property
    def is_property(self) -> bool:
        return self.path is not None


@dataclass(eq=False)
class Sparql:
    node: Node
    select: str
    messages: list[Literal]
    prefixes: str
    deactivated: bool = False


class Plan:
    """The shapes graph read once: every shape, its constraints, paths and SPARQL queries."""

    def __init__(self, shapes: Graph) -> None:
        self.graph = shapes
        self._shapes: dict[Node, Shape] = {}
        self._sparql: dict[Node, Sparql] = {}
        roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
        for pred in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
            roots.update(shapes.subjects(pred, None))
        # a shape that is also a class targets its instances (SHACL 2.1.3.3, implicit class targets)
        self._classes = set(shapes.subjects(RDF.type, RDFS.Class)) | set(shapes.subjects(RDF.type, OWL.Class))
        roots.update(c for c in self._classes if (c, RDF.type, SH.NodeShape) in shapes or (c, RDF.type, SH.PropertyShape) in shapes)
        self.top = [self.shape(n) for n in sorted(roots, key=str)]
        self.top = [s for s in self.top if s.targets and not s.deactivated]

    def shape(self, node: Node) -> Shape:
        got = self._shapes.get(node)
        if got is not None:
            return got
        g = self.graph
        shape = Shape(node)
        self._shapes[node] = shape  # before reading the parts: shapes may refer to each other
        path = g.value(node, SH.path)
        if path is not None:
            shape.path_node = path
            shape.path = self._compile_path(path, node)
        shape.messages = list(g.objects(node, SH.message))
        shape.severity = g.value(node, SH.severity) or SH.Violation
        shape.deactivated = bool(g.value(node, SH.deactivated, default=Literal(False)).toPython() is True)
        for pred in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode):
            shape.targets.extend((pred, o) for o in g.objects(node, pred))
        if node in getattr(self, "_classes", ()) and (SH.targetClass, node) not in shape.targets:
            shape.targets.append((SH.targetClass, node))
        for pred, obj in sorted(g.predicate_objects(node), key=lambda po: (str(po[0]), str(po[1]))):
            if pred == SH.property:
                shape.properties.append(self.shape(obj))
            elif pred in _CHECKS or pred == _SPARQL:  # a constraint component this engine implements
                shape.constraints.append((pred, self._parameter(node, pred, obj)))
            elif pred not in _NOT_CONSTRAINTS and str(pred).startswith(str(SH)):
                raise KGError(
                    f"the fast SHACL engine does not support {pred.n3(g.namespace_manager)} (shape {_name(g, node)}); "
                    "validate with --engine reference, or add it to kg/checks/fast.py."
                )
        return shape

    def _parameter(self, node: Node, pred: URIRef, obj: Node) -> Any:
        g = self.graph
        if pred == SH["in"]:
            return frozenset(Collection(g, obj))
        if pred == SH.languageIn:
            return list(Collection(g, obj))
        if pred in (SH["and"], SH["or"], SH.xone):
            return [self.shape(s) for s in Collection(g, obj)]
        if pred in (SH.node, SH["not"]):
            return self.shape(obj)
        if pred == SH.qualifiedValueShape:
            if g.value(node, SH.qualifiedValueShapesDisjoint, default=Literal(False)).toPython() is True:
                raise KGError(f"the fast SHACL engine does not support sh:qualifiedValueShapesDisjoint (shape {_name(g, node)}).")
            lo, hi = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
            return (self.shape(obj), None if lo is None else int(lo), None if hi is None else int(hi))
        if pred in (SH.minCount, SH.maxCount):
            return int(obj)
        if pred == SH.pattern:
            flags = str(g.value(node, SH.flags) or "").lower()  # as pySHACL reads them: i and m
            return re.compile(str(obj), sum(_RE_FLAGS.get(c, 0) for c in flags))
        if pred == SH.uniqueLang:
            return obj.toPython() is True if isinstance(obj, Literal) else False
        if pred == SH.sparql:
            return self.sparql(obj)
        return obj

    def sparql(self, node: Node) -> Sparql:
        got = self._sparql.get(node)
        if got is None:
            g = self.graph
            select = g.value(node, SH.select)
            if select is None:
                raise KGError(f"the SPARQL constraint {_name(g, node)} has no sh:select (only SELECT constraints are supported).")
            lines = []
            for decl_owner in g.objects(node, SH.prefixes):
                for decl in g.objects(decl_owner, SH.declare):
                    lines.append(f"PREFIX {g.value(decl, SH.prefix)}: <{g.value(decl, SH.namespace)}>")
            deactivated = g.value(node, SH.deactivated, default=Literal(False)).toPython() is True
            got = Sparql(node, str(select), list(g.objects(node, SH.message)), "\n".join(sorted(set(lines))), deactivated)
            self._sparql[node] = got
        return got

    def _compile_path(self, path: Node, owner: Node) -> Any:
        g = self.graph
        if isinstance(path, URIRef):
            return ("p", path)
        if (path, RDF.first, None) in g:
            return ("seq", [self._compile_path(p, owner) for p in Collection(g, path)])
        for pred, kind in ((SH.inversePath, "inv"), (SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"),
                           (SH.zeroOrOnePath, "?")):
            inner = g.value(path, pred)
            if inner is not None:
                compiled = self._compile_path(inner, owner)
                if kind == "inv" and compiled[0] != "p":
                    raise KGError(f"the fast SHACL engine supports sh:inversePath of a property only (shape "
                                  f"{_name(g, owner)}); validate with --engine reference.")
                return (kind, compiled)
        alternatives = g.value(path, SH.alternativePath)
        if alternatives is not None:
            return ("alt", [self._compile_path(p, owner) for p in Collection(g, alternatives)])
        raise KGError(f"the shape {_name(g, owner)} has a path the fast SHACL engine cannot read.")


_RE_FLAGS = {"i": re.I, "m": re.M}


def _name(g: Graph, node: Node) -> str:
    return node.n3(g.namespace_manager) if isinstance(node, URIRef) else f"_:{node}"


def _sparql_path(path: Any) -> str:
    kind, arg = path
    if kind == "p":
        return arg.n3()
    if kind == "inv":
        return f"^{_sparql_path(arg)}"
    if kind in ("*", "+", "?"):
        return f"({_sparql_path(arg)}){kind}"
    sep = "/" if kind == "seq" else "|"
    return "(" + sep.join(_sparql_path(p) for p in arg) + ")"


# ---------------------------------------------------------------------------------- the data
class Data:
    """Index lookups on an rdflib graph, a whole predicate at a time, kept for the run."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._out: dict[URIRef, dict[Node, set[Node]]] = {}
        self._in: dict[URIRef, dict[Node, set[Node]]] = {}
        self._subclasses: dict[Node, frozenset[Node]] = {}

    def out(self, p: URIRef) -> dict[Node, set[Node]]:
        """subject -> its objects for ``p`` (read once, kept)."""
        return self._index(p, self._out, inverse=False)

    def into(self, p: URIRef) -> dict[Node, set[Node]]:
        """object -> its subjects for ``p`` (read once, kept)."""
        return self._index(p, self._in, inverse=True)

    def _index(self, p: URIRef, cache: dict[URIRef, dict[Node, set[Node]]], inverse: bool) -> dict[Node, set[Node]]:
        got = cache.get(p)
        if got is None:
            got = cache[p] = {}
            for s, o in self.graph.subject_objects(p):
                key, value = (o, s) if inverse else (s, o)
                got.setdefault(key, set()).add(value)
        return got

    def values(self, path: Any, focus: Node) -> set[Node]:
        kind, arg = path
        if kind == "p":
            return self.out(arg).get(focus, set())
        if kind == "inv":  # of a property (Plan refuses any other inverse path)
            return self.into(arg[1]).get(focus, set())
        if kind == "alt":
            return set().union(*(self.values(p, focus) for p in arg))
        if kind == "seq":
            nodes = {focus}
            for p in arg:
                nodes = set().union(*(self.values(p, n) for n in nodes)) if nodes else set()
            return nodes
        if kind == "?":
            return {focus} | self.values(arg, focus)
        seen: set[Node] = {focus} if kind == "*" else set()
        todo = [focus]
        while todo:
            for v in self.values(arg, todo.pop()):
                if v not in seen:
                    seen.add(v)
                    todo.append(v)
        return seen

    def subclasses(self, cls: Node) -> frozenset[Node]:
        got = self._subclasses.get(cls)
        if got is None:
            sub = self.into(RDFS.subClassOf)
            seen, todo = {cls}, [cls]
            while todo:
                for s in sub.get(todo.pop(), ()):
                    if s not in seen:
                        seen.add(s)
                        todo.append(s)
            got = self._subclasses[cls] = frozenset(seen)
        return got

    def is_instance(self, node: Node, cls: Node) -> bool:
        types = self.out(_RDF_TYPE).get(node)
        return bool(types) and not types.isdisjoint(self.subclasses(cls))

    def targets(self, shape: Shape) -> set[Node]:
        nodes: set[Node] = set()
        for pred, obj in shape.targets:
            if pred == SH.targetClass:
                by_type = self.into(RDF.type)
                for cls in self.subclasses(obj):
                    nodes.update(by_type.get(cls, ()))
            elif pred == SH.targetSubjectsOf:
                nodes.update(self.out(obj))
            elif pred == SH.targetObjectsOf:
                nodes.update(self.into(obj))
            else:
                nodes.add(obj)
        return nodes


# ---------------------------------------------------------------------------------- checking
@dataclass(frozen=True)
class Found:
    """One result, before it becomes report triples."""

    focus: Node
    shape: Shape
    component: URIRef
    value: Node | None = None
    path: Node | None = None  # a SPARQL constraint's ?path (else the shape's own path)
    constraint: Node | None = None  # the SPARQL constraint
    bound: tuple | None = None  # ((name, term), ...) of a SPARQL result, for its messages


class Checker:
    def __init__(self, plan: Plan, data: Data, sparql_engine: Any) -> None:
        self.plan = plan
        self.data = data
        self.sparql_engine = sparql_engine
        self._conforms: dict[tuple[int, Node], bool] = {}
        self._checking: set[tuple[int, Node]] = set()
        self._pending: dict[tuple[int, int], tuple[Shape, Sparql, set[Node], list[Shape]]] = {}

    # Top level: each target shape for all its focus nodes at once; SPARQL constraints gathered
    # per (shape, constraint) across every shape that reaches them, then run once each.
    def run(self) -> list[Found]:
        found: list[Found] = []
        for shape in self.plan.top:
            focus = self.data.targets(shape)
            if focus:
                found.extend(self.check(shape, focus, defer=shape))
        for shape, constraint, focus, roots in self._pending.values():
            found.extend(self._sparql_all(shape, constraint, focus, roots))
        return found

    def conforms(self, shape: Shape, node: Node) -> bool:
        key = (id(shape), node)
        got = self._conforms.get(key)
        if got is None:
            if key in self._checking:
                raise KGError(f"the shape {_name(self.plan.graph, shape.node)} refers to itself through its values "
                              "(a recursive shape, which SHACL leaves undefined); validate with --engine reference.")
            self._checking.add(key)
            try:
                got = self._conforms[key] = not any(True for _ in self.check(shape, {node}))
            finally:
                self._checking.discard(key)
        return got

    def check(self, shape: Shape, focus: Iterable[Node], defer: Shape | None = None) -> Iterable[Found]:
        if shape.deactivated:
            return
        data = self.data
        for f in focus:
            values = data.values(shape.path, f) if shape.is_property else {f}
            for pred, param in shape.constraints:
                if pred in _SPARQLS:
                    if param.deactivated:
                        continue
                    if defer is not None:
                        self._defer(shape, param, f, defer)
                    else:
                        yield from self._sparql_one(shape, param, f)
                    continue
                yield from _CHECKS[pred](self, shape, param, f, values)
            for prop in shape.properties:
                # a node shape's property shapes see the focus node; a property shape's, each value
                # (whose SPARQL constraints then run one node at a time: the targets do not bind it)
                for v in (values if shape.is_property else (f,)):
                    yield from self.check(prop, (v,), defer=None if shape.is_property else defer)

    # Each constraint component: (shape, parameter, focus node, its value nodes) -> results.
    def _class(self, shape, cls, f, values):
        is_instance = self.data.is_instance
        return [Found(f, shape, _CLASS, v) for v in values if not is_instance(v, cls)]

    def _datatype(self, shape, dt, f, values):
        return [Found(f, shape, _DATATYPE, v) for v in values if not _datatype_ok(v, dt)]

    def _node_kind(self, shape, kind, f, values):
        return [Found(f, shape, _NODE_KIND, v) for v in values if not _kind_ok(v, kind)]

    def _min_count(self, shape, n, f, values):
        return [Found(f, shape, _MIN_COUNT)] if len(values) < n else []

    def _max_count(self, shape, n, f, values):
        return [Found(f, shape, _MAX_COUNT)] if len(values) > n else []

    def _pattern(self, shape, regex, f, values):
        return [Found(f, shape, _PATTERN, v) for v in values if isinstance(v, BNode) or not regex.search(str(v))]

    def _language_in(self, shape, langs, f, values):
        wanted = {str(x).lower() for x in langs}
        return [Found(f, shape, _LANGUAGE_IN, v) for v in values if not _lang_ok(v, wanted)]

    def _unique_lang(self, shape, on, f, values):
        if not on:
            return []
        seen: set[str] = set()
        duplicated: set[str] = set()
        for v in values:
            if isinstance(v, Literal) and v.language:
                lang = v.language.lower()
                (duplicated if lang in seen else seen).add(lang)
        return [Found(f, shape, _UNIQUE_LANG) for _ in duplicated]

    def _in(self, shape, allowed, f, values):
        return [Found(f, shape, _IN, v) for v in values if v not in allowed]

    def _has_value(self, shape, wanted, f, values):
        return [] if wanted in values else [Found(f, shape, _HAS_VALUE)]

    def _node(self, shape, other, f, values):
        return [Found(f, shape, _NODE, v) for v in values if not self.conforms(other, v)]

    def _not(self, shape, other, f, values):
        return [Found(f, shape, _NOT, v) for v in values if self.conforms(other, v)]

    def _and(self, shape, others, f, values):
        return [Found(f, shape, _AND, v) for v in values if not all(self.conforms(s, v) for s in others)]

    def _or(self, shape, others, f, values):
        return [Found(f, shape, _OR, v) for v in values if not any(self.conforms(s, v) for s in others)]

    def _xone(self, shape, others, f, values):
        return [Found(f, shape, _XONE, v) for v in values if sum(1 for s in others if self.conforms(s, v)) != 1]

    def _qualified(self, shape, param, f, values):
        inner, lo, hi = param
        n = sum(1 for v in values if self.conforms(inner, v))
        out = []
        if hi is not None and n > hi:
            out.append(Found(f, shape, SH.QualifiedMaxCountConstraintComponent))
        if lo is not None and n < lo:
            out.append(Found(f, shape, SH.QualifiedMinCountConstraintComponent))
        return out

    def _equals(self, shape, prop, f, values):
        other = self.data.values(("p", prop), f)
        return [Found(f, shape, _EQUALS, v) for v in sorted(values ^ other, key=str)]

    def _disjoint(self, shape, prop, f, values):
        other = self.data.values(("p", prop), f)
        return [Found(f, shape, _DISJOINT, v) for v in values if v in other]

    def _less_than(self, shape, prop, f, values, strict=True):
        other = self.data.values(("p", prop), f)
        comp = _LESS_THAN if strict else _LESS_THAN_OR_EQUALS
        return [Found(f, shape, comp, v) for v in values for w in other if not _less(v, w, strict, shape, self.plan)]

    def _less_than_or_equals(self, shape, prop, f, values):
        return self._less_than(shape, prop, f, values, strict=False)

    def _min_inclusive(self, shape, least, f, values):
        return [Found(f, shape, _MIN_INCLUSIVE, v) for v in values if not _at_least(v, least)]

    # SPARQL constraints --------------------------------------------------------------------
    def _defer(self, shape: Shape, constraint: Sparql, focus: Node, root: Shape) -> None:
        key = (id(shape), id(constraint))
        entry = self._pending.get(key)
        if entry is None:
            entry = self._pending[key] = (shape, constraint, set(), [])
        entry[2].add(focus)
        if root not in entry[3]:
            entry[3].append(root)

    def _text(self, shape: Shape, constraint: Sparql) -> str:
        """The constraint's SELECT with ``$PATH`` written out (``$this`` still to bind)."""
        text = constraint.select
        if re.search(r"\$PATH\b", text):
            if not shape.is_property:
                raise KGError(f"the SPARQL constraint {_name(self.plan.graph, constraint.node)} uses $PATH, but the shape "
                              f"{_name(self.plan.graph, shape.node)} has no path.")
            text = re.sub(r"\$PATH\b", lambda _: _sparql_path(shape.path), text)
        return text

    def _sparql_all(self, shape: Shape, constraint: Sparql, focus: set[Node], roots: list[Shape]) -> Iterable[Found]:
        """One query for every focus node: ``?this`` bound by the targets of the shapes that reach
        the constraint (a superset of the focus nodes; rows are kept for focus nodes only).

        Binding ``$this`` by a join gives pre-binding's answers only where ``$this`` is bound by a
        triple pattern of each group that uses it (:func:`_joinable`); any other query runs once per
        focus node with ``$this`` written in, as pySHACL runs it.
        """
        text = self._text(shape, constraint)
        if not _joinable(text):
            return [r for f in sorted(focus, key=str) for r in self._sparql_one(shape, constraint, f)]
        branches = []
        for root in roots:
            for pred, obj in root.targets:
                if pred == SH.targetClass:
                    branches.append(f"?this <{RDF.type}>/<{RDFS.subClassOf}>* {obj.n3()} .")
                elif pred == SH.targetSubjectsOf:
                    branches.append(f"?this {obj.n3()} [] .")
                elif pred == SH.targetObjectsOf:
                    branches.append(f"[] {obj.n3()} ?this .")
                else:
                    branches.append(f"VALUES ?this {{ {obj.n3()} }}")
        binder = "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {b} }}" for b in branches) + " } }"
        text = re.sub(r"\$this\b", "?this", text)
        start = _where(text)
        end = _group_end(text, start)
        # The binder closes the WHERE group: the constraint's own patterns come first, so Oxigraph
        # (which plans joins in the order written) starts from them, not from every target node.
        query = f"{constraint.prefixes}\n{text[:end]}\n{binder}\n{text[end:]}"
        return self._results(shape, constraint, query, focus)

    def _sparql_one(self, shape: Shape, constraint: Sparql, focus: Node) -> Iterable[Found]:
        """The constraint for one focus node, ``$this`` written in as its term (pre-binding)."""
        if isinstance(focus, BNode):
            raise KGError(f"the SPARQL constraint {_name(self.plan.graph, constraint.node)} cannot be run for a blank "
                          "node by the fast SHACL engine; validate with --engine reference.")
        text = self._text(shape, constraint)
        start = _where(text)
        head, body = text[:start], text[start:]
        term = focus.n3()
        head = _projected_this(head, lambda _: f"({term} AS ?this)")
        query = constraint.prefixes + "\n" + re.sub(r"\$this\b", lambda _: term, head + body)
        return self._results(shape, constraint, query, {focus}, default_this=focus)

    def _results(self, shape: Shape, constraint: Sparql, text: str, focus: set[Node],
                 default_this: Node | None = None) -> list[Found]:

        try:
            names, rows = self.sparql_engine.select(text)
        except KGError as exc:
            raise KGError(f"the SPARQL constraint {_name(self.plan.graph, constraint.node)} failed: {exc}") from None
        out: list[Found] = []
        seen: set = set()
        graph = self.data.graph
        for row in rows:
            binding = {n: t for n, t in zip(names, row) if t is not None}
            raw_this = binding.pop("this", None)
            this = raw_this or default_this
            if this not in focus:
                continue
            if raw_this is None and "path" not in binding and "value" not in binding and "failure" not in binding:
                continue  # as pySHACL: a row that binds none of this, path, value or failure is no result
            binding = {n: _stored_form(graph, this, t) for n, t in binding.items()}
            if binding.pop("failure", None) is not None:
                key = (this, True)
                if key not in seen:
                    seen.add(key)
                    out.append(Found(this, shape, SH.SPARQLConstraintComponent, None if shape.is_property else this,
                                     None, constraint.node, tuple(sorted(binding.items())) + (("this", this),)))
                continue
            path, value = binding.pop("path", None), binding.pop("value", None)
            key = (this, path, value, tuple(sorted(binding.items())))
            if key in seen:
                continue
            seen.add(key)
            if value is None and not shape.is_property:
                value = this
            bound = tuple(sorted(binding.items())) + tuple(
                (n, t) for n, t in (("this", this), ("path", path), ("value", value)) if t is not None)
            out.append(Found(this, shape, SH.SPARQLConstraintComponent, value, path, constraint.node, bound))
        return out


_CLASS, _DATATYPE, _NODE_KIND = SH.ClassConstraintComponent, SH.DatatypeConstraintComponent, SH.NodeKindConstraintComponent
_MIN_COUNT, _MAX_COUNT = SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent
_PATTERN, _LANGUAGE_IN, _UNIQUE_LANG = SH.PatternConstraintComponent, SH.LanguageInConstraintComponent, SH.UniqueLangConstraintComponent
_IN, _HAS_VALUE, _NODE, _NOT = SH.InConstraintComponent, SH.HasValueConstraintComponent, SH.NodeConstraintComponent, SH.NotConstraintComponent
_AND, _OR, _XONE = SH.AndConstraintComponent, SH.OrConstraintComponent, SH.XoneConstraintComponent
_EQUALS, _DISJOINT = SH.EqualsConstraintComponent, SH.DisjointConstraintComponent
_LESS_THAN, _LESS_THAN_OR_EQUALS = SH.LessThanConstraintComponent, SH.LessThanOrEqualsConstraintComponent
_MIN_INCLUSIVE = SH.MinInclusiveConstraintComponent
_CHECKS = {
    SH["class"]: Checker._class, SH.datatype: Checker._datatype, SH.nodeKind: Checker._node_kind,
    SH.minCount: Checker._min_count, SH.maxCount: Checker._max_count, SH.pattern: Checker._pattern,
    SH.languageIn: Checker._language_in, SH.uniqueLang: Checker._unique_lang, SH["in"]: Checker._in,
    SH.hasValue: Checker._has_value, SH.node: Checker._node, SH["not"]: Checker._not, SH["and"]: Checker._and,
    SH["or"]: Checker._or, SH.xone: Checker._xone, SH.qualifiedValueShape: Checker._qualified,
    SH.equals: Checker._equals, SH.disjoint: Checker._disjoint, SH.lessThan: Checker._less_than,
    SH.lessThanOrEquals: Checker._less_than_or_equals, SH.minInclusive: Checker._min_inclusive,
}


# Enough of SPARQL's lexical rules to match braces: IRIs, strings (long and short) and comments are
# skipped, so a brace inside them does not count.
_BRACES = re.compile(
    r'<[^<>"{}|^`\\\s]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*|(?P<brace>[{}])'
)


def _masked(text: str) -> str:
    """``text`` with IRIs, strings and comments blanked (same length): what is left is syntax."""
    return _BRACES.sub(lambda m: m.group(0) if m.group("brace") else " " * len(m.group(0)), text)


def _where(text: str) -> int:
    """The index of the ``{`` that opens the WHERE group."""
    masked = _masked(text)
    m = re.search(r"\bWHERE\s*\{", masked, re.I) or re.search(r"\{", masked)
    if m is None or _group_end(text, m.end() - 1) is None:
        raise KGError("a SPARQL constraint has no WHERE group the fast SHACL engine can read; validate with --engine reference.")
    return m.end() - 1


def _projected_this(head: str, replace) -> str:  # type: ignore[no-untyped-def]
    """The SELECT clause with a plainly projected ``$this``/``?this`` replaced (not inside an expression)."""
    depth, out, i = 0, [], 0
    for m in re.finditer(r"[()]|[$?]this\b", head):
        tok = m.group(0)
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth -= 1
        elif depth == 0:
            out.append(head[i:m.start()])
            out.append(replace(tok))
            i = m.end()
    out.append(head[i:])
    return "".join(out)


_UNSAFE = re.compile(r"\b(LIMIT|OFFSET|GROUP\s+BY|HAVING|VALUES|SERVICE|MINUS|GRAPH)\b", re.I)


def _joinable(text: str) -> bool:
    """Whether binding ``$this`` by a join (the binder at the end of the WHERE group) gives what
    pre-binding gives. Conservative: ``$this`` is projected as a plain variable; no aggregation,
    LIMIT/OFFSET, VALUES, MINUS, GRAPH, SERVICE or subquery; no ``$this`` in a BIND or inside an
    OPTIONAL; and every nested group that mentions ``$this`` (outside FILTER [NOT] EXISTS, which
    sees the bindings around it) binds it with a triple pattern of its own."""
    masked = _masked(text)
    start = _where(text)
    head = masked[:start]
    if len(re.findall(r"\bSELECT\b", masked, re.I)) != 1 or _UNSAFE.search(masked):
        return False
    projected = []
    _projected_this(head, lambda tok: projected.append(tok) or tok)
    if not projected or len(re.findall(r"[$?]this\b", head)) != len(projected):
        return False
    # the groups: (open, close, kind), kind from the keyword before the brace
    groups, stack = [], []
    for m in re.finditer(r"[{}]", masked):
        if m.group(0) == "{":
            before = masked[:m.start()].rstrip()
            kind = ("exists" if re.search(r"\bEXISTS$", before, re.I) else "optional" if re.search(r"\bOPTIONAL$", before, re.I)
                    else "top" if m.start() == start else "group")
            stack.append((m.start(), kind))
        elif stack:
            open_, kind = stack.pop()
            groups.append((open_, m.start(), kind))
    for open_, close, kind in groups:
        inner = masked[open_ + 1:close]
        if kind == "optional" and "$this" in inner:
            return False
        if re.search(r"\bBIND\s*\([^()]*(\([^()]*\)[^()]*)*\$this", inner, re.I):
            return False
        if kind in ("exists", "top"):
            continue
        own = list(inner)  # this group's own text: child groups other than EXISTS ones blanked
        for o2, c2, k2 in groups:
            if open_ < o2 and c2 < close and k2 != "exists":
                own[o2 - open_ - 1:c2 - open_] = " " * (c2 - o2 + 1)
        own_text = "".join(own)
        if "$this" not in own_text:
            continue
        patterns = re.sub(r"\b(?:FILTER|BIND)\s*(?:NOT\s+)?(?:EXISTS\s*\{[^{}]*\}|\((?:[^()]|\([^()]*\))*\))", " ",
                          own_text, flags=re.I)
        patterns = re.sub(r"\{[^{}]*\}", " ", patterns)  # EXISTS groups left inside
        if "$this" not in patterns:
            return False
    return True


def _group_end(text: str, start: int) -> int | None:
    """The index of the ``}`` that closes the group opened at ``text[start]``."""
    depth = 0
    for m in _BRACES.finditer(text, start):
        brace = m.group("brace")
        if brace == "{":
            depth += 1
        elif brace == "}":
            depth -= 1
            if depth == 0:
                return m.start()
    return None


def _datatype_ok(v: Node, dt: Node) -> bool:
    if not isinstance(v, Literal):
        return False
    if v.datatype == dt:
        if getattr(v, "ill_typed", None) is True:
            # rdflib computes the flag once, when the literal is made; owlrl's converters for
            # xsd:gMonth, gDay and gMonthDay (see kg.checks.validate) may have set it wrongly, and the store
            # can hand back that old object: for those types only, ask again with rdflib's own
            if dt not in _BROKEN_AFTER_OWLRL or Literal(str(v), datatype=dt).ill_typed is True:
                return False
        return _value_ok(v, dt)
    if dt == RDFS.Literal:
        return True
    if dt == RDFS.Datatype and v.datatype:
        return True
    if v.datatype is None and v.language is None and dt == XSD.string:
        return _value_ok(v, dt)
    if dt == _RDF_LANGSTRING and v.language:
        return _value_ok(v, dt)
    return False


def _value_ok(v: Literal, dt: Node) -> bool:
    """Whether rdflib could turn the literal into a value of its type (for the types it knows)."""
    want = _VALUE_TYPES.get(dt)
    return True if want is None else isinstance(v.value, want)


_KINDS = {  # node kind -> the term classes it admits
    SH.IRI: (URIRef,), SH.BlankNode: (BNode,), SH.Literal: (Literal,), SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal), SH.IRIOrLiteral: (URIRef, Literal),
}


def _kind_ok(v: Node, kind: Node) -> bool:
    return isinstance(v, _KINDS.get(kind, ()))


def _lang_ok(v: Node, wanted: set[str]) -> bool:
    if not isinstance(v, Literal) or not v.language:
        return False
    lang = v.language.lower()
    return "*" in wanted or lang in wanted or lang.split("-")[0] in wanted


def _less(v: Node, w: Node, strict: bool, shape: Shape, plan: Plan) -> bool:
    if isinstance(v, BNode) or isinstance(w, BNode):
        raise KGError(f"sh:lessThan cannot compare a blank node (shape {_name(plan.graph, shape.node)}).")

    def key(x: Node) -> tuple[bool, Any]:
        if isinstance(x, URIRef):
            return True, str(x)
        if isinstance(x, Literal) and isinstance(x.value, str):
            return True, x.value
        return False, x

    (vs, a), (ws, b) = key(v), key(w)
    if vs != ws:
        return False
    try:
        return bool(a < b) if strict else bool(a <= b)
    except TypeError:
        return False


def _at_least(v: Node, least: Node) -> bool:
    """sh:minInclusive as pySHACL decides it: a literal comparable with the bound (numbers with
    numbers, strings with strings) and not below it; anything else fails."""
    if not isinstance(v, Literal) or not isinstance(least, Literal):
        return False
    if isinstance(v.value, str) != isinstance(least.value, str):
        return False
    try:
        return bool(v.value >= least.value)
    except TypeError:
        return False


# ---------------------------------------------------------------------------------- the report
def report_graph(found: Iterable[Found], plan: Plan) -> tuple[bool, Graph]:
    """The W3C validation report, as pySHACL writes it."""
    g = Graph()
    report = BNode()
    g.add((report, RDF.type, SH.ValidationReport))
    conforms = True  # as pySHACL with allow_warnings=False: any result, whatever its severity
    for r in found:
        conforms = False
        node = BNode()
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.sourceConstraintComponent, r.component))
        g.add((node, SH.sourceShape, _copy(plan.graph, r.shape.node, g)))
        g.add((node, SH.resultSeverity, r.shape.severity))
        g.add((node, SH.focusNode, r.focus))
        if r.value is not None:
            g.add((node, SH.value, r.value))
        path = r.path if r.path is not None else r.shape.path_node
        if path is not None:
            g.add((node, SH.resultPath, _copy(plan.graph, path, g)))
        if r.constraint is not None:
            g.add((node, SH.sourceConstraint, _copy(plan.graph, r.constraint, g)))
        for message in _messages(r, plan):
            g.add((node, SH.resultMessage, message))
    g.add((report, SH.conforms, Literal(conforms)))
    return conforms, g


def _messages(r: Found, plan: Plan) -> list[Node]:
    """The shape's messages and the SPARQL constraint's, with a SPARQL result's ``{?var}`` filled
    in (which, as in pySHACL, leaves them without their language tag)."""
    own = list(r.shape.messages)
    extra = [m for m in (plan.sparql(r.constraint).messages if r.constraint is not None else []) if m not in own]
    if r.bound is None:
        return own + extra if own or extra else [Literal(_generic(r))]
    values = dict(r.bound)
    out = []
    for m in own + extra:
        if isinstance(m, Literal):
            text = str(m.value)
            for name, term in values.items():
                text = re.sub("{[?$]%s}" % re.escape(name), lambda _: str(term), text)
            m = Literal(text)
        out.append(m)
    return out


def _generic(r: Found) -> str:
    name = str(r.component).rsplit("#", 1)[-1].replace("ConstraintComponent", "")
    return f"Value does not satisfy the {name} constraint of this shape"


def _copy(src: Graph, node: Node, dst: Graph) -> Node:
    """A blank node of the shapes graph (a path, a shape) copied into the report with its triples."""
    if isinstance(node, BNode):
        todo, seen = [node], set()
        while todo:
            n = todo.pop()
            if n in seen:
                continue
            seen.add(n)
            for p, o in src.predicate_objects(n):
                dst.add((n, p, o))
                if isinstance(o, BNode):
                    todo.append(o)
    return node


# ---------------------------------------------------------------------------------- entry point
_PLANS: "weakref.WeakKeyDictionary[Graph, tuple[int, Plan]]" = weakref.WeakKeyDictionary()


def _plan(shapes: Graph) -> Plan:
    """The plan of a shapes graph, read once per graph object (the default shapes are one object
    while ``ontology/shapes.ttl`` is unchanged): a build validating statement after statement,
    or the drafter's evaluation, does not read the shapes again. Re-read if the graph's size changed."""
    got = _PLANS.get(shapes)
    if got is not None and got[0] == len(shapes):
        return got[1]
    plan = Plan(shapes)
    _PLANS[shapes] = (len(shapes), plan)
    return plan


def validate(data: Graph, shapes: Graph, sparql_engine: Any = None) -> tuple[bool, Graph]:
    """Check ``data`` (already materialised) against ``shapes``: ``(conforms, report graph)``.

    ``sparql_engine`` answers the SPARQL constraints (``select(text) -> (names, rows)``, as in
    ``kg.sparql.engines``); by default an Oxigraph store loaded with ``data``.
    """
    plan = _plan(shapes)
    if sparql_engine is None and plan._sparql:
        from kg.sparql.engines import OxigraphEngine

        sparql_engine = OxigraphEngine(data)
    found = Checker(plan, Data(data), sparql_engine).run()
    return report_graph(found, plan)
