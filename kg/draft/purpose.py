"""An act stated as the purpose of the meeting: "We, the Secretary of State … and the Foreign Ministers …,
met in New York City during the 78th United Nations General Assembly to reaffirm our unwavering support for
the United Nations, …".

An infinitive is otherwise no act ("pledge to support …"). After "met", "gathered" or "convened" and the
meeting's place and time, an infinitive of a verb that restates or commits (lexicon `purpose_kinds`:
reaffirmation, commitment, pledge) is the act of those who met; "met … to discuss", "to hold discussions",
"to share information" stay the meeting's report.
"""

from __future__ import annotations

import re

from kg.draft.model import Act

_MET = re.compile(r"\b(?:met|gathered|convened)\b(?P<between>[^;:()]{0,160}?)\s+to\s+$")


def purpose_act(finder, c, sb: int) -> Act | None:
    kinds = finder.lex.data.get("purpose_kinds") or []
    if c.form.kind not in kinds or c.form.modal:
        return None
    s = finder.s
    m = None
    for m in _MET.finditer(s, sb, c.b):
        pass
    if m is None or m.end() != c.b or re.search(r"\b(?:which|that|who|and|where)\b", m.group("between")):
        return None
    lead = finder.lead_subject(sb, m.start())
    if lead is None:
        return None
    agents, span = lead
    to_b = c.b - len(re.search(r"to\s+$", s[sb:c.b]).group(0))
    return Act("", c.form.kind, (to_b, c.e), (c.b, c.e), list(agents), span, True, (c.e, c.e),
               comments=[f"the meeting's purpose (“{m.group(0).split()[0]} … to {s[c.b:c.e]}”) read as an act of those "
                         "who met; check it"])
