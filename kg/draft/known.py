"""Known entities (kg.draft.entities' EntityFinder, as a mixin): the corpus's entities found by the
words the registry knows them by (kg.draft.registry) and reused by id, never inside a longer name
(another known entity's mention, or a proper name the text goes on with); the known entity at a
span; an entity of the registry added to the draft with a mention.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity

# Capitalised words that may stand before a name without being part of it.
_OPENERS = {"The", "A", "An", "In", "At", "During", "On", "Both", "And", "With", "For", "To", "By", "Of", "From",
            "Through", "As", "This", "That", "These", "Its", "Their", "Our", "Additionally", "Finally"}


class KnownMixin:
    def reuse(self, ident: str, b: int, e: int) -> Entity | None:
        k = self.reg.get(ident)
        if k is None:
            return None
        ent = self.d.entities.get(ident)
        if ent is None:
            ent = Entity(ident, k.cls, k.label, known=True, ko=k.ko)
            if k.cls == "Month":
                return None
            self.d.entities[ident] = ent
        ent.add_mention(self.t.mention(b, e), (b, e))
        return ent

    def link_known(self) -> None:
        claimed: list[tuple[int, int, str]] = []
        for form, ident, how in self.reg.forms():
            k = self.reg.get(ident)
            for b, e in self.t.find_words(form):
                if k.cls not in ("State", "Ministry") and re.match(r"[\s\-][A-Z][a-z]", self.s[e:e + 3]) and how != "acronym":
                    continue  # part of a longer proper name ("Washington Declaration", "Asia-Pacific")
                pre = re.search(r"([A-Z][a-z]+)[\s\-]$", self.s[max(0, b - 16):b])
                if k.cls != "State" and pre and pre.group(1) not in _OPENERS and how != "acronym":
                    continue  # the end of a longer name ("Assistant Secretary of Defense", "East Asia")
                if k.cls == "Post" and re.search(r"\b(?:Office|Bureau|Department)\s+of\s+the\s+$", self.s[max(0, b - 30):b]):
                    continue  # "Office of the Secretary of Defense": an office's name, not the post held
                if any(cb <= b and e <= ce and cid != ident and (cb, ce) != (b, e) and self._same_kind(cid, ident) for cb, ce, cid in claimed):
                    continue  # inside a longer name of another entity of its kind
                if any((cb, ce) == (b, e) and cid != ident for cb, ce, cid in claimed):
                    continue
                if any(cb <= b and e <= ce and (cb, ce) != (b, e) and cid == ident for cb, ce, cid in claimed):
                    continue  # "Washington" inside "Washington, D.C.": the longer mention says it
                claimed.append((b, e, ident))
                ent = self.reuse(ident, b, e)
                if ent is not None and how == "acronym" and form not in ent.acronym:
                    ent.acronym.append(form)

    def _same_kind(self, a: str, b: str) -> bool:
        return a.split("/")[0] == b.split("/")[0]

    def known_at(self, b: int, e: int, prefix: str | None = None) -> Entity | None:
        """The known entity whose mention covers most of b..e."""
        best = None
        for ent in self.d.entities.values():
            if prefix and not ent.id.startswith(prefix):
                continue
            for sb, se in ent.spans:
                if sb <= b and e <= se or b <= sb and se <= e:
                    if best is None or (se - sb) > best[0]:
                        best = (se - sb, ent)
        return best[1] if best else None
