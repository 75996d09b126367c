"""Names defined with an acronym (kg.draft.entities' EntityFinder, as a mixin): "Long Name (ACR)",
"U.S.-Japan Security Consultative Committee (SCC)": a known entity the name covers takes the acronym;
else a body or document of the class its head word gives (lexicon `body_heads`, `document_heads`),
the corpus's by id or a new one, mentioned by its name and by the acronym wherever the text uses it.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug

_CAP = r"[A-Z][\w’'\-]*"
_ACR = r"\(([A-Z][A-Za-z0-9\-&./]{1,11})\)"


class AcronymMixin:
    def acronym_definitions(self) -> None:
        # a name may open with a dotted state prefix: "U.S.-Japan Security Consultative Committee (SCC)"
        pat = re.compile(r"((?:(?:the|of|for|and|on|in)\s+)?(?:[A-Z](?:\.[A-Z])+\.[-–])?(?:" + _CAP
                         + r"(?:\s+(?:of|for|and|on|the)\s+|\s+|-))*" + _CAP + r")\s*" + _ACR)
        for m in pat.finditer(self.s):
            acr = m.group(2)
            name = re.sub(r"^(?:the|of|for|and|on|in)\s+", "", m.group(1))
            nb = m.start(1) + m.group(1).index(name)
            if any(acr in (self.reg.get(i).acronyms if self.reg.get(i) else ()) for i in self.d.entities):
                continue
            if any(acr in ent.acronym for ent in self.d.entities.values()):
                continue
            have = self.known_at(nb, m.start(2) - 1)
            if have is not None and any(sb <= nb + 1 and m.start(2) - 2 <= se for sb, se in have.spans):
                if acr not in have.acronym and self.t.find_words(acr):
                    have.acronym.append(acr)
                    have.spans.extend(self.t.find_words(acr))
                continue
            cls, prefix = self.classify(name)
            if cls is None:
                continue
            ident = f"{prefix}/{self._state_prefix(name)}{slug(acr)}" if prefix == "body" else f"{prefix}/{slug(name)}"
            known = self.reg.get(ident)
            if known is not None:
                self.reuse(ident, nb, m.end())
                continue
            ent = self.d.add(Entity(ident, cls, name))
            ent.add_mention(self.t.mention(nb, m.end()), (nb, m.end()))
            if self.t.find_words(acr):
                ent.acronym.append(acr)
                for b, e in self.t.find_words(acr):
                    ent.spans.append((b, e))
            ent.comments.append(f"new {cls}: named “{name} ({acr})”; no entity of the corpus has this name or acronym")

    def _state_prefix(self, name: str) -> str:
        """"U.S.-Japan Security Consultative Committee": "us-japan-", the slugs of the states its name opens with."""
        m = re.match(r"(\S+)[-–](\S+)\s", name)
        if not m:
            return ""
        sts = [self.lex.state_words.get(w) for w in m.groups()]
        if None in sts:
            return ""
        return "-".join(self.lex.side_slugs.get(st, st.split("/")[1]) for st in sts) + "-"

    def classify(self, name: str) -> tuple[str | None, str]:
        words = name.split()
        last = words[-1]
        two = " ".join(words[-2:])
        if two in self.lex.body_heads:
            return self.lex.body_heads[two], "body"
        if last in self.lex.body_heads and len(words) >= 2:
            return self.lex.body_heads[last], "body"
        if last in self.lex.document_heads and len(words) >= 2:
            return self.lex.document_heads[last], "doc"
        return None, ""
