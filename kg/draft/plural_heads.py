"""Heads of state or government named together under one plural title: "two meetings between Presidents
Biden and Marcos", "Prime Ministers Albanese and Kishida".

Each surname is a person as in "President Biden" (kg.draft.heads ``head_by_surname``): the person the draft or
the corpus knows by that surname, else a new Person labelled by the surname; no post is drafted (one plural
title for two).
"""

from __future__ import annotations

import re



def plural_heads(finder) -> None:
    from kg.draft.names import NAME_WORD

    lex = finder.lex
    bad = set(lex.post_domain_words) | set(lex.post_head_words) | set(lex.body_heads) | set(lex.state_words)
    sur = r"(" + NAME_WORD + r"(?:-[A-Za-z][a-z]+)?)"
    pat = re.compile(r"(?<![\w.])(Presidents|Prime\s+Ministers)\s+" + sur + r"\s+and\s+" + sur + r"(?![\w\-]|\s+[A-Z][a-z])")
    for m in pat.finditer(finder.s):
        title = "President" if m.group(1) == "Presidents" else "Prime Minister"
        for g in (2, 3):
            name, b, e = m.group(g), m.start(g), m.end(g)
            if name in bad:
                continue
            ent = finder.head_by_surname(name, (b, e), (b, e), f"“{name}” of “{m.group(0)}”")
            if ent is None:
                continue
            if not ent.has_fact("org:holds"):
                ent.comments.append(f"“{m.group(0)}”: a {title.lower()}; no post drafted (one plural title for two posts)")
