"""Documents the genre names in title case: "the Washington Declaration", "the Camp David Principles",
"Strategic Planning Guidance", "the Defense Vision of the U.S.-ROK Alliance", "their respective National
Security Strategies and National Defense Strategies".

A run of capitalized words ending in a head word of the lexicon (`document_heads`; plural heads in
`document_plural_heads`), optionally followed by "of the <Name>", is a Document of the head's class. A
name the corpus knows (by label or mention) is reused; a new one is ``doc/<slug>`` (a plural, the
statement's own "respective" documents, ``doc/<statement>/<slug>``, class Document). Names of generic
words only ("the Joint Statement") and names inside an entity already found are left alone, and so is
the title (the statement itself).
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug

_TOK = r"(?:[A-Z](?:\.[A-Z])+\.[-–][A-Z][\w’'\-]*|[A-Z][\w’'\-]*)"
_CLASSES = {"Document", "Strategy", "Review", "Agreement", "Resolution", "Plan", "JointStatement", "PressStatement"}


class DocumentFinder:
    def __init__(self, finder) -> None:
        self.f = finder
        self.d, self.t, self.lex, self.s, self.reg = finder.d, finder.t, finder.lex, finder.s, finder.reg
        data = self.lex.data
        self.heads = dict(self.lex.document_heads)
        self.plural = dict(data.get("document_plural_heads") or {})
        self.generic = set(data.get("document_generic_words") or [])
        self.skip = set(data.get("document_skip_heads") or [])

    def run(self) -> None:
        heads = sorted(set(self.heads) | set(self.plural), key=len, reverse=True)
        if not heads:
            return
        head = r"(?:" + "|".join(map(re.escape, heads)) + r")"
        plural = r"(?:" + "|".join(map(re.escape, sorted(self.plural, key=len, reverse=True))) + r")" if self.plural else head
        name = (r"(?:" + _TOK + r"(?:\s+(?:of|for|on)\s+|[ \t]+))*?" + head
                + r"(?:(?<=s)\s+and\s+(?:" + _TOK + r"[ \t]+)+" + plural + r")?")
        tail = (r"(?:\s+of\s+the\s+(?:" + _TOK + r"[ \t]+)*" + _TOK + r"|\s+(?:for|on|[Cc]oncerning)\s+(?:" + _TOK
                + r"(?:\s+(?:of|for|on|and|[Cc]oncerning)\s+|[ \t]+))*" + _TOK + r")?")
        rx = re.compile(r"(?<![\w\-.’'])(" + name + r")(?![\w\-])(" + tail + r")")
        title_end = self.d.title_span[1]
        for m in rx.finditer(self.s, title_end):
            b, e = m.start(1), m.end(2) if self._tail_ok(m.group(2)) else m.end(1)
            words = self.s[b:e].split()
            while words and (words[0] in _OPENERS or words[0].endswith("ing") and words[0][0].isupper()):
                b = self.s.index(words[1], b + len(words[0])) if len(words) > 1 else e
                words = words[1:]
            core = self._without_states(" ".join(words)).split()
            if len(words) < 2 or all(w.strip("’'") in self.generic or w in ("of", "for", "on", "and", "the") for w in words) \
                    or len(core) < 2 and all(w.strip("’'").lower() in {g.lower() for g in self.generic} for w in core):
                continue  # "the Joint Statement", "the U.S.-ROK Agreement": no name of its own
            if self._covered(b, e):
                continue
            last = re.findall(head, self.s[b:m.end(1)])[-1]
            if last in self.skip:
                continue
            self.add(self.s[b:e], b, e, last)

    def _tail_ok(self, tail: str) -> bool:
        """"of the U.S.-ROK Alliance": a name the tail ends in (not "of the Korean Peninsula" after a plan);
        "for Cooperation Concerning Peaceful Uses of Nuclear Energy": a title-case purpose."""
        if re.match(r"\s+(?:for|on|[Cc]oncerning)\s", tail or ""):
            return True
        return bool(tail) and bool(re.search(r"\b(?:Alliance|Republic|States|Nations|Korea|Japan|ROK)\s*$", tail))

    def _covered(self, b: int, e: int) -> bool:
        for ent in self.d.entities.values():
            if ent.cls in ("Interval", "Month", "RelativeTime", "State"):
                continue
            if any(x < e and b < y and not (b <= x and y <= e and ent.cls in ("Alliance", "Organization", "Ministry")) for x, y in ent.spans):
                return True
        return False

    def add(self, phrase: str, b: int, e: int, head: str) -> None:
        name = " ".join(phrase.split())
        plural = head in self.plural and head not in self.heads
        for ent in self.d.entities.values():  # "the Defense Vision" after "the Defense Vision of the U.S.-ROK Alliance"
            if ent.cls in _CLASSES and (ent.label or "").startswith(name + " of "):
                ent.add_mention(self.t.mention(b, e), (b, e))
                return
        known = self._known(name)
        if known is not None:
            self.f.reuse(known, b, e)
            return
        if plural:
            ident, cls = f"doc/{self.d.id}/{slug(name)}", "Document"
        else:
            ident, cls = f"doc/{slug(name)}", self.heads[head]
            if self.reg.get(ident) is not None:
                self.f.reuse(ident, b, e)
                return
        ent = self.d.add(Entity(ident, cls, name))
        ent.add_mention(self.t.mention(b, e), (b, e))
        what = "documents the text names together" if plural else f"a {cls} by its head word “{head}”"
        ent.comments.append(f"new {cls}: “{name}” ({what}); check its class and whether the corpus knows it by another name")

    def _known(self, name: str) -> str | None:
        """The corpus's document of this name, its state prefix aside ("Mutual Defense Treaty" is the
        "U.S.-ROK Mutual Defense Treaty"; "Korea Free Trade Agreement" the "Korea-U.S. Free Trade Agreement")."""
        core = self._core(name)
        for k in self.reg.entities.values():
            if k.cls in _CLASSES and core in {self._core(f) for f in k.forms | {k.label or ""}}:
                return k.id
        return None

    def _core(self, name: str) -> str:
        core = self._without_states(name)
        return core.lower() if len(core.split()) >= 2 else " ".join(name.split()).lower()

    def _without_states(self, name: str) -> str:
        """The name without the states it opens with: "U.S.-ROK Mutual Defense Treaty" → "Mutual Defense Treaty"."""
        words = sorted(self.lex.state_words, key=len, reverse=True)
        alt = "|".join(map(re.escape, words))
        rx = re.compile(r"^(?:the\s+)?(?:(?:" + alt + r")(?:’s|'s)?\s*(?:[-–/]\s*|\s+(?:and\s+)?)?)+(?=[A-Z])")
        return rx.sub("", " ".join(name.split()))


_OPENERS = {"The", "A", "An", "In", "At", "During", "On", "Both", "And", "With", "For", "To", "By", "Of", "From",
            "Through", "As", "This", "That", "These", "Its", "Their", "Our", "Additionally", "Finally", "Under", "Per"}
