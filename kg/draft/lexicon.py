"""The drafter's word lists (ontology/draft-lexicon.yaml), read once and checked against the
act-kind and topic schemes, so a typo in the lexicon is an error, not a silent miss."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from kg.errors import KGError
from kg.resources import ontology_dir

LEXICON_FILE = "draft-lexicon.yaml"


@dataclass
class VerbForm:
    words: str  # the written form ("reaffirmed", "expressed serious concern")
    kind: str
    that_kind: str | None = None
    modal: bool = False
    ing_kind: str | None = None  # the kind when the complement opens with an -ing verb
    self_will_kind: str | None = None  # the kind when the complement is "that they/we will …"
    pattern: str | None = None  # a regular expression instead of the words (a light verb + a noun: `noun_acts`)
    describes_meeting: bool = False  # a light verb that, where the meeting is reported, reports the meeting itself


class Lexicon:
    def __init__(self, data: dict[str, Any], path: Path):
        self.path = path
        self.data = data
        self.version = data.get("version", 1)
        self.verbs: list[VerbForm] = []
        spell = [tuple(x) for x in data.get("spelling_variants") or []]
        for entry in data.get("verbs", []):
            for form in _with_variants(entry["forms"], spell):
                self.verbs.append(VerbForm(form, entry["kind"], entry.get("that_kind"), bool(entry.get("modal")),
                                          entry.get("ing_kind"), entry.get("self_will_kind")))
        self.verbs.extend(_noun_acts(data.get("noun_acts") or {}))
        self.verbs.sort(key=lambda v: -len(v.words))
        self.content_strip = list(data.get("content_strip", []))
        self.commissive = set(data.get("commissive_kinds", []))
        self.adverbs = sorted({a.lower() for a in data.get("adverbs", []) + data.get("auxiliaries", [])}, key=len, reverse=True)
        parties = data.get("parties", {})
        self.pronouns = {k.lower(): v for k, v in parties.get("pronouns", {}).items()}
        self.collective = {k.lower(): v for k, v in parties.get("collective", {}).items()}
        self.qualifiers = {q.lower() for q in parties.get("qualifiers", [])}
        self.determiners = sorted((d.lower() for d in parties.get("determiners", [])), key=len, reverse=True)
        self.post_heads = list(parties.get("post_heads", []))
        self.state_words = dict(parties.get("state_words", {}))
        self.default_sides = list(parties.get("default_sides", []))
        self.side_states = list(parties.get("side_states", self.default_sides))
        self.side_slugs = dict(parties.get("side_slugs", {}))
        self.side_labels = dict(parties.get("side_labels", {}))
        self.honorifics = list(data.get("honorifics", []))
        self.post_ranks = list(data.get("post_ranks", []))
        self.post_head_words = list(data.get("post_head_words", []))
        self.post_domain_words = list(data.get("post_domain_words", []))
        self.post_orgs = list(data.get("post_orgs", []))
        self.surname_first = set(data.get("surname_first", []))
        self.body_heads = dict(data.get("body_heads", {}))
        self.document_heads = dict(data.get("document_heads", {}))
        self.ordinals = {k.lower(): int(v) for k, v in data.get("ordinals", {}).items()}
        self.months = {str(k): int(v) for k, v in data.get("months", {}).items()}
        self.condition_openers = sorted(data.get("condition_openers", []), key=len, reverse=True)
        self.condition_inline = list(data.get("condition_inline", []))
        self.condition_not_after_once = list(data.get("condition_not_after_once", []))
        self.own_voice_modals = [w.lower() for w in data.get("own_voice_modals", [])]
        self.condition_consequences = list(data.get("condition_consequences", []))
        self.topics = {k: list(v) for k, v in data.get("topics", {}).items()}
        self.document_kinds = list(data.get("document_kinds", []))
        self.default_document_kind = data.get("default_document_kind", "JointStatement")
        self.welcome_person_kind = data.get("welcome_person_kind", "welcome")

    def check(self, act_kinds: set[str], topics: set[str]) -> None:
        for v in self.verbs:
            for k in (v.kind, v.that_kind, v.ing_kind, v.self_will_kind):
                if k and k not in act_kinds:
                    raise KGError(f"the verb “{v.words}” maps to `{k}`, which is not a kind of the act-kind scheme.", str(self.path))
        for t in self.topics:
            if t not in topics:
                raise KGError(f"the topic `{t}` is not a concept of the topic scheme.", str(self.path))


def _with_variants(forms: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """Each form and its other spellings (lexicon `spelling_variants`): every "-ize" of a word as "-ise"
    ("emphasized" and "emphasised", "recognizing" and "recognising"), and each American/British pair of
    the list ("honored"/"honoured"), so the lexicon lists one spelling only."""
    import re

    out: list[str] = []
    for f in forms:
        alts = {f, re.sub(r"(?<=[a-z])iz(?=e\b|ed\b|es\b|ing\b)", "is", f)}
        for us, uk in pairs:
            alts |= {a.replace(us, uk) for a in list(alts)}
        out.extend([f] + sorted(a for a in alts if a != f and a not in forms))
    return out


def _noun_acts(spec: dict[str, Any]) -> list[VerbForm]:
    """One form per light verb and kind (lexicon `noun_acts`): "had an in-depth discussion", "held talks"."""
    import re

    def alt(words) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))

    dets = alt(spec.get("determiners", []))
    stop = alt(spec.get("not_modifiers", []))
    n = int(spec.get("max_modifiers", 2))
    mods = r"(?:(?!(?:" + stop + r")(?![\w\-]))[a-z][a-z\-’']*\s+){0," + str(n) + "}" if stop else ""
    after = spec.get("followed_by") or []
    follow = r"(?=\s*[,.;:()—–]|\s*$" + (r"|\s+(?:" + alt(after) + r")(?![\w\-])" if after else "") + ")"
    out = []
    for light in spec.get("light_verbs", []):
        for kind, nouns in (spec.get("nouns") or {}).items():
            rx = (r"\s+".join(map(re.escape, light.split())) + r"\s+(?-i:(?:(?:" + dets + r")\s+)?" + mods
                  + r"(?:" + alt(nouns) + r"))" + follow)
            out.append(VerbForm(f"{light} {nouns[0]}", kind, pattern=rx,
                                describes_meeting=light in (spec.get("meeting_light_verbs") or [])))
    return out


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    path = ontology_dir() / LEXICON_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KGError("the drafter's lexicon is missing.", str(path)) from None
    except yaml.YAMLError as exc:
        raise KGError(f"the drafter's lexicon is not valid YAML: {exc}", str(path)) from None
    lex = Lexicon(data, path)
    from kg.source.terms import load_schema

    schema = load_schema()
    lex.check(_notations(schema, "act-kind"), _notations(schema, "topic"))
    return lex


def _notations(schema, scheme: str) -> set[str]:
    from rdflib import SKOS, URIRef

    base = f"https://w3id.org/kidd-kg/vocab/{scheme}"
    return {str(n) for c, n in schema.graph.subject_objects(SKOS.notation)
            if (c, SKOS.inScheme, URIRef(base)) in schema.graph}
