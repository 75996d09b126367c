"""The ``kg`` command: build, export and describe the knowledge graph of joint statements.

Exit codes: 0 ok; 1 the graph violates its shapes; 2 an error in the input, the query or the
environment (the message names the file, line or node).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from typing import TYPE_CHECKING

from kg.errors import EXIT_ERROR, EXIT_OK, EXIT_VIOLATIONS, KGError
from kg.exports.files import emit, write_atomic
from kg.formats import EXPORTS

# The stages are imported by the commands that use them: `kg query` on a current store, `kg --help`
# and a usage error do not load the reasoners, the shape engines or the server.
if TYPE_CHECKING:  # pragma: no cover
    from kg.graph.build import BuildResult
    from kg.stack import Stack

STACK_NAMES = ("fast", "reference")  # kg.stack.STACKS (tests/test_cli.py keeps them equal)

DEFAULT_OUT = Path("build")
DEFAULT_DIST = Path("dist")


class Progress:
    """What a long command is doing, on standard error, one line overwritten in place — only when
    standard error is a terminal, and only once the command has run ``KG_PROGRESS_AFTER`` seconds
    (default 2: short runs stay quiet). Nothing when standard error is a file or a pipe, or with
    ``KG_PROGRESS=0``. No thread: the line changes when the work reaches its next step."""

    def __init__(self, command: str, stream=None) -> None:  # type: ignore[no-untyped-def]
        import os
        import time

        self.command = command
        self.stream = stream if stream is not None else sys.stderr
        try:
            tty = self.stream.isatty()
        except (AttributeError, ValueError):
            tty = False
        self.enabled = tty and os.environ.get("KG_PROGRESS", "1") != "0"
        try:
            self.after = float(os.environ.get("KG_PROGRESS_AFTER", "2"))
        except ValueError:
            self.after = 2.0
        self._clock = time.monotonic
        self._start = self._clock()
        self._shown = False

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        elapsed = self._clock() - self._start
        if elapsed < self.after:
            return
        self._write(f"\r\x1b[K{self.command}: {message} … ({elapsed:.0f} s)")
        self._shown = True

    def done(self) -> None:
        """Clear the progress line (the command's own output follows on standard output)."""
        if self._shown:
            self._write("\r\x1b[K")
            self._shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False


# commands whose options need neither kg.serve nor kg.draft (importing them costs a fifth of a second)
_PLAIN_COMMANDS = ("build", "export", "stats", "validate", "docs", "release")


class _Version(argparse.Action):
    """``--version``, looked up only when asked (importlib.metadata costs 40 ms)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):  # noqa: A002
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kg",
        description="Knowledge graph of what allies say and promise, built from official joint statements.",
        epilog="Exit codes: 0 ok, 1 shape violations, 2 error (bad input, query or environment).",
    )
    p.add_argument("--version", action=_Version, help="show program's version number and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--statements", type=Path, metavar="DIR",
                        help="folder of statements (default: the bundled statements/)")
        sp.add_argument("--statement", metavar="ID", help="only this statement (e.g. kidd-21)")
        sp.add_argument("--engine", choices=list(STACK_NAMES), default=None,
                        help="fast (default: Oxigraph, reasonable, kg.checks.fast) or reference (rdflib, owlrl, pySHACL); "
                             "same answers, see README")

    b = sub.add_parser("build", help="build the graph and write it under build/")
    common(b)
    b.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                   help="output folder (default: build/)")
    b.add_argument("--no-validate", action="store_true", help="skip the SHACL validation")
    b.add_argument("--incremental", action="store_true",
                   help="experimental: build per-statement units under OUT/units/ and the on-disk store OUT/store/ "
                        "that `kg query` reads, rebuilding only what changed (no dumps; see README)")
    b.add_argument("--full", action="store_true",
                   help="with --incremental: rebuild every statement's unit and reload the store")
    b.add_argument("-j", "--jobs", type=int, default=None, metavar="N",
                   help="worker processes for the statements that changed (default: one a core)")

    v = sub.add_parser("validate", help="check the graph (or RDF files) against the SHACL shapes",
                       description="Validate the built graph as users query it (asserted + inferred), or the "
                                   "given RDF files read together with the ontology. Exit 0 conforms, 1 violations, 2 error.")
    common(v)
    v.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="RDF files to check instead of the built graph (.ttl .nt .trig .nq .jsonld .rdf)")
    v.add_argument("-f", "--format", choices=["text", "turtle", "json"], default="text")

    e = sub.add_parser("export", help="write the graph in an RDF format, or the flat event table (events-csv)")
    common(e)
    e.add_argument("-f", "--format", choices=list(EXPORTS), default="turtle",
                   help="an RDF format, or events-csv: one row per act and event (README, \"The event table\")")
    e.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write (default: standard output)")
    e.add_argument("--inferred", action="store_true",
                   help="add the OWL 2 RL inferences (TriG/N-Quads: as the named graph id:graph/inferred)")

    r = sub.add_parser("release", help="write a release: dist/kidd-kg-<version>/ (gzipped dumps, ontology, mappings, VoID, checksums, citation, notes)",
                       description="Build every statement, validate, and write dist/kidd-kg-<version>/: the dumps gzipped "
                                   "(N-Triples, Turtle, JSON-LD, TriG with named graphs), the ontology and vocabularies, the SSSOM "
                                   "mapping set as TSV and RDF, void.ttl with absolute download URLs, CITATION.cff, RELEASE-NOTES.md "
                                   "(compared with the previous release in the folder) and SHA256SUMS. The same inputs, version "
                                   "and date give the same bytes. Exit 1 (nothing written) if the graph violates its shapes.")
    common(r)
    r.add_argument("-o", "--out", type=Path, default=DEFAULT_DIST, metavar="DIR", help="releases folder (default: dist/)")
    r.add_argument("--date", metavar="YYYY-MM-DD", help="release date (default: SOURCE_DATE_EPOCH, else today)")

    d = sub.add_parser("docs", help="HTML documentation and a diagram of the ontology, from ontology/kidd.ttl")
    d.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT / "docs", metavar="DIR",
                   help="output folder (default: build/docs/)")
    d.add_argument("--diagrams", type=Path, metavar="DIR",
                   help="also refresh the checked-in Mermaid diagram there (docs/)")

    s = sub.add_parser("stats", help="entities per class, facts, acts per kind and agent")
    common(s)

    q = sub.add_parser("query", help="run a stored query (name, number or slug), a .rq file, or - for stdin",
                       description="Run SPARQL against the graph as users query it: asserted facts, provenance, "
                                   "OWL 2 RL inferences, ontology and vocabularies.")
    common(q)
    q.add_argument("query", nargs="?", metavar="NAME|FILE|-", help="e.g. 01, delegation-leaders, my.rq, -")
    q.add_argument("-f", "--format", choices=["table", "csv", "tsv", "json"], default="table")
    q.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a variable (repeatable); IRIs as <…>, http… or prefix:name, numbers as is")
    q.add_argument("--list", action="store_true", help="list the stored queries")
    q.add_argument("--all", action="store_true",
                   help="answer every stored query, with its title and question (federated ones only with --service)")
    q.add_argument("--service", action="append", default=[], metavar="IRI=URL",
                   help="send a SERVICE <IRI> to URL instead (e.g. https://query.wikidata.org/sparql=http://localhost:7878/query)")
    q.add_argument("-o", "--output", type=Path, metavar="FILE", help="file to write (default: standard output)")
    q.add_argument("--out-dir", type=Path, metavar="DIR",
                   help="write each answer to DIR/NAME.EXT (csv, tsv, json, or txt for the table) and print "
                        "one summary line per query instead (what `make run` does: build/answers/)")
    q.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                   help="the build folder whose store answers, when it is current (default: build/); "
                        "else the graph is built in memory")

    if command in _PLAIN_COMMANDS:  # parsing one of these needs no other command's options
        return p
    from kg import serve

    serve.add_endpoint_arguments(q)
    common(serve.add_parser(sub))  # serve and publish read the graph: the same options as the others
    common(serve.add_publish_parser(sub))
    from kg.draft import cli as draft_cli

    draft_cli.add_parser(sub)
    return p


def _version() -> str:
    import kg

    return kg.__version__


def _stack(args: argparse.Namespace) -> "Stack":
    from kg.stack import stack

    return stack(getattr(args, "engine", None))


def _build(args: argparse.Namespace, progress=None) -> "BuildResult":  # type: ignore[no-untyped-def]
    from kg.pipeline import build

    return build(args.statements, only=args.statement, stack=_stack(args), progress=progress)


_SHACL_NAMES = {"fast": "kg.checks.fast", "reference": "pySHACL"}


def cmd_build(args: argparse.Namespace) -> int:
    if getattr(args, "incremental", False):
        return _cmd_build_incremental(args)
    progress = Progress("kg build")
    try:
        return _cmd_build(args, progress)
    finally:
        progress.done()


def _cmd_build_incremental(args: argparse.Namespace) -> int:
    import time

    from kg import incremental

    t0 = time.perf_counter()
    st = _stack(args)
    b = incremental.build(args.statements, args.out, st, full=args.full, validate=not args.no_validate, jobs=args.jobs)
    changed = incremental.update_store(b, full=args.full)
    n = len(b.units) - 1  # the corpus unit is not a statement
    inferred = sum(d.meta["inferred"] for d in b.derived.values())
    print(f"statements: {n}, rebuilt {len(b.rebuilt)}"
          + (f" ({', '.join(b.rebuilt)})" if 0 < len(b.rebuilt) <= 5 else "")
          + f", re-derived {len(b.rederived)} (units in {args.out / 'units'})")
    print(f"reasoning (OWL 2 RL, {st.reasoner}, per statement): {inferred} inferred triples, consistent")
    if b.validated:
        report = b.report()
        print(f"validation (SHACL, {_SHACL_NAMES[st.shacl]}, per statement): {report.summary()}")
        if not report.conforms:
            print()
            print(report.text())
    print(f"store: {args.out / 'store'} ({changed['parts']} parts replaced, +{changed['added']} -{changed['removed']} quads)"
          f" in {time.perf_counter() - t0:.2f} s")
    return EXIT_OK if not b.validated or not b.results else EXIT_VIOLATIONS


def _cmd_build(args: argparse.Namespace, progress: Progress) -> int:
    from kg.exports.background import start
    from kg.exports.formats import serialize

    result = _build(args, progress)
    progress(f"reasoning (OWL 2 RL, {_stack(args).reasoner})")
    inferred = result.inferred  # reasoning; stops with exit 2 if the graph is inconsistent
    out: Path = args.out
    asserted = result.union()
    dumps = {"turtle": out / "kg.ttl", "ntriples": out / "kg.nt", "trig": out / "kg.trig", "jsonld": out / "kg.jsonld"}

    def other_formats() -> dict[Path, str]:
        from kg.exports.void import describe

        return {
            out / "kg.trig": serialize(result.dataset, "trig"),
            out / "kg.jsonld": serialize(asserted, "jsonld"),
            out / "void.ttl": serialize(describe(result, dumps=dumps), "ntriples"),  # sizes added below
        }

    # TriG, JSON-LD and VoID are written beside the validation (kg.exports.background: a forked child
    # where that is safe, else in turn)
    progress("writing kg.ttl, kg.nt, inferred.ttl (kg.trig, kg.jsonld, void.ttl beside them)")
    with start(other_formats) as job:  # a failure here stops the child too
        outputs = {
            out / "kg.ttl": serialize(asserted, "turtle"),
            out / "kg.nt": serialize(asserted, "ntriples"),
            out / "inferred.ttl": serialize(inferred, "turtle"),
        }
        report = None
        if not args.no_validate:  # the closure is consistent (above); the shapes check the assertions
            from kg.reasoning import checked

            progress(f"validating (SHACL, {_SHACL_NAMES[_stack(args).shacl]})")
            report = _stack(args).validate(checked(result))
        progress("writing kg.trig, kg.jsonld, void.ttl")
        outputs.update(job.result())  # kg.trig, kg.jsonld, void.ttl: after the three above
    from kg.exports.outputs import write_set
    from kg.exports.void import with_sizes

    sizes = {fmt: len(outputs[path].encode("utf-8")) for fmt, path in dumps.items()}
    outputs[out / "void.ttl"] = serialize(with_sizes(outputs[out / "void.ttl"], sizes), "turtle")
    progress(f"writing the output set in {out}")
    write_set(out, {path.name: text for path, text in outputs.items()})  # the whole set, or nothing
    progress.done()
    _print_stats(result)
    from kg.graph.build import drafts_summary

    if (line := drafts_summary(result)) is not None:
        print(f"\n{line}")
    st = _stack(args)
    print(f"\nreasoning (OWL 2 RL, {st.reasoner}): {len(inferred)} inferred triples, consistent")
    if report is not None:
        print(f"validation (SHACL, {_SHACL_NAMES[st.shacl]}): {report.summary()}")
        if not report.conforms:
            print()
            print(report.text())
    print()
    for path in outputs:
        print(f"wrote {path}")
    return EXIT_OK if report is None or report.conforms else EXIT_VIOLATIONS


def cmd_release(args: argparse.Namespace) -> int:
    from kg.exports import release as rel

    __version__ = _version()

    progress = Progress("kg release")
    try:
        day = rel.release_date(args.date)
        result = _build(args, progress)
        progress("reasoning (OWL 2 RL)")
        inferred = result.inferred
        queryable = result.union()
        from kg.source.terms import load_schema

        for graph in (inferred, load_schema().graph):
            for t in graph:
                queryable.add(t)
        progress("validating (SHACL)")
        report = _stack(args).validate(queryable)
        if not report.conforms:
            progress.done()
            print(report.text())
            print(f"kg release: the graph violates its shapes ({report.summary()}); nothing written.", file=sys.stderr)
            return EXIT_VIOLATIONS
        previous = rel.previous_release(args.out, __version__)
        contents = rel.files(result, __version__, day, previous, progress=progress)
        progress("writing the release folder")
        folder = rel.write(args.out, __version__, contents)
    finally:
        progress.done()
    print(f"released KIDD-KG {__version__} ({day}): {folder}")
    print(f"  compared with {previous}" if previous else "  first release (no earlier release in the folder)")
    for name in contents:
        print(f"  {name}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from kg.pipeline import export

    emit(export(_build(args), args.format, inferred=args.inferred), args.output)
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    _print_stats(_build(args))
    return EXIT_OK


def _print_stats(result: "BuildResult") -> None:
    from kg.source.terms import load_schema
    from kg.exports.stats import compute

    rows = compute(result, load_schema().graph).rows()
    width = max(len(r[1]) for r in rows)
    section = None
    for group, name, count in rows:
        if group != section:
            print(f"\n{group}" if section else group)
            section = group
        print(f"  {name:<{width}}  {count:>6}")


def _has_store(out: Path) -> bool:
    """``kg build --incremental`` left a store in ``out`` (current or not)."""
    return (Path(out) / "store").is_dir()


def cmd_query(args: argparse.Namespace) -> int:
    from kg.queries import stored as q

    if args.list:
        for sq in q.list_queries():
            print(f"{sq.name:<32} {sq.title}")
        return EXIT_OK
    if args.endpoint:
        from kg.serve import cmd_query_endpoint

        return cmd_query_endpoint(args)
    if args.all == bool(args.query):
        raise KGError("give one query (NAME, FILE or -), or --all, or --list.")
    params = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise KGError(f"a parameter must be NAME=VALUE, not `{item}`.")
        params[name.strip().lstrip("?$")] = value
    services = {}
    for item in args.service:
        iri, sep, url = item.partition("=")
        if not sep:
            raise KGError(f"--service takes IRI=URL, not `{item}`.")
        services[iri.strip("<>")] = url
    queries = q.list_queries() if args.all else [q.resolve(args.query)]
    if args.all and not services:
        queries = [sq for sq in queries if not q.is_federated(sq)]  # they need the network
    queries = [q.with_services(sq, services) if services else sq for sq in queries]
    # Oxigraph answers where its rows print exactly as rdflib's: the table and CSV formats (TSV and
    # JSON show datatypes, which Oxigraph normalises; README "Engines"), unless --engine asks for
    # it; federated queries (SERVICE) always go through rdflib.
    use_oxigraph = _stack(args).sparql == "oxigraph" and (args.engine or args.format in ("table", "csv"))
    ox = None
    graph = None
    if use_oxigraph and args.statement is None and args.out_dir is None and _has_store(args.out) \
            and not any(q.is_federated(sq) for sq in queries) and all(_is_select(sq.text) for sq in queries):
        from kg import incremental

        store = incremental.current_store(args.out, args.statements)
        if store is not None:  # the store kg build wrote, for these very inputs: no build
            from kg.sparql.engines import OxigraphEngine, as_result

            ox = OxigraphEngine(store=store)
            parts = []
            for sq in queries:  # Oxigraph parses the query (rdflib's parser would cost more than the answer)
                bound = q.bindings(sq, params) if params else {p.name: q.to_term(p.default) for p in sq.params.values()
                                                               if p.default is not None}
                try:
                    names, rows = ox.select(sq.text, bound)
                except KGError as exc:
                    raise KGError(f"the query failed while running: {exc}", sq.where) from None
                text = q.format_result(as_result(names, rows), args.format)
                if args.all:
                    text = f"== {sq.name}: {sq.title}\n   {sq.question}\n\n{text}"
                parts.append(text)
            emit("\n".join(parts), args.output)
            return EXIT_OK
        for sq in queries:  # a bad query fails before the message and the build
            q.prepare(sq)
        print(f"kg query: the store in {args.out} is not current (run `kg build --incremental --out {args.out}`); "
              "building the graph in memory.", file=sys.stderr)
    for sq in queries:  # parse every query before building: a bad query fails fast
        q.prepare(sq)
    graph = _build(args).queryable()
    parts = []
    for sq in queries:
        engine = None
        if use_oxigraph and not q.is_federated(sq):
            if ox is None:
                from kg.sparql.engines import OxigraphEngine

                ox = OxigraphEngine(graph)
            engine = ox
        result = q.run(graph, sq, params or None, engine=engine)
        text = q.format_result(result, args.format)
        if args.out_dir is not None:
            # the full answer to a file; on the terminal, one line: rows, title, where it is
            ext = "txt" if args.format == "table" else args.format
            path = args.out_dir / f"{sq.name}.{ext}"
            write_atomic(path, text)
            count = len(result) if result.type == "SELECT" else "-"
            parts.append(f"{sq.name:<32} {count:>5}  {sq.title}  ({path})\n")
            continue
        if args.all:
            text = f"== {sq.name}: {sq.title}\n   {sq.question}\n\n{text}"
        parts.append(text)
    if args.out_dir is not None:
        parts.append(f"{len(queries)} answers written to {args.out_dir}/\n")
        emit("".join(parts), args.output)
        return EXIT_OK
    emit("\n".join(parts), args.output)
    return EXIT_OK


def _is_select(text: str) -> bool:
    """Whether a query is a SELECT (its first keyword after comments, PREFIX and BASE)."""
    from kg.queries.files import is_select

    return is_select(text)


def cmd_validate(args: argparse.Namespace) -> int:
    st = _stack(args)
    if args.files:
        report = st.validate_files(args.files)
    else:
        report = st.validate_build(_build(args))
    text = {"text": report.text, "turtle": report.turtle, "json": report.json}[args.format]()
    emit(text if text.endswith("\n") else text + "\n", None)
    return EXIT_OK if report.conforms else EXIT_VIOLATIONS


def cmd_docs(args: argparse.Namespace) -> int:
    from kg.exports.docs import write_docs

    for path in write_docs(args.out, args.diagrams):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import cmd_serve as serve

    return serve(args)


def cmd_publish(args: argparse.Namespace) -> int:
    from kg.serve import cmd_publish as publish

    return publish(args)


def cmd_draft(args: argparse.Namespace) -> int:
    from kg.draft.cli import run

    return run(args)


COMMANDS = {"draft": cmd_draft, "release": cmd_release, "serve": cmd_serve, "publish": cmd_publish, "validate": cmd_validate, "docs": cmd_docs, "build": cmd_build, "export": cmd_export, "stats": cmd_stats, "query": cmd_query}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["query"]:  # a stored query on a current store: answered before the parser imports everything
        from kg.queries.quick import answer

        quick = answer(argv[1:])
        if quick is not None:
            try:
                emit(*quick)
            except KGError as exc:
                print(f"kg query: error: {exc}", file=sys.stderr)
                return exc.exit_code
            except BrokenPipeError:
                return EXIT_OK
            return EXIT_OK
    args = _parser(argv[0] if argv else None).parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return EXIT_ERROR
