"""Every asserted fact traces to the exact words that carry it."""

from __future__ import annotations

import hashlib

from rdflib import RDF, Literal
from rdflib.namespace import PROV, SKOS

from kg.namespace import ID, KIDD, NIF
from tests.conftest import ROOT, STATEMENTS


def _assertions(prov):
    return {
        (prov.value(a, RDF.subject), prov.value(a, RDF.predicate), prov.value(a, RDF.object)): a
        for a in prov.subjects(RDF.type, KIDD.Assertion)
    }


def test_every_fact_has_evidence(built, prov):
    index = _assertions(prov)
    facts = built.union(("facts",))
    assert len(facts) > 1000
    missing = [t for t in facts if t not in index]
    assert not missing, missing[:5]
    for t in facts:
        spans = set(prov.objects(index[t], PROV.wasDerivedFrom))
        assert spans, t


def test_every_anchor_is_the_text_at_its_offsets(corpus):
    """For every statement: the context is the file on disk, and every span's anchor is its slice."""
    from rdflib.namespace import DCTERMS

    prov = corpus.union(("provenance",))
    contexts = list(prov.subjects(RDF.type, NIF.Context))
    assert len(contexts) >= 2 * len(corpus.statements)  # text and capture of each statement
    strings = {}
    for ctx in contexts:
        on_disk = (ROOT / str(prov.value(ctx, DCTERMS.source))).read_text(encoding="utf-8")
        assert str(prov.value(ctx, NIF.isString)) == on_disk, ctx
        strings[ctx] = on_disk
    spans = list(prov.subjects(NIF.anchorOf, None))
    assert len(spans) > 400
    for sp in spans:
        ctx = prov.value(sp, NIF.referenceContext)
        b, e = int(prov.value(sp, NIF.beginIndex)), int(prov.value(sp, NIF.endIndex))
        assert strings[ctx][b:e] == str(prov.value(sp, NIF.anchorOf)), sp
        assert str(sp).endswith(f"#char={b},{e}")
        sentence = prov.value(sp, NIF.sentence)
        if sentence is not None:
            sb, se = int(prov.value(sentence, NIF.beginIndex)), int(prov.value(sentence, NIF.endIndex))
            assert sb <= b and e <= se, (sp, sentence)


def test_sentences_cover_the_statement(prov):
    sentences = sorted(
        (int(prov.value(s, NIF.beginIndex)), int(prov.value(s, NIF.endIndex)))
        for s in prov.subjects(RDF.type, NIF.Sentence)
    )
    assert len(sentences) == 43
    assert all(a[1] <= b[0] for a, b in zip(sentences, sentences[1:]))


def test_document_is_described(prov):
    doc = ID["statement/kidd-21"]
    text = (STATEMENTS / "kidd-21" / "text.txt").read_bytes()
    assert prov.value(doc, KIDD.sha256) == Literal(hashlib.sha256(text).hexdigest())
    assert (doc, RDF.type, KIDD.PressStatement) in prov
    assert prov.value(doc, KIDD.partial) == Literal(False)
    capture = (STATEMENTS / "kidd-21" / "capture.txt").read_bytes()
    assert capture.endswith(text), "text.txt is the capture without its page furniture"


def test_enrichment_is_marked_as_outside_knowledge(built, prov):
    index = _assertions(prov)
    enrich = built.union(("enrichment",))
    assert len(enrich) > 0
    for t in enrich:
        a = index[t]
        assert prov.value(a, PROV.wasAttributedTo) == ID["agent/kidd-kg-curators"]
        assert prov.value(a, SKOS.editorialNote) is not None
        assert prov.value(a, PROV.wasDerivedFrom) is None
        assert t[2].language == "ko"
