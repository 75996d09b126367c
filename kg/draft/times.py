"""Times and the meeting's place (kg.draft.entities' EntityFinder, as a mixin): the dates the text
names ("July 12, 2023", "12 July 2023", "May 9-10, 2019") as Intervals, months ("July 2023") as
Months, the first date of the sentence that reports the meeting as the meeting's time (a day without
a year: kg.draft.places), and the place "in"/"at" that sentence names as the meeting's location.
"""

from __future__ import annotations

import re
from datetime import date

from kg.draft.model import Entity


class TimeMixin:
    def times(self) -> None:
        months = self.lex.months
        mon = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
        pat = re.compile(r"\b(" + mon + r")\s+(\d{1,2})(?:\s*[-–]\s*(?:(" + mon + r")\s+)?(\d{1,2}))?,\s+(\d{4})\b"
                         r"|\b(" + mon + r")\s+(\d{4})\b"
                         r"|\b(\d{1,2})\s+(" + mon + r")\s+(\d{4})\b")  # "12 July 2023": a day, as "July 12, 2023"
        self.dates: list[tuple[int, int, str]] = []
        msb, mse = self.held_sentence
        meeting_time_done = False
        for m in pat.finditer(self.s):
            b, e = m.start(), m.end()
            try:
                if m.group(1) or m.group(8):
                    if m.group(8):
                        y, m1, d1 = int(m.group(10)), months[m.group(9)], int(m.group(8))
                        m2, d2 = m1, d1
                    else:
                        y = int(m.group(5))
                        m1 = months[m.group(1)]
                        d1 = int(m.group(2))
                        m2 = months[m.group(3)] if m.group(3) else m1
                        d2 = int(m.group(4)) if m.group(4) else d1
                    begin, end = date(y, m1, d1), date(y, m2, d2)
                    if end < begin:
                        continue
                    if not meeting_time_done and msb <= b < mse and self.d.reports:
                        ident = f"time/{self.d.id}"
                        meeting_time_done = True
                        meeting = self.d.entities[self.d.reports]
                        lo = min(self.meeting_span[0], b)
                        meeting.add_fact("time:hasTime", ident, self.t.quote(lo, max(e, self.meeting_span[1])))
                    else:
                        ident = f"time/{begin.isoformat()}" + (f"-{end.isoformat()}" if end != begin else "")
                    ent = self.d.add(Entity(ident, "Interval"))
                    if "quote" not in ent.extra:
                        ent.extra.update(begin=begin.isoformat(), end=end.isoformat(), quote=self.t.quote(b, e))
                        ent.spans.append((b, e))
                    self.dates.append((b, e, ident))
                else:
                    y, mo = int(m.group(7)), months[m.group(6)]
                    ident = f"time/{y:04d}-{mo:02d}"
                    words = self.s[b:e]
                    k = self.reg.get(ident)
                    if k is not None and k.label != words:
                        ident = f"time/{self.d.id}/{y:04d}-{mo:02d}"
                    ent = self.d.add(Entity(ident, "Month"))
                    if "quote" not in ent.extra:
                        ent.extra.update(month=f"{y:04d}-{mo:02d}", quote=self.t.quote(b, e))
                        ent.spans.append((b, e))
                    self.dates.append((b, e, ident))
            except ValueError:
                continue
        if not meeting_time_done and self.d.reports:
            from kg.draft.places import yearless_days

            yearless_days(self, msb, mse)
        self.d.dates = self.dates
        self.d.held_sentence = self.held_sentence
        # the meeting's place: "in Seoul" / "in Washington, D.C." after the meeting in its sentence
        if self.d.reports:
            meeting = self.d.entities[self.d.reports]
            for ent in list(self.d.entities.values()):
                if ent.cls in ("City", "Place", "Site"):
                    for b, e in ent.spans:
                        if msb <= b < mse and re.search(r"\b(in|at)\s+$", self.s[max(msb, b - 4):b]):
                            meeting.add_fact("location", ent.id, self.t.quote(b - 3 if self.s[b - 3:b] == "in " else b, e))
                            break
