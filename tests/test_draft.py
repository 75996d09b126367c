"""kg draft: statements drafted from their texts build and validate untouched; the drafter's
choices on known statements; bad input refused with nothing written; the PROV of a draft."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from rdflib import URIRef
from rdflib.namespace import PROV, RDF, XSD

from kg.graph.build import drafts_summary
from kg.pipeline import build
from kg.draft import DRAFTER_VERSION, draft, make_draft, report
from kg.draft.evaluate import compare, reviewed_statements
from kg.draft.header import Source
from kg.draft.registry import load_registry
from kg.errors import KGError
from kg.namespace import ID, KIDD
from kg.source.statement import load_statement
from kg.checks.validate import validate
from tests.marks import sample

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "statements"
CORPUS = Path(__file__).resolve().parent / "draft" / "corpus"
ENGLISH = sorted(p.stem for p in CORPUS.glob("*.txt") if not p.stem.endswith("-ko"))


def _run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True, cwd=cwd,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "KG_SERIAL": "1"})


@pytest.fixture(scope="session")
def drafted(tmp_path_factory) -> Path:
    """The statements as they were before the corpus texts were curated (the five first ones and the
    Korean one), with every English corpus text drafted into it: drafts of real statements of the
    series, linked to a registry that has never seen them."""
    root = tmp_path_factory.mktemp("draft") / "statements"
    shutil.copytree(STATEMENTS, root, ignore=lambda d, names: [n for n in names if Path(d) == STATEMENTS
                                                                and (n in ENGLISH or n == "series.yaml")])
    for name in ENGLISH:
        draft(CORPUS / f"{name}.txt", root)
    return root


def _redraft(sid: str):
    """A reviewed statement drafted again from its text, with a registry of the other statements."""
    st = load_statement(STATEMENTS / sid)
    src = Source(path=st.folder / "text.txt", raw=st.texts["capture"].string, text=st.text.string, text_offset=0,
                 title=str(st.data["title"]), date=None, source=None, partial=bool(st.data["partial"]),
                 language="en", note=None, has_header=False)
    registry = load_registry(STATEMENTS, exclude={sid})
    d, t, text = make_draft(src, sid, registry)
    return st, d, t, text, registry


def test_the_corpus_copies_are_the_english_texts_of_the_series():
    assert ENGLISH == ["dtt-11", "edscg-4", "kidd-17", "kidd-18", "kidd-22", "kidd-23", "leaders-2021", "ncg-1",
                       "ncg-2", "scm-53", "scm-55", "trilateral-camp-david-2023", "washington-declaration-2023"]


@pytest.mark.parametrize("name", sample(ENGLISH, 7))
def test_every_draft_builds_and_validates_untouched(drafted, name):
    data = yaml.safe_load((drafted / name / "statement.yaml").read_text(encoding="utf-8"))
    assert data["review"] == "draft" and data["drafted"]["version"] == DRAFTER_VERSION
    assert (drafted / name / "text.txt").read_text(encoding="utf-8") in (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    assert data["acts"], "a statement of this genre reports acts"
    result = build(drafted, only=name)
    report_ = validate(result.queryable())
    assert report_.conforms, report_.text()


def test_a_draft_records_that_the_drafter_generated_its_facts(drafted):
    result = build(drafted, only="ncg-1")
    prov = result.graph("ncg-1", "provenance")
    activity = ID["activity/ncg-1/draft"]
    agent = ID[f"agent/kg-draft/{DRAFTER_VERSION}"]
    assert (activity, RDF.type, PROV.Activity) in prov
    assert (activity, PROV.wasAssociatedWith, agent) in prov
    assert (agent, RDF.type, PROV.SoftwareAgent) in prov
    assert (ID["graph/ncg-1/facts"], PROV.wasGeneratedBy, activity) in prov
    dates = list(prov.objects(activity, URIRef("http://purl.org/dc/terms/date")))
    assert len(dates) == 1 and dates[0].datatype == XSD.date
    assertions = set(prov.subjects(RDF.type, KIDD.Assertion))
    assert assertions and all((a, PROV.wasGeneratedBy, activity) in prov for a in assertions)
    line = drafts_summary(result)
    assert line.startswith("drafts: 1 statement(s) not yet reviewed") and "ncg-1 (kg draft" in line
    # a hand-curated statement has no such activity
    seed = build(only="kidd-21")
    assert drafts_summary(seed) is None
    assert not list(seed.graph("kidd-21", "provenance").subjects(RDF.type, PROV.Activity))


def test_ncg1_draft_holds_the_meeting_its_time_place_and_acts(drafted):
    data = yaml.safe_load((drafted / "ncg-1" / "statement.yaml").read_text(encoding="utf-8"))
    ents = {e["id"]: e for e in data["entities"]}
    assert data["reports"] == "event/ncg-1"
    meeting = ents["event/ncg-1"]
    facts = {(f[0], f[1]) for f in meeting["facts"]}
    assert {("meetingOf", "body/ncg"), ("ordinal", 1), ("time:hasTime", "time/ncg-1"), ("location", "place/seoul")} <= facts
    assert str(ents["time/ncg-1"]["begin"]) == str(ents["time/ncg-1"]["end"]) == "2023-07-18"
    assert ents["body/ncg"]["acronym"] == ["NCG"]
    # known entities are reused by id, with the corpus's label
    assert ents["person/yoon-suk-yeol"]["label"] == "Yoon Suk Yeol"
    assert ents["place/seoul"]["a"] == "City"
    kinds = [(a["kind"], a["agent_phrase"]) for a in data["acts"]]
    assert ("affirmation", "Both sides") in kinds
    assert ("commitment", "Both sides") in kinds
    highlighted = [a for a in data["acts"] if a["quote"].startswith("the U.S. and ROK sides highlighted")][0]
    assert highlighted["kind"] == "emphasis" and highlighted["agents"] == ["state/usa", "state/rok"]


def test_two_verbs_of_one_subject_are_two_acts():
    st, d, t, _, _ = _redraft("kidd-21")
    s = t.string
    first, second = d.acts[0], d.acts[1]
    assert (first.kind, s[first.agent_span[0]:first.agent_span[1]]) == ("reaffirmation", "U.S. and ROK officials")
    assert second.kind == "pledge" and second.agent_in_sentence and second.agents == first.agents
    assert first.agents == ["delegation/kidd-21-us", "delegation/kidd-21-rok"]
    assert s[second.content[0]:second.content[1]] == "U.S. and ROK combined forces would remain ready and postured to defend the ROK"


def test_conditions_sessions_and_one_side_acts_on_the_seed():
    st, d, t, _, _ = _redraft("kidd-21")
    s = t.string
    cond = [a for a in d.acts if a.condition]
    assert [" ".join(s[a.condition[0]:a.condition[1]].split()) for a in cond] == ["should the DPRK conduct a nuclear test"]
    assert s[cond[0].content[0]:cond[0].content[1]].startswith("the ROK and the U.S. will engage")
    by_verb = {s[a.verb[0]:a.verb[1]] + "@" + str(a.verb[0]): a for a in d.acts}
    sessions = {a.session for a in d.acts if a.session}
    assert {"event/kidd-21/dsc-session", "event/kidd-21/spi-session", "event/kidd-21/cotwg-session"} <= sessions
    us_only = [a for a in d.acts if s[a.agent_span[0]:a.agent_span[1]] == "U.S. officials"]
    assert [a.agents for a in us_only] == [["delegation/kidd-21-us"]]
    assert by_verb  # every act has its verb


def test_the_leaders_statement_speaks_for_the_two_presidents():
    st, d, t, _, _ = _redraft("leaders-2022")
    s = t.string
    both = [a for a in d.acts if s[a.agent_span[0]:a.agent_span[1]] == "The two Presidents"]
    assert both and all(sorted(a.agents) == ["person/joseph-r-biden", "person/yoon-suk-yeol"] for a in both)
    welcome = d.acts[0]
    assert (welcome.kind, welcome.agents) == ("welcome", ["person/yoon-suk-yeol"])


def test_evaluation_discovers_the_reviewed_statements_and_scores_one():
    assert {"kidd-21", "kidd-19", "leaders-2022", "edscg-3", "scm-54"} <= set(reviewed_statements(STATEMENTS))
    st, d, t, _, registry = _redraft("kidd-19")
    row = compare(st, d, t, registry)
    assert row["acts"]["reviewed"] == 6 and row["acts"]["matched"] == 6 and row["acts"]["kind_ok"] == 6
    assert row["entities"]["reused_wrong"] == []


# ---------------------------------------------------------------------- bad input: exit 2, nothing written
def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


@pytest.fixture()
def empty_root(tmp_path) -> Path:
    root = tmp_path / "statements"
    shutil.copytree(STATEMENTS / "kidd-21", root / "kidd-21")
    return root


@pytest.mark.parametrize(
    "name, content, words",
    [
        ("empty.txt", "", "the file is empty"),
        ("blank.txt", "\n  \n", "the file is empty"),
        ("notitle.txt", "date: 2023-07-18\nsource: https://example.org/x\n\nThe two sides affirmed peace.\n", "no title"),
        ("headeronly.txt", "title: A title\n\n", "no statement text"),
        ("badheader.txt", "title: A title\nauthor: someone\n\nText.\n", "line 2 of the header"),
    ],
)
def test_bad_input_is_refused_with_one_paragraph_and_nothing_written(empty_root, tmp_path, name, content, words):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    before = _listing(empty_root)
    proc = _run("draft", str(path), "--statements", str(empty_root))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("kg draft: error: ") and words in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert _listing(empty_root) == before


def test_the_korean_text_is_refused_clearly(empty_root):
    before = _listing(empty_root)
    proc = _run("draft", str(CORPUS / "kidd-20-ko.txt"), "--statements", str(empty_root))
    assert proc.returncode == 2
    assert "the text is in `ko`; the drafter reads English statements only" in proc.stderr
    assert _listing(empty_root) == before


def test_an_existing_draft_needs_force_and_a_reviewed_statement_is_never_overwritten(empty_root, tmp_path):
    src = tmp_path / "kidd-21.txt"
    shutil.copy(CORPUS / "ncg-2.txt", src)
    before = (empty_root / "kidd-21" / "statement.yaml").read_bytes()
    for args in ([], ["--force"]):
        proc = _run("draft", str(src), "--statements", str(empty_root), *args)
        assert proc.returncode == 2 and "is not a draft" in proc.stderr and "never overwrites" in proc.stderr
    assert (empty_root / "kidd-21" / "statement.yaml").read_bytes() == before
    ok = _run("draft", str(CORPUS / "ncg-2.txt"), "--statements", str(empty_root))
    assert ok.returncode == 0, ok.stderr
    first = (empty_root / "ncg-2" / "statement.yaml").read_bytes()
    again = _run("draft", str(CORPUS / "ncg-2.txt"), "--statements", str(empty_root))
    assert again.returncode == 2 and "give --force" in again.stderr
    forced = _run("draft", str(CORPUS / "ncg-2.txt"), "--statements", str(empty_root), "--force")
    assert forced.returncode == 0 and (empty_root / "ncg-2" / "statement.yaml").read_bytes() == first
    assert sorted(p.name for p in empty_root.iterdir()) == ["kidd-21", "ncg-2"]  # no temporary folder left


def test_plain_text_with_options_and_the_report(tmp_path, empty_root):
    body = (CORPUS / "kidd-23.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    path = tmp_path / "kidd-23.txt"
    path.write_text(body, encoding="utf-8")
    proc = _run("draft", str(path), "--statements", str(empty_root))
    assert proc.returncode == 2 and "--title" in proc.stderr
    proc = _run("draft", str(path), "--statements", str(empty_root), "--title",
                "Joint Press Statement for the 23rd Korea-U.S. Integrated Defense Dialogue")
    assert proc.returncode == 0, proc.stderr
    data = yaml.safe_load((empty_root / "kidd-23" / "statement.yaml").read_text(encoding="utf-8"))
    assert data["reports"] == "event/kidd-23" and data["kind"] == "PressStatement"
    rep = report(empty_root, "kidd-23")
    assert rep.splitlines() and all(":" in line and "statement.yaml:" in line for line in rep.splitlines())
    assert "not a draft" in report(empty_root, "kidd-21")


def test_the_review_key_is_checked(tmp_path):
    root = tmp_path / "statements"
    shutil.copytree(STATEMENTS / "kidd-19", root / "kidd-19")
    path = root / "kidd-19" / "statement.yaml"
    text = re.sub(r"^(?:review|reviewer|reviewed):.*\n", "", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text.replace("partial: true\n", "partial: true\nreview: maybe\n"), encoding="utf-8")
    with pytest.raises(KGError, match="`review` must be `draft` or `reviewed`, not `maybe`"):
        load_statement(root / "kidd-19")
    path.write_text(text.replace("partial: true\n", "partial: true\nreview: draft\n"), encoding="utf-8")
    with pytest.raises(KGError, match="needs `drafted"):
        load_statement(root / "kidd-19")
    path.write_text(text.replace("partial: true\n", "partial: true\nreview: reviewed\nreviewer: A. Curator\nreviewed: 2024-13-01\n"), encoding="utf-8")
    with pytest.raises(KGError, match="not a valid date"):
        load_statement(root / "kidd-19")
    path.write_text(text.replace("partial: true\n", "partial: true\nreview: reviewed\nreviewer: A. Curator\nreviewed: 2024-12-01\n"), encoding="utf-8")
    assert load_statement(root / "kidd-19").data["reviewer"] == "A. Curator"


# ---------------------------------------------------------------------- the genre: parties, voices, conditions, identity
def _plain(tmp_path: Path, text: str, sid: str = "genre-test"):
    """A text drafted with a registry of the reviewed statements (the held-out trilateral statement left out)."""
    title = text.split("\n", 1)[0]
    src = Source(path=tmp_path / f"{sid}.txt", raw=text, text=text, text_offset=0, title=title, date=None, source=None,
                 partial=False, language="en", note=None, has_header=False)
    d, t, _ = make_draft(src, sid, load_registry(STATEMENTS, exclude={"trilateral-camp-david-2023"}))
    return d, t


def test_a_trilateral_statement_has_three_sides_and_three_delegations():
    st, d, t, _, _ = _redraft("dtt-11")
    s = t.string
    assert d.sides == ["state/rok", "state/usa", "state/japan"]
    assert d.delegations == {"state/rok": "delegation/dtt-11-rok", "state/usa": "delegation/dtt-11-us",
                             "state/japan": "delegation/dtt-11-japan"}
    assert d.leaders["delegation/dtt-11-japan"] == ["person/takeshi-ishikawa"]
    by_phrase = {s[a.agent_span[0]:a.agent_span[1]]: a for a in d.acts}
    assert by_phrase["The three partner countries"].agents == ["state/rok", "state/usa", "state/japan"]
    first = d.acts[0]
    assert s[first.verb[0]:first.verb[1]] == "engaged in consultations" and first.kind == "discussion"
    assert first.agents == ["delegation/dtt-11-rok", "delegation/dtt-11-us", "delegation/dtt-11-japan"]
    confirmed = [a for a in d.acts if s[a.verb[0]:a.verb[1]] == "confirmed that"][0]
    assert confirmed.kind == "commitment"  # "confirmed that they would stay vigilant": their own future action


def test_a_president_of_a_named_state_holds_its_presidency_and_the_leaders_voice():
    st, d, t, _, _ = _redraft("leaders-2021")
    s = t.string
    moon = d.entities["person/moon-jae-in"]
    assert ("org:holds", "post/rok-president") in {(f.prop, f.obj) for f in moon.facts}
    assert d.entities["post/rok-president"].has_fact("org:postIn", "state/rok")
    we = [a for a in d.acts if s[a.agent_span[0]:a.agent_span[1]] in ("We", "we")]
    assert len(we) > 30 and all(sorted(a.agents) == ["person/joseph-r-biden", "person/moon-jae-in"] for a in we)
    kinds = {s[a.verb[0]:a.verb[1]] + " " + s[a.content[0]:a.content[0] + 12]: a.kind for a in d.acts}
    assert kinds["is honored to welcome President Mo"] == "welcome"
    assert kinds["looks forward to the Republic"] == "expressive"
    assert kinds["look forward to working clos"] == "commitment"


def test_a_known_meeting_and_a_known_person_are_never_minted_again():
    st, d, t, _, _ = _redraft("edscg-3")
    assert d.reports == "event/edscg-2022-09" and "event/edscg-3" not in d.entities
    assert ("meetingOf", "body/edscg") in {(f.prop, f.obj) for f in d.entities["event/edscg-2022-09"].facts}
    st, d, t, _, _ = _redraft("kidd-23")  # "Heo Taekeun" is the corpus's Heo Tae-keun
    assert "person/heo-tae-keun" in d.entities and "person/taekeun-heo" not in d.entities


def test_a_subject_that_works_as_a_condition():
    st, d, t, _, _ = _redraft("scm-54")
    s = t.string
    cond = [" ".join(s[a.condition[0]:a.condition[1]].split()) for a in d.acts if a.condition]
    assert cond == ["any nuclear attack against the United States or its Allies and partners, including the use of "
                    "non-strategic nuclear weapons"]


def test_three_parties_the_we_of_their_leaders_one_side_acts_and_conditions(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Statement of Japan, the Republic of Korea, and the United States\n\n"
        "We, the leaders of Japan, the Republic of Korea, and the United States, met in Washington on August 18, 2023. "
        "Prime Minister Kishida Fumio of Japan and President Yoon Suk Yeol of the Republic of Korea joined President "
        "Joseph R. Biden.\n\n"
        "We reaffirm that, in the event of a crisis, we will consult one another. Japan welcomed the decision. "
        "The United States reaffirmed its commitment to the defense of Japan. The three leaders committed to respond "
        "unless the DPRK abandons its programs. We pledge to hold exercises once the plan is completed. The three "
        "countries will consult in case of threats to their security. We commit to regular meetings and will review "
        "progress in the near future.\n"))
    s = t.string
    assert d.sides == ["state/japan", "state/rok", "state/usa"]
    kishida = d.entities["person/kishida-fumio"]
    assert ("org:holds", "post/japan-prime-minister") in {(f.prop, f.obj) for f in kishida.facts}
    leaders = ["person/kishida-fumio", "person/yoon-suk-yeol", "person/joseph-r-biden"]
    acts = [(s[a.verb[0]:a.verb[1]], a.kind, sorted(a.agents), " ".join(s[a.condition[0]:a.condition[1]].split()) if a.condition else None)
            for a in d.acts]
    assert acts == [
        ("reaffirm", "reaffirmation", sorted(leaders), "in the event of a crisis"),
        ("welcomed", "applause", ["state/japan"], None),
        ("reaffirmed", "reaffirmation", ["state/usa"], None),
        ("committed", "commitment", sorted(leaders), "unless the DPRK abandons its programs"),
        ("pledge", "pledge", sorted(leaders), "once the plan is completed"),
        ("will", "commitment", ["state/japan", "state/rok", "state/usa"], "in case of threats to their security"),
        ("commit", "commitment", sorted(leaders), None),
        ("will", "commitment", sorted(leaders), None),
    ]
    near = [e for e in d.entities.values() if e.cls == "RelativeTime"]
    assert [(e.extra["expression"], e.extra["relation"], e.extra["anchor"]) for e in near] == [
        ("in the near future", "after", "time/genre-test")]


def test_a_us_japan_statement_has_its_two_sides_and_an_alliance_of_two_members(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Statement of the United States and Japan\n\n"
        "The leaders of the United States and Japan met in Tokyo on May 23, 2022. The two leaders reaffirmed that the "
        "U.S.-Japan Alliance is the cornerstone of peace. They welcomed the strength of the alliance between the United "
        "States and the Republic of Korea.\n"))
    assert d.sides == ["state/usa", "state/japan"]
    assert [a.agents for a in d.acts] == [["state/usa", "state/japan"]] * 2
    new = d.entities["org/us-japan-alliance"]
    assert (new.cls, new.label, new.known) == ("Alliance", "U.S.-Japan Alliance", False)
    assert {f.obj for f in new.facts if f.prop == "org:hasMember"} == {"state/usa", "state/japan"}
    known = d.entities["org/us-rok-alliance"]  # the corpus's alliance of these two members, not a new one
    assert known.known and {f.obj for f in known.facts if f.prop == "org:hasMember"} == {"state/usa", "state/rok"}


def test_heads_named_by_surname_hold_their_posts_and_a_list_of_states_is_one_subject(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Statement of Japan, the Republic of Korea, and the United States\n\n"
        "We, the leaders of Japan, the Republic of Korea, and the United States, met in Washington on August 18, 2023. "
        "President Biden commended President Yoon and Prime Minister Tanaka for their leadership.\n\n"
        "We commit to consult one another. Japan, the Republic of Korea, and the United States are determined to "
        "align our efforts.\n"))
    s = t.string
    holds = {i: [f.obj for f in d.entities[i].facts if f.prop == "org:holds"]
             for i in ("person/joseph-r-biden", "person/yoon-suk-yeol", "person/tanaka")}
    # the corpus's posts for the known presidents; the one side left for the new prime minister
    assert holds == {"person/joseph-r-biden": ["post/us-president"], "person/yoon-suk-yeol": ["post/rok-president"],
                     "person/tanaka": ["post/japan-prime-minister"]}
    assert d.entities["person/tanaka"].label == "Tanaka"
    acts = [(s[a.verb[0]:a.verb[1]], sorted(a.agents), s[a.agent_span[0]:a.agent_span[1]]) for a in d.acts]
    assert acts == [
        ("commended", ["person/joseph-r-biden"], "President Biden"),
        ("commit", sorted(holds), "We"),
        ("are determined to", ["state/japan", "state/rok", "state/usa"], "Japan, the Republic of Korea, and the United States"),
    ]


def test_a_known_post_written_otherwise_is_reused_not_minted(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Communique of the Security Consultative Meeting\n\n"
        "U.S. Secretary of Defense Pete Hegseth and ROK Minister of National Defense Ahn Gyu-back met in Seoul on "
        "November 4, 2025. The two sides reaffirmed the Alliance.\n"))
    posts = sorted(e.id for e in d.entities.values() if e.cls == "Post")
    assert posts == ["post/rok-minister-national-defense", "post/us-secretary-of-defense"]
    assert all(d.entities[p].known for p in posts)


def test_an_auxiliary_before_the_verb_and_the_alliance_as_a_subject(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Statement of the United States and the Republic of Korea\n\n"
        "The leaders of the United States and the Republic of Korea met in Seoul on May 21, 2022. "
        "The two leaders have committed to a stronger Alliance. The Alliance commits to deeper consultations. "
        "The ROK has full confidence in the Alliance. Both sides shared their assessments and concerns about the threat.\n"))
    s = t.string
    acts = [(s[a.verb[0]:a.verb[1]], a.kind, a.agents, s[a.agent_span[0]:a.agent_span[1]]) for a in d.acts]
    assert acts == [
        ("committed", "commitment", ["state/usa", "state/rok"], "The two leaders"),
        ("commits", "commitment", ["org/us-rok-alliance"], "The Alliance"),
        ("has full confidence in", "affirmation", ["state/rok"], "The ROK"),
        ("shared their assessments", "shared-assessment", ["state/usa", "state/rok"], "Both sides"),
    ]


def test_a_known_group_as_subject_a_modal_ending_a_list_of_verbs_and_as_well_as_ing(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Readout of the Nuclear Consultative Group Meeting\n\n"
        "The Nuclear Consultative Group (NCG) met in Washington on June 10, 2024. "
        "NCG Principals reviewed the plans, as well as discussing future exercises. "
        "NCG Principals approved the work plan, underscored their commitment to progress, and will report "
        "progress to their presidents.\n"))
    s = t.string
    acts = [(s[a.verb[0]:a.verb[1]], a.kind, a.agents) for a in d.acts]
    assert acts == [
        ("reviewed", "discussion", ["group/ncg-principals"]),
        ("discussing", "discussion", ["group/ncg-principals"]),
        ("underscored", "emphasis", ["group/ncg-principals"]),
        ("will", "commitment", ["group/ncg-principals"]),
    ]


def test_the_leaders_voice_adverbs_in_ly_openers_without_comma_and_more_verbs(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Statement of the United States and the Republic of Korea\n\n"
        "We, the leaders of the United States and the Republic of Korea, met in Seoul on May 21, 2022. "
        "President Biden thanked President Yoon.\n\n"
        "We steadfastly oppose coercion. The United States unequivocally reaffirms its commitment. "
        "Through these consultations we intend to share information. And we will hold exercises. "
        "We share concerns about the missile launches. We believe the Alliance is strong. "
        "We seek to expand cooperation. We are united in our support for Ukraine.\n"))
    s = t.string
    leaders = ["person/joseph-r-biden", "person/yoon-suk-yeol"]
    acts = [(s[a.verb[0]:a.verb[1]], a.kind, sorted(a.agents), s[a.agent_span[0]:a.agent_span[1]]) for a in d.acts]
    assert acts == [
        ("thanked", "gratitude", ["person/joseph-r-biden"], "President Biden"),
        ("oppose", "condemnation", leaders, "We"),
        ("reaffirms", "reaffirmation", ["state/usa"], "The United States"),
        ("intend to", "commitment", leaders, "we"),
        ("will", "commitment", leaders, "we"),
        ("share concerns about", "concern", leaders, "We"),
        ("believe", "assessment", leaders, "We"),
        ("seek to", "commitment", leaders, "We"),
        ("are united in our support for", "support", leaders, "We"),
    ]


def test_a_clause_in_the_readouts_voice_with_its_condition_and_a_second_infinitive(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Readout of the Nuclear Consultative Group Meeting\n\n"
        "The Nuclear Consultative Group (NCG) met in Washington on June 10, 2031. "
        "Any nuclear attack by North Korea against the United States or its allies is unacceptable and will result in "
        "the end of that regime, and the U.S. and ROK sides highlighted that the Alliance is strong. "
        "They shared a common understanding that the NCG will continue to be a venue to discuss and affirm "
        "commitments.\n"))
    s = t.string
    acts = [(s[a.verb[0]:a.verb[1]], a.kind, a.agents, " ".join(s[a.condition[0]:a.condition[1]].split()) if a.condition else None)
            for a in d.acts]
    assert acts == [
        ("will", "affirmation", ["state/usa", "state/rok"],
         "Any nuclear attack by North Korea against the United States or its allies"),
        ("highlighted", "emphasis", ["state/usa", "state/rok"], None),
        ("shared a common understanding that", "affirmation", ["state/usa", "state/rok"], None),
    ]
    assert s[d.acts[0].content[0]:d.acts[0].content[1]].endswith("will result in the end of that regime")


def test_one_verb_with_two_that_clauses_is_two_acts_each_with_its_condition(tmp_path):
    d, t = _plain(tmp_path, (
        "Joint Statement of the United States and the Republic of Korea\n\n"
        "The leaders of the United States and the Republic of Korea met in Seoul on May 2, 2031. "
        "The two leaders reaffirmed that the Alliance is ironclad, and that any nuclear attack by the DPRK against "
        "the ROK will be met with a decisive response. They agreed to foster research and to support the program.\n"))
    s = t.string
    acts = [(s[a.verb[0]:a.verb[1]], a.kind, " ".join(s[a.content[0]:a.content[1]].split()),
             " ".join(s[a.condition[0]:a.condition[1]].split()) if a.condition else None) for a in d.acts]
    assert acts == [
        ("reaffirmed", "reaffirmation", "the Alliance is ironclad", None),
        ("that", "reaffirmation", "any nuclear attack by the DPRK against the ROK will be met with a decisive response",
         "any nuclear attack by the DPRK against the ROK"),
        ("agreed", "commitment", "foster research and to support the program", None),
    ]
