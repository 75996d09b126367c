"""Ontology documentation and a picture of the model, both generated from ``ontology/kidd.ttl``.

``write_docs(out_dir)`` writes

* ``ontology.html`` — the ontology's reference page. With pyLODE installed (the ``docs``
  extra) it is pyLODE's *OntPub* page; without it, a plain page made here with the same
  content: the header metadata, every class (label, definition, scope note, example,
  superclasses) and every property (kind, label, definition, domain, range, super-property,
  inverse, characteristics).
* ``model.mmd`` / ``model.md`` — a Mermaid ``classDiagram`` of the main classes (those that are
  the domain or range of a ``kidd:`` object property), their ``kidd:`` superclass edges and the
  object properties between them, domain → range, an inverse pair drawn once (``leads / ledBy``);
  ``model.md`` wraps it in a fenced block that GitHub renders.
* ``model.dot`` — the same picture for Graphviz, and ``model.svg`` when the ``dot`` program is
  on the PATH (it is not required).

``write_diagrams(dir)`` writes just ``model.mmd`` and ``model.md`` (for the checked-in
``docs/``). All output is deterministic: the same ontology gives the same bytes.
"""

from __future__ import annotations

import html
import logging
import shutil
import subprocess
from pathlib import Path

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, VANN

from kg.exports.formats import write_atomic
from kg.namespace import KIDD, ONTOLOGY_IRI
from kg.source.terms import load_graph
from kg.resources import ontology_dir

NS = str(KIDD._NS)
MAX_EDGES = 40
HEADER = "generated from ontology/kidd.ttl by `make docs` (kg.exports.docs); do not edit by hand"


def load_ontology() -> Graph:
    return load_graph([ontology_dir() / "kidd.ttl"])


# ---------------------------------------------------------------------- the model
def _local(iri: URIRef) -> str:
    return str(iri)[len(NS):]


def _own(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(NS)


def _classes(g: Graph) -> list[URIRef]:
    return sorted(c for c in g.subjects(RDF.type, OWL.Class) if _own(c))


def _properties(g: Graph, kind: URIRef) -> list[URIRef]:
    return sorted(p for p in g.subjects(RDF.type, kind) if _own(p))


def model(ontology: Graph) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str, str]], dict[str, list[tuple[str, str]]]]:
    """The diagram's content: main classes, subclass edges (sub, super), property edges
    (domain, range, label) and datatype attributes per class, all sorted."""
    g = ontology
    main: set[str] = set()
    edges: dict[tuple[str, str], list[str]] = {}
    drawn: set[URIRef] = set()
    for p in _properties(g, OWL.ObjectProperty):
        for node in (g.value(p, RDFS.domain), g.value(p, RDFS.range)):
            if _own(node):
                main.add(_local(node))
    for p in _properties(g, OWL.ObjectProperty):
        if p in drawn:
            continue
        d, r = g.value(p, RDFS.domain), g.value(p, RDFS.range)
        if not (_own(d) and _own(r)):
            continue
        label = _local(p)
        inverse = g.value(p, OWL.inverseOf) or g.value(None, OWL.inverseOf, p)
        if _own(inverse) and g.value(inverse, RDFS.domain) == r and g.value(inverse, RDFS.range) == d:
            label = f"{_local(p)} / {_local(inverse)}"
            drawn.add(inverse)
        drawn.add(p)
        edges.setdefault((_local(d), _local(r)), []).append(label)
    subclass = sorted(
        (_local(c), _local(s))
        for c in _classes(g)
        for s in g.objects(c, RDFS.subClassOf)
        if _own(s) and _local(c) in main and _local(s) in main
    )
    prop_edges = sorted((d, r, label) for (d, r), labels in edges.items() for label in labels)
    attributes: dict[str, list[tuple[str, str]]] = {}
    for p in _properties(g, OWL.DatatypeProperty):
        d, r = g.value(p, RDFS.domain), g.value(p, RDFS.range)
        if _own(d) and _local(d) in main:
            rng = str(r).rsplit("#", 1)[-1] if r is not None else "literal"
            attributes.setdefault(_local(d), []).append((_local(p), rng))
    return sorted(main), subclass, prop_edges, {k: sorted(v) for k, v in sorted(attributes.items())}


def mermaid(ontology: Graph) -> str:
    """A Mermaid ``classDiagram`` of the main classes and relations (deterministic)."""
    classes, subclass, prop_edges, attributes = model(ontology)
    if len(subclass) + len(prop_edges) > MAX_EDGES:
        prop_edges = prop_edges[: max(0, MAX_EDGES - len(subclass))]
    lines = ["classDiagram", f"  %% {HEADER}", "  direction LR"]
    for c in classes:
        if c in attributes:
            lines.append(f"  class {c} {{")
            lines.extend(f"    +{rng} {name}" for name, rng in attributes[c])
            lines.append("  }")
        else:
            lines.append(f"  class {c}")
    for sub, sup in subclass:
        lines.append(f"  {sup} <|-- {sub}")
    for d, r, label in prop_edges:
        lines.append(f"  {d} --> {r} : {label}")
    return "\n".join(lines) + "\n"


def mermaid_markdown(ontology: Graph) -> str:
    """``model.md``: the diagram as a fenced block to paste into (or include in) a README."""
    title = ontology.value(ONTOLOGY_IRI, DCTERMS.title) or "the ontology"
    return (
        f"<!-- {HEADER} -->\n"
        f"Main classes and relations of the {title} (`kidd:`): an arrow with a triangle points to the\n"
        "superclass; a labelled arrow is an object property, from its domain to its range.\n\n"
        "```mermaid\n" + mermaid(ontology) + "```\n"
    )


def dot(ontology: Graph) -> str:
    """The same picture in Graphviz DOT."""
    classes, subclass, prop_edges, attributes = model(ontology)
    lines = [f"// {HEADER}", "digraph kidd {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for c in classes:
        attrs = "".join(f"\\l{name}: {rng}" for name, rng in attributes.get(c, []))
        end = "\\l" if attrs else ""
        lines.append(f'  "{c}" [label="{c}{attrs}{end}"];')
    for sub, sup in subclass:
        lines.append(f'  "{sub}" -> "{sup}" [arrowhead=empty, style=dashed];')
    for d, r, label in prop_edges:
        lines.append(f'  "{d}" -> "{r}" [label="{label}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------- HTML
def html_page(ontology: Graph) -> str:
    """The ontology page: pyLODE's when it is installed and works, else :func:`plain_html`."""
    page = _pylode_html(ontology)
    return page if page is not None else plain_html(ontology)


def _pylode_html(ontology: Graph) -> str | None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub  # imports configure the root logger; undone below
    except Exception:  # not installed, or a broken release (pylode 3.4.1 reads a missing pyproject.toml)
        return None
    finally:
        for h in list(root.handlers):
            if h not in handlers:
                root.removeHandler(h)
        root.setLevel(level)
    quiet = logging.getLogger().level
    logging.getLogger().setLevel(logging.WARNING)
    try:
        return OntPub(_for_pylode(ontology), sort_subjects=True).make_html()
    except Exception:
        return None
    finally:
        logging.getLogger().setLevel(quiet)


def _for_pylode(ontology: Graph) -> Graph:
    """A copy for pyLODE, which runs all of a term's labels together ("Speech act발화 행위"):
    a label in another language than English, on a term that has an English one, is shown as
    a note ("Label (ko): 발화 행위") instead."""
    g = Graph()
    for prefix, ns in ontology.namespaces():
        g.bind(prefix, ns)
    for s, p, o in ontology:
        if p == RDFS.label and isinstance(o, Literal) and o.language not in (None, "en") and any(
            isinstance(x, Literal) and x.language == "en" for x in ontology.objects(s, RDFS.label)
        ):
            g.add((s, SKOS.note, Literal(f"Label ({o.language}): {o}", lang=o.language)))
        else:
            g.add((s, p, o))
    return g


def _text(g: Graph, s: URIRef, p: URIRef) -> str:
    values = sorted(g.objects(s, p), key=lambda o: (getattr(o, "language", None) != "en", str(o)))
    return str(values[0]) if values else ""


def _labels(g: Graph, s: URIRef, p: URIRef = RDFS.label) -> str:
    vals = sorted(g.objects(s, p), key=lambda o: (getattr(o, "language", None) or "", str(o)))
    return " · ".join(html.escape(str(v)) for v in vals if isinstance(v, Literal))


def _ref(g: Graph, node: object) -> str:
    if _own(node):
        name = _local(node)  # type: ignore[arg-type]
        return f'<a href="#{name}"><code>kidd:{name}</code></a>'
    if isinstance(node, URIRef):
        qname = g.namespace_manager.normalizeUri(node)
        return f'<a href="{html.escape(str(node))}"><code>{html.escape(qname)}</code></a>'
    return "<em>(an anonymous class expression)</em>"


def plain_html(ontology: Graph) -> str:
    """A self-contained HTML page of the ontology (no JavaScript, one inline style sheet)."""
    g = ontology
    o = ONTOLOGY_IRI
    title = html.escape(_text(g, o, DCTERMS.title) or "Ontology")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{title}</title>",
        f"<!-- {html.escape(HEADER)} -->",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.45;padding:0 1em}"
        "dt{font-weight:bold}section.term{border-top:1px solid #ccc;padding-top:.5em}"
        "table{border-collapse:collapse}td,th{vertical-align:top;text-align:left;padding:.2em .6em}"
        "code{background:#f4f4f4}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        "<dl>",
        f'<dt>IRI</dt><dd><code>{html.escape(str(o))}</code></dd>',
    ]
    meta = [
        ("Version IRI", OWL.versionIRI), ("Version", OWL.versionInfo), ("Created", DCTERMS.created),
        ("Modified", DCTERMS.modified), ("Creator", DCTERMS.creator), ("Publisher", DCTERMS.publisher),
        ("License", DCTERMS.license), ("Preferred prefix", VANN.preferredNamespacePrefix),
        ("Namespace", VANN.preferredNamespaceUri), ("Imports", OWL.imports),
    ]
    for name, p in meta:
        for v in sorted(g.objects(o, p)):
            shown = f'<a href="{html.escape(str(v))}">{html.escape(str(v))}</a>' if isinstance(v, URIRef) else html.escape(str(v))
            out.append(f"<dt>{name}</dt><dd>{shown}</dd>")
    out.append("</dl>")
    for para in _text(g, o, DCTERMS.description).split("\n\n"):
        if para.strip():
            out.append(f"<p>{html.escape(para.strip())}</p>")

    classes = _classes(g)
    kinds = [("Object properties", OWL.ObjectProperty), ("Datatype properties", OWL.DatatypeProperty),
             ("Annotation properties", OWL.AnnotationProperty)]
    out.append("<h2>Contents</h2><ul>")
    out.append(f'<li><a href="#classes">Classes</a> ({len(classes)})</li>')
    for name, kind in kinds:
        out.append(f'<li><a href="#{name.split()[0].lower()}-properties">{name}</a> ({len(_properties(g, kind))})</li>')
    out.append("</ul>")

    out.append('<h2 id="classes">Classes</h2>')
    for c in classes:
        rows = [
            ("Superclasses", ", ".join(_ref(g, s) for s in sorted(g.objects(c, RDFS.subClassOf), key=str))),
            ("Subclasses", ", ".join(_ref(g, s) for s in sorted(g.subjects(RDFS.subClassOf, c), key=str) if _own(s))),
            ("Domain of", ", ".join(_ref(g, p) for p in sorted(g.subjects(RDFS.domain, c)) if _own(p))),
            ("Range of", ", ".join(_ref(g, p) for p in sorted(g.subjects(RDFS.range, c)) if _own(p))),
        ]
        out.append(_term_section(g, c, "Class", rows))
    for name, kind in kinds:
        out.append(f'<h2 id="{name.split()[0].lower()}-properties">{name}</h2>')
        for p in _properties(g, kind):
            traits = sorted(_local_any(t) for t in g.objects(p, RDF.type) if t != kind and str(t).startswith(str(OWL)))
            rows = [
                ("Domain", ", ".join(_ref(g, d) for d in sorted(g.objects(p, RDFS.domain), key=str))),
                ("Range", ", ".join(_ref(g, r) for r in sorted(g.objects(p, RDFS.range), key=str))),
                ("Super-properties", ", ".join(_ref(g, s) for s in sorted(g.objects(p, RDFS.subPropertyOf), key=str))),
                ("Inverse of", ", ".join(_ref(g, i) for i in sorted(set(g.objects(p, OWL.inverseOf)) | set(g.subjects(OWL.inverseOf, p)), key=str))),
                ("Characteristics", ", ".join(traits)),
            ]
            out.append(_term_section(g, p, name[:-1].capitalize(), rows))
    out += [f"<footer><p><small>{html.escape(HEADER)}.</small></p></footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _local_any(iri: URIRef) -> str:
    return str(iri).rsplit("#", 1)[-1]


def _term_section(g: Graph, term: URIRef, kind: str, rows: list[tuple[str, str]]) -> str:
    name = _local(term)
    parts = [f'<section class="term" id="{name}">', f"<h3>{_labels(g, term) or name} <small>({kind})</small></h3>",
             f"<p><code>{html.escape(str(term))}</code></p>", "<table>"]
    for label, p in (("Definition", SKOS.definition), ("Scope note", SKOS.scopeNote), ("Example", SKOS.example),
                     ("Comment", RDFS.comment)):
        text = _labels(g, term, p)
        if text:
            parts.append(f"<tr><th>{label}</th><td>{text}</td></tr>")
    for label, value in rows:
        if value:
            parts.append(f"<tr><th>{label}</th><td>{value}</td></tr>")
    parts += ["</table>", "</section>"]
    return "\n".join(parts)


# ---------------------------------------------------------------------- writing
def write_diagrams(out_dir: Path, ontology: Graph | None = None) -> list[Path]:
    """``model.mmd`` and ``model.md`` in ``out_dir`` (the checked-in ``docs/``)."""
    g = ontology if ontology is not None else load_ontology()
    out_dir = Path(out_dir)
    written = []
    for name, text in (("model.mmd", mermaid(g)), ("model.md", mermaid_markdown(g))):
        write_atomic(out_dir / name, text)
        written.append(out_dir / name)
    return written


def write_docs(out_dir: Path, diagrams_dir: Path | None = None, ontology: Graph | None = None) -> list[Path]:
    """Write the documentation into ``out_dir`` (``ontology.html``, ``model.mmd``, ``model.md``,
    ``model.dot`` and, when Graphviz is installed, ``model.svg``); with ``diagrams_dir`` also
    refresh ``model.mmd`` and ``model.md`` there. Returns the paths written, in order."""
    g = ontology if ontology is not None else load_ontology()
    out_dir = Path(out_dir)
    write_atomic(out_dir / "ontology.html", html_page(g))
    written = [out_dir / "ontology.html", *write_diagrams(out_dir, g)]
    write_atomic(out_dir / "model.dot", dot(g))
    written.append(out_dir / "model.dot")
    exe = shutil.which("dot")
    if exe:
        svg = subprocess.run([exe, "-Tsvg"], input=dot(g), capture_output=True, text=True, check=False)
        if svg.returncode == 0:
            write_atomic(out_dir / "model.svg", svg.stdout)
            written.append(out_dir / "model.svg")
    if diagrams_dir is not None:
        written += write_diagrams(Path(diagrams_dir), g)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.exports.docs [OUT] [--diagrams DIR]`` (until ``kg docs`` is wired in the CLI)."""
    import argparse
    import sys

    ap = argparse.ArgumentParser(prog="python -m kg.exports.docs", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, default=Path("build/docs"), help="output folder (build/docs)")
    ap.add_argument("--diagrams", type=Path, default=None, help="also refresh model.mmd and model.md here (docs)")
    args = ap.parse_args(argv)
    for path in write_docs(args.out, args.diagrams):
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
