"""kg draft 0.4.0 on what recurs in the genre of allied joint statements and 0.3.0 missed: counted and
abbreviated groups of persons as subjects ("the three National Security Advisors (NSAs)", "the four
Ministers", "The participants from all three countries"), partners of the allies as sides (Australia, India,
the Philippines) and a person's state from "of <state>" after the name, names with letters outside ASCII,
British spellings and phrase verbs, and no assertion in the speakers' voice where they are not the subject.
Small invented sentences of the genre, with exact expectations."""

from __future__ import annotations

from pathlib import Path

from kg.draft.lexicon import _with_variants, load_lexicon
from kg.draft.model import slug
from tests.drafting import acts_agents, drafted


def _draft(tmp_path: Path, text: str, sid: str = "genre3-test"):
    return drafted(tmp_path, text, sid)


_acts = acts_agents


NSA = ("Joint Readout of the Meeting of the National Security Advisors of the United States, Japan, and the Philippines\n\n"
       "National Security Advisor Jake Sullivan of the United States, National Security Advisor Akiba Takeo of Japan, and "
       "National Security Advisor Eduardo Año of the Republic of the Philippines met in Tokyo. ")
THREE = ["person/jake-sullivan", "person/akiba-takeo", "person/eduardo-ano"]


def test_a_counted_group_of_post_holders_and_its_defined_plural_acronym_are_the_persons_named(tmp_path):
    d, s, _ = _draft(tmp_path, NSA + "Recalling the environment discussed in the recent summits, the three National Security "
                     "Advisors (NSAs) reaffirmed the importance of cooperation. The three NSAs emphasized the importance of "
                     "peace. They also discussed the East China Sea.\n")
    assert d.sides == ["state/usa", "state/japan", "state/philippines"]
    assert [(v, k, a) for v, k, a in _acts(d, s)][1:] == [
        ("reaffirmed", "reaffirmation", THREE), ("emphasized", "emphasis", THREE), ("discussed", "discussion", THREE)]
    posts = {e.id: [f.obj for f in e.facts if f.prop == "org:holds"] for e in d.entities.values() if e.cls == "Person"}
    assert posts == {"person/jake-sullivan": ["post/us-national-security-advisor"],
                     "person/akiba-takeo": ["post/japan-national-security-advisor"],
                     "person/eduardo-ano": ["post/philippines-national-security-advisor"]}


def test_a_name_with_letters_outside_ascii_is_one_name_and_its_id_is_ascii(tmp_path):
    d, s, _ = _draft(tmp_path, NSA + "Mr. Akiba and Mr. Año welcomed the progress.\n")
    assert d.entities["person/eduardo-ano"].label == "Eduardo Año"
    assert _acts(d, s) == [("welcomed", "applause", ["person/akiba-takeo", "person/eduardo-ano"])]
    assert [slug(x) for x in ("Nguyễn Phú Trọng", "Ferdinand R. Marcos Jr.", "Đỗ Hùng Việt")] == [
        "nguyen-phu-trong", "ferdinand-r-marcos-jr", "do-hung-viet"]


def test_an_undefined_plural_acronym_is_no_subject(tmp_path):
    d, s, _ = _draft(tmp_path, NSA + "The three NSAs emphasized the importance of peace.\n")
    assert _acts(d, s) == []  # "NSAs" is defined nowhere in the text: no guess


SCM = ("Joint Statement of the U.S.-ROK Foreign and Defense Ministers' Meeting\n\n"
       "Secretary of State John Kerry, Secretary of Defense Chuck Hagel, ROK Minister of Foreign Affairs Yun Byung-se and "
       "ROK Minister of National Defense Han Min-koo met in Washington. ")


def test_a_number_and_a_phrase_of_countries_after_the_head_qualify_a_collective(tmp_path):
    d, s, _ = _draft(tmp_path, SCM + "The four Ministers reaffirmed the strength of the alliance. The participants from "
                     "both countries committed to working closely together. The two sides’ delegations discussed the "
                     "exercises.\n")
    acts = _acts(d, s)
    assert [(v, k) for v, k, _ in acts] == [("reaffirmed", "reaffirmation"), ("committed", "commitment"), ("discussed", "discussion")]
    assert len(acts[0][2]) == 4 and all(a.startswith("person/") for a in acts[0][2])
    assert acts[1][2] == acts[2][2] == [d.delegations.get(x, x) for x in d.sides]


def test_british_spellings_are_generated_from_the_american_forms():
    assert _with_variants(["emphasized", "recognizing", "honored to welcome", "noted"], [("honor", "honour")]) == [
        "emphasized", "emphasised", "recognizing", "recognising", "honored to welcome", "honoured to welcome", "noted"]
    words = {v.words for v in load_lexicon().verbs}
    assert {"emphasised", "recognised", "emphasise", "stand ready to", "are resolved to"} <= words


AUSMIN = ("Joint Statement on Australia-U.S. Ministerial Consultations\n\n"
          "Australian Minister for Foreign Affairs Marise Payne and Secretary of State Michael R. Pompeo met in Sydney. ")


def test_british_spelling_and_phrase_verbs_of_the_genre_make_acts(tmp_path):
    d, s, _ = _draft(tmp_path, AUSMIN + "The Ministers emphasised the importance of the alliance. Both countries stand "
                     "ready to work with all nations. The two countries are resolved to deepen cooperation. They "
                     "recognised the threat.\n")
    assert d.sides == ["state/australia", "state/usa"]
    assert [(v, k) for v, k, _ in _acts(d, s)] == [
        ("emphasised", "emphasis"), ("stand ready to", "commitment"), ("are resolved to", "commitment"), ("recognised", "acknowledgement")]
    assert all(a == ["state/australia", "state/usa"] for _, _, a in _acts(d, s)[1:3])


QUAD = ("Joint Statement of the Leaders of Australia, India, Japan, and the United States\n\n"
        "We, the leaders of Australia, India, Japan, and the United States, met in Wilmington. We reaffirm our commitment "
        "to a free and open Indo-Pacific. We condemn the launches. We express serious concern over the actions. ")


def test_the_speakers_voice_needs_them_as_the_subject_of_the_main_clause(tmp_path):
    d, s, _ = _draft(tmp_path, QUAD + "Together we represent nearly two billion people. Through our cooperation, the Quad "
                     "is harnessing our strengths. In implementing our commitments, our teams have met twice. We are "
                     "working to support clean energy.\n")
    voiced = [s[a.content[0]:a.content[1]] for a in d.acts if a.kind == "affirmation"]
    assert voiced == ["In implementing our commitments, our teams have met twice", "We are working to support clean energy"]


def test_a_post_without_its_state_is_of_the_statements_side_by_its_head_word_never_another_states(tmp_path):
    text = ("Joint Statement on Australia-U.S. Ministerial Consultations\n\n"
            "Minister for Foreign Affairs Marise Payne and Minister for Defence Linda Reynolds hosted Secretary of State "
            "Mike Pompeo and Secretary of Defense Mark Esper in Sydney. As Prime Minister Morrison and President Trump "
            "reaffirmed in Osaka, the two countries are the closest of allies. The Ministers and Secretaries emphasised "
            "the alliance.\n")
    d, s, _ = _draft(tmp_path, text)
    posts = {e.id: [f.obj for f in e.facts if f.prop == "org:holds"] for e in d.entities.values() if e.cls == "Person"}
    assert posts["person/marise-payne"] == ["post/australia-minister-foreign-affairs"]  # not the ROK's Minister for Foreign Affairs
    assert posts["person/linda-reynolds"] == ["post/australia-minister-defence"]
    assert posts["person/morrison"] == ["post/australia-prime-minister"] and posts["person/trump"] == ["post/us-president"]
    assert _acts(d, s)[-1] == ("emphasised", "emphasis", ["person/marise-payne", "person/linda-reynolds", "person/mike-pompeo",
                                                         "person/mark-esper"])


def test_a_yearless_day_written_day_first_is_the_meetings_time_in_the_datelines_year(tmp_path):
    head = "Joint Statement on Australia-U.S. Ministerial Consultations\n\n4 August 2019\n\n"
    d, s, _ = _draft(tmp_path, head + "Minister for Foreign Affairs Marise Payne hosted Secretary of State Mike Pompeo "
                     "on 4 August in Sydney for the consultations.\n")
    ent = d.entities["time/genre3-test"]
    assert (ent.extra["begin"], ent.extra["end"], s[ent.spans[0][0]:ent.spans[0][1]]) == ("2019-08-04", "2019-08-04", "4 August")
    d, s, _ = _draft(tmp_path, head + "Minister for Foreign Affairs Marise Payne hosted Secretary of State Mike Pompeo "
                     "on 14 August in Sydney for the consultations.\n")
    assert "time/genre3-test" not in d.entities  # after the dateline: not the meeting's day


def test_a_test_or_launch_named_by_the_states_adjective_is_conducted_by_it(tmp_path):
    head = "Joint Statement of the 2013 Korea-U.S. Integrated Defense Dialogue\n\n"
    d, s, _ = _draft(tmp_path, head + "The two sides agreed that the North Korean nuclear test violates North Korea’s "
                     "obligations. They condemned the North Korean missile launches.\n")
    tests = {e.id: (e.cls, [f.obj for f in e.facts if f.prop == "conductedBy"]) for e in d.entities.values()
             if e.cls in ("Event", "MissileTest", "NuclearTest")}
    assert tests == {"event/genre3-test/north-korean-nuclear-test": ("NuclearTest", ["state/dprk"]),
                     "event/genre3-test/north-korean-missile-launches": ("MissileTest", ["state/dprk"])}
    d, s, _ = _draft(tmp_path, head + "The two sides condemned the recent nuclear test.\n")
    assert [(e.id, e.cls) for e in d.entities.values() if e.cls in ("Event", "NuclearTest")] == [
        ("event/genre3-test/recent-nuclear-test", "Event")]  # no state named: not placed


def _ministries(d):
    return sorted(e.id for e in d.entities.values() if e.cls == "Ministry")


def test_a_ministry_by_its_short_name_is_the_known_one_of_the_side_only_when_unambiguous(tmp_path):
    d, s, _ = _draft(tmp_path, "Joint Press Statement for the Korea-U.S. Integrated Defense Dialogue\n\n"
                     "The Department of Defense and Republic of Korea (ROK) Ministry of Defense held the dialogue in "
                     "Washington.\n")
    assert _ministries(d) == ["org/rok-mnd", "org/us-dod"]
    d, s, _ = _draft(tmp_path, "Joint Statement of Japan, the Republic of Korea, and the United States\n\n"
                     "Japan, the ROK, and the United States held a meeting. The Ministry of Defense hosted it.\n")
    assert _ministries(d) == []  # Japan's or the ROK's: not said


def test_a_partner_state_is_a_side_and_its_leaders_post_is_its_own(tmp_path):
    d, s, _ = _draft(tmp_path, "Joint Statement of the Leaders of India and the United States\n\nPrime Minister Narendra "
                     "Modi of India and President Joseph R. Biden of the United States met in Washington. The Indian side "
                     "welcomed the visit.\n")
    assert d.sides == ["state/india", "state/usa"]
    assert d.entities["state/india"].label == "India"  # by its name, never the adjective "Indian"
    posts = {e.id: [f.obj for f in e.facts if f.prop == "org:holds"] for e in d.entities.values() if e.cls == "Person"}
    assert posts == {"person/narendra-modi": ["post/india-prime-minister"], "person/joseph-r-biden": ["post/us-president"]}
    assert _acts(d, s) == [("welcomed", "applause", ["state/india"])]


def test_a_secretary_whose_title_the_united_states_has_not_is_of_the_other_side(tmp_path):
    """The U.S. has a Secretary of State and of Defense: a "Secretary for Foreign Affairs" or a
    "Secretary of National Defense" (the Philippines' cabinet) is of the statement's other side
    (lexicon `post_head_sides_not`); the U.S. secretaries stay the U.S.'s."""
    text = ("Joint Statement of the Philippines-United States Ministerial Dialogue\n\n"
            "Secretary for Foreign Affairs Maria Santos, Secretary of National Defense Jose Cruz, Secretary of State "
            "John Smith, and Secretary of Defense Mary Jones met in Manila. The Secretaries reaffirmed the alliance.\n")
    d, s, _ = _draft(tmp_path, text)
    posts = {e.id: [f.obj for f in e.facts if f.prop == "org:holds"] for e in d.entities.values() if e.cls == "Person"}
    assert posts["person/maria-santos"] == ["post/philippines-secretary-foreign-affairs"]
    assert posts["person/jose-cruz"] == ["post/philippines-secretary-national-defense"]
    assert [p.startswith("post/us-") for p in posts["person/john-smith"] + posts["person/mary-jones"]] == [True, True]
    reaffirmed = [a for a in d.acts if s[a.verb[0]:a.verb[1]] == "reaffirmed"]
    assert [sorted(a.agents) for a in reaffirmed] == [sorted(["person/maria-santos", "person/jose-cruz",
                                                              "person/john-smith", "person/mary-jones"])]


def test_a_secretary_of_state_or_defense_with_no_state_named_is_still_the_united_states(tmp_path):
    text = ("Joint Statement of the Japan-United States Security Consultative Committee\n\n"
            "Minister for Foreign Affairs Sato Ken, Minister of Defense Ito Jun, Secretary of State John Smith, and "
            "Secretary of Defense Mary Jones met in Tokyo.\n")
    d, _, _ = _draft(tmp_path, text)
    posts = {e.id: [f.obj for f in e.facts if f.prop == "org:holds"] for e in d.entities.values() if e.cls == "Person"}
    assert all(p.startswith("post/us-") for p in posts["person/john-smith"] + posts["person/mary-jones"])
    assert not any(p.startswith("post/us-") for k in ("person/sato-ken", "person/ito-jun") for p in posts.get(k, []))
