"""One post however the genre orders its words: "First Vice Foreign Minister" is the corpus's "First Vice
Minister for Foreign Affairs" (post/rok-first-vice-minister-foreign-affairs), "Foreign Minister" the
"Minister of Foreign Affairs". Two posts of one state are the same when their distinguishing words
(kg.draft.posts' ``_post_key``) are the same words in any order, "Foreign" standing for "Foreign Affairs".
"""

from __future__ import annotations


def _words(key: tuple[str, ...]) -> list[str]:
    words = list(key)
    if "foreign" in words and "affairs" not in words:
        words.append("affairs")
    return sorted(words)


def same_post_words(finder, key: tuple[str, ...], known) -> bool:
    """Whether the known post ``known`` (of the same state) has the words of ``key`` in another order."""
    if len(key) < 2:
        return False
    want = _words(key)
    sslug = known.id.split("/", 1)[1].split("-", 1)
    names = [sslug[1].replace("-", " ")] if len(sslug) == 2 else []
    return any(_words(finder._post_key(n)) == want for n in names + sorted(known.forms | {known.label or ""}))
