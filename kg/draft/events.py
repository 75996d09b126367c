"""Happenings and relative times the genre makes recognisable (lexicon `event_heads`, `relative_times`).

"the recent launches by North Korea", "DPRK missile tests", "combined exercises and training",
"senior-level policy consultations": a head noun of the lexicon with its modifiers becomes an Event,
MissileTest, Exercise or Process of the statement (``event/<statement>/<slug>``), status unspecified
until a curator reads it. "in the near future", "recent": a RelativeTime before or after the time of
the meeting the statement reports. Phrases inside a known entity's mention are left to that entity.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, Fact, slug

_POSS = r"[A-Z][\w\-]*(?:’s|'s)"


class EventFinder:
    def __init__(self, finder) -> None:
        self.f = finder
        self.d, self.t, self.lex, self.s = finder.d, finder.t, finder.lex, finder.s
        data = self.lex.data
        self.heads = dict(data.get("event_heads", {}))
        self.mods = set(m.lower() for m in data.get("event_modifiers", []))
        self.by = dict(data.get("conducted_by", {}))
        self.rel = data.get("relative_times", {}) or {}
        self.rel_patterns = data.get("relative_time_patterns", {}) or {}
        self.needs = {k: list(v) for k, v in (data.get("event_needs_words") or {}).items()}

    def run(self) -> None:
        self.alliances()
        if self.heads:
            self.events()
        if self.rel or self.rel_patterns:
            self.relative_times()

    # ------------------------------------------------------------------ alliances
    def alliances(self) -> None:
        """"the U.S.-Japan Alliance", "the alliance between the ROK and the United States": the alliance of
        two states of the series — the corpus's alliance of those two members when it knows one, else a
        new one (org/<first>-<second>-alliance, in the order of the lexicon's side_states)."""
        sides = list(self.lex.side_states)
        words = sorted(((w, st) for w, st in self.lex.state_words.items() if st in sides), key=lambda x: -len(x[0]))
        alt = "|".join(re.escape(w) for w, _ in words)
        rx = re.compile(r"(?<![\w.])(" + alt + r")\s*[-–]\s*(" + alt + r")\s+([Aa]lliance)\b"
                        r"|\b([Aa]lliance)\s+between\s+(?:the\s+)?(" + alt + r")\s+and\s+(?:the\s+)?(" + alt + r")(?![\w])")
        for m in rx.finditer(self.s):
            a, b_ = (m.group(1), m.group(2)) if m.group(1) else (m.group(5), m.group(6))
            sa, sb_ = self.lex.state_words[a], self.lex.state_words[b_]
            if sa == sb_ or sa not in self.d.entities or sb_ not in self.d.entities:
                continue
            members = sorted({sa, sb_}, key=sides.index)
            b, e = m.start(), m.end()
            if self._covered_by(b, e, "Alliance"):
                continue
            ident = None
            for k in self.f.reg.entities.values():
                if k.cls == "Alliance" and {o for p, o, _ in k.facts if p == "org:hasMember"} == set(members):
                    ident = k.id
                    break
            slugs = [self.lex.side_slugs.get(x, x.split("/")[1]) for x in members]
            ident = ident or f"org/{slugs[0]}-{slugs[1]}-alliance"
            k = self.f.reg.get(ident)
            if m.group(1):
                label = " ".join(self.s[b:e].split())
                label = label[:-len("alliance")] + "Alliance"
            else:
                label = "-".join(self.lex.side_labels.get(x, x) for x in members) + " Alliance"
            ent = self.d.add(Entity(ident, "Alliance", k.label if k else label, known=k is not None))
            ent.add_mention(self.t.mention(b, e), (b, e))
            for st in members:
                ent.add_fact("org:hasMember", st, self.t.quote(b, e))
            if k is None:
                ent.comments.append(f"new Alliance “{self.s[b:e]}”; no alliance of the corpus has these two members")

    def _covered_by(self, b: int, e: int, cls: str) -> bool:
        return any(ent.cls == cls and any(x <= b and e <= y for x, y in ent.spans) for ent in self.d.entities.values())

    # ------------------------------------------------------------------ events
    def _covered(self, b: int, e: int) -> bool:
        for ent in self.d.entities.values():
            if ent.cls in ("Interval", "Month", "RelativeTime", "State", "Delegation"):
                continue
            if any(x < e and b < y for x, y in ent.spans):
                return True
        return False

    def events(self) -> None:
        s = self.s
        heads = sorted(self.heads, key=len, reverse=True)
        rx = re.compile(r"(?<![\w\-])(" + "|".join(r"\s+".join(map(re.escape, h.split())) for h in heads) + r")(?![\w\-])")
        title_end = self.d.title_span[1]
        taken: list[tuple[int, int]] = []
        for m in rx.finditer(s):
            hb, he = m.start(), m.end()
            if hb < title_end or any(x < he and hb < y for x, y in taken):
                continue
            head = " ".join(m.group(1).split())
            cls = self.heads.get(head) or self.heads.get(head.lower())
            # modifiers before the head
            b = hb
            words = list(re.finditer(r"[\w\-’']+", s[max(0, hb - 120):hb]))
            off = max(0, hb - 120)
            n = 0
            for w in reversed(words):
                word = w.group(0)
                if s[off + w.end():b].strip():
                    break  # punctuation between
                if self._is_mod(word):
                    b = off + w.start()
                    n += 1
                    if n >= 5:
                        break
                    continue
                break
            e = he
            # "the launch of an intercontinental ballistic missile (ICBM)": what was launched
            obj = re.match(r"\s+of\s+(?:an?\s+|the\s+|this\s+|its\s+)?(?:[\w\-]+\s+){0,3}?(?:missiles?|ICBMs?|IRBM|SLBM|SRBM|rockets?)"
                           r"(?:\s*\([A-Z]{2,6}\))?", s[he:he + 90])
            if obj:
                e = he + obj.end()
            tail = re.match(r"\s+by\s+(?:the\s+)?((?:[A-Z][\w\-]*\s?)+)", s[e:e + 40])
            if tail:
                e = e + len(tail.group(0).rstrip())
            need = self.needs.get(head.lower())
            if need and not any(re.search(r"(?<![\w\-])" + re.escape(w) + r"(?![\w\-])", s[b:e]) for w in need):
                continue  # "to launch a Working Group": nothing launched that the head needs
            if b == hb and not tail and not obj and cls != "Process":
                continue  # a bare head ("launches", "exercises") is too vague to be an entity
            b, e = self.t.clean(b, e)
            if self._covered(b, e):
                continue
            phrase = s[b:e]
            state = None
            for word, st in sorted(self.by.items(), key=lambda x: -len(x[0])):
                if re.search(r"(?<![\w])" + re.escape(word) + r"(?![\w])", phrase) and st in self.d.entities:
                    state = st
                    break
            if obj and cls == "Event":  # "launches of intercontinental ballistic missiles": missile tests
                cls = "MissileTest"
            launched = self.needs.get("launch") or []
            if cls == "Event" and head.lower() in ("launch", "launches") and any(
                    re.search(r"(?<![\w\-])" + re.escape(w) + r"(?![\w\-])", phrase) for w in launched):
                cls = "MissileTest"  # "multiple ICBM launches": what was launched is a modifier
            q_b = b
            if cls in ("MissileTest", "NuclearTest") and state is None:
                # "DPRK's unprecedented number of ballistic missile launches, including multiple ICBM launches":
                # the state whose possessive governs the phrase earlier in its clause
                own = possessor_before(self, b)
                if own is not None:
                    state, q_b = own
            if cls in ("MissileTest", "NuclearTest") and state is None:
                cls = "Event"

            if obj and re.search(r"\bof\s+(?:this|that)\s", obj.group(0)):
                same = [x for x in self.d.entities.values() if x.cls == cls and x.id.startswith(f"event/{self.d.id}/")]
                if same:  # "the DPRK’s launch of this ICBM": the launch named before
                    same[-1].add_mention(self.t.mention(b, e), (b, e))
                    taken.append((b, e))
                    continue
            key = phrase
            if obj:  # "the launch of an intercontinental ballistic missile (ICBM) by the DPRK": dprk-icbm-launch
                acr = re.search(r"\(([A-Z]{2,6})\)", obj.group(0))
                what = acr.group(1) if acr else obj.group(0).split()[-1]
                by = next((w for w in sorted(self.by, key=len, reverse=True) if re.search(r"(?<![\w])" + re.escape(w) + r"(?![\w])", phrase)), "")
                key = " ".join(x for x in (by.replace("’s", "").replace("'s", ""), what, head) if x)
            ident = f"event/{self.d.id}/{slug(key)}"
            if ident in self.d.entities and self.d.entities[ident].cls != cls:
                continue
            label = phrase[0].upper() + phrase[1:]
            ent = self.d.add(Entity(ident, cls, label))
            ent.add_mention(self.t.mention(b, e), (b, e))
            ent.comments.append(f"new {cls}: “{phrase}” (an event head of the lexicon); check what it is and its status")
            if state and cls in ("MissileTest", "NuclearTest"):
                ent.add_fact("conductedBy", state, self.t.quote(min(b, q_b), e))
            self._dated(ent, b, e)
            taken.append((b, e))
            if cls == "Exercise" or head.endswith("s") and cls in ("MissileTest", "Event"):
                self._shared_head(b, head, cls, taken)

    def _is_mod(self, word: str) -> bool:
        return (word.lower() in self.mods or bool(re.fullmatch(_POSS, word)) or bool(re.fullmatch(r"[a-z]+-[a-z]+", word))
                or bool(re.fullmatch(r"[A-Z][\w\-]*", word)) and word not in ("The", "A", "An", "In", "At", "On", "To"))

    def _shared_head(self, b: int, head: str, cls: str, taken: list[tuple[int, int]]) -> None:
        """"missile defense, anti-submarine, and maritime interdiction exercises": each conjunct before the one
        with the head is an entity of its own with that head (a conjunct of two words or more, or hyphenated;
        the list joined by commas, its last two by "and"/"or")."""
        s, pos, first = self.s, b, True
        while True:
            sep = re.search(r"(,?\s+(?:and|or)\s+|,\s+)$", s[max(0, pos - 12):pos])
            if not sep or first and not re.search(r"\b(?:and|or)\b", sep.group(1)) or not first and "," not in sep.group(1):
                return
            first = False
            end = pos - len(sep.group(1))
            off = max(0, end - 80)
            gb, n = end, 0
            for w in reversed(list(re.finditer(r"[\w\-’']+", s[off:end]))):
                if s[off + w.end():gb].strip() or not self._is_mod(w.group(0)) or n >= 4:
                    break
                gb, n = off + w.start(), n + 1
            group = s[gb:end]
            if gb == end or len(group.split()) < 2 and not re.fullmatch(r"[a-z]+-[a-z]+", group) or self._covered(gb, end):
                return
            ident = f"event/{self.d.id}/{slug(group + ' ' + head)}"
            if ident in self.d.entities:
                return
            ent = self.d.add(Entity(ident, cls, (group + " " + head)[0].upper() + (group + " " + head)[1:]))
            ent.add_mention(self.t.mention(gb, end), (gb, end))
            ent.comments.append(f"new {cls}: “{group}”, one of a list sharing the head “{head}”; check it")
            taken.append((gb, end))
            pos = gb

    def _dated(self, ent: Entity, b: int, e: int) -> None:
        """"… by the DPRK on 12 July 2023": the day right after the phrase is its time."""
        m = re.match(r"\s+on\s+", self.s[e:e + 6])
        if not m:
            return
        for db, de, ident in self.f.dates:
            if db == e + m.end() and ident in self.d.entities and self.d.entities[ident].cls == "Interval":
                ent.add_fact("time:hasTime", ident, self.t.quote(b, de))
                return

    # ------------------------------------------------------------------ relative times
    def relative_times(self) -> None:
        anchor = f"time/{self.d.id}"
        if anchor not in self.d.entities:
            return
        s = self.s
        forms = sorted(((w, rel) for rel, ws in self.rel.items() for w in ws), key=lambda x: -len(x[0]))
        title_end = self.d.title_span[1]
        taken: list[tuple[int, int]] = []
        for rel, pats in self.rel_patterns.items():  # "by the end of 2024", "at the next SCM"
            for pat in pats:
                for m in re.finditer(r"(?<![\w\-])(?:" + pat + r")(?![\w\-])", s, re.I):
                    b, e = m.start(), m.end()
                    if b < title_end or any(x < e and b < y for x, y in taken):
                        continue
                    taken.append((b, e))
                    self._relative(b, e, self.t.quote(b, e), rel, anchor, slug(re.sub(r"^(?:by|before|until|at)\s+(?:the\s+)?", "", s[b:e], flags=re.I)))
        for words, rel in forms:
            for b, e in self.t.find_words(words):
                if b < title_end or any(x < e and b < y for x, y in taken):
                    continue
                if not s[b:e][0].islower() and s[b:e] != words:
                    continue
                taken.append((b, e))
                nxt = " ".join(re.findall(r"[\w\-]+", s[e:e + 40])[:2]) if words in ("recent", "upcoming") else ""
    
                self._relative(b, e, self.t.quote(b, e), rel, anchor, slug(words + ' ' + nxt))

    def _relative(self, b: int, e: int, expression, rel: str, anchor: str, key: str) -> None:
        base = f"time/{self.d.id}/{key}"
        ident, i = base, 2
        while ident in self.d.entities:
            ident, i = f"{base}-{i}", i + 1
        ent = self.d.add(Entity(ident, "RelativeTime"))
        ent.extra.update(expression=expression, relation=rel, anchor=anchor)
        ent.spans.append((b, e))
        self.d.dates.append((b, e, ident))


def report_event(finder) -> None:
    """A statement that reports no meeting (no body met, no verb of meeting: "The United States, Republic of
    Korea, and Japan strongly condemn the launch of …") reports the happening it answers: the first missile
    or nuclear test, or other event, named in its first sentence after the title with a verb of reaction
    (lexicon `reaction_verbs`; the events are those of `event_heads`).
    The stand-in meeting is dropped; with no such happening it stays, as the shapes want one reported."""
    d, t = finder.d, finder.t
    meeting = d.entities.get(d.reports or "")
    if meeting is None:
        return
    title_end = d.title_span[1]
    words = finder.lex.data.get("reaction_verbs") or []
    if not words:
        return
    rx = re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w\-])", re.I)
    first = next(((b, e) for b, e in t.sentences if b >= title_end and rx.search(t.string, b, e)), None)
    if first is None:
        return
    events = [x for x in d.entities.values() if x.cls in ("MissileTest", "NuclearTest", "Event")
              and any(first[0] <= b < first[1] for b, _ in x.spans)]
    if not events:
        return
    ev = min(events, key=lambda x: min(b for b, _ in x.spans))
    b, e = next((b, e) for b, e in ev.spans if first[0] <= b < first[1])
    del d.entities[meeting.id]
    d.reports = ev.id
    d.document = [f for f in d.document if f.prop != "reports"]
    d.document.append(Fact("reports", ev.id, t.quote(b, e),
                           "the statement reports no meeting (no body met, no verb of meeting): it answers this; check it"))
    if not ev.has_fact("status"):  # what a statement condemns has happened
        mv = rx.search(t.string, first[0], first[1])
        lo, hi = min(b, mv.start()), max(e, mv.end())
        ev.add_fact("status", "status:held", t.quote(lo, hi), "the statement reacts to it: it happened; check it")
    d.held_sentence = (0, 0)
    finder.held_sentence = (0, 0)


def possessor_before(finder, b: int) -> tuple[str, int] | None:
    """The state of `conducted_by` whose possessive ("DPRK's", "North Korea’s") stands before ``b`` in the
    same clause (no ";", ":" or sentence end between; at most 120 characters back), and where it begins."""
    s = finder.s
    lo = max(0, b - 120)
    for sb, se in finder.t.sentences:
        if sb <= b < se:
            lo = max(lo, sb)
    best = None
    for word, st in finder.by.items():
        if not re.search(r"[’']s$", word) or st not in finder.d.entities:
            continue
        for m in re.finditer(r"(?<![\w])" + re.escape(word) + r"(?![\w])", s[lo:b]):
            pos = lo + m.start()
            if not re.search(r"[;:.]\s", s[pos:b]) and (best is None or pos > best[1]):
                best = (st, pos)
    return best

