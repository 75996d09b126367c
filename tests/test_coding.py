"""Event coding: every act and event gets a PLOVER type and a CAMEO code (kg/graph/coding.py, ontology/coding.yaml).

Checks that the SKOS renderings of PLOVER and CAMEO (ontology/vocab/plover.ttl, cameo.ttl) are
complete and consistent, that every speech act and every event of the seed statement (the 21st
KIDD) is coded exactly once (or explicitly left without a PLOVER type, with a reason), that the
coding of a handful of acts and events is the one the statement's words call for, that every
coding triple has its provenance, that the rules apply to the whole bundled series without error,
and that mistakes in coding.yaml are reported as KGError naming file and key.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from kg.graph.coding import CODE, CODING_PROPERTIES, CURATORS, RULES_ENTITY, code, coding_file, load_rules
from kg.errors import KGError
from kg.namespace import ID, KIDD, VOCAB
from kg.source.terms import load_schema
from kg.queries.stored import load, run
from tests import builds

ROOT = Path(__file__).resolve().parent.parent
PLOVER_FILE = ROOT / "ontology" / "vocab" / "plover.ttl"
CAMEO_FILE = ROOT / "ontology" / "vocab" / "cameo.ttl"
QUERY_FILE = next((ROOT / "queries").glob("*-plover-cameo.rq"))

PLOVER = URIRef(VOCAB + "plover")
MODES = URIRef(VOCAB + "plover-mode")
CONTEXTS = URIRef(VOCAB + "plover-context")
CAMEO = URIRef(VOCAB + "cameo")
MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch)
TYPES = {
    "verbal-cooperation": ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"],
    "material-cooperation": ["COOPERATE", "AID", "RETREAT"],
    "verbal-conflict": ["REQUEST", "ACCUSE", "REJECT", "THREATEN"],
    "material-conflict": ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"],
}


def plover(name: str) -> URIRef:
    return URIRef(f"{PLOVER}/{name}")


def cameo(notation: str) -> URIRef:
    return URIRef(f"{CAMEO}/{notation}")


def mode(name: str) -> URIRef:
    return URIRef(f"{MODES}/{name}")


def context(name: str) -> URIRef:
    return URIRef(f"{CONTEXTS}/{name}")


# --------------------------------------------------------------------------- fixtures
SEED = "kidd-21"


@pytest.fixture(scope="module")
def result():
    """The seed statement (the 21st KIDD), which is coded completely and checked exactly."""
    return builds.alone(SEED)


@pytest.fixture(scope="module")
def corpus():
    """Every bundled statement."""
    return builds.whole()


@pytest.fixture(scope="module")
def coded(result):
    return code(result)


def test_the_whole_series_is_coded(corpus):
    """Every act and event of every bundled statement is coded, or deliberately left uncoded."""
    coding, _ = code(corpus, strict=True)
    assert len(coding) > 700


@pytest.fixture(scope="module")
def coding(coded) -> Graph:
    return coded[0]


@pytest.fixture(scope="module")
def provenance(coded) -> Graph:
    return coded[1]


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.fixture(scope="module")
def facts(result) -> Graph:
    return result.union(("facts",))


@pytest.fixture(scope="module")
def vocab() -> Graph:
    g = Graph()
    g.parse(PLOVER_FILE, format="turtle")
    g.parse(CAMEO_FILE, format="turtle")
    return g


@pytest.fixture(scope="module")
def nodes(facts) -> dict[URIRef, bool]:
    """Every speech act (True) and every event (False) of the facts graphs."""
    events = load_schema().event_classes
    out = {}
    for s, t in facts.subject_objects(RDF.type):
        if t == KIDD.SpeechAct:
            out[s] = True
        elif t in events and s not in out:
            out[s] = False
    return out


def rules_copy(tmp_path: Path, *replacements: tuple[str, str], append: str = "") -> Path:
    text = coding_file().read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, f"the test expects {old!r} in coding.yaml"
        text = text.replace(old, new, 1)
    path = tmp_path / "coding.yaml"
    path.write_text(text + append, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the SKOS schemes
def test_the_vocabularies_are_loaded_with_the_ontology():
    g = load_schema().graph
    for scheme in (PLOVER, MODES, CONTEXTS, CAMEO):
        assert (scheme, RDF.type, SKOS.ConceptScheme) in g


@pytest.mark.parametrize("scheme", [PLOVER, MODES, CONTEXTS, CAMEO], ids=lambda s: str(s).rsplit("/", 1)[1])
def test_scheme_header(vocab, scheme):
    for p in (DCTERMS.title, DCTERMS.description):
        assert [o.language for o in vocab.objects(scheme, p)] == ["en"]
    assert list(vocab.objects(scheme, DCTERMS.license)) == [URIRef("https://creativecommons.org/licenses/by/4.0/")]
    assert list(vocab.objects(scheme, DCTERMS.source))
    tops = set(vocab.objects(scheme, SKOS.hasTopConcept))
    assert tops and tops == set(vocab.subjects(SKOS.topConceptOf, scheme))


def test_every_concept_has_label_notation_scheme(vocab):
    concepts = set(vocab.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 50
    bad = {}
    for c in concepts:
        problems = []
        schemes = list(vocab.objects(c, SKOS.inScheme))
        if len(schemes) != 1 or not str(c).startswith(str(schemes[0]) + "/"):
            problems.append("inScheme")
        labels = [o for o in vocab.objects(c, SKOS.prefLabel) if o.language == "en"]
        if len(labels) != 1:
            problems.append("prefLabel@en")
        notations = list(vocab.objects(c, SKOS.notation))
        if notations != [Literal(str(c).rsplit("/", 1)[1])]:
            problems.append("notation = the IRI's last segment, a plain string")
        if not list(vocab.objects(c, DCTERMS.source)):
            problems.append("dcterms:source")
        if schemes and schemes[0] != CAMEO and len([o for o in vocab.objects(c, SKOS.definition) if o.language == "en"]) != 1:
            problems.append("definition@en")
        if problems:
            bad[str(c)] = problems
    assert bad == {}


def test_plover_has_the_16_types_under_the_4_quad_classes(vocab):
    for quad, types in TYPES.items():
        q = plover(quad)
        assert (q, SKOS.topConceptOf, PLOVER) in vocab
        assert sorted(str(t).rsplit("/", 1)[1] for t in vocab.subjects(SKOS.broader, q)) == sorted(types)
    in_scheme = {str(c).rsplit("/", 1)[1] for c in vocab.subjects(SKOS.inScheme, PLOVER)}
    assert in_scheme == set(TYPES) | {t for ts in TYPES.values() for t in ts}


def test_modes_and_contexts(vocab):
    assert {str(c).rsplit("/", 1)[1] for c in vocab.subjects(SKOS.inScheme, MODES)} == {
        "visit", "weapons", "historical", "future", "hypothetical", "negation"}
    assert {"military", "intelligence", "diplomatic", "cbrn", "cyber"} <= {
        str(c).rsplit("/", 1)[1] for c in vocab.subjects(SKOS.inScheme, CONTEXTS)}


def cameo_root(vocab: Graph, c: URIRef) -> URIRef:
    seen = []
    while (c, SKOS.topConceptOf, CAMEO) not in vocab:
        seen.append(c)
        parents = list(vocab.objects(c, SKOS.broader))
        assert len(parents) == 1, f"{c} needs exactly one skos:broader"
        c = parents[0]
        assert c not in seen, "a cycle in skos:broader"
    return c


def cameo_types(vocab: Graph, c: URIRef) -> set[URIRef]:
    out = set()
    while True:
        out |= {o for p in MATCHES for o in vocab.objects(c, p)}
        parents = list(vocab.objects(c, SKOS.broader))
        if not parents:
            return out
        c = parents[0]


def test_cameo_codes(vocab):
    codes = set(vocab.subjects(SKOS.inScheme, CAMEO))
    roots = set(vocab.subjects(SKOS.topConceptOf, CAMEO))
    assert {str(vocab.value(r, SKOS.notation)) for r in roots} == {f"{i:02d}" for i in range(1, 21)}
    for c in codes:
        notation = vocab.value(c, SKOS.notation)
        assert notation.datatype in (None, XSD.string) and re.fullmatch(r"\d{2,4}", str(notation)), c
        root = cameo_root(vocab, c)
        assert str(notation).startswith(str(vocab.value(root, SKOS.notation))), f"{c} is not under its root"
        parent = vocab.value(c, SKOS.broader)
        if parent is not None:
            assert str(notation).startswith(str(vocab.value(parent, SKOS.notation)))
    for r in roots:
        mapped = {o for p in MATCHES for o in vocab.objects(r, p)}
        assert all((t, SKOS.inScheme, PLOVER) in vocab for t in mapped)
        if not mapped:  # dropped in PLOVER (01, 02) or not mapped (20): must say so
            assert [o for o in vocab.objects(r, SKOS.scopeNote) if o.language == "en"], f"root {r} needs a scope note"
    unmapped = sorted(str(vocab.value(r, SKOS.notation)) for r in roots if not cameo_types(vocab, r))
    assert unmapped == ["01", "02", "20"]
    assert set(vocab.objects(cameo("08"), SKOS.relatedMatch)) == {plover("CONCEDE"), plover("RETREAT")}
    assert list(vocab.objects(cameo("03"), SKOS.closeMatch)) == [plover("AGREE")]


# --------------------------------------------------------------------------- every act and event coded
def test_every_act_and_event_is_coded_once(nodes, coding, rules):
    assert sum(nodes.values()) == 44 and len(nodes) - 44 >= 25
    nulls = rules.null_overrides()
    bad = {}
    for n in nodes:
        types = list(coding.objects(n, CODE.ploverType))
        codes = list(coding.objects(n, CODE.cameoCode))
        if n in nulls:
            if types or len(codes) > 1 or not nulls[n].note:
                bad[str(n)] = (types, codes)
        elif len(types) != 1 or len(codes) != 1:
            bad[str(n)] = (types, codes)
    assert bad == {}


def test_the_coding_uses_only_the_coding_properties_on_acts_and_events(nodes, coding):
    assert coding
    for s, p, o in coding:
        assert s in nodes and p in CODING_PROPERTIES


def test_coded_values_are_concepts_of_the_right_scheme(coding, vocab):
    schemes = {CODE.ploverType: PLOVER, CODE.ploverMode: MODES, CODE.ploverContext: CONTEXTS, CODE.cameoCode: CAMEO}
    for s, p, o in coding:
        assert (o, SKOS.inScheme, schemes[p]) in vocab, (s, p, o)
        if p == CODE.ploverType:
            assert str(o).rsplit("/", 1)[1].isupper(), "a type, not a quad class"


def test_cameo_code_agrees_with_plover_type(coding, vocab):
    for s, t in coding.subject_objects(CODE.ploverType):
        c = coding.value(s, CODE.cameoCode)
        assert t in cameo_types(vocab, c), f"{s}: CAMEO {c} does not map to {t}"


def test_null_overrides_are_explained_in_the_provenance(rules, provenance, facts):
    nulls = rules.null_overrides()
    assert ID["event/kidd-21/unlawful-unsafe-actions"] in nulls
    for n, o in nulls.items():
        if (n, None, None) not in facts:
            continue  # an override for another statement of the series
        notes = [str(x) for x in provenance.objects(n, SKOS.editorialNote)]
        assert notes and o.note in notes[0]


# --------------------------------------------------------------------------- specific codings
def codes_of(coding: Graph, ident: str) -> tuple:
    n = ID[ident]
    short = lambda o: str(o).rsplit("/", 1)[1]  # noqa: E731
    t = coding.value(n, CODE.ploverType)
    c = coding.value(n, CODE.cameoCode)
    return (
        short(t) if t else None,
        short(c) if c else None,
        sorted(short(m) for m in coding.objects(n, CODE.ploverMode)),
        sorted(short(x) for x in coding.objects(n, CODE.ploverContext)),
    )


@pytest.mark.parametrize(
    "ident, plover_type, cameo_code, modes, contexts",
    [
        # acts
        ("act/kidd-21/a02", "AGREE", "0312", [], ["military"]),  # pledge: combined forces ready
        ("act/kidd-21/a28", "AGREE", "036", ["future"], ["cbrn", "military"]),  # commit to hold the EDSCG
        ("act/kidd-21/a29", "AGREE", "0312", ["future"], ["military"]),  # commit to conduct the DSC TTX
        ("act/kidd-21/a26", "AGREE", "0334", [], ["cbrn", "military"]),  # extended deterrence reaffirmed
        ("act/kidd-21/a41", "AGREE", "0312", [], ["military"]),  # reaffirms the COTP commitment
        ("act/kidd-21/a12", "AGREE", "03", [], ["diplomatic"]),  # commitment without military topics
        ("act/kidd-21/a44", "AGREE", "0312", [], ["military"]),  # about the SCM, but not a commitment to meet
        ("act/kidd-21/a07", "THREATEN", "138", [], ["cbrn", "military"]),  # conditional response to a nuclear test
        ("act/kidd-21/a03", "CONSULT", "040", [], ["military"]),  # discussed the DPRK threat
        ("act/kidd-21/a06", "CONSULT", "040", [], ["military"]),  # shared assessments
        ("act/kidd-21/a32", "SUPPORT", "051", [], ["diplomatic"]),  # alliance the linchpin
        ("act/kidd-21/a22", "SUPPORT", "051", [], ["military"]),  # applauded THAAD access progress
        ("act/kidd-21/a01", "SUPPORT", "019", [], ["cbrn", "diplomatic"]),  # shared goal of denuclearization
        ("act/kidd-21/a16", "SUPPORT", "051", [], ["intelligence", "military"]),  # GSOMIA
        ("act/kidd-21/a27", "MOBILIZE", "150", ["future", "weapons"], ["military"]),  # 3K will be strengthened
        ("act/kidd-21/a08", None, "01", [], []),  # a comment on the security environment
        # events
        ("event/kidd-21", "CONSULT", "040", [], ["diplomatic", "military"]),
        ("event/kidd-21/dsc-session", "CONSULT", "040", [], ["diplomatic", "military"]),
        ("event/scm-54", "CONSULT", "040", ["future"], ["diplomatic", "military"]),
        ("event/kidd-21/pacific-dragon", "COOPERATE", "062", [], ["military"]),
        ("event/kidd-21/ulchi-freedom-shield", "COOPERATE", "062", ["future"], ["military"]),
        ("event/kidd-21/dsc-ttx", "COOPERATE", "062", ["future"], ["military"]),
        ("event/kidd-21/combined-exercises", "COOPERATE", "062", [], ["military"]),
        ("event/kidd-21/dprk-missile-tests-last-year", "MOBILIZE", "150", ["weapons"], ["military"]),
        ("event/kidd-21/recent-dprk-missile-tests", "MOBILIZE", "150", ["weapons"], ["military"]),
        ("event/kidd-21/dprk-nuclear-test", "MOBILIZE", "150", ["hypothetical", "weapons"], ["cbrn", "military"]),
        ("event/kidd-21/punggye-ri-activities", "MOBILIZE", "150", [], ["cbrn"]),
        ("event/opcon-transition", "COOPERATE", "062", [], ["military"]),
        ("event/kidd-21/unlawful-unsafe-actions", None, None, [], []),
    ],
)
def test_specific_codings(coding, ident, plover_type, cameo_code, modes, contexts):
    assert codes_of(coding, ident) == (plover_type, cameo_code, modes, contexts)


# --------------------------------------------------------------------------- provenance
def test_every_coding_triple_has_an_assertion(coding, provenance):
    for s, p, o in coding:
        assertions = [
            a for a in provenance.subjects(RDF.subject, s)
            if (a, RDF.predicate, p) in provenance and (a, RDF.object, o) in provenance
        ]
        assert len(assertions) == 1, (s, p, o)
        a = assertions[0]
        assert (a, RDF.type, KIDD.Assertion) in provenance
        assert (a, PROV.wasAttributedTo, CURATORS) in provenance
        assert (a, PROV.wasDerivedFrom, RULES_ENTITY) in provenance
        notes = list(provenance.objects(a, SKOS.editorialNote))
        assert len(notes) == 1 and notes[0].language == "en" and "ontology/coding.yaml" in notes[0]
    assert (RULES_ENTITY, RDF.type, PROV.Entity) in provenance


def test_editorial_notes_name_the_rule_or_the_override(provenance):
    def note(ident: str, p: URIRef, o: URIRef | None = None) -> str:
        (a,) = [
            a for a in provenance.subjects(RDF.subject, ID[ident])
            if (a, RDF.predicate, p) in provenance and (o is None or (a, RDF.object, o) in provenance)
        ]
        return str(provenance.value(a, SKOS.editorialNote))

    assert "rule `military-commitment`" in note("act/kidd-21/a02", CODE.ploverType)
    assert "rule `meeting`" in note("event/kidd-21", CODE.cameoCode)
    assert "override" in note("act/kidd-21/a07", CODE.ploverType) and "THREATEN" in note("act/kidd-21/a07", CODE.ploverType)
    assert "kidd:status hypothetical" in note("event/kidd-21/dprk-nuclear-test", CODE.ploverMode, mode("hypothetical"))
    assert "rule `nuclear-test`" in note("event/kidd-21/dprk-nuclear-test", CODE.ploverMode, mode("weapons"))
    assert "kidd:topic extended-deterrence" in note("act/kidd-21/a28", CODE.ploverContext, context("cbrn"))


def test_the_whole_series_is_coded_without_error(corpus, vocab):
    coding, provenance = code(corpus)  # all bundled statements: every override must name a node
    assert len({st.id for st in corpus.statements}) >= 1
    for s in set(coding.subjects()):
        types = list(coding.objects(s, CODE.ploverType))
        codes = list(coding.objects(s, CODE.cameoCode))
        assert len(types) <= 1 and len(codes) == 1, s
        if types:
            assert types[0] in cameo_types(vocab, codes[0])
    for s, p, o in coding:
        assert (None, RDF.subject, s) in provenance


def test_coding_is_deterministic(result, coding, provenance):
    again = code(result)
    assert set(again[0]) == set(coding)
    assert set(again[1]) == set(provenance)


# --------------------------------------------------------------------------- the stored query
def test_the_query_lists_the_coded_nodes(result, coding):
    g = result.queryable()
    g += coding
    rows = list(run(g, load(QUERY_FILE)))
    coded = {s for s in coding.subjects(CODE.cameoCode, None)}
    assert len(rows) == len(coded)
    assert {r.node for r in rows} == coded
    first = rows[0]
    assert (str(first.plover), str(first.cameo)) == ("AGREE", "03")
    last = rows[-1]
    assert last.plover is None and str(last.cameo) == "01"
    pd = next(r for r in rows if r.node == ID["event/kidd-21/pacific-dragon"])
    assert (str(pd.plover), str(pd.quad), str(pd.cameo), str(pd.cameo_label), str(pd.context), str(pd.kind)) == (
        "COOPERATE", "material cooperation", "062", "Cooperate militarily", "military", "Exercise")


# --------------------------------------------------------------------------- errors in coding.yaml
def test_malformed_yaml(tmp_path):
    path = rules_copy(tmp_path, ("events:\n", "events: [\n"))
    with pytest.raises(KGError, match=r"not valid YAML") as e:
        load_rules(path)
    assert str(path) in str(e.value) and "line" in str(e.value)


@pytest.mark.parametrize(
    "old, new, message, key",
    [
        ('    plover: CONSULT\n    cameo: "040"\n    context: [military, diplomatic]',
         '    plover: CONSUL\n    cameo: "040"\n    context: [military, diplomatic]',
         r"`CONSUL` is not a PLOVER event type", "events.meeting.plover"),
        ('cameo: "040"', 'cameo: "049"', r"`049` is not a CAMEO code", "events.meeting.cameo"),
        ('cameo: "062"', "cameo: 062", r"quoted strings", "events.joint-exercise.cameo"),
        ('cameo: "040"', 'cameo: "051"', r"CAMEO 051 maps to SUPPORT .*not to CONSULT", "events.meeting.cameo"),
        ("context: [military, diplomatic]", "context: [military, naval]", r"`naval` is not a PLOVER context", "events.meeting.context"),
        ("    mode: [weapons]\n    context: [military, cbrn]", "    mode: [armed]\n    context: [military, cbrn]",
         r"`armed` is not a PLOVER mode", "events.nuclear-test.mode"),
        ("when: {class: [Meeting, Session]}", "when: {class: [Meeting, Gathering]}", r"`Gathering` is not a class", "events.meeting.when.class"),
        ("when: {class: [Meeting, Session]}", "when: {clas: [Meeting]}", r"unknown condition `clas`", "events.meeting.when.clas"),
        ("    plover: AGREE\n    cameo: \"036\"", "    plover: null\n    cameo: \"036\"", r"only an override may say `plover: null`", "acts.invitation.plover"),
        ("    plover: THREATEN\n    cameo: \"138\"", "    plover: verbal-conflict\n    cameo: \"138\"", r"quad class", "overrides.act/kidd-21/a07.plover"),
        ("  act/kidd-21/a01:\n", "  act/kidd-21/a01:\n    colour: red\n", r"unknown key `colour`", "overrides.act/kidd-21/a01.colour"),
        ("  act/kidd-21/a07:\n", "  act/kidd-21/a7/x_y:\n", r"not a node id", "overrides.act/kidd-21/a7/x_y"),
        ("military_topics:\n  - dprk-threat\n", "military_topics:\n  - dprk-threats\n", r"`dprk-threats` is not a concept of the topic scheme", "military_topics"),
    ],
)
def test_bad_rules_name_file_and_key(tmp_path, old, new, message, key):
    path = rules_copy(tmp_path, (old, new))
    with pytest.raises(KGError, match=message) as e:
        load_rules(path)
    assert str(path) in str(e.value)
    assert f"key `{key}`" in str(e.value)
    assert re.search(r"line \d+", str(e.value))


def test_a_note_is_required(tmp_path):
    path = rules_copy(tmp_path, append="  event/kidd-21/pacific-dragon:\n    plover: COOPERATE\n    cameo: \"062\"\n")
    with pytest.raises(KGError, match="`note` is required"):
        load_rules(path)


def test_an_override_for_an_unknown_node(tmp_path, result, corpus):
    path = rules_copy(tmp_path, append="  event/kidd-21/no-such-event:\n    plover: null\n    note: nothing\n")
    # all bundled statements, or strict: an override must name a node of the graph
    for res, strict in ((corpus, None), (corpus, True)):
        with pytest.raises(KGError, match="not a node of the graph") as e:
            code(res, path, strict=strict)
        assert "overrides.event/kidd-21/no-such-event" in str(e.value) and str(path) in str(e.value)
    # one statement only: overrides for other statements' nodes are not errors
    coding, _ = code(result, path)
    assert coding


def test_an_override_for_a_node_that_is_not_an_act_or_event(tmp_path, result):
    path = rules_copy(tmp_path, append="  state/usa:\n    plover: null\n    note: a state is no event\n")
    with pytest.raises(KGError, match="neither a speech act nor an event"):
        code(result, path)


def test_an_uncoded_node_is_an_error_when_strict(tmp_path, result):
    text = coding_file().read_text(encoding="utf-8")
    cut = text.index("  event/kidd-21/unlawful-unsafe-actions:")
    path = tmp_path / "coding.yaml"
    path.write_text(text[:cut], encoding="utf-8")  # drop the last override: no rule codes that event
    with pytest.raises(KGError, match=r"no rule codes <https://w3id.org/kidd-kg/id/event/kidd-21/unlawful-unsafe-actions>") as e:
        code(result, path, strict=True)
    assert str(path) in str(e.value)
    coding, _ = code(result, path)  # not strict: the event is left uncoded
    assert (ID["event/kidd-21/unlawful-unsafe-actions"], None, None) not in coding
    assert (ID["event/kidd-21"], CODE.ploverType, plover("CONSULT")) in coding
