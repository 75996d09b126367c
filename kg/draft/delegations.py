"""Delegations (kg.draft.entities' EntityFinder, as a mixin): "X, Y and Z led their respective
delegations", "The ROK delegation was led by X", "Delegations led by A, B, and C …": a Delegation of
each side to the meeting reported, representing its state, led by the persons the sentence names, and
a participant of the meeting; the draft's leaders of each delegation (read by kg.draft.parties).
"""

from __future__ import annotations

import re

from kg.draft.model import Entity


class DelegationMixin:
    def delegations(self) -> None:
        lead = re.compile(r"\b(led|headed|co-led)\s+(?:the\s+|their\s+respective\s+)(U\.S\.|ROK|Japanese|American|Korean)?\s*delegations?\b"
                          r"|\b(?:The|the)\s+(U\.S\.|ROK|Japanese|Australian|Indian|Philippine)\s+(?:delegation|side)\s+was\s+(?:co-)?(?:led|headed|chaired)\s+by\b"
                          r"|\b((?:The\s+|the\s+)?(?:three\s+|two\s+|respective\s+)?[Dd]elegations)\s+(?:were\s+)?(?:led|headed)\s+by\b")
        for m in lead.finditer(self.s):
            sb, se = self.t.sentence_of(m.start())
            word = m.group(2) or m.group(3)
            if m.group(4):  # "Delegations led by A, B, and C …": each person their own side
                people = [p for p in self.persons if any(m.end() <= b < se for b, _ in p.spans)]
                mb, me = m.start(), m.end()
            elif m.group(3):  # "The ROK delegation was led by X"
                people = [p for p in self.persons if any(m.end() <= b < se for b, _ in p.spans)]
                mb, me = m.start(), m.start() + len(m.group(0).split(" was ")[0])
            else:
                people = [p for p in self.persons if any(sb <= b < m.start() for b, _ in p.spans)]
                # only the persons of this clause: after the last ';' or sentence start
                mb = m.start(0) + len(m.group(1)) + 1
                me = m.end()
            if not people:
                continue
            if word:
                groups = {self.lex.state_words[word]: people}
            else:  # "led their respective delegations": each person their own side
                groups = {}
                for p in people:
                    if p.side:
                        groups.setdefault(p.side, []).append(p)
            for side, persons in groups.items():
                if side not in self.d.entities:
                    continue
                did = f"delegation/{self.d.id}-{self.lex.side_slugs.get(side, side.split('/')[1])}"
                label = f"{self.lex.side_labels.get(side, side)} delegation to the {self.d.meeting_short}"
                ent = self.d.add(Entity(did, "Delegation", label))
                mb2, me2 = self.t.clean(mb, me)
                phrase = self.s[mb2:me2]
                phrase = re.sub(r"^(?:led|headed|co-led)\s+", "", phrase) if not m.group(4) else phrase
                pb = self.s.index(phrase, mb2)
                ent.add_mention(self.t.mention(pb, pb + len(phrase)), (pb, pb + len(phrase)))
                ent.side = side
                ent.add_fact("represents", side, self.t.mention(pb, pb + len(phrase)) if isinstance(self.t.mention(pb, pb + len(phrase)), str) and len(self.t.find_words(phrase)) == 1 else self.t.quote(pb, pb + len(phrase)))
                pspans = [(b, e) for p in persons for b, e in p.spans if sb <= b < se]
                lo, hi = min([m.start()] + [b for b, _ in pspans]), max([m.end()] + [e for _, e in pspans])
                for p in persons:
                    ent.add_fact("ledBy", p.id, self.t.quote(lo, hi))
                self.d.delegations[side] = did
                self.d.leaders.setdefault(did, [])
                for p in persons:
                    if p.id not in self.d.leaders[did]:
                        self.d.leaders[did].append(p.id)
                if self.d.reports:
                    self.d.entities[self.d.reports].add_fact("participant", did, self.t.quote(pb, pb + len(phrase)))
