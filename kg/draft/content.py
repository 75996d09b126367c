"""What an act is about (kg.draft.acts' ActFinder, as a mixin): its content, the verb's complement up
to where the next act of the sentence begins (backed off over ", and"), without the words the lexicon
strips (`content_strip`) and without its condition; then the session it was said in, the entities the
content names, its topics (lexicon `topics`) and, for what is pledged or committed, the time it is due
by. One verb with two "that" complements ("reaffirmed that A, and that B") is two acts.
"""

from __future__ import annotations

import re

from kg.draft.model import Act


class ContentMixin:
    def finish(self, act: Act, end: int, sb: int, se: int) -> None:
        s = self.s
        b = act.verb[1]
        e = end
        while e > b and (s[e - 1].isspace() or s[e - 1] in ".;,"):
            e -= 1
        while b < e and s[b].isspace():
            b += 1
        seg = s[b:e]
        for w in self.lex.content_strip:
            if re.match(re.escape(w) + r"\b\s*", seg) and not (w == "to" and act.kind not in self.lex.commissive and not re.match(r"to\s+[a-z]+\s", seg)):
                if w in ("to",) and act.kind not in self.lex.commissive:
                    break
                m = re.match(re.escape(w) + r"\b\s*", seg)
                b += m.end()
                seg = s[b:e]
                break
        # a condition: at the head of the content, after a comma, or a subject that works as one
        cond = self._condition(b, e)
        if cond is not None:
            cb_, ce_, new_b = cond
            act.condition = (cb_, ce_)
            b = new_b
        act.content = (b, e)
        act.span = (act.span[0], max(e, act.verb[1]))
        if act.condition is None and not act.agent_in_sentence:
            lead = self._leading_condition(sb, act.agent_span[0])
            if lead is not None:  # "Should the DPRK conduct a nuclear test, the three countries will respond"
                act.condition = lead
                act.span = (lead[0], act.span[1])
        if act.condition:
            act.span = (act.span[0], max(act.span[1], act.condition[1]))
        # session
        for pb, pe, ident, qspan in getattr(self.d, "session_at", []):
            if pb <= act.verb[0] < pe and ident in self.d.entities:
                act.session, act.session_span = ident, qspan
        # about: entities named in the content
        about = []
        for ent in self.d.entities.values():
            if ent.cls in ("Interval", "Month", "RelativeTime", "Delegation", "Post", "Session"):
                continue
            if any(b <= x < e and y <= e for x, y in ent.spans):
                about.append((min(x for x, y in ent.spans if b <= x < e), ent.id))
        act.about = [i for _, i in sorted(about)][:10]
        # topics
        content = s[b:e]
        for topic, words in self.lex.topics.items():
            if any(re.search(r"(?<![\w\-])" + re.escape(w) + r"(?![\w\-])", content, re.IGNORECASE if not w.isupper() else 0) for w in words):
                act.topics.append(topic)
        act.topics = act.topics[:5]
        # due time of what is pledged or committed
        if act.kind in self.lex.commissive:
            for db, de, ident in getattr(self.d, "dates", []):
                if b <= db < e:
                    pre = s[max(b, db - 5):db]
                    m2 = re.search(r"\b(in|by|before|until)\s+$", pre)
                    if m2 and ident in self.d.entities:
                        act.due = ident
                        act.due_span = (db - len(pre) + m2.start(), de)
                        break
                    if re.match(r"(?:by|before|until|at)\s", s[db:de], re.I) and ident in self.d.entities:
                        act.due, act.due_span = ident, (db, de)  # "by the end of 2024": the preposition is in the expression
                        break

    def _cut_before(self, begin: int, end: int) -> int:
        """Back off from the next act's start over ", and", " and", ",", "—" and spaces."""
        seg = self.s[begin:end]
        m = re.search(r"(?:[,;]?\s*(?:and|as well as|while|but)?(?:\s+also)?\s*)$", seg)
        cut = begin + (m.start() if m else len(seg))
        return max(begin, cut)

    def _second_complement(self, act: Act, sb: int, se: int) -> list[Act]:
        """One verb, two acts: "reaffirmed that A, and that B". The second "that" clause is an act of its
        own, of the same kind and agents, its verb the "that"."""
        if act.agents == ["?participial"] or act.content[1] <= act.content[0]:
            return []
        b, e = act.content
        lead = self.s[act.verb[1]:b]
        seg = self.s[b:e]
        if re.search(r"\bthat\s*$", lead) or self.s[act.verb[0]:act.verb[1]].lower().endswith(" that"):
            rx = r",?\s+and\s+(that)\s+"
        else:  # "agreed to A and to B" stays one act (as the curators code it, but for ncg-1)
            return []
        m = None
        for mm in re.finditer(rx, seg):
            if seg[:mm.start()].count("(") == seg[:mm.start()].count(")"):
                m = mm
                break
        if m is None:
            return []
        kb = b + m.start(1)
        second = Act("", act.kind, (kb, e), (kb, kb + len(m.group(1))), list(act.agents), act.agent_span, True, (kb, e),
                     comments=[f"one verb, two complements: the second “{m.group(1)} …” of “{self.s[act.verb[0]:act.verb[1]]}” "
                               "drafted as an act of its own"])
        self.finish(act, b + m.start(), sb, se)
        self.finish(second, e, sb, se)
        return [second] + self._second_complement(second, sb, se)
