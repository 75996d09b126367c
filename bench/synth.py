"""A synthetic corpus of joint statements, in the project's own source format, for benchmarks.

``generate(n, seed, out_dir)`` writes ``n`` statement folders (``text.txt`` + ``statement.yaml``)
of the shape and size of the seed statement (the 21st KIDD): a meeting of a dialogue with its
sessions and co-chairs, two delegations and their leaders, posts, bodies, some 40 speech acts
(pledges, commitments, affirmations … with their conditions, purposes and due times), the
commitments they make, dates, relative times, exercises, tests, documents, capabilities and
places — about 1,250 facts per statement plus their provenance.

The text of each statement is generated from sentence templates and every quote, mention and
piece of evidence in its ``statement.yaml`` is cut from that text by offsets, so each is a
verbatim part of it (a quote that stands more than once gets ``occurrence:``). Everything is
drawn from ``random.Random`` seeded with ``seed`` (and the statement's number), so the same
``(n, seed)`` gives the same bytes anywhere.

Like the real series, statements share things: the states, ministries, the alliance, standing
bodies and global documents keep one id and one label in every statement that names them;
persons hold posts for a term of a few statements and then move on (a person may hold another
post later); each meeting of a series points back to the previous one (declared by the
statement of that meeting). Ids the text identifies only relative to itself are scoped under
the statement (``event/<statement>/…``).

Command line::

    python -m synth 100 --seed 1 --out build/synth/100
"""

from __future__ import annotations

import argparse
import calendar
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from kg.source.text import SourceText, split_sentences

# ---------------------------------------------------------------------------------- pools
# Series of meetings: (slug, name, acronym, body class, first ordinal).
SERIES = [
    ("kidd", "Korea-U.S. Integrated Defense Dialogue", "KIDD", "Dialogue", 22),
    ("scm", "Security Consultative Meeting", "SCM", "ConsultativeMeeting", 55),
    ("edscg", "Extended Deterrence Strategy and Consultation Group", "EDSCG", "ConsultativeGroup", 4),
]
# Standing bodies within each series: (id, label, acronym, class).
SUB_BODIES = {
    "kidd": [("body/dsc", "Deterrence Strategy Committee", "DSC", "Committee"),
             ("body/spi", "Security Policy Initiative", "SPI", "Initiative"),
             ("body/cotwg", "OPCON Transition Working Group", "COTWG", "WorkingGroup")],
    "scm": [("body/scm-apc", "Alliance Policy Committee", "APC", "Committee"),
            ("body/scm-spli", "Strategic Planning Initiative", "SPLI", "Initiative"),
            ("body/scm-scwg", "Space Cooperation Working Group", "SCWG", "WorkingGroup")],
    "edscg": [("body/edscg-edpc", "Extended Deterrence Policy Committee", "EDPC", "Committee"),
              ("body/edscg-nci", "Nuclear Consultation Initiative", "NCI", "Initiative"),
              ("body/edscg-ccwg", "Cyber Cooperation Working Group", "CCWG", "WorkingGroup")],
}
NEW_GROUPS = [("Counter-Missile", "CMWG"), ("Space Policy", "SPWG"), ("Cyber Resilience", "CRWG"),
              ("Supply Chain", "SUPWG"), ("Maritime Security", "MSWG"), ("Emerging Technology", "ETWG"),
              ("Logistics Cooperation", "LCWG"), ("Missile Warning", "MWWG")]
# Posts: (id, label, acronym, ko); every US post is in the DoD, every ROK post in the MND.
US_POSTS = [("post/us-dasd-east-asia", "Deputy Assistant Secretary of Defense for East Asia", "DASD", None),
            ("post/us-pdasd-space-policy", "Principal Deputy Assistant Secretary of Defense for Space Policy", "PDASD", None),
            ("post/us-asd-indo-pacific", "Assistant Secretary of Defense for Indo-Pacific Security Affairs", "ASD", None)]
ROK_POSTS = [("post/rok-deputy-minister-national-defense-policy", "Deputy Minister for National Defense Policy", "DEPMIN", "국방정책실장"),
             ("post/rok-director-general-international-policy", "Director General for International Policy", "DGIP", "국제정책관"),
             ("post/rok-vice-minister-national-defense", "Vice Minister of National Defense", "VMND", "국방부차관")]
# Which posts lead, and co-chair, the meetings of each series: (US lead, ROK lead, third co-chair).
SERIES_POSTS = {"kidd": (0, 0, 1), "scm": (2, 2, 0), "edscg": (1, 1, 2)}
US_FIRST = ["Michael", "Sarah", "David", "Jennifer", "James", "Laura", "Robert", "Emily", "Daniel", "Rachel",
            "Thomas", "Karen", "Mark", "Susan", "Paul", "Anna", "Steven", "Julia", "Kevin", "Megan"]
US_LAST = ["Harrison", "Caldwell", "Brennan", "Whitaker", "Donovan", "Mercer", "Holloway", "Sterling", "Langford",
           "Prescott", "Ashford", "Kendrick", "Winslow", "Thornton", "Marlowe", "Ellison", "Garrity", "Fairbanks",
           "Radcliffe", "Pembroke", "Whitmore", "Hadley", "Carrington", "Lockwood", "Sutherland", "Beaumont",
           "Ashcroft", "Wexley"]
KO_SURNAMES = [("Kim", "김"), ("Lee", "이"), ("Park", "박"), ("Choi", "최"), ("Jung", "정"), ("Kang", "강"),
               ("Cho", "조"), ("Yoon", "윤"), ("Jang", "장"), ("Lim", "임"), ("Han", "한"), ("Shin", "신"),
               ("Seo", "서"), ("Kwon", "권"), ("Hwang", "황"), ("Ahn", "안")]
KO_GIVEN = [("Min", "민"), ("Jun", "준"), ("Hyun", "현"), ("Ji", "지"), ("Woo", "우"), ("Sung", "성"),
            ("Tae", "태"), ("Young", "영"), ("Jae", "재"), ("Hoon", "훈"), ("Soo", "수"), ("Kyung", "경"),
            ("Dong", "동"), ("Chul", "철"), ("Ho", "호"), ("Seok", "석")]
PERSONS_PER_SIDE = 24
TERM = 6  # statements a person holds a post before the next holder takes it
# Cities a meeting may take place in: (id, label, state id, state label, ko).
CITIES = [("place/seoul", "Seoul", "state/rok", "Republic of Korea", "서울"),
          ("place/washington-dc", "Washington, D.C.", "state/usa", "United States", "워싱턴 D.C."),
          ("place/busan", "Busan", "state/rok", "Republic of Korea", "부산"),
          ("place/honolulu", "Honolulu", "state/usa", "United States", "호놀룰루"),
          ("place/pyeongtaek", "Pyeongtaek", "state/rok", "Republic of Korea", "평택")]
OTHER_CITIES = [("place/singapore", "Singapore", "싱가포르"), ("place/tokyo", "Tokyo", "도쿄"),
                ("place/canberra", "Canberra", "캔버라"), ("place/manila", "Manila", "마닐라")]
THIRD_STATES = [("state/australia", "Australia", "호주"), ("state/canada", "Canada", "캐나다"),
                ("state/philippines", "the Philippines", "필리핀"), ("state/united-kingdom", "the United Kingdom", "영국"),
                ("state/france", "France", "프랑스"), ("state/new-zealand", "New Zealand", "뉴질랜드")]
EXERCISES = ["Ulchi Freedom Shield", "Freedom Shield", "Freedom Edge", "Vigilant Defense", "Combined Forces Field Training",
             "Ssangyong", "Freedom Flag", "Silent Shark"]
MULTI_EXERCISES = ["Pacific Dragon", "Pacific Vanguard", "Pacific Sentry", "Rim Guardian"]
SEAS = [("place/south-china-sea", "South China Sea", "남중국해"), ("place/east-china-sea", "East China Sea", "동중국해")]
MONTHS = list(calendar.month_name)[1:]
# Capabilities a statement may review: (id, label, class, owner).
CAPABILITIES = [("capability/f-35a", "F-35A fighter aircraft", "System", "state/rok"),
                ("capability/patriot", "Patriot air and missile defense batteries", "System", "state/usa"),
                ("capability/l-sam", "Long-range Surface-to-Air Missile system", "System", "state/rok"),
                ("capability/combined-space-surveillance", "combined space surveillance capabilities", "Capability", "org/us-rok-alliance"),
                ("capability/us-carrier-strike-group", "U.S. carrier strike group deployments", "Capability", "state/usa"),
                ("capability/rok-sm-3", "ROK ship-based missile defense", "Capability", "state/rok"),
                ("capability/combined-isr", "combined intelligence, surveillance and reconnaissance assets", "Capability", "org/us-rok-alliance"),
                ("capability/us-bomber-deployments", "U.S. strategic bomber deployments", "Capability", "state/usa")]
# Documents a statement may name: (id, label, class, issuer or None, parties).
DOCUMENTS = [("doc/mutual-defense-treaty", "Mutual Defense Treaty", "Agreement", None, ("state/usa", "state/rok")),
             ("doc/special-measures-agreement", "Special Measures Agreement", "Agreement", None, ("state/usa", "state/rok")),
             ("doc/alliance-modernization-plan", "Alliance Modernization Plan", "Plan", None, ()),
             ("doc/combined-exercise-plan", "Combined Exercise Plan", "Plan", None, ()),
             ("doc/us-national-security-strategy", "U.S. National Security Strategy", "Strategy", "state/usa", ()),
             ("doc/rok-defense-innovation-strategy", "ROK Defense Innovation Strategy", "Strategy", "state/rok", ()),
             ("doc/us-space-posture-review", "U.S. Space Posture Review", "Review", "state/usa", ())]

SYNTH_DISCLAIMER = "# Synthetic statement generated by synth for benchmarks: not an official text.\n"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


@dataclass(frozen=True)
class Person:
    id: str
    full: str  # "Michael Harrison", "Kim Min-jun"
    family: str  # "Harrison", "Kim"
    ko: str | None


def _persons(seed: int) -> tuple[list[Person], list[Person]]:
    """The recurring people of the series: a pool per side, the same for a given seed."""
    rng = random.Random(f"persons:{seed}")
    us: list[Person] = []
    seen: set[str] = set()
    while len(us) < PERSONS_PER_SIDE:
        first, last = rng.choice(US_FIRST), rng.choice(US_LAST)
        full = f"{first} {last}"
        if full in seen or any(p.family == last for p in us):
            continue
        seen.add(full)
        us.append(Person(f"person/{_slug(full)}", full, last, None))
    rok: list[Person] = []
    while len(rok) < PERSONS_PER_SIDE:
        (sur, sur_ko), (g1, g1_ko), (g2, g2_ko) = rng.choice(KO_SURNAMES), rng.choice(KO_GIVEN), rng.choice(KO_GIVEN)
        full = f"{sur} {g1}-{g2.lower()}"
        if g1 == g2 or full in seen:
            continue
        seen.add(full)
        rok.append(Person(f"person/{_slug(full)}", full, sur, sur_ko + g1_ko + g2_ko))
    return us, rok


# ---------------------------------------------------------------------------------- the writer
_TAG = re.compile(r"\[([a-z0-9_]+):|\]")


class Writer:
    """Builds a text from templates; ``[tag:words]`` marks (nestable) the spans to quote."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def raw(self, s: str) -> tuple[int, int]:
        b = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return b, self.pos

    def say(self, template: str) -> dict[str, tuple[int, int]]:
        spans: dict[str, tuple[int, int]] = {}
        stack: list[tuple[str, int]] = []
        out: list[str] = []
        i, pos = 0, self.pos
        for m in _TAG.finditer(template):
            chunk = template[i : m.start()]
            out.append(chunk)
            pos += len(chunk)
            if m.group(0) == "]":
                tag, b = stack.pop()
                spans[tag] = (b, pos)
            else:
                stack.append((m.group(1), pos))
            i = m.end()
        out.append(template[i:])
        if stack:
            raise ValueError(f"unclosed tag in template: {template}")
        self.raw("".join(out))
        return spans

    @property
    def text(self) -> str:
        return "".join(self.parts)


# ---------------------------------------------------------------------------------- one statement
@dataclass
class _Ent:
    data: dict[str, Any]
    facts: list[tuple[str, Any, Any]] = field(default_factory=list)


@dataclass
class _Act:
    spec: dict[str, Any]
    spans: dict[str, Any]


class _Statement:
    """Generates one statement: its text, entities and acts, then resolves every quote."""

    def __init__(self, index: int, seed: int, people: tuple[list[Person], list[Person]], size: float = 1.0) -> None:
        self.i = index
        self.size = size
        self.people = people
        self.rng = random.Random(f"statement:{seed}:{index}")
        self.w = Writer()
        self.ents: dict[str, _Ent] = {}
        self.acts: list[_Act] = []
        self.doc_facts: list[tuple[str, Any, Any]] = []
        slug, name, acr, cls, first = SERIES[index % len(SERIES)]
        self.series, self.series_name, self.acr, self.series_cls = slug, name, acr, cls
        self.ord = first + index // len(SERIES)
        self.id = f"syn-{slug}-{self.ord}"
        self.meeting = f"event/{self.id}"
        self.prev = f"event/syn-{slug}-{self.ord - 1}" if index >= len(SERIES) else None
        self.meeting_label = f"{_ordinal(self.ord)} {name}"
        self.begin = date(2023, 1, 9) + timedelta(days=12 * index)
        if self.begin.day > 27:
            self.begin = self.begin.replace(day=27)
        self.end = self.begin + timedelta(days=1)
        term = index // TERM
        us_pool, rok_pool = people
        u_lead, r_lead, third = SERIES_POSTS[slug]
        self.us_post, self.rok_post, self.third_post = US_POSTS[u_lead], ROK_POSTS[r_lead], US_POSTS[third]
        # three US posts, three ROK posts: holders are distinct in any one term, and move on
        self.us_lead = us_pool[(term + 7 * u_lead) % len(us_pool)]
        self.rok_lead = rok_pool[(term + 7 * r_lead) % len(rok_pool)]
        self.third = us_pool[(term + 7 * third) % len(us_pool)]
        self.city = CITIES[self.rng.randrange(len(CITIES))]
        self.subs = SUB_BODIES[slug]
        self.t = f"time/{self.id}"

    # ------------------------------------------------------------------ declarations
    def ent(self, ident: str, a: str, label: str | None = None, mentions: list[Any] | None = None,
            facts: list[tuple[str, Any, Any]] | None = None, **extra: Any) -> None:
        if ident not in self.ents:
            data: dict[str, Any] = {"id": ident, "a": a}
            if label is not None:
                data["label"] = label
            for k in ("ko", "acronym"):
                if extra.get(k):
                    data[k] = extra.pop(k)
            extra.pop("ko", None), extra.pop("acronym", None)
            data.update(extra)
            if mentions:
                data["mentions"] = []
            self.ents[ident] = _Ent(data)
        e = self.ents[ident]
        for m in mentions or []:
            if m not in e.data.setdefault("mentions", []):
                e.data["mentions"].append(m)
        for f in facts or []:
            if not any(f[0] == g[0] and f[1] == g[1] for g in e.facts):
                e.facts.append(f)

    def state(self, ident: str) -> None:
        table = {
            "state/usa": ("United States", ["U.S."], "미국", ["United States", "U.S."]),
            "state/rok": ("Republic of Korea", ["ROK"], "대한민국", ["Republic of Korea", "ROK"]),
            "state/dprk": ("DPRK", ["DPRK"], None, ["DPRK"]),
            "state/japan": ("Japan", None, "일본", ["Japan"]),
        }
        if ident in table:
            label, acr, ko, mentions = table[ident]
        else:
            _, label, ko = next(t for t in THIRD_STATES if t[0] == ident)
            label, mentions, acr = label.removeprefix("the "), [label.removeprefix("the ")], None
        self.ent(ident, "State", label, mentions, ko=ko, acronym=acr)

    def act(self, kind: str, spans: dict[str, tuple[int, int]], agents: list[str], about: list[str] = (),
            topics: list[str] = (), **extra: Any) -> None:
        n = len(self.acts) + 1
        spec: dict[str, Any] = {"id": f"a{n:02d}", "kind": kind}
        spec.update({"quote": None, "agents": list(agents), "agent_phrase": None, "content": None})
        for k in ("session", "condition", "condition_event", "due", "due_before", "purpose", "reflected_in", "reaffirms"):
            if k in extra:
                spec[k] = extra[k]
        if about:
            spec["about"] = list(about)
        spec["topics"] = list(topics)
        if "commitment" in extra:
            spec["commitment"] = extra["commitment"]
        self.acts.append(_Act(spec, spans))

    # ------------------------------------------------------------------ agent phrases
    def sides(self, start: bool) -> tuple[str, list[str]]:
        opts = ["Both sides", "The two sides", "U.S. and ROK officials"] if start else ["both sides", "the two sides"]
        return self.rng.choice(opts), [f"delegation/{self.id}-us", f"delegation/{self.id}-rok"]

    def leaders(self, start: bool) -> tuple[str, list[str]]:
        us, rok = self.us_post[2], self.rok_post[2]
        opts = (["The two leaders", "Both leaders", "The leaders", f"{us} {self.us_lead.family} and {rok} {self.rok_lead.family}"]
                if start else ["the two leaders", "the leaders", "both leaders"])
        return self.rng.choice(opts), [self.us_lead.id, self.rok_lead.id]

    # ------------------------------------------------------------------ text
    def generate(self) -> None:
        w, acr = self.w, self.acr
        self.title = f"Joint Press Statement for the {self.meeting_label}"
        t = w.say(f"[title:{self.title}]")
        self.doc_facts.append(("dcterms:title", None, t["title"]))
        self.doc_facts.append(("reports", self.meeting, t["title"]))
        w.raw("\n\n")
        self._opening()
        w.raw("\n\n")
        slots = [getattr(self, name) for name in sorted(dir(self)) if name.startswith("_slot_")]
        # a few slots drop out of every statement; `size` < 1 keeps proportionally fewer
        keep = [s for s in slots if self.rng.random() < 0.95 * self.size]
        groups = [keep[k : k + 3] for k in range(0, len(keep), 3)]
        for g in groups:
            for slot in g:
                slot()
            w.raw("\n\n")
        self._closing()

    def _opening(self) -> None:
        w, acr = self.w, self.acr
        dates = f"{MONTHS[self.begin.month - 1]} {self.begin.day}-{self.end.day}, {self.begin.year}"
        cid, clabel, cstate, cstate_label, cko = self.city
        planned = None
        if self.prev:  # planned at the previous meeting of the series: a node of another statement
            planned = w.say(f"[pl:As agreed at the [prev:{_ordinal(self.ord - 1)} {self.series_name}]], ")
        s = w.say(f"[org:{'the' if self.prev else 'The'} [dod:U.S. Department of Defense] (DoD) and the [mnd:Republic of Korea (ROK) Ministry of National Defense] (MND) "
                  f"held the [meeting:{self.meeting_label} ({acr})]] [dates:{dates}] in [loc:{clabel}, {cstate_label}]. ")
        self.ent("org/us-dod", "Ministry", "U.S. Department of Defense", ["U.S. Department of Defense (DoD)"], ko="미국 국방부",
                 acronym=["DoD"], facts=[("org:subOrganizationOf", "state/usa", s["dod"])])
        self.ent("org/rok-mnd", "Ministry", "Republic of Korea Ministry of National Defense",
                 ["Republic of Korea (ROK) Ministry of National Defense (MND)"], ko="대한민국 국방부", acronym=["MND"],
                 facts=[("org:subOrganizationOf", "state/rok", s["mnd"])])
        self.state("state/usa"), self.state("state/rok")
        self.ent(self.t, "Interval", begin=self.begin.isoformat(), end=self.end.isoformat(), quote=s["dates"])
        self.ent(cid, "City", clabel, [clabel], ko=cko, facts=[("locatedIn", cstate, s["loc"])])
        self.ent(f"body/{self.series}", self.series_cls, self.series_name, [f"{self.series_name} ({acr})", acr],
                 acronym=[acr])
        self.ent(self.meeting, "Meeting", self.meeting_label, [f"{self.meeting_label} ({acr})"], facts=[
            ("meetingOf", f"body/{self.series}", s["meeting"]),
            ("ordinal", self.ord, s["meeting"]),
            ("organizedBy", "org/us-dod", s["org"]),
            ("organizedBy", "org/rok-mnd", s["org"]),
            ("status", "status:held", s["org"]),
            ("time:hasTime", self.t, s["dates"]),
            ("location", cid, s["loc"]),
        ] + ([("plannedAt", self.prev, planned["pl"])] if planned else []))
        us, rok, third = self.us_lead, self.rok_lead, self.third
        up, rp, tp = self.us_post, self.rok_post, self.third_post
        sub = self.subs[0]
        s = w.say(f"[uspost:{up[1]} ({up[2]})], [usname:Dr. {us.full}], [usled:led [usdel:the U.S. delegation]]. "
                  f"[rokpost:{rp[1]} ({rp[2]})], [rokname:Dr. {rok.full}] [rokled:led [rokdel:the ROK delegation]]. "
                  f"[officials:Key senior U.S. and ROK defense and foreign affairs officials] also participated. "
                  f"In addition, [chairs:[tpost:{tp[1]}] [tname:Dr. {third.full}] and [usshort:Dr. {us.family}] together co-chaired the "
                  f"[session:[sub:{sub[1]}] ({sub[2]}) session of the {self.acr}] with {rp[2]} {rok.family}]. ")
        d_us, d_rok = f"delegation/{self.id}-us", f"delegation/{self.id}-rok"
        self.ent(d_us, "Delegation", f"U.S. delegation to the {_ordinal(self.ord)} {self.acr}", ["the U.S. delegation"],
                 facts=[("represents", "state/usa", s["usdel"]), ("ledBy", us.id, s["usled"])])
        self.ent(d_rok, "Delegation", f"ROK delegation to the {_ordinal(self.ord)} {self.acr}", ["the ROK delegation"],
                 facts=[("represents", "state/rok", s["rokdel"]), ("ledBy", rok.id, s["rokled"])])
        grp = f"group/{self.id}-senior-officials"
        self.ent(grp, "Group", "Key senior U.S. and ROK defense and foreign affairs officials",
                 ["Key senior U.S. and ROK defense and foreign affairs officials"])
        self.ents[self.meeting].facts += [("participant", d_us, s["usled"]), ("participant", d_rok, s["rokled"]),
                                          ("participant", grp, s["officials"])]
        self.ent(us.id, "Person", us.full, [f"Dr. {us.full}", f"Dr. {us.family}", f"{up[2]} {us.family}"], ko=us.ko,
                 facts=[("org:holds", up[0], (s["uspost"][0], s["usname"][1]))])
        self.ent(rok.id, "Person", rok.full, [f"Dr. {rok.full}", f"{rp[2]} {rok.family}"], ko=rok.ko,
                 facts=[("org:holds", rp[0], (s["rokpost"][0], s["rokname"][1]))])
        self.ent(third.id, "Person", third.full, [f"Dr. {third.full}"], ko=third.ko,
                 facts=[("org:holds", tp[0], (s["tpost"][0], s["tname"][1]))])
        self.ent(up[0], "Post", up[1], [f"{up[1]} ({up[2]})"], ko=up[3], acronym=[up[2]],
                 facts=[("org:postIn", "org/us-dod", s["uspost"])])
        self.ent(rp[0], "Post", rp[1], [f"{rp[1]} ({rp[2]})"], ko=rp[3], acronym=[rp[2]],
                 facts=[("org:postIn", "org/rok-mnd", s["rokpost"])])
        self.ent(tp[0], "Post", tp[1], [tp[1]], ko=tp[3], facts=[("org:postIn", "org/us-dod", s["tpost"])])
        self._sub_body(0, s["sub"])
        sess = f"event/{self.id}/session-1"
        self.ent(sess, "Session", f"{sub[1]} session of the {_ordinal(self.ord)} {self.acr}", [f"{sub[1]} ({sub[2]}) session of the {self.acr}"],
                 facts=[("sessionOf", self.meeting, s["session"]), ("meetingOf", sub[0], s["session"]),
                        ("coChairedBy", third.id, s["chairs"]), ("coChairedBy", us.id, s["chairs"]),
                        ("coChairedBy", rok.id, s["chairs"]), ("status", "status:held", s["chairs"])])
        self.sessions = {1: sess}

    def _sub_body(self, k: int, span: tuple[int, int]) -> None:
        bid, label, acr, cls = self.subs[k]
        self.ent(bid, cls, label, [f"{label} ({acr})"], acronym=[acr],
                 facts=[("withinBody", f"body/{self.series}", span)])

    def _session(self, k: int, lead_in: str) -> tuple[str, str]:
        """A sentence part placing an act in the session of sub-body ``k`` (declared on first use)."""
        bid, label, acr, _ = self.subs[k]
        return f"event/{self.id}/session-{k + 1}", f"{lead_in} [sub{k}:{label}] ({acr})"

    def _declare_session(self, k: int, sid: str, span: tuple[int, int], sub_span: tuple[int, int], chairs: tuple | None = None) -> None:
        bid, label, acr, _ = self.subs[k]
        self._sub_body(k, sub_span)
        facts = [("sessionOf", self.meeting, span), ("meetingOf", bid, span), ("status", "status:held", span)]
        if chairs:
            facts += [("coChairedBy", p, chairs[1]) for p in chairs[0]]
        self.ent(sid, "Session", f"{label} session of the {_ordinal(self.ord)} {self.acr}", [f"{label} ({acr})"], facts=facts)

    def _rel(self, ident: str, span: tuple[int, int], relation: str) -> str:
        tid = f"time/{self.id}/{ident}"
        self.ent(tid, "RelativeTime", expression=span, relation=relation, anchor=self.t)
        return tid

    # ------------------------------------------------------------------ the speech acts (alphabetical = text order)
    def _slot_a01_denuclearization(self) -> None:
        ph, ag = self.sides(True)
        s = self.w.say(f"[q:[ap:{ph}] reaffirmed [c:a shared goal of the complete denuclearization of the [kp:Korean Peninsula]]] and "
                       f"[q2:pledged that [c2:[cf:U.S. and ROK combined forces] would remain ready and postured to defend the ROK]]. ")
        self.ent("place/korean-peninsula", "Region", "Korean Peninsula", ["Korean Peninsula"], ko="한반도")
        self.ent("force/us-rok-combined-forces", "MilitaryForce", "U.S. and ROK combined forces", ["U.S. and ROK combined forces"])
        self.act("reaffirmation", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag,
                 ["place/korean-peninsula"], ["denuclearization"])
        self.act("pledge", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"]}, ag,
                 ["force/us-rok-combined-forces", "state/rok"], ["combined-readiness", "deterrence"])

    def _slot_a02_threat(self) -> None:
        ph, ag = self.leaders(True)
        ex = self.rng.choice(EXERCISES)
        s = self.w.say(f"[q:[ap:{ph}] discussed [c:the DPRK threat, particularly the increased volume and scale of "
                       f"[mt:DPRK missile tests [ly:over the course of the last year]]]]. With this in mind, [bl:both leaders] committed to "
                       f"[q2:[c2:expanding the scope and scale of [ce:combined military exercises] and training on and around the Korean "
                       f"Peninsula—starting with [ex:{ex}] [nw:next week]] [p2:to bolster combined readiness]]. ")
        self.state("state/dprk")
        ly = self._rel("last-year", s["ly"], "before")
        nw = self._rel("next-week", s["nw"], "after")
        mt = f"event/{self.id}/dprk-missile-tests-last-year"
        self.ent(mt, "MissileTest", "DPRK missile tests over the course of the last year", ["DPRK missile tests over the course of the last year"],
                 facts=[("conductedBy", "state/dprk", s["mt"]), ("time:hasTime", ly, s["mt"]), ("status", "status:held", s["c"])])
        ce = f"event/{self.id}/combined-exercises"
        self.ent("place/korean-peninsula", "Region", "Korean Peninsula", ["Korean Peninsula"], ko="한반도")
        self.ent(ce, "Exercise", "Combined military exercises and training", ["combined military exercises"],
                 facts=[("location", "place/korean-peninsula", s["c2"]), ("participant", "state/usa", s["ce"]),
                        ("participant", "state/rok", s["ce"]), ("status", "status:ongoing", s["c2"])])
        exid = f"event/{self.id}/{_slug(ex)}"
        self.ent(exid, "Exercise", ex, [ex], facts=[("time:hasTime", nw, s["nw"]), ("status", "status:planned", s["c2"])])
        self.act("discussion", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, ["state/dprk", mt], ["dprk-threat"])
        self.act("commitment", {"quote": s["q2"], "agent_phrase": ("sentence", s["bl"]), "content": s["c2"], "purpose": s["p2"]},
                 [self.us_lead.id, self.rok_lead.id], [ce, exid, "place/korean-peninsula"], ["combined-readiness", "dprk-threat"])

    def _slot_a02b_attendees(self) -> None:
        u_lead, r_lead, third = SERIES_POSTS[self.series]
        uk = next(k for k in range(3) if k not in (u_lead, third))
        rk = next(k for k in range(3) if k != r_lead)
        term = self.i // TERM
        us_pool, rok_pool = self.people
        up, rp = US_POSTS[uk], ROK_POSTS[rk]
        pu, pr = us_pool[(term + 7 * uk) % len(us_pool)], rok_pool[(term + 7 * rk) % len(rok_pool)]
        s = self.w.say(f"[att:Also attending were [up:{up[1]} ({up[2]})] [pu:Dr. {pu.full}] and [rp:{rp[1]} ({rp[2]})] [pr:Dr. {pr.full}]]. ")
        for person, post, ps, ns, ministry in ((pu, up, s["up"], s["pu"], "org/us-dod"), (pr, rp, s["rp"], s["pr"], "org/rok-mnd")):
            self.ent(person.id, "Person", person.full, [f"Dr. {person.full}"], ko=person.ko, facts=[("org:holds", post[0], (ps[0], ns[1]))])
            self.ent(post[0], "Post", post[1], [f"{post[1]} ({post[2]})"], ko=post[3], acronym=[post[2]],
                     facts=[("org:postIn", ministry, ps)])
            self.ents[self.meeting].facts.append(("participant", person.id, s["att"]))

    def _slot_a03_unsc(self) -> None:
        s = self.w.say("[q:[ap:They] also affirmed [c:the importance of full implementation of [res:relevant [un:United Nations (UN)] "
                       "Security Council Resolutions] by [ic:the international community]]]. ")
        self.ent("org/united-nations", "InternationalOrganization", "United Nations", ["United Nations (UN)"], ko="국제연합", acronym=["UN"])
        self.ent("org/un-security-council", "InternationalOrganization", "United Nations Security Council",
                 ["United Nations (UN) Security Council"], ko="유엔 안전보장이사회",
                 facts=[("org:subOrganizationOf", "org/united-nations", s["res"])])
        self.ent("doc/unsc-resolutions-dprk", "Resolution", "Relevant United Nations Security Council resolutions concerning the DPRK",
                 ["relevant United Nations (UN) Security Council Resolutions"],
                 facts=[("issuedBy", "org/un-security-council", s["res"])])
        self.ent("group/international-community", "Group", "the international community", ["the international community"])
        self.act("affirmation", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, [self.us_lead.id, self.rok_lead.id],
                 ["doc/unsc-resolutions-dprk", "group/international-community"], ["un-security-council-resolutions"])

    def _slot_a04_nuclear_test(self) -> None:
        ph, ag = self.sides(True)
        ph2, _ = self.sides(True)
        s = self.w.say(f"[q:[ap:{ph}] shared their assessments of [c:[act:activities at the DPRK’s [site:Punggye-ri nuclear testing site]]]]. "
                       f"[q2:[ap2:{ph2}] affirmed that, [cond:should the DPRK conduct a nuclear test], [c2:[deb:the ROK and the U.S. will engage] "
                       f"in a strong and firm bilateral response, to include options to deploy [sa:U.S. strategic assets] to the region]]. ")
        self.state("state/dprk")
        self.ent("site/punggye-ri", "Site", "Punggye-ri nuclear testing site", ["Punggye-ri nuclear testing site"], ko="풍계리 핵실험장",
                 facts=[("locatedIn", "state/dprk", s["site"])])
        pa = f"event/{self.id}/punggye-ri-activities"
        self.ent(pa, "TestSiteActivity", "Activities at the Punggye-ri nuclear testing site", ["activities at the DPRK’s Punggye-ri nuclear testing site"],
                 facts=[("location", "site/punggye-ri", s["act"]), ("status", "status:ongoing", s["q"])])
        nt = f"event/{self.id}/dprk-nuclear-test"
        self.ent(nt, "NuclearTest", "A DPRK nuclear test (hypothetical)", ["should the DPRK conduct a nuclear test"],
                 facts=[("conductedBy", "state/dprk", s["cond"]), ("status", "status:hypothetical", s["cond"])])
        self.ent("capability/us-strategic-assets", "Capability", "U.S. strategic assets", ["U.S. strategic assets"],
                 facts=[("ownedBy", "state/usa", s["sa"])])
        self.act("shared-assessment", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, [pa, "site/punggye-ri"], ["dprk-threat"])
        self.act("affirmation", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"], "condition": s["cond"],
                                 "debtor_quote": s["deb"]}, ag,
                 ["capability/us-strategic-assets", "state/dprk"], ["deterrence", "extended-deterrence"],
                 condition=True, condition_event=nt, commitment={"debtors": ["state/rok", "state/usa"]})

    def _slot_a05_executive_session(self) -> None:
        up, rp = self.us_post[2], self.rok_post[2]
        us, rok = self.us_lead, self.rok_lead
        s = self.w.say(f"[chairs:{up} {us.family} and {rp} {rok.family} co-chaired the [es:{self.acr} Executive Session]]. "
                       f"[sq:In this session, [q:[ap:the two leaders] acknowledged]] [c:an increasingly complex regional and global security environment]. ")
        es = f"event/{self.id}/executive-session"
        self.ent(es, "Session", f"{self.acr} Executive Session of the {_ordinal(self.ord)} {self.acr}", [f"{self.acr} Executive Session"],
                 facts=[("sessionOf", self.meeting, s["es"]), ("meetingOf", f"body/{self.series}", s["es"]),
                        ("coChairedBy", us.id, s["chairs"]), ("coChairedBy", rok.id, s["chairs"]), ("status", "status:held", s["chairs"])])
        q = (s["q"][0], s["c"][1])
        self.act("acknowledgement", {"quote": q, "agent_phrase": s["ap"], "content": s["c"], "session_quote": s["sq"]},
                 [us.id, rok.id], [], ["regional-security"], session=es)

    def _slot_a06_rules(self) -> None:
        ph, ag = self.leaders(True)
        s = self.w.say(f"[q:[ap:{ph}] reaffirmed [c:the importance of adherence to a rules-based international order based on international laws "
                       f"and norms, including those of freedom of navigation and overflight]], and [q2:pledged [c2:close cooperation to meet regional challenges]]. ")
        self.act("reaffirmation", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, [], ["rules-based-order", "freedom-of-navigation"])
        self.act("pledge", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"]}, ag, [], ["regional-security"])

    def _slot_a07_unlawful(self) -> None:
        s = self.w.say("[q:[ap:They] discussed [c:[ev:[rec:recent] unlawful and unsafe actions that complicated the implementation of UN "
                       "Security Council resolutions concerning the DPRK]]]. ")
        rec = self._rel("recent-unlawful-actions", s["rec"], "before")
        ev = f"event/{self.id}/unlawful-unsafe-actions"
        self.ent(ev, "Event", "Recent unlawful and unsafe actions concerning the DPRK", ["recent unlawful and unsafe actions"],
                 facts=[("status", "status:held", s["ev"]), ("time:hasTime", rec, s["ev"])])
        self.act("discussion", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, [self.us_lead.id, self.rok_lead.id], [ev],
                 ["un-security-council-resolutions"])

    def _slot_a07b_concern(self) -> None:
        ph, ag = self.sides(True)
        s = self.w.say(f"[q:[ap:{ph}] expressed concern over [c:the DPRK’s continued development of its nuclear and ballistic missile "
                       f"programs]] and [q2:condemned [c2:the [lc:[rec:recent] DPRK ballistic missile launches]]]. [q3:[ap3:They] called on "
                       f"[c3:the DPRK to abide by its obligations under UN Security Council resolutions and to return to dialogue]]. ")
        self.state("state/dprk")
        rec = self._rel("recent-dprk-launches", s["rec"], "before")
        lc = f"event/{self.id}/dprk-ballistic-missile-launches"
        self.ent(lc, "MissileTest", "Recent DPRK ballistic missile launches", ["recent DPRK ballistic missile launches"],
                 facts=[("conductedBy", "state/dprk", s["lc"]), ("time:hasTime", rec, s["lc"]), ("status", "status:held", s["lc"])])
        self.act("concern", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, ["state/dprk"], ["dprk-threat", "denuclearization"])
        self.act("condemnation", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"]}, ag, [lc, "state/dprk"],
                 ["dprk-threat", "missile-defense"])
        self.act("appeal", {"quote": s["q3"], "agent_phrase": s["ap3"], "content": s["c3"]}, ag, ["state/dprk"],
                 ["un-security-council-resolutions", "denuclearization"])

    def _slot_a08_seas(self) -> None:
        ph, ag = self.leaders(True)
        sea = self.rng.choice(SEAS)
        month = self.begin - timedelta(days=60 + self.rng.randrange(200))
        ml = f"{MONTHS[month.month - 1]} {month.year}"
        js = f"doc/{self.id}/leaders-joint-statement"
        s = self.w.say(f"[q:[ap:{ph}] affirmed their commitment to [c:maintaining peace and stability, lawful unimpeded commerce, and "
                       f"international laws including freedom of navigation and overflight and other lawful use of the seas, including in "
                       f"the [sea:{sea[1]}] and beyond], as reflected in the [js:ROK-U.S. Leaders’ Joint Statement] in [m:{ml}]]. "
                       f"[q2:[ap2:{self.leaders(True)[0]}] also reinforced [c2:the importance of preserving peace and stability in the [ts:Taiwan Strait]]]. ")
        self.ent(sea[0], "Sea", sea[1], [sea[1]], ko=sea[2])
        self.ent("place/taiwan-strait", "Sea", "Taiwan Strait", ["Taiwan Strait"], ko="대만해협")
        self.ent(js, "JointStatement", f"ROK-U.S. Leaders’ Joint Statement of {ml}", ["ROK-U.S. Leaders’ Joint Statement"],
                 facts=[("dcterms:issued", f"{month.year:04d}-{month.month:02d}", (s["js"][0], s["m"][1])),
                        ("issuedBy", "state/rok", s["js"]), ("issuedBy", "state/usa", s["js"])])
        self.act("commitment", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, [sea[0], js],
                 ["peace-and-stability", "freedom-of-navigation", "rules-based-order"], reflected_in=js)
        self.act("emphasis", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"]}, ag, ["place/taiwan-strait"], ["peace-and-stability"])

    def _slot_a09_indo_pacific(self) -> None:
        s = self.w.say("[q:[ap:They] pledged to [c:continue promoting defense and security cooperation in the [ip:Indo-Pacific region]]]. "
                       f"To that end, [q2:[ap2:{self.leaders(False)[0]}] committed to [c2:continue to closely collaborate so that the [rs:ROK Indo-Pacific "
                       "strategy framework] and the [us:U.S. Indo-Pacific Strategy] contribute to peace and stability in the region]]. ")
        ag = [self.us_lead.id, self.rok_lead.id]
        self.ent("place/indo-pacific", "Region", "Indo-Pacific", ["Indo-Pacific region"], ko="인도태평양")
        self.ent("doc/rok-indo-pacific-strategy-framework", "Strategy", "ROK Indo-Pacific strategy framework", ["ROK Indo-Pacific strategy framework"],
                 facts=[("issuedBy", "state/rok", s["rs"])])
        self.ent("doc/us-indo-pacific-strategy", "Strategy", "U.S. Indo-Pacific Strategy", ["U.S. Indo-Pacific Strategy"],
                 facts=[("issuedBy", "state/usa", s["us"])])
        self.act("pledge", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, ["place/indo-pacific"], ["indo-pacific-cooperation"])
        self.act("commitment", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"]}, ag,
                 ["doc/rok-indo-pacific-strategy-framework", "doc/us-indo-pacific-strategy", "place/indo-pacific"],
                 ["indo-pacific-cooperation", "peace-and-stability"])

    def _slot_a10_trilateral(self) -> None:
        ph, ag = self.sides(True)
        city = self.rng.choice(OTHER_CITIES)
        s = self.w.say(f"[q:[ap:{ph}] affirmed [c:the critical role that the [gs:ROK-Japan General Security of Military Information Agreement] "
                       f"(GSOMIA) continues to play in enabling bilateral cooperation between the ROK and [jp:Japan], as well as trilateral security "
                       f"cooperation among the ROK, United States, and Japan]]. [q2:[ap2:Both leaders] noted that [c2:trilateral cooperation among the "
                       f"three countries is critical for advancing shared security interests in the Indo-Pacific region]], and [q3:committed to "
                       f"[c3:further strengthening cooperation]]. [q4:[ap4:They] acknowledged [c4:the progress made during the [tm:[rec:recent] Trilateral "
                       f"Ministerial Meeting] in [cy:{city[1]}]]] and [q5:pledged to [c5:deepen cooperation through mechanisms such as the annual "
                       f"[dtt:Defense Trilateral Talks]]]. ")
        self.state("state/japan")
        self.ent("place/indo-pacific", "Region", "Indo-Pacific", ["Indo-Pacific region"], ko="인도태평양")
        self.ent("doc/rok-japan-gsomia", "Agreement", "ROK-Japan General Security of Military Information Agreement",
                 ["ROK-Japan General Security of Military Information Agreement (GSOMIA)"], ko="한일 군사정보보호협정", acronym=["GSOMIA"],
                 facts=[("party", "state/rok", s["gs"]), ("party", "state/japan", s["gs"])])
        self.ent(city[0], "City", city[1], [city[1]], ko=city[2])
        rec = self._rel("recent-trilateral-ministerial-meeting", s["rec"], "before")
        tm = f"event/{self.id}/trilateral-ministerial-meeting"
        self.ent(tm, "Meeting", f"Trilateral Ministerial Meeting in {city[1]}", ["Trilateral Ministerial Meeting"],
                 facts=[("location", city[0], s["c4"]), ("status", "status:held", s["c4"]), ("time:hasTime", rec, s["tm"])])
        self.ent("body/defense-trilateral-talks", "Talks", "Defense Trilateral Talks", ["Defense Trilateral Talks"])
        leaders = [self.us_lead.id, self.rok_lead.id]
        self.act("affirmation", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, ["doc/rok-japan-gsomia", "state/japan"],
                 ["information-sharing", "trilateral-cooperation"])
        self.act("noting", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"]}, leaders, ["state/japan", "place/indo-pacific"],
                 ["trilateral-cooperation", "indo-pacific-cooperation"])
        self.act("commitment", {"quote": s["q3"], "agent_phrase": ("sentence", s["ap2"]), "content": s["c3"]}, leaders, ["state/japan"],
                 ["trilateral-cooperation"])
        self.act("acknowledgement", {"quote": s["q4"], "agent_phrase": s["ap4"], "content": s["c4"]}, leaders, [tm, city[0]],
                 ["trilateral-cooperation"])
        self.act("pledge", {"quote": s["q5"], "agent_phrase": ("sentence", s["ap4"]), "content": s["c5"]}, leaders,
                 ["body/defense-trilateral-talks"], ["trilateral-cooperation"])

    def _slot_a11_multinational(self) -> None:
        ex = self.rng.choice(MULTI_EXERCISES)
        c1, c2 = self.rng.sample(THIRD_STATES, 2)
        s = self.w.say(f"[q:[ap:They] also positively assessed [c:the [rly:recently] conducted [ex:{ex}] multilateral missile tracking exercise], "
                       f"[inc:which in addition to the United States, ROK, and Japan, also included [c1:{c1[1]}] and [c2:{c2[1]}]]]. ")
        self.state("state/japan")
        self.state(c1[0]), self.state(c2[0])
        rly = self._rel("recently-multilateral-exercise", s["rly"], "before")
        eid = f"event/{self.id}/{_slug(ex)}"
        part = s["inc"]
        self.ent(eid, "Exercise", f"{ex} multilateral missile tracking exercise", [f"{ex} multilateral missile tracking exercise"],
                 facts=[("status", "status:held", s["c"]), ("time:hasTime", rly, s["c"])]
                 + [("participant", st, part) for st in ("state/usa", "state/rok", "state/japan", c1[0], c2[0])])
        self.act("assessment", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, [self.us_lead.id, self.rok_lead.id], [eid],
                 ["missile-defense", "trilateral-cooperation"])

    def _slot_a12_thaad(self) -> None:
        ph, ag = self.sides(False)
        s = self.w.say(f"Finally, [q:[ap:{ph}] applauded [c:[rec:recent] progress made to improve access to the [sys:U.S. [th:Terminal High "
                       f"Altitude Area Defense] (THAAD)] site]] and [q2:acknowledged [c2:the importance of [arch:the Alliance’s missile defense "
                       f"architecture] in defending the ROK people—as well as [df:U.S. and ROK deployed forces]]—particularly considering "
                       f"[mt:[rec2:recent] DPRK missile tests]]. ")
        self.state("state/dprk")
        rec = self._rel("recent-thaad-progress", s["rec"], "before")
        rec2 = self._rel("recent-dprk-missile-tests", s["rec2"], "before")
        self.ent("capability/thaad", "System", "Terminal High Altitude Area Defense", ["Terminal High Altitude Area Defense (THAAD)"],
                 ko="고고도미사일방어체계", acronym=["THAAD"], facts=[("ownedBy", "state/usa", s["sys"])])
        self.ent("site/thaad-site", "Site", "U.S. THAAD site", ["U.S. Terminal High Altitude Area Defense (THAAD) site"])
        pr = f"event/{self.id}/thaad-site-access-improvement"
        self.ent(pr, "Process", "Improving access to the U.S. THAAD site", ["progress made to improve access"],
                 facts=[("location", "site/thaad-site", s["c"]), ("status", "status:ongoing", s["c"]), ("time:hasTime", rec, s["c"])])
        self.ent("org/us-rok-alliance", "Alliance", "U.S.-ROK Alliance", ["Alliance"], ko="한미동맹",
                 facts=[("org:hasMember", "state/usa", s["arch"]), ("org:hasMember", "state/rok", s["arch"])])
        self.ent("capability/alliance-missile-defense-architecture", "Capability", "Alliance missile defense architecture",
                 ["the Alliance’s missile defense architecture"], facts=[("ownedBy", "org/us-rok-alliance", s["arch"])])
        self.ent("force/us-rok-deployed-forces", "MilitaryForce", "U.S. and ROK deployed forces", ["U.S. and ROK deployed forces"])
        mt = f"event/{self.id}/recent-dprk-missile-tests"
        self.ent(mt, "MissileTest", "Recent DPRK missile tests", ["recent DPRK missile tests"],
                 facts=[("conductedBy", "state/dprk", s["mt"]), ("time:hasTime", rec2, s["mt"]), ("status", "status:held", s["mt"])])
        self.act("applause", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, [pr, "site/thaad-site", "capability/thaad"],
                 ["missile-defense"])
        self.act("acknowledgement", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"]}, ag,
                 ["capability/alliance-missile-defense-architecture", "force/us-rok-deployed-forces", mt], ["missile-defense"])

    def _slot_a12b_capabilities(self) -> None:
        ph, ag = self.sides(True)
        caps = self.rng.sample(CAPABILITIES, 3)
        s = self.w.say(f"[q:[ap:{ph}] reviewed [c:plans to enhance [c0:{caps[0][1]}], [c1:{caps[1][1]}] and [c2:{caps[2][1]}] "
                       f"[p:to strengthen the combined defense posture]]]. ")
        for k, (cid, label, cls, owner) in enumerate(caps):
            if owner == "org/us-rok-alliance":
                self.ent(owner, "Alliance", "U.S.-ROK Alliance", ["Alliance"], ko="한미동맹")
            self.ent(cid, cls, label, [label], facts=[("ownedBy", owner, s[f"c{k}"])])
        self.act("discussion", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, [c[0] for c in caps],
                 ["deterrence", "combined-readiness", "missile-defense"])

    def _slot_a13_tds(self) -> None:
        sid, lead = self._session(0, "During the")
        ph, ag = self.sides(False)
        prev = f", as discussed at the [prev:{_ordinal(self.ord - 1)} {self.series_name}]" if self.prev else ""
        s = self.w.say(f"[sq:{lead} session, [q:[ap:{ph}] acknowledged]] [c:progress toward [rev:revising the [tds:ROK-U.S. Tailored Deterrence "
                       f"Strategy] (TDS)]]{prev}. [q2:[ap2:They] also affirmed that [c2:[rev2:the TDS is being revised] into a flexible, robust document "
                       f"that is aligned with the [nds:US National Defense Strategy, [npr:Nuclear Posture Review] and [mdr:Missile Defense Review]]]]. ")
        self._declare_session(0, sid, s["sq"], s["sub0"])
        self.ent("doc/tds", "Strategy", "ROK-U.S. Tailored Deterrence Strategy", ["ROK-U.S. Tailored Deterrence Strategy (TDS)"],
                 ko="맞춤형억제전략", acronym=["TDS"], facts=[
                     ("issuedBy", "state/rok", s["tds"]), ("issuedBy", "state/usa", s["tds"]),
                     ("alignedWith", "doc/us-national-defense-strategy", s["nds"]), ("alignedWith", "doc/us-nuclear-posture-review", s["nds"]),
                     ("alignedWith", "doc/us-missile-defense-review", s["nds"])])
        self.ent("doc/us-national-defense-strategy", "Strategy", "U.S. National Defense Strategy", ["US National Defense Strategy"],
                 facts=[("issuedBy", "state/usa", s["nds"])])
        self.ent("doc/us-nuclear-posture-review", "Review", "U.S. Nuclear Posture Review", ["Nuclear Posture Review"],
                 facts=[("issuedBy", "state/usa", s["nds"])])
        self.ent("doc/us-missile-defense-review", "Review", "U.S. Missile Defense Review", ["Missile Defense Review"],
                 facts=[("issuedBy", "state/usa", s["nds"])])
        rev = f"event/{self.id}/tds-revision"
        facts = [("status", "status:ongoing", s["rev2"])]
        about = [rev, "doc/tds"]
        if self.prev:
            facts.append(("discussedAt", self.prev, s["prev"]))
            about.append(self.prev)
        self.ent(rev, "Process", "Revision of the ROK-U.S. Tailored Deterrence Strategy", ["the TDS is being revised"], facts=facts)
        q = (s["q"][0], s["c"][1] if not self.prev else s["prev"][1])
        self.act("acknowledgement", {"quote": q, "agent_phrase": s["ap"], "content": s["c"], "session_quote": s["sq"]}, ag, about,
                 ["deterrence"], session=sid)
        self.act("affirmation", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"], "session_quote": s["sq"]}, ag,
                 ["doc/tds", rev, "doc/us-national-defense-strategy", "doc/us-nuclear-posture-review", "doc/us-missile-defense-review"],
                 ["deterrence"], session=sid)

    def _slot_a14_ironclad(self) -> None:
        s = self.w.say("[q:[ap:U.S. officials] reaffirmed [c:[cm:the ironclad U.S. commitment to the defense of the ROK], leveraging the full range of "
                       "[mc:U.S. military capabilities]—to include [n:nuclear], [cv:conventional], [md:missile defense], and [adv:other advanced "
                       "non-nuclear capabilities]]]. [q2:[ap2:ROK officials] emphasized that [c2:the [k3:Korean 3K([kc:Kill Chain], [ka:KAMD], "
                       "[km:KMPR]) Defense System] will be strengthened to deter and counter advancing DPRK nuclear and missile threats]]. ")
        self.state("state/dprk")
        content = self.w.text[s["c"][0] + len("the ironclad U.S. commitment to "): s["c"][1]]
        self.ent("commitment/us-defense-of-rok", "Commitment", "Ironclad U.S. commitment to the defense of the ROK",
                 ["the ironclad U.S. commitment to the defense of the ROK"], facts=[
                     ("debtor", "state/usa", s["cm"]), ("beneficiary", "state/rok", s["cm"]),
                     ("content", content, (s["c"][0] + len("the ironclad U.S. commitment to "), s["c"][1])),
                     ("topic", "topic:extended-deterrence", s["c"]), ("status", "status:open", s["q"])])
        comps = [("capability/us-nuclear-capabilities", "U.S. nuclear capabilities", "n"),
                 ("capability/us-conventional-capabilities", "U.S. conventional capabilities", "cv"),
                 ("capability/us-missile-defense-capabilities", "U.S. missile defense capabilities", "md"),
                 ("capability/us-advanced-non-nuclear-capabilities", "Other advanced U.S. non-nuclear capabilities", "adv")]
        listing = (s["n"][0] - len("to include "), s["adv"][1])
        self.ent("capability/us-military-capabilities", "Capability", "Full range of U.S. military capabilities",
                 ["full range of U.S. military capabilities"],
                 facts=[("ownedBy", "state/usa", s["mc"])] + [("hasComponent", cid, listing) for cid, _, _ in comps])
        for cid, label, tag in comps:
            self.ent(cid, "Capability", label, [{"span": s[tag]}])
        self.ent("capability/korean-3k-defense-system", "System", "Korean 3K Defense System", ["Korean 3K(Kill Chain, KAMD, KMPR) Defense System"],
                 ko="한국형 3축 체계", facts=[("ownedBy", "state/rok", s["c2"])] + [
                     ("hasComponent", f"capability/{x}", s["k3"]) for x in ("kill-chain", "kamd", "kmpr")])
        self.ent("capability/kill-chain", "System", "Kill Chain", ["Kill Chain"], ko="킬체인")
        self.ent("capability/kamd", "System", "KAMD", ["KAMD"])
        self.ent("capability/kmpr", "System", "KMPR", ["KMPR"])
        self.act("reaffirmation", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, [f"delegation/{self.id}-us"],
                 ["capability/us-military-capabilities", "state/rok"], ["extended-deterrence"], reaffirms="commitment/us-defense-of-rok")
        self.act("emphasis", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"]}, [f"delegation/{self.id}-rok"],
                 ["capability/korean-3k-defense-system", "state/dprk"], ["deterrence", "missile-defense", "dprk-threat"])

    def _slot_a15_next_meeting(self) -> None:
        nxt = self.begin + timedelta(days=40 + self.rng.randrange(60))
        ml = f"{MONTHS[nxt.month - 1]} {nxt.year}"
        mid = f"time/{nxt.year:04d}-{nxt.month:02d}"
        sub = self.subs[0]
        s = self.w.say(f"In addition, [q:[ap:the leaders] committed to [c:hold the [nm:{_ordinal(self.ord + 1)} {self.series_name}]] [due:in [m:{ml}]]], "
                       f"and [q2:[c2:conduct a [ttx:{sub[2]} tabletop exercise (TTX)]] [due2:in the near future]]. ")
        ag = [self.us_lead.id, self.rok_lead.id]
        self.ent(mid, "Month", month=f"{nxt.year:04d}-{nxt.month:02d}", quote=s["m"])
        nm = f"event/{self.id}/next-meeting"
        self.ent(nm, "Meeting", f"{_ordinal(self.ord + 1)} {self.series_name} (planned)", [f"{_ordinal(self.ord + 1)} {self.series_name}"],
                 facts=[("meetingOf", f"body/{self.series}", s["nm"]), ("ordinal", self.ord + 1, s["nm"]),
                        ("status", "status:planned", s["q"]), ("time:hasTime", mid, s["q"]), ("plannedAt", self.meeting, s["q"])])
        nf = self._rel("near-future", s["due2"], "after")
        ttx = f"event/{self.id}/ttx"
        self.ent(ttx, "Exercise", f"{sub[2]} tabletop exercise", [f"{sub[2]} tabletop exercise (TTX)"], acronym=["TTX"],
                 facts=[("status", "status:planned", s["c2"]), ("time:hasTime", nf, s["q2"]), ("plannedAt", self.meeting, s["c2"]),
                        ("meetingOf", sub[0], s["ttx"])])
        self._sub_body(0, s["ttx"])
        self.act("commitment", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"], "due_quote": s["due"]}, ag,
                 [nm, f"body/{self.series}"], ["extended-deterrence"], due=mid)
        self.act("commitment", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"], "due_quote": s["due2"]}, ag,
                 [ttx, sub[0]], ["deterrence"], due=nf)

    def _slot_a16_new_group(self) -> None:
        ph, ag = self.sides(True)
        topic, acr = self.rng.choice(NEW_GROUPS)
        sub = self.subs[0]
        s = self.w.say(f"[q:[ap:{ph}] also committed to [c:engage in closer policy coordination and communication] [p:to strengthen [cap:Alliance "
                       f"counter-missile capability and posture]]], and [q2:pledged to [c2:launch a [wg:{topic} Working Group ({acr})] within the "
                       f"[sub:{sub[2]}]] [p2:to this end]]. ")
        self.ent("org/us-rok-alliance", "Alliance", "U.S.-ROK Alliance", ["Alliance"], ko="한미동맹",
                 facts=[("org:hasMember", "state/usa", s["cap"]), ("org:hasMember", "state/rok", s["cap"])])
        self.ent("capability/alliance-counter-missile-capability", "Capability", "Alliance counter-missile capability and posture",
                 ["Alliance counter-missile capability and posture"], facts=[("ownedBy", "org/us-rok-alliance", s["cap"])])
        wg = f"body/{self.id}/{_slug(topic)}-wg"
        self.ent(wg, "WorkingGroup", f"{topic} Working Group", [f"{topic} Working Group ({acr})"], acronym=[acr],
                 facts=[("withinBody", sub[0], s["c2"]), ("status", "status:planned", s["q2"]), ("plannedAt", self.meeting, s["q2"])])
        self._sub_body(0, s["sub"])
        self.act("commitment", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"], "purpose": s["p"]}, ag,
                 ["capability/alliance-counter-missile-capability"], ["policy-coordination", "counter-missile"])
        self.act("pledge", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"], "purpose": s["p2"]}, ag,
                 [wg, sub[0]], ["counter-missile"])

    def _slot_a17_linchpin(self) -> None:
        sid, lead = self._session(1, "At the")
        ph, ag = self.sides(False)
        s = self.w.say(f"[sq:{lead}, [q:[ap:{ph}] reaffirmed]] [c:the [al:U.S.-ROK Alliance] remains the linchpin of peace and security on the "
                       f"[kp:Korean Peninsula] and in the [na:Northeast Asia region]]. ")
        self._declare_session(1, sid, s["sq"], s["sub1"])
        self.ent("org/us-rok-alliance", "Alliance", "U.S.-ROK Alliance", ["U.S.-ROK Alliance", "Alliance"], ko="한미동맹",
                 facts=[("org:hasMember", "state/usa", s["al"]), ("org:hasMember", "state/rok", s["al"])])
        self.ent("place/korean-peninsula", "Region", "Korean Peninsula", ["Korean Peninsula"], ko="한반도")
        self.ent("place/northeast-asia", "Region", "Northeast Asia", ["Northeast Asia region"], ko="동북아시아")
        q = (s["q"][0], s["c"][1])
        self.act("reaffirmation", {"quote": q, "agent_phrase": s["ap"], "content": s["c"], "session_quote": s["sq"]}, ag,
                 ["org/us-rok-alliance", "place/korean-peninsula", "place/northeast-asia"], ["alliance", "peace-and-stability"], session=sid)

    def _slot_a18_fight_tonight(self) -> None:
        up, rp = self.us_post[2], self.rok_post[2]
        s = self.w.say(f"[q:[ap:{up} {self.us_lead.family} and {rp} {self.rok_lead.family}] noted [c:combined training and exercises as well as "
                       f"stable, unfettered access to training facilities and bases are critical to maintaining a [cdp:combined defense posture "
                       f"that is ready to “fight tonight.”]]]  ")
        self.ent("org/us-rok-alliance", "Alliance", "U.S.-ROK Alliance", ["Alliance"], ko="한미동맹")
        self.ent("capability/us-rok-combined-defense-posture", "Capability", "U.S.-ROK combined defense posture",
                 ["combined defense posture that is ready to “fight tonight.”"], facts=[("ownedBy", "org/us-rok-alliance", s["cdp"])])
        self.act("noting", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, [self.us_lead.id, self.rok_lead.id],
                 ["capability/us-rok-combined-defense-posture"], ["combined-readiness"])

    def _slot_a19_yongsan(self) -> None:
        s = self.w.say("[q:[ap:The leaders] pledged to [c:continue to [yi:implement the [yp:Yongsan Relocation Plan]]]] and "
                       "[q2:acknowledged [c2:progress made [py:over the past year]]]. ")
        ag = [self.us_lead.id, self.rok_lead.id]
        self.ent("doc/yongsan-relocation-plan", "Plan", "Yongsan Relocation Plan", ["Yongsan Relocation Plan"], ko="용산기지이전계획")
        self.ent("event/yongsan-relocation", "Process", "Implementation of the Yongsan Relocation Plan", ["implement the Yongsan Relocation Plan"],
                 ko="용산기지 이전", facts=[("status", "status:ongoing", s["q"])])
        self._rel("past-year", s["py"], "before")
        self.act("pledge", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag,
                 ["doc/yongsan-relocation-plan", "event/yongsan-relocation"], ["base-relocation"])
        self.act("acknowledgement", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"]}, ag,
                 ["event/yongsan-relocation", "doc/yongsan-relocation-plan"], ["base-relocation"])

    def _slot_a19b_documents(self) -> None:
        ph, ag = self.leaders(True)
        docs = self.rng.sample(DOCUMENTS, 3)
        s = self.w.say(f"[q:[ap:{ph}] discussed [c:the implementation of the [d0:{docs[0][1]}], the [d1:{docs[1][1]}] and the "
                       f"[d2:{docs[2][1]}]]]. ")
        for k, (did, label, cls, issuer, parties) in enumerate(docs):
            facts = [("issuedBy", issuer, s[f"d{k}"])] if issuer else []
            facts += [("party", p, s[f"d{k}"]) for p in parties]
            self.ent(did, cls, label, [label], facts=facts)
        self.act("discussion", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, [d[0] for d in docs],
                 ["alliance", "policy-coordination"])

    def _slot_a20_space_cyber(self) -> None:
        sub = self.subs[2]
        s = self.w.say(f"Additionally, [q:[ap:they] pledged to [c:deepen and expand Alliance cooperation in the space and cyber domains] "
                       f"[p:to effectively prepare for emerging threats]]. In particular, [q2:[ap2:they] applauded [c2:the [st:ROK-U.S. "
                       f"{sub[1].replace(' Working Group', '')} Joint Study], which was agreed upon at the [wg:{sub[1]} ({sub[2]})]]]. ")
        ag = [self.us_lead.id, self.rok_lead.id]
        self.ent("org/us-rok-alliance", "Alliance", "U.S.-ROK Alliance", ["Alliance"], ko="한미동맹")
        self._sub_body(2, s["wg"])
        st = f"event/{self.id}/joint-study"
        self.ent(st, "Study", f"ROK-U.S. {sub[1].replace(' Working Group', '')} Joint Study of the {_ordinal(self.ord)} {self.acr}",
                 [f"ROK-U.S. {sub[1].replace(' Working Group', '')} Joint Study"],
                 facts=[("agreedAt", self.meeting, s["c2"]), ("status", "status:unspecified", s["c2"])])
        self.act("pledge", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"], "purpose": s["p"]}, ag,
                 ["org/us-rok-alliance"], ["space", "cyber", "alliance"])
        self.act("applause", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"]}, ag, [st, sub[0]], ["space"])

    def _slot_a21_industry(self) -> None:
        ph, ag = self.sides(False)
        s = self.w.say(f"[p:To continue to improve interoperability into the future], [q:[ap:{ph}] committed to [c:continue to enhance cooperation "
                       f"in the defense industrial space, as well as research and development]]. In particular, [q2:[ap2:they] committed to "
                       f"[c2:explore ROK-U.S. science and technology cooperation in various high-tech domains such as space, quantum, cyber "
                       f"defense, artificial intelligence, automation as well as cooperative measures in the area of 5G and next-generation "
                       f"mobile communications (6G)]]. ")
        self.act("commitment", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"], "purpose": ("sentence", s["p"])}, ag, [],
                 ["defense-industry", "research-and-development", "interoperability"])
        self.act("commitment", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"]}, ag, [],
                 ["science-and-technology", "space", "quantum", "cyber-defense", "artificial-intelligence", "automation",
                  "next-generation-mobile-communications"])

    def _slot_a21b_welcome(self) -> None:
        ph, ag = self.sides(True)
        sub = self.subs[1]
        s = self.w.say(f"[q:[ap:{ph}] welcomed [c:the work of the [sb:{sub[1]} ({sub[2]})] in preparing for the [nm:{_ordinal(self.ord)} {self.acr}]]] and "
                       f"[q2:expressed support for [c2:continued consultations between the [dod:U.S. Department of Defense] and the "
                       f"[mnd:Republic of Korea Ministry of National Defense] at all levels]]. ")
        self.ent(self.meeting, "Meeting", self.meeting_label, [f"{_ordinal(self.ord)} {self.acr}"])
        self._sub_body(1, s["sb"])
        self.act("welcome", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag, [sub[0], self.meeting], ["alliance"])
        self.act("support", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"]}, ag, ["org/us-dod", "org/rok-mnd"],
                 ["policy-coordination", "alliance"])

    def _slot_a22_opcon(self) -> None:
        sid, lead = self._session(2, "During the")
        up, rp = self.us_post[2], self.rok_post[2]
        s = self.w.say(f"[sq:{lead}, [q:[ap:{up} {self.us_lead.family} and {rp} {self.rok_lead.family}] acknowledged]] [c:the progress made "
                       f"towards [tr:the transition of wartime OPCON to the [fc:Future Combined Forces Command (F-CFC)]]] and "
                       f"[q2:reaffirmed [c2:[mc:a mutual commitment] to meeting the three conditions under the [ap2:bilaterally approved] "
                       f"[cotp:Conditions-based OPCON Transition Plan] (COTP)]]. In particular, [q3:[ap3:they] applauded [c3:the completion of the "
                       f"[js:Joint Study on COTP capabilities] and [ax:all accompanying annexes]]]. ")
        self._declare_session(2, sid, s["sq"], s["sub2"])
        ag = [self.us_lead.id, self.rok_lead.id]
        self.ent("org/future-combined-forces-command", "CombinedCommand", "Future Combined Forces Command", ["Future Combined Forces Command (F-CFC)"],
                 ko="미래연합사령부", acronym=["F-CFC"], facts=[("status", "status:planned", s["tr"])])
        self.ent("event/opcon-transition", "Process", "Transition of wartime OPCON to the Future Combined Forces Command",
                 ["the transition of wartime OPCON to the Future Combined Forces Command (F-CFC)"], ko="전시작전통제권 전환",
                 facts=[("status", "status:ongoing", s["c"])])
        self.ent("doc/cotp", "Plan", "Conditions-based OPCON Transition Plan", ["Conditions-based OPCON Transition Plan (COTP)"],
                 ko="조건에 기초한 전작권 전환계획", acronym=["COTP"],
                 facts=[("approvedBy", "state/usa", (s["ap2"][0], s["cotp"][1])), ("approvedBy", "state/rok", (s["ap2"][0], s["cotp"][1]))])
        content = self.w.text[s["c2"][0] + len("a mutual commitment to "): s["c2"][1]]
        self.ent("commitment/cotp-conditions", "Commitment", "Mutual commitment to meeting the three conditions under the COTP",
                 ["a mutual commitment to meeting the three conditions under the bilaterally approved Conditions-based OPCON Transition Plan (COTP)"],
                 facts=[("debtor", "state/usa", s["mc"]), ("debtor", "state/rok", s["mc"]),
                        ("content", content, (s["c2"][0] + len("a mutual commitment to "), s["c2"][1])),
                        ("about", "doc/cotp", s["c2"]), ("topic", "topic:opcon-transition", s["q2"]), ("status", "status:open", s["q2"])])
        js = f"event/{self.id}/joint-study-cotp-capabilities"
        self.ent(js, "Study", f"Joint Study on COTP capabilities of the {_ordinal(self.ord)} {self.acr}", ["Joint Study on COTP capabilities"],
                 facts=[("status", "status:completed", s["c3"])])
        ax = f"doc/{self.id}/joint-study-annexes"
        self.ent(ax, "Annex", "Annexes to the Joint Study on COTP capabilities", ["all accompanying annexes"],
                 facts=[("annexOf", js, s["c3"])])
        q = (s["q"][0], s["c"][1])
        self.act("acknowledgement", {"quote": q, "agent_phrase": s["ap"], "content": s["c"], "session_quote": s["sq"]}, ag,
                 ["event/opcon-transition", "org/future-combined-forces-command"], ["opcon-transition"], session=sid)
        self.act("reaffirmation", {"quote": s["q2"], "agent_phrase": ("sentence", s["ap"]), "content": s["c2"], "session_quote": s["sq"]}, ag,
                 ["doc/cotp", "event/opcon-transition"], ["opcon-transition"], session=sid, reaffirms="commitment/cotp-conditions")
        self.act("applause", {"quote": s["q3"], "agent_phrase": s["ap3"], "content": s["c3"], "session_quote": s["sq"]}, ag,
                 [js, ax, "doc/cotp"], ["opcon-transition"], session=sid)

    def _closing(self) -> None:
        nxt_label = f"{_ordinal(self.ord + 1)} {self.series_name}"
        s = self.w.say(f"[q:[ap:U.S. and ROK leaders] assessed that [c:the [m:{_ordinal(self.ord)} {self.acr}] reaffirmed close Alliance bonds, "
                       f"bolstered Alliance coordination, and strengthened the [cdp:U.S.-ROK combined defense posture]]].\n\n"
                       f"Based on these outcomes, [q2:[ap2:the two sides] pledged to [c2:continue progress [due:leading up to the "
                       f"[nm:{nxt_label}]]]].")
        ag = [self.us_lead.id, self.rok_lead.id]
        self.ent(self.meeting, "Meeting", self.meeting_label, [f"{_ordinal(self.ord)} {self.acr}"])
        self.ent("org/us-rok-alliance", "Alliance", "U.S.-ROK Alliance", ["U.S.-ROK Alliance", "Alliance"], ko="한미동맹",
                 facts=[("org:hasMember", "state/usa", s["cdp"]), ("org:hasMember", "state/rok", s["cdp"])])
        self.ent("capability/us-rok-combined-defense-posture", "Capability", "U.S.-ROK combined defense posture",
                 ["U.S.-ROK combined defense posture"], facts=[("ownedBy", "org/us-rok-alliance", s["cdp"])])
        nm = f"event/{self.id}/next-meeting"
        if nm not in self.ents:  # the slot that plans it dropped out: the closing names it
            self.ent(nm, "Meeting", f"{nxt_label} (planned)", [nxt_label],
                     facts=[("meetingOf", f"body/{self.series}", s["nm"]), ("ordinal", self.ord + 1, s["nm"]),
                            ("status", "status:planned", s["q2"]), ("plannedAt", self.meeting, s["q2"])])
        self.act("assessment", {"quote": s["q"], "agent_phrase": s["ap"], "content": s["c"]}, ag,
                 [self.meeting, "org/us-rok-alliance", "capability/us-rok-combined-defense-posture"], ["alliance"])
        self.act("pledge", {"quote": s["q2"], "agent_phrase": s["ap2"], "content": s["c2"], "due_quote": s["due"]},
                 [f"delegation/{self.id}-us", f"delegation/{self.id}-rok"], [nm], ["alliance"], due_before=nm)

    # ------------------------------------------------------------------ output
    def resolve(self) -> tuple[str, dict[str, Any]]:
        text = self.w.text
        src = SourceText("text", Path("text.txt"), text, split_sentences(text))

        def ev(span: Any, scope: tuple[int, int] | None = None) -> Any:
            b, e = span
            quote = text[b:e]
            lo, hi = scope if scope else (0, len(text))
            hits = src.occurrences(quote, lo, hi)
            starts = [h[0] for h in hits]
            if b not in starts:
                raise AssertionError(f"quote “{quote}” not found at {b} in {self.id}")
            if len(hits) == 1:
                return quote
            return {"quote": quote, "occurrence": starts.index(b) + 1}

        entities = []
        for ident, e in self.ents.items():
            d = dict(e.data)
            for key in ("quote", "expression"):
                if key in d:
                    d[key] = ev(d[key])
            if "mentions" in d:
                # a mention the text happens not to use (its slot dropped out) is left out
                d["mentions"] = [ev(m["span"]) if isinstance(m, dict) else m for m in d["mentions"]
                                 if isinstance(m, dict) or _whole_word(src, m)]
                if not d["mentions"]:
                    raise AssertionError(f"{ident} has no mention in the text of {self.id}")
            if e.facts:
                d["facts"] = [[p, o, ev(span)] for p, o, span in e.facts]
            entities.append(d)
        acts = []
        for a in self.acts:
            spec = dict(a.spec)
            sp = a.spans
            scope = sp["quote"]
            spec["quote"] = ev(scope)
            for key in ("agent_phrase", "content", "condition", "purpose", "due_quote"):
                if key not in sp:
                    continue
                v = sp[key]
                if isinstance(v, tuple) and v and v[0] == "sentence":  # a sub-quote outside the act's own words
                    sent = src.sentence_of(scope[0])
                    q = ev(v[1], (sent.begin, sent.end))
                    spec[key] = dict(q, in_sentence=True) if isinstance(q, dict) else {"quote": q, "in_sentence": True}
                    continue
                spec[key] = ev(v, scope)
            if "condition" in sp:
                spec["condition"] = ev(sp["condition"], scope)
            if "session_quote" in sp:
                spec["session_quote"] = ev(sp["session_quote"])
            if "commitment" in spec and "debtor_quote" in sp:
                spec["commitment"] = dict(spec["commitment"], debtor_quote=ev(sp["debtor_quote"], scope))
            ordered = {k: spec[k] for k in ("id", "kind", "quote") if k in spec}
            if "session" in spec:
                ordered["session"] = spec["session"]
                ordered["session_quote"] = spec["session_quote"]
            ordered.update({k: v for k, v in spec.items() if k not in ordered and k not in ("session", "session_quote")})
            for k in ("due_quote",):
                if k in ordered and ordered[k] is None:
                    del ordered[k]
            acts.append(ordered)
        doc = [[p, o, ev(span)] if o is not None else [p, ev(span)] for p, o, span in self.doc_facts]
        data = {
            "id": self.id,
            "title": self.title,
            "kind": "PressStatement",
            "language": "en",
            "text": "text.txt",
            "partial": False,
            "reports": self.meeting,
            "document": doc,
            "entities": entities,
            "acts": acts,
        }
        return text, data


def _whole_word(src: SourceText, quote: str) -> bool:
    for i, j in src.occurrences(quote):
        before = src.string[i - 1] if i else " "
        after = src.string[j] if j < len(src.string) else " "
        if not ((before.isalnum() or before == "_") and (quote[0].isalnum() or quote[0] == "_")) and not (
            (after.isalnum() or after == "_") and (quote[-1].isalnum() or quote[-1] == "_")
        ):
            return True
    return False


def generate(n: int, seed: int, out_dir: Path, size: float = 1.0) -> list[Path]:
    """Write ``n`` synthetic statements under ``out_dir`` (replacing its ``syn-*`` folders);
    return their folders in order. Deterministic in ``(n, seed, size)``: statement ``k`` is the
    same in every corpus that has it.

    ``size`` (0 < size ≤ 1) scales how many of the 27 groups of act sentences each statement keeps:
    1 gives the seed's size (~1,290 facts, ~47 acts); 0.15 gives statements of a few acts, for
    tests that must run every stored query through rdflib quickly."""
    if n < 1:
        raise ValueError("n must be at least 1")
    if not 0 < size <= 1:
        raise ValueError("size must be in (0, 1]")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("syn-*"):
        if old.is_dir():
            shutil.rmtree(old)
    people = _persons(seed)
    folders = []
    for i in range(n):
        st = _Statement(i, seed, people, size)
        st.generate()
        text, data = st.resolve()
        folder = out_dir / st.id
        folder.mkdir()
        (folder / "text.txt").write_text(text, encoding="utf-8")
        body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1 << 30, default_flow_style=None)
        (folder / "statement.yaml").write_text(SYNTH_DISCLAIMER + body, encoding="utf-8")
        folders.append(folder)
    return folders


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m synth", description="Write a synthetic corpus of statements (for benchmarks).")
    p.add_argument("n", type=int, help="number of statements")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1): the same seed gives the same corpus")
    p.add_argument("--out", type=Path, required=True, help="output folder (its syn-* folders are replaced)")
    p.add_argument("--size", type=float, default=1.0, help="statement size relative to the seed, in (0, 1] (default 1)")
    args = p.parse_args(argv)
    folders = generate(args.n, args.seed, args.out, args.size)
    print(f"wrote {len(folders)} statements under {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
