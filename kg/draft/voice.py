"""Acts with no party as the subject of their verb (kg.draft.acts' ActFinder, as a mixin): in a
statement in the speakers' own voice, a sentence with no act but a "we"/"our" is their assertion
(lexicon `voice`); a clause in the statement's own voice, with a modal but no party as its subject,
joined by ", and" to the act of a party, is that party's affirmation.
"""

from __future__ import annotations

import re

from kg.draft.model import Act
from kg.draft.verbs import _Cand


class VoiceMixin:
    def voiced(self) -> None:
        """In a statement in the speakers' own voice, a sentence with no act but a "we"/"our" is their
        assertion (lexicon `voice`)."""
        voice = self.lex.data.get("voice") or {}
        words = voice.get("words") or []
        if not words:
            return
        s = self.s
        we = [a for a in self.d.acts if s[a.agent_span[0]:a.agent_span[1]].strip().lower() == "we"]
        if len(we) < int(voice.get("min_acts", 3)):
            return
        agents = list(we[0].agents)
        rx = re.compile(r"(?<![\w\-’'])(" + "|".join(map(re.escape, words)) + r")(?![\w\-’'])")
        title_end = self.d.title_span[1]
        with_act = {self.t.sentence_of(a.verb[0]) for a in self.d.acts}
        held = getattr(self.d, "held_sentence", None)  # the sentence that reports the meeting is no assertion
        if held:
            with_act.add(tuple(held))
        new = []
        for sb, se in self.t.sentences:
            if se <= title_end or (sb, se) in with_act or self.s[sb:se].rstrip().endswith(":"):
                continue
            m = self._voiced_word(rx, voice, sb, se)
            if not m:
                continue
            b, e = self.t.clean(sb, se)
            while e > b and s[e - 1] in ".!":
                e -= 1
            if e - b < 20:
                continue
            act = Act("", voice.get("kind", "affirmation"), (b, e), (m.start(), m.end()), agents, (m.start(), m.end()), False, (b, e),
                      comments=[f"a sentence in the speakers' voice (“{m.group(1)}”) with no reporting verb: read as their "
                                "assertion; check the kind, and narrow the content to the clause asserted"])
            new.append(act)
        self.d.acts = sorted(self.d.acts + new, key=lambda a: a.verb[0])

    def _voiced_word(self, rx, voice: dict, sb: int, se: int):
        """The first-person word that makes a sentence the speakers' assertion, or None: not a word of an
        opening prepositional phrase ("Through our cooperation, the Quad is …": the Quad is the subject;
        after such a phrase the main clause must open with the word: "In implementing our commitments, our
        teams have met"),
        and not "we" before a verb that only describes the speakers (`voice.describing_verbs`: "Together
        we represent nearly two billion people", "we account for a quarter of …")."""
        s = self.s
        preps = voice.get("opening_prepositions") or []
        describing = voice.get("describing_verbs") or []
        m = rx.search(s, sb, se)
        if m is None:
            return None
        lead = s[sb:m.start()].strip()
        if preps and "," not in lead and re.match(r"(?:" + "|".join(map(re.escape, preps)) + r")\b", lead, re.I) and "," in s[m.end():se]:
            # the main clause after the opening phrase: the speakers are its subject only where it opens with the word
            c = s.index(",", m.end(), se) + 1
            m = rx.match(s, c + len(s[c:se]) - len(s[c:se].lstrip()), se)
            if m is None:
                return None
        if m.group(1).lower() == "we" and describing:
            nxt = re.match(r"\s+(?:(?:" + "|".join(map(re.escape, self.lex.adverbs)) + r")\s+)*(\w+(?:\s+\w+)?)", s[m.end():se], re.I)
            if nxt and any(nxt.group(1).lower() == w or nxt.group(1).lower().startswith(w + " ") for w in describing):
                return None
        return m

    def _own_voice_clause(self, sb: int, cands: list[_Cand], acts: list[Act]) -> Act | None:
        """"Any nuclear attack … is unacceptable and will result in …, and the U.S. and ROK sides
        highlighted …": a clause in the statement's own voice, with a modal but no party as its subject,
        joined by ", and" to the act of a party that opens the rest of the sentence, is that party's
        affirmation."""
        own = [a for a in acts if not a.agent_in_sentence and a.agents and a.agents != ["?participial"]]
        if not own:
            return None
        f = min(own, key=lambda a: a.verb[0])
        mj = re.search(r",\s*and\s+$", self.s[sb:f.agent_span[0]])
        if not mj or any(a.verb[0] < f.agent_span[0] for a in acts):
            return None
        cb_, ce_ = self.t.clean(sb, sb + mj.start())
        if re.search(r"[;:]", self.s[cb_:ce_]) or len(self.s[cb_:ce_].split()) < 6:
            return None
        modal = next((c for c in cands if cb_ <= c.b < ce_ and c.form.modal and c.form.words.lower() == "will"), None)
        if modal is None:
            return None
        return Act("", "affirmation", (cb_, ce_), (modal.b, modal.e), list(f.agents), f.agent_span, True, (cb_, ce_),
                   comments=[f"a clause in the statement's own voice joined to the act of “{self.s[f.agent_span[0]:f.agent_span[1]]}”: "
                             "read as their affirmation; check it"])
