"""Who "the two leaders" are in a ministers' text. The genre calls the ministers who met "the two
leaders" too ("Minister … Shin Wonsik and Secretary of Defense Lloyd J. Austin III met in Tokyo … The two
leaders strongly urged …"); a President named only later, in a statement the ministers recall ("as both
President Biden and President Yoon stated"), is not among them. So the heads of state or government a
collective "leaders" resolves to must be named in the sentence that reports the meeting, when that
sentence names officials (ministers, secretaries) and none of the heads: else the officials it names."""

from __future__ import annotations


def heads_who_met(finder, heads: list[str]) -> list[str]:
    """``heads`` unless the sentence reporting the meeting names officials and none of them (then [])."""
    d = finder.d
    held = getattr(d, "held_sentence", None)
    if not heads or not held or held[1] <= held[0]:
        return heads
    hb, he = held

    def named_there(pid: str) -> bool:
        ent = d.entities.get(pid)
        return ent is not None and any(hb <= x < he for x, _ in ent.spans)

    if any(named_there(h) for h in heads):
        return heads
    if any(named_there(o) for o in finder._officials_only()):
        return []
    return heads
