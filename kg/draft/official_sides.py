"""The sides of a statement that names its states only in front of the officials' posts: "Republic of
Korea (ROK) Deputy Minister for National Defense Policy Cho Chang-rae, U.S. Assistant Secretary of
Defense for Indo-Pacific Security Affairs Ely Ratner, and Japan Director General for Defense Policy Kano
Koji convened …". Each state word of the list opens an official's post and name; the list is the
states of the officials who met, in order (kg/draft/sides.py ``sides`` takes it as the first
sentence's list, before a title that names fewer of them: "Japan-US-S. Korea …")."""

from __future__ import annotations

import re

# between two states of the list: "(ROK)" after the state, then the post's and the name's words (capitalized
# words and the small words of a post), a comma, "and", "the"
_OFFICIAL_GAP = re.compile(r"(?:[ \t]+\([A-Z][A-Za-z.]{1,7}\))?[ \t]+(?:(?:[A-Z][\w.’'\-]*|of|for|the|and|at|on),?[ \t]+){1,16}?"
                           r"[A-Z][\w.’'\-]*,(?:[ \t]+and)?[ \t]+(?:the[ \t]+)?")


def officials_list_states(finder, text: str) -> list[str]:
    """The states named in ``text`` each before an official's post and name, as a list of two or more
    (the longest such list whose states each open a post), else []."""
    lex = finder.lex
    words = sorted((w for w, st in lex.state_words.items() if st in lex.side_states), key=len, reverse=True)
    rx = re.compile(r"(?<![\w.\-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w\-])")
    hits = [m for m in rx.finditer(text) if not (text[m.start() - 1:m.start()] == "(" and text[m.end():m.end() + 1] == ")")]
    heads = r"\b(?:" + "|".join(re.escape(h) for h in lex.post_head_words) + r")\b"
    best: list[str] = []
    cur: list[str] = []
    last = None
    for m in hits:
        st = lex.state_words[m.group(1)]
        opens = re.match(r"(?:[ \t]+\([A-Z][A-Za-z.]{1,7}\))?[ \t]+(?:[A-Z][\w.’'\-]*[ \t]+){0,3}?" + heads, text[m.end():])
        if last is not None and cur and opens and _OFFICIAL_GAP.fullmatch(text, last, m.start()) and st not in cur:
            cur.append(st)
        else:
            cur = [st] if opens else []
        if len(cur) > len(best):
            best = list(cur)
        last = m.end()
    return best if len(best) >= 2 else []
