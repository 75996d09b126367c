"""The reporting verbs of a sentence (kg.draft.acts' ActFinder, as a mixin): the verb forms of the
lexicon found in it, longest first and never overlapping (a capitalised form only where it opens its
sentence or clause: "Recognizing …"), and whether a modal after "and" continues the act before it
("We commit to A and will B") rather than opening one of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.draft.lexicon import VerbForm
from kg.draft.model import Act


@dataclass
class _Cand:
    b: int
    e: int
    form: VerbForm


class VerbMixin:
    def candidates(self, sb: int, se: int) -> list[_Cand]:
        taken: list[tuple[int, int]] = []
        out = []
        low = self.s[sb:se].lower()
        for v, rx, first_word in self._verb_res:
            if first_word not in low:
                continue
            for m in rx.finditer(self.s, sb, se):
                b, e = m.start(), m.end()
                if any(not (e <= tb or b >= te) for tb, te in taken):
                    continue
                first = self.s[b]
                if first.isupper() and not v.words[0].isupper():
                    # a capitalised verb only opens its sentence or clause ("Recognizing …")
                    before = self.s[sb:b].strip()
                    if before and not before.endswith((",", ";", ":")):
                        continue
                taken.append((b, e))
                out.append(_Cand(b, e, v))
        out.sort(key=lambda c: c.b)
        return out

    def _modal_continues(self, prev: Act, c: _Cand) -> bool:
        """"We commit to A and will B": a modal right after "and", continuing a commissive act of the
        sentence, with no clause ("which …", "that …") opened between them."""
        between = self.s[prev.verb[1]:c.b]
        if prev.kind not in self.lex.commissive and not re.search(r",\s*and\s+$", between):
            return False  # after another kind, only as the last of a list of verbs ("approved A, underscored B, and will C")
        if not re.search(r"(?:,\s*|\s)and\s+(?:(?:also|together|further)\s+)?$", between):
            return False
        return not re.search(r"\b(?:which|that|who|whose|where)\b|\bis\b|\bare\b", between)
