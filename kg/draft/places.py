"""Places the genre names by a bare proper name: the capitals and states of the region where allied
statements are issued and that they talk about ("Tokyo", "Phnom Penh, Cambodia", "including China and
Russia"). The names are data (lexicon `places`, by class, and `place_ids` for a name whose id is not its
slug, "China" → ``state/prc``); a name is linked to the corpus's id when the corpus knows it, else it is
a new entity under ``place/<slug>`` (a City) or ``state/<slug>`` (a State). A name inside a longer name
of another entity ("Tokyo Declaration", "South China Sea") is not a mention of the place.
"""

from __future__ import annotations

import re

from kg.draft.model import Entity, slug

_PREFIX = {"City": "place", "State": "state", "Region": "place"}


def find_places(finder) -> None:
    d, s, lex = finder.d, finder.s, finder.lex
    ids = lex.data.get("place_ids") or {}
    for cls, names in (lex.data.get("places") or {}).items():
        for name in sorted(names, key=len, reverse=True):
            ident = ids.get(name) or f"{_PREFIX.get(cls, 'place')}/{slug(name)}"
            for b, e in finder.t.find_words(name):
                nxt = re.match(r"[ \t]+([A-Z][\w.]*)", s[e:e + 16])
                if nxt and nxt.group(1) not in lex.months or re.search(r"[A-Z][a-z]+[ \t]$", s[max(0, b - 16):b]) \
                        and not re.search(r"(?:^|[\s,(])(?:In|At|From|To|With|And|The|Including)[ \t]$", s[max(0, b - 16):b]):
                    continue  # part of a longer proper name
                if any(x <= b and e <= y and (x, y) != (b, e) or (x, y) == (b, e) and ent.id != ident
                       for ent in d.entities.values() for x, y in ent.spans if not _sentence_long(ent, x, y)):
                    continue
                if finder.reg.get(ident) is not None:
                    finder.reuse(ident, b, e)
                    continue
                ent = d.entities.get(ident)
                if ent is None:
                    ent = d.add(Entity(ident, cls, name))
                    ent.comments.append(f"new {cls} “{name}” (a place name of the lexicon); check it")
                ent.add_mention(finder.t.mention(b, e), (b, e))


def yearless_days(finder, msb: int, mse: int) -> None:
    """"… met in Tokyo Jan. 30-31 for the annual Defense Trilateral Talks", "… on 4 August in Sydney": days without a year in the
    sentence that reports the meeting are its time, in the year of the text's first full date (its
    dateline), when they do not fall after that date's end."""
    from datetime import date

    d, s, months = finder.d, finder.s, finder.lex.months
    full = [ent for ent in d.entities.values() if ent.cls == "Interval" and "begin" in ent.extra]
    if not full or msb >= mse:
        return
    anchor = min(full, key=lambda x: min((b for b, _ in x.spans), default=0))
    year, last = int(anchor.extra["begin"][:4]), date.fromisoformat(anchor.extra["end"])
    mon = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    rx = re.compile(r"(?<![\w.])(" + mon + r")\s+(\d{1,2})(?:\s*[-–]\s*(?:(" + mon + r")\s+)?(\d{1,2}))?(?![\d,]|,?\s+\d{4})")
    verbs = r"\b(?:" + "|".join(map(re.escape, finder.lex.data.get("meeting_verbs") or [])) + r")\b"
    # the sentence that reports the meeting, else a first paragraph with a verb of meeting ("Jan." may end a sentence)
    # the day first too ("on 4 August in Sydney", "16-17 June"), the genre's British and Australian order
    rx_dm = re.compile(r"(?<![\w.])(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s+(" + mon + r")(?![\w]|,?\s+\d{4})")
    cands = [(msb, mse)] + [(b, e) for b, e in finder.t.paragraphs()[:3] if re.search(verbs, s[b:e])]
    m = None
    for msb, mse in cands:
        m = rx.search(s[msb:mse])
        mdm = rx_dm.search(s[msb:mse])
        if mdm and (m is None or mdm.start() < m.start()):
            m = mdm
        if m:
            break
    if not m:
        return
    try:
        if m.re is rx_dm:
            begin = date(year, months[m.group(3)], int(m.group(1)))
            end = date(year, months[m.group(3)], int(m.group(2) or m.group(1)))
        else:
            begin = date(year, months[m.group(1)], int(m.group(2)))
            end = date(year, months[m.group(3)] if m.group(3) else months[m.group(1)], int(m.group(4) or m.group(2)))
    except ValueError:
        return
    if end < begin or end > last:
        return
    b, e = msb + m.start(), msb + m.end()
    ident = f"time/{d.id}"
    ent = d.add(Entity(ident, "Interval"))
    ent.extra.update(begin=begin.isoformat(), end=end.isoformat(), quote=finder.t.quote(b, e))
    ent.spans.append((b, e))
    ent.comments.append(f"the year is that of the text's first full date ({anchor.extra['quote']})")
    meeting = d.entities[d.reports]
    lo, hi = min(finder.meeting_span[0], b), max(e, finder.meeting_span[1])
    meeting.add_fact("time:hasTime", ident, finder.t.quote(lo, hi))
    finder.dates.append((b, e, ident))


def _sentence_long(ent, x: int, y: int) -> bool:
    """A meeting mentioned by the whole sentence that reports it ("On July 28, 2024, Minister … met in Tokyo to
    …"): a place inside it is named in its own right, not as part of the meeting's name."""
    return ent.cls == "Meeting" and y - x > 80
