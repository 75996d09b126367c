"""kg draft on what recurs in the genre of allied joint statements: acts made of a light verb and a noun,
"reviewed" progress as an assessment, persons named by post and surname only, a body with its state
prefix, a statement that reports no meeting, days written day-first, missile launches and lists of
exercises, and documents named in title case. Small sentences of the genre, with exact expectations."""

from __future__ import annotations

from pathlib import Path

from tests.drafting import draft_text


def _draft(tmp_path: Path, text: str, sid: str = "genre-test"):
    d, t, _ = draft_text(tmp_path, text, sid)
    return d, t.string


def _acts(d, s):
    return [(s[a.verb[0]:a.verb[1]], a.kind, s[a.content[0]:a.content[1]]) for a in d.acts]


KIDD = ("Joint Press Statement for the 30th Korea-U.S. Integrated Defense Dialogue\n\n"
        "The Republic of Korea (ROK) Ministry of National Defense (MND) and the U.S. Department of Defense (DoD) held the "
        "30th Korea-U.S. Integrated Defense Dialogue (KIDD) on May 2, 2029, in Seoul. The two sides held a robust exchange "
        "on a range of Alliance priorities.\n\n")


def test_a_light_verb_and_a_noun_of_discussing_or_assessing_is_an_act(tmp_path):
    d, s = _draft(tmp_path, KIDD + (
        "Both sides had an in-depth discussion focusing on the three pillars of the Alliance. The two sides conducted a "
        "review of combined exercises. They engaged in a candid dialogue on regional security. The two sides agreed to "
        "hold talks on space cooperation. The Alliance has a review process.\n"))
    assert _acts(d, s) == [
        ("had an in-depth discussion", "discussion", "the three pillars of the Alliance"),
        ("conducted a review", "assessment", "combined exercises"),
        ("engaged in a candid dialogue", "discussion", "regional security"),
        ("agreed", "commitment", "hold talks on space cooperation"),  # "hold talks" is what they agreed to, no act
    ]  # "has a review process": the noun modifies another noun, no act
    # the first paragraph's "held a robust exchange" is the meeting itself; "held the 30th … Dialogue" no act
    assert all(a.verb[0] > s.index("Both sides") for a in d.acts)


def test_reviewing_how_far_something_has_got_is_an_assessment_reviewing_a_situation_a_discussion(tmp_path):
    d, s = _draft(tmp_path, KIDD + (
        "They reviewed implementation of specific tasks. The two sides reviewed the current security environment on "
        "the Korean Peninsula.\n"))
    assert _acts(d, s) == [("reviewed implementation", "assessment", "specific tasks"),
                           ("reviewed", "discussion", "the current security environment on the Korean Peninsula")]


SCC = ("Joint Statement of the Security Consultative Committee\n\n"
       "Secretary of State Blinken, Secretary of Defense Austin, Minister for Foreign Affairs Hayashi, and Minister of "
       "Defense Hamada convened the U.S.-Japan Security Consultative Committee (SCC) in Washington, D.C., on January 11, "
       "2023.\n\nThe Ministers reiterated their commitment to the Alliance.\n")


def _holds(d, pid):
    return [(f.obj, d.entities[f.obj].side) for f in d.entities[pid].facts if f.prop == "org:holds"]


def test_persons_named_by_post_and_surname_hold_their_posts_and_are_the_ministers(tmp_path):
    d, s = _draft(tmp_path, SCC, "scc-test")
    persons = [(e.id, e.label) for e in d.entities.values() if e.cls == "Person"]
    assert persons == [("person/scc-test/blinken", "Blinken"), ("person/lloyd-austin", "Lloyd J. Austin III"),
                       ("person/scc-test/hayashi", "Hayashi"), ("person/scc-test/hamada", "Hamada")]
    assert _holds(d, "person/scc-test/blinken") == [("post/us-secretary-state", "state/usa")]
    assert _holds(d, "person/lloyd-austin") == [("post/us-secretary-of-defense", "state/usa")]  # the corpus's
    # a Minister named without a state: the statement's one side that is not the United States
    assert _holds(d, "person/scc-test/hayashi") == [("post/japan-minister-foreign-affairs", "state/japan")]
    assert _holds(d, "person/scc-test/hamada") == [("post/japan-minister-defense", "state/japan")]
    assert [a.agents for a in d.acts] == [[p for p, _ in persons]]  # "The Ministers": the four named


def test_a_name_never_runs_across_a_line_break_and_a_state_prefix_stays_with_its_body(tmp_path):
    d, s = _draft(tmp_path, (
        "Joint Statement by Secretary Blinken, Japanese Foreign Minister Hayashi, and ROK Foreign Minister Park\n"
        "July 14, 2023\n\nThe United States, Japan, and the Republic of Korea met in Jakarta on July 14, 2023.\n"), "fm-test")
    assert all("\n" not in (e.label or "") for e in d.entities.values())
    assert d.entities["person/fm-test/park"].label == "Park"
    assert _holds(d, "person/fm-test/park") == [("post/rok-foreign-minister", "state/rok")]
    assert d.entities["post/rok-foreign-minister"].label == "ROK Foreign Minister"
    assert _holds(d, "person/fm-test/hayashi") == [("post/japan-foreign-minister", "state/japan")]
    d, s = _draft(tmp_path, SCC, "scc-test")
    body = d.entities["body/us-japan-scc"]
    assert (body.cls, body.label) == ("Committee", "U.S.-Japan Security Consultative Committee")
    meeting = d.entities[d.reports]
    assert (d.reports, meeting.label) == ("event/scc-test", "U.S.-Japan Security Consultative Committee meeting")
    assert ("meetingOf", "body/us-japan-scc") in {(f.prop, f.obj) for f in meeting.facts}


LAUNCH = ("Joint Statement by the Foreign Ministers of the United States, Japan, and the Republic of Korea\n\n"
          "The United States, Republic of Korea, and Japan strongly condemn the launch of an intercontinental ballistic "
          "missile (ICBM) by the DPRK on 12 July 2023. The DPRK’s launch of this ICBM threatened the safety of civil "
          "aviation. The three countries will conduct missile defense exercises, anti-submarine exercises, and maritime "
          "interdiction exercises.\n")


def test_a_statement_reacting_to_a_launch_reports_the_launch_not_a_meeting(tmp_path):
    d, s = _draft(tmp_path, LAUNCH, "launch-test")
    assert d.reports == "event/launch-test/dprk-icbm-launch"
    assert not [e for e in d.entities.values() if e.cls == "Meeting"]
    launch = d.entities[d.reports]
    assert launch.cls == "MissileTest"
    assert [s[b:e] for b, e in launch.spans] == [
        "launch of an intercontinental ballistic missile (ICBM) by the DPRK", "DPRK’s launch of this ICBM"]
    assert {(f.prop, f.obj) for f in launch.facts} == {("conductedBy", "state/dprk"), ("time:hasTime", "time/2023-07-12"),
                                                       ("status", "status:held")}  # what the statement condemns happened
    day = d.entities["time/2023-07-12"]  # a day written day-first is a day, not the month
    assert (day.cls, day.extra["begin"], day.extra["end"]) == ("Interval", "2023-07-12", "2023-07-12")
    assert "time/2023-07" not in d.entities
    assert sorted(e.id for e in d.entities.values() if e.cls == "Exercise") == [
        "event/launch-test/anti-submarine-exercises", "event/launch-test/maritime-interdiction-exercises",
        "event/launch-test/missile-defense-exercises"]


def test_a_statement_of_a_meeting_keeps_its_meeting_and_launching_a_body_is_no_launch(tmp_path):
    d, s = _draft(tmp_path, (
        "Joint Statement of the United States and Japan\n\n"
        "The leaders of the United States and Japan met in Tokyo on May 23, 2022. They condemned the DPRK’s missile "
        "launches and pledged to launch a Counter-Missile Working Group. They noted the DPRK’s multiple launches of "
        "ballistic missiles.\n"), "met-test")
    assert d.reports == "event/met-test" and d.entities[d.reports].cls == "Meeting"
    tests = [(e.id, e.cls, [(f.prop, f.obj) for f in e.facts if f.prop == "conductedBy"]) for e in d.entities.values()
             if e.cls in ("MissileTest", "Event")]
    assert tests == [("event/met-test/dprks-missile-launches", "MissileTest", [("conductedBy", "state/dprk")]),
                     ("event/met-test/dprk-missiles-launches", "MissileTest", [("conductedBy", "state/dprk")])]


def test_documents_named_in_title_case_are_documents_the_corpus_s_reused(tmp_path):
    d, s = _draft(tmp_path, KIDD + (
        "Both sides discussed the \"Defense Vision of the U.S.-ROK Alliance\" and acknowledged the importance of "
        "implementing the Defense Vision. They welcomed the release of their respective National Security Strategies "
        "and National Defense Strategies, reaffirmed the Mutual Defense Treaty, and noted the Joint Statement.\n"), "doc-test")
    docs = {e.id: (e.cls, e.label, e.known, [s[b:e_] for b, e_ in e.spans]) for e in d.entities.values() if e.id.startswith("doc/")}
    assert docs == {
        "doc/defense-vision-of-the-us-rok-alliance": ("Document", "Defense Vision of the U.S.-ROK Alliance", False,
                                                      ["Defense Vision of the U.S.-ROK Alliance", "Defense Vision"]),
        "doc/doc-test/national-security-strategies-and-national-defense-strategies": (
            "Document", "National Security Strategies and National Defense Strategies", False,
            ["National Security Strategies and National Defense Strategies"]),
        # the corpus's treaty, named without its "U.S.-ROK"; "the Joint Statement" alone names no document
        "doc/us-rok-mutual-defense-treaty": ("Agreement", d.entities["doc/us-rok-mutual-defense-treaty"].label, True,
                                             ["Mutual Defense Treaty"]),
    }


def test_a_commitment_due_by_the_end_of_a_year_or_at_the_next_meeting_and_two_verbs_two_acts(tmp_path):
    d, s = _draft(tmp_path, KIDD + (
        "The two sides welcomed the progress of the working group and agreed to complete the roadmap by the end of 2030. "
        "They committed to report the results at the next SCM. They noted the end of 2030 exercises.\n"), "due-test")
    assert _acts(d, s) == [
        ("welcomed", "applause", "the progress of the working group"),
        ("agreed", "commitment", "complete the roadmap by the end of 2030"),
        ("committed", "commitment", "report the results at the next SCM"),
        ("noted", "noting", "the end of 2030 exercises"),
    ]
    assert [(a.due, s[a.due_span[0]:a.due_span[1]] if a.due else None) for a in d.acts] == [
        (None, None), ("time/due-test/end-of-2030", "by the end of 2030"), ("time/due-test/next-scm", "at the next SCM"),
        (None, None)]
    t = d.entities["time/due-test/end-of-2030"]
    assert (t.cls, t.extra["relation"], t.extra["anchor"]) == ("RelativeTime", "after", "time/due-test")


def test_a_list_of_exercises_sharing_one_head_gives_each(tmp_path):
    d, s = _draft(tmp_path, KIDD + (
        "The two sides will conduct missile defense, anti-submarine, and maritime interdiction exercises. They "
        "welcomed large, combined exercises.\n"), "list-test")
    ex = {e.id: (e.label, [s[b:e_] for b, e_ in e.spans]) for e in d.entities.values() if e.cls == "Exercise"}
    assert ex == {
        "event/list-test/maritime-interdiction-exercises": ("Maritime interdiction exercises", ["maritime interdiction exercises"]),
        "event/list-test/anti-submarine-exercises": ("Anti-submarine exercises", ["anti-submarine"]),
        "event/list-test/missile-defense-exercises": ("Missile defense exercises", ["missile defense"]),
        # "large, combined exercises": one adjective before a comma is no conjunct of its own
        "event/list-test/combined-exercises": ("Combined exercises", ["combined exercises"]),
    }


def test_a_surname_of_two_known_persons_is_the_one_of_the_same_title_and_a_post_after_and_opens_after_it(tmp_path):
    d, s = _draft(tmp_path, (
        "Joint Communique of the 57th Security Consultative Meeting\n\n"
        "U.S. Secretary of Defense Hegseth and ROK Minister of National Defense Ahn Gyu-back held the 57th Security "
        "Consultative Meeting (SCM) in Seoul on November 4, 2025.\n\n"
        "Minister Shin welcomed the Alliance. Secretary Hegseth and Minister Ahn reaffirmed the Alliance.\n"), "scm-test")
    # the corpus knows Shin Won-sik (Minister of National Defense) and Shin Beomchul (Vice Minister): the Minister
    assert _holds(d, "person/shin-won-sik") == [("post/rok-minister-national-defense", "state/rok")]
    assert "person/scm-test/shin" not in d.entities and "person/shin-beomchul" not in d.entities
    assert [s[b:e] for b, e in d.entities["post/rok-minister-national-defense"].spans][0] == "ROK Minister of National Defense"
    assert _holds(d, "person/scm-test/hegseth") == [("post/us-secretary-of-defense", "state/usa")]
    assert [a.agents for a in d.acts] == [["person/shin-won-sik"], ["person/scm-test/hegseth", "person/ahn-gyu-back"]]


def test_officials_named_by_their_states_and_fields_are_a_group_taking_part_in_the_meeting(tmp_path):
    d, s = _draft(tmp_path, KIDD + (
        "Key senior U.S. and ROK defense and foreign affairs officials also participated in the dialogue. The two "
        "sides noted that officials should meet.\n"), "group-test")
    groups = {e.id: (e.label, [s[b:e_] for b, e_ in e.spans]) for e in d.entities.values() if e.cls == "Group"}
    assert groups == {"group/group-test-senior-officials": (
        "Key senior U.S. and ROK defense and foreign affairs officials",
        ["Key senior U.S. and ROK defense and foreign affairs officials"])}  # bare "officials": no group
    assert ("participant", "group/group-test-senior-officials") in {(f.prop, f.obj) for f in d.entities[d.reports].facts}


TRI = ("Joint Statement of Japan, the Republic of Korea, and the United States\n\n"
       "The leaders of Japan, the Republic of Korea, and the United States met at Camp David on August 18, 2023.\n\n")


def test_the_genre_s_subjects_a_leading_condition_and_recalling(tmp_path):
    d, s = _draft(tmp_path, TRI + (
        "The three leaders condemned the launches. Japan and the United States reaffirmed their commitment. The "
        "United States and the ROK welcomed the plan and agreed to hold consultations. Recalling UN Security Council "
        "resolutions, the leaders urged the DPRK to stop. Should the DPRK conduct a nuclear test, the three countries "
        "will respond. Once again, the leaders condemned the launches.\n"), "tri-test")
    three = ["state/japan", "state/rok", "state/usa"]
    got = [(s[a.verb[0]:a.verb[1]], a.kind, a.agents, s[a.condition[0]:a.condition[1]] if a.condition else None) for a in d.acts]
    assert got == [
        ("condemned", "condemnation", three, None),
        ("reaffirmed", "reaffirmation", ["state/japan", "state/usa"], None),
        ("welcomed", "applause", ["state/usa", "state/rok"], None),
        ("agreed", "commitment", ["state/usa", "state/rok"], None),  # "welcomed … and agreed to …": two acts
        ("Recalling", "reaffirmation", three, None),
        ("urged", "appeal", three, None),
        ("will", "commitment", three, "Should the DPRK conduct a nuclear test"),
        ("condemned", "condemnation", three, None),  # "Once again," opens no condition
    ]


def test_a_document_head_after_state_names_only_is_no_document(tmp_path):
    d, s = _draft(tmp_path, KIDD + "Both sides welcomed the U.S.-ROK Agreement and the Artemis Accords.\n", "gen-test")
    assert sorted(e.id for e in d.entities.values() if e.id.startswith("doc/")) == ["doc/artemis-accords"]


def test_a_document_s_title_case_purpose_is_part_of_its_name(tmp_path):
    d, s = _draft(tmp_path, KIDD + ("Both sides welcomed the U.S.-ROK Agreement for Cooperation Concerning Peaceful Uses "
                                    "of Nuclear Energy and the Framework for Trilateral Cooperation.\n"), "gen-test")
    assert sorted((e.id, e.label) for e in d.entities.values() if e.id.startswith("doc/")) == [
        ("doc/framework-for-trilateral-cooperation", "Framework for Trilateral Cooperation"),
        ("doc/us-rok-agreement-peaceful-uses-nuclear-energy",  # the corpus knows it
         "U.S.-ROK Agreement for Cooperation Concerning Peaceful Uses of Nuclear Energy")]


def test_a_meeting_held_on_a_day_written_day_first_has_that_day(tmp_path):
    d, s = _draft(tmp_path, ("Joint Statement of the United States and Japan\n\n"
                             "The leaders of the United States and Japan met in Tokyo on 23 May 2022. They reaffirmed "
                             "the Alliance.\n"), "dmy-test")
    assert ("time:hasTime", "time/dmy-test") in {(f.prop, f.obj) for f in d.entities[d.reports].facts}
    t = d.entities["time/dmy-test"]
    assert (t.extra["begin"], t.extra["end"], t.extra["quote"]) == ("2022-05-23", "2022-05-23", "23 May 2022")


def test_a_later_post_and_surname_is_the_person_named_in_full_before_surname_first_or_last(tmp_path):
    d, s = _draft(tmp_path, ("Joint Statement of the United States and Japan\n\n"
                             "U.S. Secretary of State Antony Blinken and Japanese Minister for Foreign Affairs Kamikawa "
                             "Yoko met in Tokyo on May 23, 2024. Minister Kamikawa and Secretary Blinken reaffirmed the "
                             "Alliance.\n"), "full-test")
    persons = sorted(e.id for e in d.entities.values() if e.cls == "Person")
    assert persons == ["person/antony-blinken", "person/kamikawa-yoko"]
    assert [a.agents for a in d.acts] == [["person/kamikawa-yoko", "person/antony-blinken"]]


def test_stock_phrases_of_the_genre_have_their_kinds(tmp_path):
    d, s = _draft(tmp_path, KIDD + (
        "The two sides took stock of progress on the roadmap. They shared views on regional security. Both sides "
        "expressed hope that talks resume. The two sides announced the establishment of a working group. They "
        "endorsed the plan.\n"), "stock-test")
    assert [(s[a.verb[0]:a.verb[1]], a.kind) for a in d.acts] == [
        ("took stock of", "assessment"), ("shared views on", "discussion"), ("expressed hope that", "expressive"),
        ("announced the establishment of", "announcement"), ("endorsed", "support")]


def test_named_guidance_principles_declarations_and_roadmaps(tmp_path):
    d, s = _draft(tmp_path, KIDD + ("Both sides welcomed the Strategic Planning Guidance, the Camp David Principles and "
                                    "the Washington Declaration. They noted the Roadmap for Defense Cooperation.\n"), "docs2")
    assert sorted((e.id, e.cls, e.known) for e in d.entities.values() if e.id.startswith("doc/")) == [
        ("doc/camp-david-principles", "Document", False), ("doc/roadmap-for-defense-cooperation", "Plan", False),
        ("doc/strategic-planning-guidance", "Document", False),
        ("doc/washington-declaration", "JointStatement", True)]  # the corpus's statement, reused
