"""One person however the text orders the name.

The genre writes East Asian names family name first ("Kishida Fumio", "Yoon Suk Yeol") and, in the
same text or the next statement, given name first ("Fumio Kishida"); the corpus may know the person by
the family name alone (``person/kishida``, labelled "Kishida", from "Prime Minister Kishida"). Two rules
keep such a person one entity:

- a full name whose words (in any order, initials and hyphens ignored) are those of a person already
  drafted from this text is that person;
- a full name one of whose outer words is the one-word label of a known person is that person when the
  title the text gives the name ("Prime Minister") is a word of a post the corpus gives them — the
  family name alone is not enough ("Admiral Kim" is not Minister Kim).
"""

from __future__ import annotations

import re

from kg.draft.model import Entity

# Letters of a name: the genre writes names with letters outside ASCII ("Eduardo Año", "Nguyễn Phú
# Trọng", "Marcos Jr."); a name's capital and its lower-case letters include the Latin-1 and extended
# Latin ones (and the Vietnamese letters of Latin Extended Additional), so such a name is one name.
UP = "A-ZÀ-ÖØ-Þ"
LOW = "a-zß-öø-ÿā-žḁ-ỹ"
NAME_WORD = "[" + UP + "][" + LOW + "]+"

_TITLE = re.compile(r"(President|Prime Minister|Secretary(?: of [A-Z][a-z]+)?|Minister(?: of [A-Z][a-z]+| for [A-Z][a-z]+)*|"
                    r"Chairman|Ambassador|Admiral|General|Director)[\s,]+(?:the\s+)?$")


def same_name_in_draft(finder, key: frozenset[str], b: int, e: int) -> Entity | None:
    """The person of this draft whose name (as first drafted) has the very words of ``key``."""
    if len(key) < 2:
        return None
    for ent in finder.d.entities.values():
        if ent.cls == "Person" and ent.extra.get("_name_key") == key:
            ent.add_mention(finder.t.mention(b, e), (b, e))
            return ent
    return None


def title_before(s: str, b: int, post_words: str) -> str:
    """The title the text gives a name: its post words, else the title just before it."""
    if post_words and post_words.strip():
        return " ".join(post_words.split())
    m = _TITLE.search(s[max(0, b - 40):b])
    return m.group(1) if m else ""


def known_by_family_name(finder, parts: list[str], b: int, post_words: str):
    """The known person labelled by one outer word of ``parts`` whose corpus post shares the title's head."""
    words = [p for p in parts if not re.fullmatch(r"[A-Z]\.", p)]
    if len(words) < 2:
        return None
    title = title_before(finder.s, b, post_words)
    if not title:
        return None
    head = title.split(" of ")[0].split(" for ")[0]
    found = []
    for k in finder.reg.entities.values():
        if k.cls != "Person" or " " in (k.label or "") or k.label not in (words[0], words[-1]):
            continue
        for prop, obj, _sid in k.facts:
            post = finder.reg.get(obj) if prop == "org:holds" and isinstance(obj, str) else None
            if post is not None and re.search(r"\b" + re.escape(head) + r"\b", post.label or ""):
                found.append(k)
                break
    return found[0] if len(found) == 1 else None


def drafted_by_family_name(finder, sur: str, title: str) -> Entity | None:
    """The one person of this draft named in full with ``title`` before the name, one of whose outer name
    words is ``sur`` ("Prime Minister Ishiba Shigeru of Japan", then "Prime Minister Ishiba")."""
    s, found = finder.s, []
    for ent in finder.d.entities.values():
        if ent.cls != "Person":
            continue
        for x, y in ent.spans:
            words = [w for w in re.sub(r",?\s+(?:Jr\.|Sr\.|III|II|IV)$", "", s[x:y]).split() if not re.fullmatch(r"[A-Z]\.", w)]
            named = re.search(re.escape(title).replace(r"\ ", r"\s+") + r"[\s,]+$", s[max(0, x - 24):x]) or words[:len(title.split())] == title.split()
            if len(words) >= 2 and named and sur in (words[0], words[-1]) and ent not in found:
                found.append(ent)
    return found[0] if len(found) == 1 else None
