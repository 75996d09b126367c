"""Speech acts: each reporting verb of the lexicon whose subject is a party.

For each sentence the drafter finds the verb forms of the lexicon (longest first), then for each
verb its subject (the words from the clause start to the verb). A subject that names a party makes
an act; an empty subject after "and" or a comma continues the act before it ("X reaffirmed A and
pledged B" is two acts, the second's agent phrase found in the sentence); an -ing form opening a
clause ("Recognizing …, the two leaders …") takes the subject of its sentence. The content is the
verb's complement, up to the next act of the sentence; a condition ("should …", "if …") is taken
out of it; the session, the entities it is about, its topics and a due time follow.

This module drives it, sentence by sentence (ActFinder); each step is a mixin of its own module:
the verbs of a sentence (kg.draft.verbs), who made an act (kg.draft.agents), what parties a subject
names (kg.draft.parties), what an act is about (kg.draft.content), its condition
(kg.draft.conditions), acts in the speakers' or the statement's own voice (kg.draft.voice).
"""

from __future__ import annotations

import re

from kg.draft.agents import AgentMixin
from kg.draft.conditions import ConditionMixin
from kg.draft.content import ContentMixin
from kg.draft.lexicon import Lexicon
from kg.draft.model import Act, Draft
from kg.draft.parties import PartyMixin
from kg.draft.sentences import Text
from kg.draft.verbs import VerbMixin
from kg.draft.voice import VoiceMixin


class ActFinder(VerbMixin, AgentMixin, VoiceMixin, ContentMixin, ConditionMixin, PartyMixin):
    def __init__(self, draft: Draft, text: Text, lex: Lexicon):
        self.d, self.t, self.lex = draft, text, lex
        self.s = text.string
        self.prev_agents: list[str] = []
        self.prev_phrase: str = ""
        cached = getattr(lex, "_act_patterns", None)
        if cached is None:
            verbs = [
                (v, re.compile(r"(?<![\w\-])" + (v.pattern or r"\s+".join(re.escape(w) for w in v.words.split())) + r"(?![\w\-])", re.IGNORECASE),
                 v.words.split()[0].lower())
                for v in lex.verbs
            ]
            adverbs = []
            for a in lex.adverbs:
                rx = r"\s+".join(map(re.escape, a.split()))
                adverbs.append((re.compile(rx + r"(?:\s|$)"), re.compile(r"\s" + rx + r"$")))
            joined = re.compile(r"(?:,|\band|\bas\s+well\s+as)\s*(?:(?:" + "|".join(re.escape(a) for a in lex.adverbs) + r")\s+)*$", re.I)
            cached = lex._act_patterns = (verbs, adverbs, joined)
        self._verb_res, self._adverb_res, self._joined = cached

    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        title_end = self.d.title_span[1]
        for sb, se in self.t.sentences:
            if se <= title_end:
                continue
            self.sentence(sb, se)
        self.voiced()
        for i, act in enumerate(self.d.acts, 1):
            act.id = f"a{i:02d}"

    def sentence(self, sb: int, se: int) -> None:
        from kg.draft.session_acts import session_act

        act = session_act(self, sb, se)  # "The plenary session included discussion on …"
        if act is not None:
            self.finish(act, act.content[1], sb, se)
            self.d.acts.append(act)
            self.prev_agents = list(act.agents)
            return
        cands = self.candidates(sb, se)
        acts: list[Act] = []
        pending: list[Act] = []
        for c in cands:
            if c.form.modal and acts and not all(a.agents == ["?participial"] for a in acts) \
                    and not self._modal_continues(acts[-1], c):
                continue
            act = self.make(c, sb, se, acts)
            if act is None:
                continue
            if act.agents == ["?participial"]:
                pending.append(act)
            acts.append(act)
        # -ing clauses take the sentence's subject: the nearest act with its own subject
        own = [a for a in acts if not a.agent_in_sentence and a.agents != ["?participial"]]
        for p in pending:
            if not own:
                acts.remove(p)
                continue
            after = [a for a in own if a.verb[0] > p.verb[0]]
            main = after[0] if after else own[-1]
            p.agents = list(main.agents)
            p.agent_span = main.agent_span
            p.agent_in_sentence = True
            p.comments.append(f"the -ing clause takes the subject of its sentence, “{self.s[main.agent_span[0]:main.agent_span[1]]}”")
        own_voice = self._own_voice_clause(sb, cands, acts)
        if own_voice is not None:
            acts.append(own_voice)
        # contents end where the next act of the sentence begins
        acts.sort(key=lambda a: a.verb[0])
        for i, act in enumerate(acts):
            nxt = acts[i + 1] if i + 1 < len(acts) else None
            end = se
            if nxt is not None:
                end = nxt.span[0] if not nxt.agent_in_sentence or nxt.agents and nxt.span[0] > act.verb[1] else nxt.verb[0]
                end = self._cut_before(act.content[0], end)
            self.finish(act, end, sb, se)
        for act in list(acts):
            acts.extend(self._second_complement(act, sb, se))
        from kg.draft.subjects import conditional_own_voice

        for act in acts:
            conditional_own_voice(self, act)
        if own_voice is not None:  # the whole clause is its content; its subject may work as a condition
            cb_, ce_ = own_voice.span
            cond = self._condition(cb_, ce_)
            own_voice.content, own_voice.span, own_voice.condition = (cb_, ce_), (cb_, ce_), (cond[0], cond[1]) if cond else None
        for act in acts:
            if act.content[1] > act.content[0] and act.span[1] > act.span[0]:
                self.d.acts.append(act)
        if acts:
            last = [a for a in acts if a.agents][-1]
            self.prev_agents = list(last.agents)
