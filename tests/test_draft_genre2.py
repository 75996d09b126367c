"""kg draft 0.3.0 on what recurs in the genre of allied joint statements and 0.2.0 missed: subjects that
name persons (a list of named leaders "of <state>", "Both", "the three leaders" of a ministers' meeting),
one person whatever the order of the name, a conditional clause about a third state in the statement's
own voice, openers without a comma, "the Alliance" of the statement's own sides, no side inside a
longer name, missile launches by the state whose possessive governs them, bare place names, and a
meeting's yearless days. Small invented sentences of the genre, with exact expectations."""

from __future__ import annotations

from pathlib import Path

from tests.drafting import acts_agents, drafted


def _draft(tmp_path: Path, text: str, sid: str = "genre2-test"):
    return drafted(tmp_path, text, sid)


_acts = acts_agents


def _persons(d):
    return sorted(e.id for e in d.entities.values() if e.cls == "Person")


LEADERS = ("Joint Statement of the Leaders of Japan, the Republic of Korea, and the United States\n\n"
           "Prime Minister Kishida Fumio of Japan, President Yoon Suk Yeol of the Republic of Korea (ROK), and "
           "President Joseph R. Biden, Jr. of the United States reaffirmed their trilateral partnership guided by "
           "shared values, driven by innovation, and committed to shared prosperity. ")
TRIO = ["person/joseph-r-biden", "person/kishida", "person/yoon-suk-yeol"]


def test_a_list_of_named_leaders_of_their_states_is_the_subject_and_a_participle_of_a_list_no_act(tmp_path):
    d, s, _ = _draft(tmp_path, LEADERS + "The Leaders commended the coordination. They reaffirm their commitment to peace.\n")
    assert [(v, k, sorted(a)) for v, k, a in _acts(d, s)] == [
        ("reaffirmed", "reaffirmation", TRIO), ("commended", "applause", TRIO), ("reaffirm", "reaffirmation", TRIO)]
    assert d.sides == ["state/japan", "state/rok", "state/usa"]


def test_a_name_in_both_orders_is_the_known_person_and_never_a_duplicate(tmp_path):
    d, s, _ = _draft(tmp_path, LEADERS + "The Leaders welcomed the visit of Prime Minister Fumio Kishida to Seoul.\n")
    assert _persons(d) == TRIO  # "Kishida Fumio", "Fumio Kishida": the corpus's person/kishida, once
    kishida = d.entities["person/kishida"]
    assert sorted(s[x:y] for x, y in kishida.spans) == ["Fumio Kishida", "Kishida Fumio"]


def test_a_known_family_name_needs_a_title_that_agrees_with_the_known_post(tmp_path):
    # the corpus's Kishida is a Prime Minister: an "Ambassador Kishida Taro" is someone else
    d, s, _ = _draft(tmp_path, "Joint Statement of the United States and Japan\n\n"
                     "Secretary of State Antony Blinken and Ambassador Kishida Taro met in Tokyo on May 2, 2029. "
                     "They reaffirmed the Alliance.\n")
    assert "person/kishida" not in d.entities


def test_a_rank_and_a_surname_followed_by_a_given_name_is_not_a_mention_of_another_kim(tmp_path):
    d, s, _ = _draft(tmp_path, "Joint Communique of the 61st Security Consultative Meeting\n\n"
                     "The 61st Security Consultative Meeting was held in Seoul on May 2, 2029. U.S. Secretary of Defense "
                     "Lloyd J. Austin III and ROK Minister of National Defense Kim Yong Hyun led their delegations. "
                     "The ROK Chairman of the Joint Chiefs of Staff, Admiral Kim Myung-soo, presided over the meeting. "
                     "Minister Kim reaffirmed the Alliance.\n")
    kim = d.entities["person/kim-yong-hyun"]
    assert sorted(s[x:y] for x, y in kim.spans) == ["Kim Yong Hyun", "Minister Kim"]


def test_both_alone_and_the_three_leaders_of_a_ministers_meeting_are_the_persons_named_before(tmp_path):
    d, s, _ = _draft(tmp_path, "United States-Japan-Republic of Korea Trilateral Ministerial Meeting Joint Press Statement\n\n"
                     "U.S. Secretary of Defense Lloyd J. Austin III, Japanese Minister of Defense Hamada Yasukazu, and ROK "
                     "Minister of National Defense Lee Jong-Sup convened a Trilateral Ministerial Meeting in Singapore on "
                     "June 3, 2029. During the meeting, the three leaders discussed regional threats. The Secretary and the "
                     "two Ministers pledged to cooperate. Both concurred that peace matters, and reaffirmed their resolve. "
                     "They shared their deep concerns about the launches.\n")
    three = ["person/hamada-yasukazu", "person/lee-jong-sup", "person/lloyd-austin"]
    assert [(v, k, sorted(a)) for v, k, a in _acts(d, s)] == [
        ("discussed", "discussion", three), ("pledged", "pledge", three), ("concurred", "affirmation", three),
        ("reaffirmed", "reaffirmation", three), ("shared their deep concerns", "concern", three)]


def test_we_of_a_ministers_statement_stays_the_states(tmp_path):
    d, s, _ = _draft(tmp_path, "Joint Statement of the Foreign Ministers of Japan, the Republic of Korea, and the United States\n\n"
                     "Secretary of State Antony Blinken, Minister for Foreign Affairs Hayashi Yoshimasa and Minister of "
                     "Foreign Affairs Park Jin met in Jakarta on July 12, 2029. We will work together with the UN.\n")
    assert _acts(d, s) == [("will", "commitment", ["state/japan", "state/rok", "state/usa"])]


DTT = ("U.S., Japan and Republic of Korea Defense Trilateral Talks Joint Statement\n\n"
       "Washington, DC—January 31, 2029. Officials from the United States, Japan and the Republic of Korea met in Tokyo "
       "Jan. 30-31 for the annual Defense Trilateral Talks. ")


def test_a_condition_about_a_third_state_is_the_speakers_affirmation_not_an_act_of_that_state(tmp_path):
    d, s, yaml_text = _draft(tmp_path, DTT + (
        "If North Korea carries out any further provocations, including a nuclear test, North Korea will bear "
        "responsibility for the consequences. Should the DPRK conduct a missile test, the three countries will respond "
        "together.\n"))
    three = ["state/usa", "state/japan", "state/rok"]
    got = [(s[a.verb[0]:a.verb[1]], a.kind, a.agents, s[a.condition[0]:a.condition[1]] if a.condition else None) for a in d.acts]
    assert got == [
        ("will", "affirmation", three, "If North Korea carries out any further provocations, including a nuclear test"),
        ("will", "commitment", three, "Should the DPRK conduct a missile test")]  # the speakers' own: unchanged
    # the speakers stand outside the act's sentence: their phrase is quoted from the input file
    assert 'agent_phrase: {quote: "Officials from the United States, Japan and the Republic of Korea", in: "capture"}' in yaml_text


def test_a_third_state_without_a_condition_keeps_its_own_act(tmp_path):
    d, s, _ = _draft(tmp_path, DTT + "North Korea will bear responsibility for the consequences.\n")
    assert _acts(d, s) == [("will", "commitment", ["state/dprk"])]


def test_an_opener_without_its_comma_is_cut_off_the_subject(tmp_path):
    d, s, _ = _draft(tmp_path, DTT + (
        "In this process the three countries will closely cooperate with China. To this end the three countries "
        "will hold regular talks. In this process North Korea is isolated.\n"))
    three = ["state/usa", "state/japan", "state/rok"]
    assert _acts(d, s) == [("will", "commitment", three), ("will", "commitment", three)]


def test_north_korea_is_not_a_mention_of_the_rok_and_bare_places_are_found(tmp_path):
    d, s, _ = _draft(tmp_path, DTT + (
        "The United States, the Republic of Korea, and Japan will cooperate with China and Russia. North Korea's "
        "launches threaten Cambodia. The Tokyo Declaration stands.\n"))
    assert [s[x:y] for x, y in d.entities["state/rok"].spans] == ["Republic of Korea"] * 3  # title, two sentences
    assert [s[x:y] for x, y in d.entities["state/prc"].spans] == ["China"]  # the corpus's id, by `place_ids`
    assert d.entities["state/cambodia"].cls == "State" and not d.entities["state/cambodia"].known
    tokyo = d.entities["place/tokyo"]
    assert tokyo.cls == "City" and [s[x:y] for x, y in tokyo.spans] == ["Tokyo"]  # not the "Tokyo Declaration"


def test_yearless_days_of_the_meeting_take_the_datelines_year(tmp_path):
    d, s, _ = _draft(tmp_path, DTT + "The three countries will closely coordinate.\n")
    t = d.entities["time/genre2-test"]
    assert (t.extra["begin"], t.extra["end"], s[t.spans[0][0]:t.spans[0][1]]) == ("2029-01-30", "2029-01-31", "Jan. 30-31")
    meeting = d.entities[d.reports]
    assert ("time:hasTime", "time/genre2-test") in [(f.prop, f.obj) for f in meeting.facts]
    assert ("location", "place/tokyo") in [(f.prop, f.obj) for f in meeting.facts]


def test_yearless_days_after_the_dateline_are_not_the_meetings(tmp_path):
    d, s, _ = _draft(tmp_path, DTT.replace("Jan. 30-31", "Feb. 3-4") + "The three countries will closely coordinate.\n")
    assert "time/genre2-test" not in d.entities


def test_the_alliance_is_the_alliance_of_the_statements_own_sides(tmp_path):
    us_japan = ("Joint Statement of the United States and Japan on Extended Deterrence\n\n"
                "Secretary of State Blinken and Minister for Foreign Affairs Kamikawa met in Tokyo on July 28, 2029. "
                "The Ministers reaffirmed the Alliance's deterrence.\n")
    d, s, _ = _draft(tmp_path, us_japan)
    assert "org/us-japan-alliance" in d.entities and "org/us-rok-alliance" not in d.entities
    d, s, _ = _draft(tmp_path, "Joint Statement of the United States and the Republic of Korea\n\n"
                     "Secretary of Defense Austin and Minister of National Defense Kim met in Seoul on July 28, 2029. "
                     "The Ministers reaffirmed the Alliance's deterrence.\n", sid="genre2-rok")
    assert "org/us-rok-alliance" in d.entities and "org/us-japan-alliance" not in d.entities


def test_missile_launches_are_missile_tests_of_the_state_whose_possessive_governs_them(tmp_path):
    d, s, _ = _draft(tmp_path, LEADERS + (
        "The Leaders strongly condemn DPRK's unprecedented number of ballistic missile launches this year, including "
        "multiple ICBM launches. They noted that launches of satellites help science.\n"))
    tests = sorted((e.label, [f.obj for f in e.facts if f.prop == "conductedBy"]) for e in d.entities.values() if e.cls == "MissileTest")
    assert tests == [("Ballistic missile launches", ["state/dprk"]), ("Multiple ICBM launches", ["state/dprk"])]
    assert not [e for e in d.entities.values() if e.cls == "Event" and "launch" in (e.label or "").lower()]


def test_a_session_as_the_subject_of_a_discussion_is_an_act_of_those_who_spoke_in_that_session(tmp_path):
    d, s, yaml_text = _draft(tmp_path, DTT + (
        "The plenary session included discussion on regional security and North Korea. The session room was "
        "large. The working session featured an exchange of views on missile defense.\n"))
    got = [(s[a.verb[0]:a.verb[1]], a.kind, a.agents, a.session, s[a.content[0]:a.content[1]]) for a in d.acts]
    three = ["state/usa", "state/japan", "state/rok"]
    assert got == [
        ("included discussion", "discussion", three, "event/genre2-test/plenary-session", "regional security and North Korea"),
        ("featured an exchange of views", "discussion", three, "event/genre2-test/working-session", "missile defense")]
    plenary = d.entities["event/genre2-test/plenary-session"]
    assert plenary.cls == "Session" and [(f.prop, f.obj) for f in plenary.facts] == [
        ("sessionOf", d.reports), ("status", "status:held")]
    assert "session: event/genre2-test/plenary-session" in yaml_text


def test_a_first_name_before_an_initial_is_no_mention_and_a_shorter_form_inside_a_longer_adds_nothing(tmp_path):
    d, s, _ = _draft(tmp_path, LEADERS + "President Biden welcomed the meeting in Washington, D.C., on May 2. President Joseph "
                     "Smith was not there.\n")
    biden = d.entities["person/joseph-r-biden"]
    assert sorted(s[x:y] for x, y in biden.spans) == ["President Biden", "President Joseph R. Biden, Jr."]
    assert [s[x:y] for x, y in d.entities["place/washington-dc"].spans] == ["Washington, D.C."]


def test_a_meeting_of_persons_of_one_role_is_a_meeting_of_the_known_body_for_that_role(tmp_path):
    text = ("United States-Japan-Republic of Korea Trilateral Ministerial Meeting Joint Press Statement\n\n"
            "U.S. Secretary of Defense Lloyd J. Austin III, Japanese Minister of Defense Hamada Yasukazu, and ROK "
            "Minister of National Defense Lee Jong-Sup convened a Trilateral Ministerial Meeting in Singapore on "
            "June 3, 2029. The three leaders discussed regional threats.\n")
    d, s, _ = _draft(tmp_path, text)
    meeting = d.entities[d.reports]
    assert [f.obj for f in meeting.facts if f.prop == "meetingOf"] == ["body/trilateral-defense-ministers-meeting"]
    # the foreign and the defense ministers together hold posts of no one role: no body
    mixed = text.replace("Japanese Minister of Defense Hamada Yasukazu", "Japanese Minister for Foreign Affairs Hayashi Yoshimasa")
    d, s, _ = _draft(tmp_path, mixed, sid="genre2-mixed")
    assert not [f for f in d.entities[d.reports].facts if f.prop == "meetingOf"]


def test_a_first_sentence_naming_a_third_state_does_not_override_the_titles_two_sides(tmp_path):
    d, s, _ = _draft(tmp_path, "Joint Statement of the United States and the Republic of Korea\n\n"
                     "The United States, the Republic of Korea, and Japan face shared threats. Secretary Blinken and "
                     "Minister Park met in Seoul on May 2, 2029.\n")
    assert d.sides == ["state/usa", "state/rok"]


def test_a_title_listing_persons_yields_to_the_first_sentences_longer_list(tmp_path):
    body = LEADERS.split("\n\n", 1)[1]
    d, s, _ = _draft(tmp_path, "Joint Statement by President Biden, Prime Minister Kishida of Japan, and President "
                     "Yoon of the Republic of Korea\n\n" + body + "\n")
    assert d.sides == ["state/japan", "state/rok", "state/usa"]


def test_a_collective_of_a_list_of_states_is_that_collective_of_those_states(tmp_path):
    d, s, _ = _draft(tmp_path, DTT + (
        "The leaders of Japan, the Republic of Korea, and the United States reaffirmed their partnership. The "
        "delegations of the United States and Japan discussed space. The leaders of tomorrow, and the youth, met.\n"))
    assert _acts(d, s) == [("reaffirmed", "reaffirmation", ["state/japan", "state/rok", "state/usa"]),
                           ("discussed", "discussion", ["state/usa", "state/japan"])]
    d, s, _ = _draft(tmp_path, LEADERS + "The leaders of Japan and the Republic of Korea welcomed the talks.\n")
    verb, kind, agents = _acts(d, s)[-1]
    assert (verb, kind, sorted(agents)) == ("welcomed", "applause", ["person/kishida", "person/yoon-suk-yeol"])  # not Biden


SCM = ("Joint Communique of the 57th Security Consultative Meeting\n\n"
       "The 57th United States-Republic of Korea Security Consultative Meeting (SCM) was held in Seoul on November 4, "
       "2029. U.S. Secretary of Defense Pete Hegseth and ROK Minister of National Defense Ahn Gyu-back led their "
       "respective delegations. ")


def test_the_defense_chiefs_and_counterparts_are_the_officials_named(tmp_path):
    d, s, _ = _draft(tmp_path, SCM + "The two defense chiefs highlighted the importance of the NCG. The counterparts "
                     "reaffirmed the Alliance. The chiefs of staff are not named here.\n")
    two = ["person/pete-hegseth", "person/ahn-gyu-back"]
    assert _acts(d, s) == [("highlighted", "emphasis", two), ("reaffirmed", "reaffirmation", two)]


def test_a_head_named_in_full_then_by_title_and_family_name_is_one_person(tmp_path):
    d, s, _ = _draft(tmp_path, "Joint Leaders' Statement of Japan, the Republic of Korea, and the United States\n\n"
                     "President Donald J. Trump of the United States, Prime Minister Ishiba Shigeru of Japan, and President "
                     "Lee Jae-myung of the Republic of Korea met in Lima on November 15, 2029. Prime Minister Ishiba "
                     "welcomed the progress. Prime Minister Kono of Japan is not named in full.\n")
    # "Prime Minister Ishiba" is the person named in full; "Prime Minister Kono", named only so, a new one
    assert _persons(d) == ["person/donald-j-trump", "person/ishiba-shigeru", "person/kono", "person/lee-jae-myung"]
    assert sorted(s[x:y] for x, y in d.entities["person/ishiba-shigeru"].spans) == ["Ishiba Shigeru", "Prime Minister Ishiba"]
    assert _acts(d, s)[0] == ("welcomed", "applause", ["person/ishiba-shigeru"])


def test_instructing_or_directing_others_to_act_is_an_appeal(tmp_path):
    d, s, _ = _draft(tmp_path, SCM + "The Secretary and the Minister directed the Military Committee to report. They "
                     "instructed their staffs to meet regularly. The threat was directed at the Alliance.\n")
    two = ["person/pete-hegseth", "person/ahn-gyu-back"]
    assert [(v, k, a, s[x.content[0]:x.content[1]]) for (v, k, a), x in zip(_acts(d, s), d.acts)] == [
        ("directed the", "appeal", two, "Military Committee to report"),
        ("instructed their", "appeal", two, "staffs to meet regularly")]
