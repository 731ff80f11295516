"""Event extraction: one test per trigger family, per negation or modality case, per merging rule.

Sentences are written for the tests. Dates are asserted only where the text gives an absolute date; the
anchoring rules themselves are specified in test_dates.py.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dipwatch.extract import Extractor, load_rules, merge_event, split_sentences
from dipwatch.models import Actor, Block, Document, Event, Mention
from dipwatch.places import find_location

FIXTURES = Path(__file__).parent / "fixtures" / "extract"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


def events(extractor: Extractor, text: str, published: str | None = "2025-07-13") -> list[Event]:
    return extractor.extract(Document(doc="t", text=text, published=published))


def triples(extractor: Extractor, text: str, published: str | None = "2025-07-13") -> list[tuple[str, str, str]]:
    return [(e.source.code, e.type, e.target.code) for e in events(extractor, text, published)]


# -- trigger families -----------------------------------------------------------------------------------------


def test_a_meeting_is_consult(extractor):
    assert triples(extractor, "Kim Jong Un met with Russian Foreign Minister Sergey Lavrov on Saturday.") == [
        ("PRK", "CONSULT", "RUS")
    ]


def test_talks_between_two_actors_are_consult(extractor):
    found = triples(extractor, "Talks between Indian and Japanese diplomats were held in Tokyo on Friday.")
    assert found in ([("IND", "CONSULT", "JPN")], [("JPN", "CONSULT", "IND")])


def test_a_trip_to_a_capital_is_a_consult_visit(extractor):
    [event] = events(extractor, "Kenyan President Samuel Otieno's trip to Hanoi began on Tuesday.")
    assert (event.source.code, event.type, event.target.code, event.mode, event.cameo) == (
        "KEN", "CONSULT", "VNM", "visit", "042")


def test_a_phone_call_is_consult_by_phone(extractor):
    [event] = events(extractor, "Japanese Prime Minister Taro Ueda held a phone call with Emmanuel Macron.")
    assert (event.type, event.mode, event.cameo, event.target.code) == ("CONSULT", "phone", "041", "FRA")


def test_congratulating_is_support(extractor):
    [event] = events(extractor, "Kim Jong-un congratulated Belarusian President Alexander Lukashenko on his win.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("PRK", "SUPPORT", "051", "BLR")


def test_a_congratulatory_message_sent_to_someone_is_support(extractor):
    text = "Vietnamese President Tran Minh sent a congratulatory message to Tanzanian President Neema Rashidi."
    assert triples(extractor, text) == [("VNM", "SUPPORT", "TZA")]


def test_signing_a_treaty_is_support_057(extractor):
    [event] = events(extractor, "Brazil and Argentina signed a trade treaty on Monday.")
    assert ({event.source.code, event.target.code}, event.type, event.cameo) == ({"BRA", "ARG"}, "SUPPORT", "057")


def test_ratifying_a_treaty_with_a_state_is_support(extractor):
    assert triples(extractor, "North Korea ratified a defence treaty with Russia.") == [("PRK", "SUPPORT", "RUS")]


def test_a_treaty_signed_during_a_visit_is_signed_by_the_visitor_with_the_treatys_other_party(extractor):
    text = ("North Korea ratified a defence treaty with Russia. The treaty was first signed in Pyongyang on "
            "19 June 2024 during a state visit by Russian President Vladimir Putin.")
    assert triples(extractor, text, None) == [("PRK", "SUPPORT", "RUS"), ("RUS", "SUPPORT", "PRK")]


def test_a_pledge_is_agree(extractor):
    [event] = events(extractor, "Indonesia pledged full support for Australia's bid.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("IDN", "AGREE", "030", "AUS")


def test_a_vow_to_uphold_is_the_support_it_promises(extractor):
    assert triples(extractor, "Russia vowed to uphold Pyongyang's national security.") == [("RUS", "SUPPORT", "PRK")]


def test_rebuking_is_accuse(extractor):
    text = "Egypt's foreign minister, Omar Said, rebuked Ethiopian officials on Tuesday."
    assert triples(extractor, text) == [("EGY", "ACCUSE", "ETH")]


def test_rejecting_is_reject(extractor):
    assert triples(extractor, "Ethiopia rejected Egypt's proposal.") == [("ETH", "REJECT", "EGY")]


def test_imposing_sanctions_is_coerce_163(extractor):
    [event] = events(extractor, "The European Union imposed sanctions on Iranian companies on Monday.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("EU", "COERCE", "163", "IRN")


def test_troops_deployed_to_back_a_state_are_military_aid(extractor):
    [event] = events(extractor, "Thousands of North Korean soldiers were deployed to support Moscow.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("PRK", "AID", "072", "RUS")


def test_calling_talks_a_landmark_praises_the_other_party(extractor):
    text = ("Lao President Thongloun Sisoulith met Vietnamese President Tran Minh in Hanoi. "
            "Later, Sisoulith called their talks a landmark.")
    assert ("LAO", "SUPPORT", "VNM") in triples(extractor, text)


# -- what must not be coded -------------------------------------------------------------------------------


def test_a_negated_meeting_is_not_an_event(extractor):
    assert triples(extractor, "Kim Jong Un did not meet Sergey Lavrov.") == []


def test_a_denied_proposal_is_not_an_event(extractor):
    assert triples(extractor, "Pyongyang denied that it had proposed summit talks with Minsk.") == []


def test_talks_under_a_denial_are_not_an_event(extractor):
    assert triples(extractor, "It came after previous denials regarding summit talks between Laos and Cambodia.") == []


def test_an_event_with_no_as_its_object_is_not_an_event(extractor):
    assert triples(extractor, "Russia signed no agreement with China.") == []


def test_a_possible_meeting_is_not_an_event(extractor):
    assert triples(extractor, "Putin may meet Kim Jong Un next month.") == []


def test_an_expected_visit_is_not_an_event(extractor):
    assert triples(extractor, "Lavrov is expected to visit Beijing.") == []


def test_a_planned_visit_is_not_an_event(extractor):
    assert triples(extractor, "Sweden's defence minister is due to visit Helsinki on April 14.") == []


def test_a_conditional_meeting_is_not_an_event(extractor):
    assert triples(extractor, "If Russia meets China, the talks will be long.") == []


def test_a_question_is_not_an_event(extractor):
    assert triples(extractor, "Did Russia sanction Finland?") == []


def test_reported_speculation_is_not_an_event(extractor):
    assert triples(extractor, "Officials said Russia could sanction Finland.") == []


def test_an_event_between_a_state_and_itself_is_not_coded(extractor):
    assert triples(extractor, "North Korean leader Kim Jong Un met North Korean officials.") == []


def test_the_reporting_agency_is_never_an_actor(extractor):
    found = triples(extractor, "KCNA reported that Kim Jong Un met Sergey Lavrov on Saturday.")
    assert found == [("PRK", "CONSULT", "RUS")]


def test_a_reference_with_his_or_her_is_not_guessed(extractor):
    assert triples(extractor, "During her visit to Japan, the envoy spoke.") == []


def test_a_sport_report_is_skipped_even_when_teams_congratulate_each_other(extractor):
    text = ("France's captain congratulated Germany after the match. The coach praised the striker, the "
            "goalkeeper and the fans as the tournament moved to the semi-final at the stadium.")
    assert triples(extractor, text) == []


# -- references and merging ----------------------------------------------------------------------------------


def test_rejecting_the_statement_answers_the_last_event_aimed_at_the_speaker(extractor):
    text = "A Chinese spokesperson in Beijing accused the Philippines of provocations. Manila rejected the statement."
    assert triples(extractor, text) == [("CHN", "ACCUSE", "PHL"), ("PHL", "REJECT", "CHN")]


def test_the_two_countries_are_the_two_actors_named_most(extractor):
    text = ("Ethiopia rejected a proposal by Egypt. Ethiopia and Egypt disagree. Sudan urged both sides to talk. "
            "The two countries last held direct talks three years ago.")
    assert ("ETH", "CONSULT", "EGY") in triples(extractor, text) or (
        "EGY", "CONSULT", "ETH") in triples(extractor, text)


def test_a_definite_event_noun_takes_the_actors_of_the_known_event(extractor):
    text = ("Kim Jong Un recalled his summit talks with Lao President Thongloun Sisoulith. "
            "The summit occurred on October 7, 2025, in Pyongyang.")
    [event] = events(extractor, text, None)
    assert ({event.source.code, event.target.code}, len(event.mentions), event.date) == (
        {"PRK", "LAO"}, 2, "2025-10-07")


def test_a_definite_event_noun_with_no_known_event_is_not_coded(extractor):
    assert triples(extractor, "Hours before the talks began, the border was quiet in Laos.") == []


def test_people_who_sign_act_through_their_states(extractor):
    text = ("Talks were held between Japanese Foreign Minister Aiko Tanabe and Indian External Affairs Minister "
            "Vikram Sethi, who signed an agreement on defence equipment.")
    assert ("JPN", "SUPPORT", "IND") in triples(extractor, text)


def test_an_official_named_without_a_state_belongs_to_the_dateline_state(extractor):
    text = "HANOI - Prime Minister Le Hoang Phuc sent a congratulatory message to his Tanzanian counterpart."
    assert triples(extractor, text) == [("VNM", "SUPPORT", "TZA")]



def test_a_pronoun_subject_is_resolved_to_the_person_before(extractor):
    text = "Kim Jong Un received the Lao envoy. He pledged to expand cooperation with Laos."
    assert ("PRK", "AGREE", "LAO") in triples(extractor, text)


def test_the_pair_refers_to_the_actors_of_the_last_event_and_merges(extractor):
    text = "Kim Jong Un met with Russian Foreign Minister Sergey Lavrov. The pair met at the party headquarters."
    [event] = events(extractor, text)
    assert (event.source.code, event.target.code, len(event.mentions)) == ("PRK", "RUS", 2)


def test_repeated_reports_of_one_event_merge_into_one_event(extractor):
    text = ("Kim Jong-un congratulated Belarusian President Alexander Lukashenko. "
            "Kim's congratulatory note to Lukashenko was short.")
    [event] = events(extractor, text)
    assert [m.trigger for m in event.mentions] == ["congratulated", "congratulatory"]


def test_merging_keeps_the_known_date_and_place():
    first = _event(date=None, location=None)
    second = _event(date="2025-07-12", location="Wonsan")
    merged: list[Event] = []
    merge_event(merged, first)
    merge_event(merged, second)
    assert [(e.date, e.location, len(e.mentions)) for e in merged] == [("2025-07-12", "Wonsan", 2)]


def test_reports_on_different_days_stay_two_events():
    merged: list[Event] = []
    merge_event(merged, _event(date="2025-07-11"))
    merge_event(merged, _event(date="2025-07-12"))
    assert len(merged) == 2


def test_two_different_acts_of_one_type_stay_two_events():
    merged: list[Event] = []
    merge_event(merged, replace(_event(), type="ACCUSE", cameo="112"))
    merge_event(merged, replace(_event(), type="ACCUSE", cameo="114"))
    assert len(merged) == 2


def test_a_symmetric_event_merges_in_either_direction():
    merged: list[Event] = []
    merge_event(merged, _event())
    merge_event(merged, _event(swap=True))
    assert len(merged) == 1


def _event(date: str | None = None, location: str | None = None, swap: bool = False) -> Event:
    a, b = Actor("PRK", "Kim", 0, 3), Actor("RUS", "Lavrov", 8, 14)
    source, target = (b, a) if swap else (a, b)
    return Event(doc="t", source=source, target=target, type="CONSULT", cameo="040", sentence="Kim met Lavrov.",
                 sentence_start=0, sentence_end=15, date=date, location=location,
                 mentions=[Mention("t", "Kim met Lavrov.", 0, 15, "met")])


# -- what the event carries ---------------------------------------------------------------------------------


def test_an_absolute_date_is_the_event_date(extractor):
    [event] = events(extractor, "Vladimir Putin signed the treaty with North Korea on 19 June 2024.", None)
    assert (event.date, event.date_text is not None) == ("2024-06-19", True)


def test_sentence_input_without_a_publication_date_has_no_invented_date(extractor):
    [event] = events(extractor, "Kim Jong Un met Sergey Lavrov on Saturday.", None)
    assert event.date is None


def test_the_location_is_what_find_location_gives_for_the_sentence(extractor):
    text = "Kim Jong Un met with Sergey Lavrov in Wonsan on Saturday."
    [event] = events(extractor, text)
    place = find_location(text, text.index("met"))
    assert event.location == (place.name if place else None)


def test_offsets_point_into_the_document_text(extractor):
    text = "Markets were calm.\n\nKim Jong Un met with Russian Foreign Minister Sergey Lavrov on Saturday."
    [event] = events(extractor, text)
    assert text[event.sentence_start:event.sentence_end] == event.sentence
    for actor in (event.source, event.target):
        assert text[actor.start:actor.end] == actor.text


def test_confidence_intensity_and_quad_class_come_with_the_event(extractor):
    [event] = events(extractor, "Ethiopia rejected Egypt's proposal.")
    assert 0.0 < event.confidence <= 1.0
    assert (event.quad_class, event.intensity < 0) == (3, True)


# -- the fast pass and batching ------------------------------------------------------------------------------


def test_only_sentences_with_a_trigger_and_an_actor_are_parsed(extractor):
    text = (FIXTURES / "mixed_article.txt").read_text(encoding="utf-8")
    kept = [text[s:e] for s, e in extractor.candidates(Document(doc="m", text=text))]
    assert len(kept) == 1 and kept[0].startswith("Chinese Foreign Minister")


def test_an_off_topic_article_gives_no_events(extractor):
    text = "Brazil beat Argentina 2-1 in Buenos Aires on Sunday. The coach praised his players."
    assert triples(extractor, text) == []


def test_extract_many_keeps_input_order(extractor):
    docs = [Document(doc=str(i), text=t) for i, t in enumerate(["", "Ethiopia rejected Egypt's proposal.", "Rain."])]
    assert [(d.doc, len(evs)) for d, evs in extractor.extract_many(docs)] == [("0", 0), ("1", 1), ("2", 0)]


def test_sentences_do_not_split_after_abbreviations():
    text = "The U.S. envoy met Mr. Lee. Then he left."
    assert [text[s:e] for s, e in split_sentences(text)] == ["The U.S. envoy met Mr. Lee.", "Then he left."]


def test_every_trigger_row_has_a_known_frame_and_quad_class():
    rules = load_rules()
    for trigger in rules.triggers.values():
        assert trigger.frame in {"verb", "noun", "intent", "evaluate"}
        assert trigger.quad in {1, 2, 3, 4} and -10 <= trigger.intensity <= 10


# -- broadened trigger families (2026) ------------------------------------------------------------------------


def test_imposing_sanctions_on_a_states_officials_is_coercion(extractor):
    assert triples(extractor, "Canada imposed sanctions on six Iranian officials on Tuesday.") == [
        ("CAN", "COERCE", "IRN")]


def test_imposing_asset_freezes_and_travel_bans_is_coercion(extractor):
    text = "Australia imposed travel bans and asset freezes on four Burmese generals."
    assert triples(extractor, text) == [("AUS", "COERCE", "MMR")]


def test_recalling_an_ambassador_is_a_sanction(extractor):
    [event] = events(extractor, "Mali recalled its ambassador to Algeria for consultations.")
    assert (event.source.code, event.type, event.target.code, event.cameo) == ("MLI", "SANCTION", "DZA", "161")


def test_detaining_a_states_nationals_is_coercion(extractor):
    assert triples(extractor, "Iranian authorities detained two British nationals in Tehran.") == [
        ("IRN", "COERCE", "GBR")]


def test_seizing_a_states_ship_is_coercion(extractor):
    assert triples(extractor, "South Korea seized a Chinese fishing boat.") == [("KOR", "COERCE", "CHN")]


def test_calling_on_a_state_to_act_is_a_request(extractor):
    assert triples(extractor, "Germany called on Serbia to recognise the vote.") == [("DEU", "REQUEST", "SRB")]


def test_calling_something_a_landmark_is_still_praise(extractor):
    text = "Brazil and Argentina signed a trade treaty. Brazil called the treaty a landmark."
    assert ("BRA", "SUPPORT", "ARG") in triples(extractor, text)
    assert all(t != "REQUEST" for _, t, _ in triples(extractor, text))


def test_asking_a_state_is_a_request(extractor):
    assert triples(extractor, "Japan asked China to lift its ban on seafood imports.") == [
        ("JPN", "REQUEST", "CHN")]


def test_demanding_that_a_state_act_is_a_request_to_that_state(extractor):
    assert triples(extractor, "Brazil demanded that Paraguay reopen the bridge.") == [("BRA", "REQUEST", "PRY")]


def test_appealing_to_a_state_is_a_request(extractor):
    assert triples(extractor, "Peru appealed to Chile for calm.") == [("PER", "REQUEST", "CHL")]


def test_urging_two_states_is_two_requests(extractor):
    assert triples(extractor, "Japan urged China and Russia to show restraint.") == [
        ("JPN", "REQUEST", "CHN"), ("JPN", "REQUEST", "RUS")]


def test_delivering_supplies_to_a_state_is_aid(extractor):
    assert triples(extractor, "Sweden delivered 20 tonnes of medical supplies to Sudan.") == [("SWE", "AID", "SDN")]


def test_shipping_weapons_to_a_state_is_aid(extractor):
    assert triples(extractor, "Britain shipped 5,000 artillery shells to Ukraine.") == [("GBR", "AID", "UKR")]


def test_sending_a_speech_is_not_aid(extractor):
    assert triples(extractor, "France sent a letter to Italy.") == []


def test_bombing_and_shelling_are_assaults_by_the_demonyms_state(extractor):
    assert triples(extractor, "Russian warplanes bombed Syrian rebel positions.") == [("RUS", "ASSAULT", "SYR")]
    assert triples(extractor, "Azerbaijani troops shelled Armenian positions.") == [("AZE", "ASSAULT", "ARM")]


def test_firing_missiles_at_a_state_is_an_assault(extractor):
    assert triples(extractor, "Pakistan fired missiles at Indian air bases.") == [("PAK", "ASSAULT", "IND")]


def test_firing_an_official_is_not_an_assault(extractor):
    assert triples(extractor, "Peru fired its ambassador.") == []


def test_deploying_troops_to_a_border_is_mobilisation(extractor):
    assert triples(extractor, "Russia deployed two tank divisions to the border with Finland.") == [
        ("RUS", "MOBILIZE", "FIN")]


def test_deploying_police_to_a_state_is_not_mobilisation_against_it(extractor):
    # sending police or troops to a state (not to its border) is help to it: PLOVER AID, CAMEO 074
    assert triples(extractor, "Kenya deployed 600 police officers to Haiti.") == [("KEN", "AID", "HTI")]


def test_releasing_a_states_nationals_is_a_retreat(extractor):
    [event] = events(extractor, "Iran released three French nationals on Saturday.")
    assert (event.source.code, event.type, event.target.code, event.mode) == ("IRN", "RETREAT", "FRA", "release")


def test_withdrawing_troops_from_a_state_is_a_retreat(extractor):
    assert triples(extractor, "Russia withdrew its troops from Armenia.") == [("RUS", "RETREAT", "ARM")]


def test_lifting_sanctions_is_a_retreat(extractor):
    assert triples(extractor, "The United States lifted sanctions on Syria.") == [("USA", "RETREAT", "SYR")]


def test_warning_a_state_is_a_threat(extractor):
    assert triples(extractor, "Turkey warned Greece on Wednesday.") == [("TUR", "THREATEN", "GRC")]


def test_speaking_with_a_leader_is_consult(extractor):
    assert triples(extractor, "The French president spoke with German Chancellor Olaf Scholz.") == [
        ("FRA", "CONSULT", "DEU")]


def test_welcoming_a_states_decision_is_support(extractor):
    assert triples(extractor, "Chile welcomed Bolivia's decision.") == [("CHL", "SUPPORT", "BOL")]


def test_backing_a_states_plan_is_support(extractor):
    assert triples(extractor, "Spain backed Morocco's autonomy plan.") == [("ESP", "SUPPORT", "MAR")]


def test_turning_down_a_request_is_a_rejection(extractor):
    assert triples(extractor, "Hungary turned down Ukraine's request.") == [("HUN", "REJECT", "UKR")]


def test_british_spelling_of_criticise_is_an_accusation(extractor):
    assert triples(extractor, "Sweden criticised Belarus.") == [("SWE", "ACCUSE", "BLR")]


def test_joint_exercises_are_military_cooperation(extractor):
    [event] = events(extractor, "Indian and French navies held joint naval exercises in the Indian Ocean.")
    assert ({event.source.code, event.target.code}, event.type, event.cameo) == ({"IND", "FRA"}, "COOPERATE", "062")


def test_joint_patrols_are_cooperation(extractor):
    assert triples(extractor, "Vietnam and Cambodia launched joint patrols along the Mekong.") == [
        ("VNM", "COOPERATE", "KHM")]


def test_an_offer_to_act_is_agree_and_the_offered_talks_are_not_an_event(extractor):
    assert triples(extractor, "Qatar offered to host talks between Rwanda and Uganda.") == [
        ("QAT", "AGREE", "RWA"), ("QAT", "AGREE", "UGA")]


def test_offering_congratulations_is_still_support(extractor):
    assert triples(extractor, "Vietnam offered congratulations to Kenya.") == [("VNM", "SUPPORT", "KEN")]


def test_describing_a_sanction_as_aggression_accuses_its_author(extractor):
    text = "The EU imposed sanctions on Belarus. Belarus described the sanctions as aggression."
    assert triples(extractor, text) == [("EU", "COERCE", "BLR"), ("BLR", "ACCUSE", "EU")]


def test_rejecting_a_call_answers_the_request(extractor):
    text = "Chile called on Peru to reopen the border. Peru rejected the call."
    assert triples(extractor, text) == [("CHL", "REQUEST", "PER"), ("PER", "REJECT", "CHL")]


@pytest.mark.parametrize("text", [
    "Canada did not impose sanctions on Iran.",
    "Britain could send weapons to Ukraine.",
    "Russia denied that its jets struck Syrian villages.",
    "Israel has not released the Lebanese prisoners.",
    "China is considering whether to lift sanctions on Japan.",
    "The Netherlands plans to deploy troops to the border with Germany.",
    "If Iran fires missiles at Israel, the US will respond.",
    "Did Japan warn Korea?",
])
def test_new_families_keep_the_negation_and_modality_guards(extractor, text):
    assert triples(extractor, text) == []


# -- actors of the broadened families -------------------------------------------------------------------------


def test_a_seat_of_government_acts_for_its_state(extractor):
    assert triples(extractor, "Downing Street criticised Beijing.") == [("GBR", "ACCUSE", "CHN")]


def test_the_bloc_acts_for_the_organisation_named_before(extractor):
    text = "NATO ministers met in Brussels. The alliance's secretary-general urged Russia to withdraw."
    assert ("NATO", "REQUEST", "RUS") in triples(extractor, text)


def test_a_verb_joined_to_a_reported_clause_belongs_to_the_speaker(extractor):
    text = 'The Kremlin said Western weapons would "only prolong the war" and accused Poland of escalation.'
    assert triples(extractor, text) == [("RUS", "ACCUSE", "POL")]


# -- dates of the broadened families --------------------------------------------------------------------------


def test_an_inherited_day_told_of_another_actor_is_not_carried_over(extractor):
    text = ("Peru lodged a protest with Chile on Wednesday. Peruvian officials briefed reporters.\n\n"
            "Chile accused Peru of provocation.")
    dated = {(e.source.code, e.type): e.date for e in events(extractor, text)}
    assert dated[("CHL", "ACCUSE")] is None


def test_an_inherited_day_told_of_the_same_actor_is_carried_over(extractor):
    text = "Chile summoned Peru's ambassador on Wednesday.\n\nChile also accused Peru of provocation."
    dated = {(e.source.code, e.type): e.date for e in events(extractor, text)}
    assert dated[("CHL", "ACCUSE")] == "2025-07-09"


def test_a_present_perfect_act_takes_no_day_from_the_announcement(extractor):
    [event] = events(extractor, "Sweden has delivered ten tanks to Ukraine, the ministry said on Sunday.")
    assert (event.type, event.date) == ("AID", None)


def test_a_present_perfect_act_in_a_live_blog_entry_takes_the_entry_day(extractor):
    pieces = [("dateline", "Tuesday 14 July 2026"),
              ("body", "Fighting on the border eased overnight, officials said."),
              ("navigation", "16:20"),
              ("body", "Sweden has delivered ten tanks to Ukraine, the ministry says."),
              ("navigation", "11:05"),
              ("body", "Norway has sent a field hospital to Ukraine, its government says.")]
    text = "\n\n".join(t for kind, t in pieces if kind == "body")
    blog = Document(doc="live", text=text, published="2026-07-14", blocks=[Block(text=t, kind=k) for k, t in pieces])
    dated = {e.source.code: e.date for e in extractor.extract(blog)}
    assert dated == {"SWE": "2026-07-14", "NOR": "2026-07-14"}


def test_an_act_in_an_after_clause_does_not_take_the_main_clauses_day(extractor):
    text = "Brazil signed a deal with Chile on Monday after Argentina held talks with Peru."
    dated = {e.type: e.date for e in events(extractor, text)}
    assert dated == {"SUPPORT": "2025-07-07", "CONSULT": None}


def test_an_act_in_an_after_clause_keeps_a_day_told_inside_it(extractor):
    text = "The clash on Tuesday came after Chinese and Indian diplomats had held talks the previous day."
    [event] = events(extractor, text)
    assert (event.type, event.date) == ("CONSULT", "2025-07-07")


# -- off-topic articles ---------------------------------------------------------------------------------------


def test_a_political_sentence_of_a_sport_report_is_still_read(extractor):
    text = ("Russian missiles hit a football stadium before a league match, injuring fans, a coach, a goalkeeper "
            "and a striker. The tournament was cancelled. Ukraine accused Russia of terror.")
    assert triples(extractor, text) == [("UKR", "ACCUSE", "RUS")]


def test_a_sentence_with_sport_words_in_a_sport_report_is_skipped(extractor):
    text = ("Brazil beat Argentina 2-1 in the World Cup qualifier at the stadium. The coach praised the striker "
            "and the goalkeeper. Argentina's coach congratulated Brazil after the match.")
    assert triples(extractor, text) == []


def test_ordering_diplomats_out_is_an_expulsion(extractor):
    [event] = events(extractor, "Estonia ordered two Russian diplomats to leave the country.")
    assert (event.source.code, event.type, event.target.code, event.mode) == ("EST", "SANCTION", "RUS", "expel")


def test_declaring_a_ceasefire_with_a_state_is_a_retreat(extractor):
    [event] = events(extractor, "Israel declared a ceasefire with Lebanon on Sunday.")
    assert (event.source.code, event.type, event.target.code, event.mode) == ("ISR", "RETREAT", "LBN", "ceasefire")


def test_agreeing_to_a_ceasefire_is_an_agreement_not_a_retreat(extractor):
    assert triples(extractor, "Armenia and Azerbaijan agreed to a ceasefire.") == [("ARM", "AGREE", "AZE")]


def test_announcing_a_loan_to_a_state_is_economic_aid(extractor):
    [event] = events(extractor, "China announced a $500 million loan to Sri Lanka.")
    assert (event.source.code, event.type, event.target.code, event.cameo) == ("CHN", "AID", "LKA", "071")


def test_the_ministry_of_a_datelined_article_acts_for_the_datelines_state(extractor):
    text = "NAIROBI - The foreign ministry summoned the Ugandan ambassador on Friday."
    assert triples(extractor, text) == [("KEN", "ACCUSE", "UGA")]


def test_striking_a_deal_is_not_an_assault(extractor):
    assert triples(extractor, "Japan struck a deal with Korea on Monday.") == []


def test_warning_ones_own_citizens_against_travel_is_not_a_threat(extractor):
    assert triples(extractor, "Japan warned its citizens against travel to Iran.") == []


# -- round 4: one-sided acts, proposals, places, regional groups, new families ----------------------------


def test_two_subjects_of_a_one_sided_act_are_not_each_others_target(extractor):
    assert triples(extractor, "Chile and Peru condemned the vote.") == []


def test_a_to_clause_after_a_renewed_call_has_not_happened(extractor):
    text = ("Ghana and Togo said the river belonged to both of them and renewed their call on Burkina Faso to "
            "negotiate a water-sharing deal.")
    found = triples(extractor, text)
    assert ("GHA", "REQUEST", "BFA") in found and ("TGO", "REQUEST", "BFA") in found
    assert not any(t == "CONSULT" for _, t, _ in found)


def test_members_of_a_regional_organisation_act_for_it(extractor):
    text = "Southern African leaders on Friday urged Zimbabwe to hold elections."
    assert triples(extractor, text) == [("SADC", "REQUEST", "ZWE")]


def test_a_city_where_a_subject_meets_is_not_the_subject(extractor):
    text = "Gulf Arab leaders meeting in Doha on Sunday warned Iran that its ships would be turned back."
    assert triples(extractor, text) == [("GCC", "THREATEN", "IRN")]


def test_the_town_where_talks_are_held_is_not_a_party(extractor):
    text = "Kenyan and Ugandan officials held a round of talks in the Tanzanian town of Arusha on Monday."
    assert triples(extractor, text) == [("KEN", "CONSULT", "UGA")]


def test_suspending_a_state_from_an_organisation_is_a_sanction(extractor):
    text = "The Economic Community of West African States suspended Mali from its bodies on Friday."
    assert triples(extractor, text) == [("ECOWAS", "SANCTION", "MLI")]


def test_it_in_a_reported_clause_is_the_speaker(extractor):
    text = "Canada said it was suspending military cooperation with Peru."
    assert triples(extractor, text) == [("CAN", "SANCTION", "PER")]


def test_a_minister_and_her_counterpart_who_spoke_consulted(extractor):
    text = ("Chile's foreign minister, Ana Rojas, and her Peruvian counterpart, Luis Vega, spoke by telephone "
            "on Monday.")
    assert triples(extractor, text) in ([("CHL", "CONSULT", "PER")], [("PER", "CONSULT", "CHL")])


def test_a_missile_fired_into_a_states_waters_is_a_show_of_force_against_it(extractor):
    text = "Iran fired a ballistic missile that landed inside Iraq's territorial waters on Monday."
    assert triples(extractor, text) == [("IRN", "MOBILIZE", "IRQ")]


def test_condemning_the_launch_answers_its_author(extractor):
    text = ("Iran fired a ballistic missile that landed inside Iraq's territorial waters on Monday. "
            "Kuwait condemned the launch.")
    assert ("KWT", "ACCUSE", "IRN") in triples(extractor, text)


def test_exchanging_intelligence_is_cooperation(extractor):
    found = triples(extractor, "Ghana and Nigeria exchanged intelligence on smuggling networks.")
    assert found in ([("GHA", "COOPERATE", "NGA")], [("NGA", "COOPERATE", "GHA")])


def test_flying_to_a_capital_is_a_visit(extractor):
    [event] = events(extractor, "Spain's defence minister, Rosa Marin, flew to Rabat on Monday.")
    assert (event.source.code, event.type, event.target.code, event.mode) == ("ESP", "CONSULT", "MAR", "visit")


def test_barring_a_states_minister_is_coercion_and_calling_the_ban_shameful_an_accusation(extractor):
    text = ("Hungary barred Romania's minister for culture from entering the country on Monday. "
            "Romania's foreign minister called the ban a shameful act.")
    found = triples(extractor, text)
    assert ("HUN", "COERCE", "ROU") in found and ("ROU", "ACCUSE", "HUN") in found


def test_urging_both_capitals_is_a_request_to_each(extractor):
    text = "Hungary barred Romania's minister on Monday. The European Commission urged both capitals to calm down."
    found = triples(extractor, text)
    assert ("EU", "REQUEST", "HUN") in found and ("EU", "REQUEST", "ROU") in found


def test_aid_told_in_the_future_is_a_promise(extractor):
    [event] = events(extractor, "Kenya's president said Nairobi would send 2,000 tonnes of maize to Malawi.")
    assert (event.source.code, event.type, event.target.code, event.cameo) == ("KEN", "AGREE", "MWI", "033")


def test_aid_under_a_condition_is_no_promise(extractor):
    assert triples(extractor, "Kenya would send aid to Malawi if asked.") == []


def test_a_routine_supply_in_the_present_tense_is_no_event(extractor):
    assert triples(extractor, "In return, Ghana supplies electricity to Togo under a swap.") == []


def test_a_promise_during_the_call_is_made_to_the_other_caller(extractor):
    text = ("Peru's President Ana Lopez and her Chilean counterpart, Jorge Soto, discussed fishing quotas in a "
            "telephone call on Monday. During the call, Soto promised that Chile would open two ports to boats.")
    found = triples(extractor, text)
    assert ("CHL", "AGREE", "PER") in found
    assert any(t == "CONSULT" for _, t, _ in found)


def test_dismissing_criticism_does_not_answer_thanks(extractor):
    text = "Laos thanked Vietnam for its help on Monday. Vietnam dismissed the criticism."
    assert ("VNM", "REJECT", "LAO") not in triples(extractor, text)


def test_a_charge_the_accused_denied_is_still_an_accusation(extractor):
    text = "Rabat accused the Algerian government of arming rebels, a charge Algiers has repeatedly denied."
    assert ("MAR", "ACCUSE", "DZA") in triples(extractor, text)


def test_agreeing_in_a_telephone_call_is_also_a_consultation(extractor):
    text = "The presidents of Ecuador and Peru agreed in a telephone call on Saturday to open a joint border post."
    found = triples(extractor, text)
    assert any(t == "CONSULT" and {s, o} == {"ECU", "PER"} for s, t, o in found)


def test_releasing_people_answers_the_sources_own_detention(extractor):
    text = ("Bolivian police detained nine Paraguayan traders near the river on Friday. "
            "Bolivia released the traders on Monday.")
    assert ("BOL", "RETREAT", "PRY") in triples(extractor, text)


def test_deploying_police_to_a_state_is_aid_and_to_its_border_a_mobilisation(extractor):
    assert triples(extractor, "Ghana deployed 300 police officers to Liberia on Monday.") == [("GHA", "AID", "LBR")]
    assert triples(extractor, "Ghana deployed troops to the border with Togo.") == [("GHA", "MOBILIZE", "TGO")]


def test_closing_border_crossings_with_a_state_restricts_it(extractor):
    text = "Bolivia closed two of its three border crossings with Peru on Friday."
    assert triples(extractor, text) == [("BOL", "COERCE", "PER")]


def test_expressing_solidarity_with_a_state_is_support(extractor):
    text = "Austria's chancellor phoned Zagreb to express Vienna's solidarity with Slovenia."
    assert ("AUT", "SUPPORT", "SVN") in triples(extractor, text)


def test_joint_work_of_two_states_is_cooperation_between_them(extractor):
    text = ("Iran claimed the field on Monday. Omani and Emirati survey ships began joint work on the field, "
            "under an agreement the two countries signed in March.")
    found = triples(extractor, text)
    assert any(t == "COOPERATE" and {s, o} == {"OMN", "ARE"} for s, t, o in found)
    assert not any(t == "COOPERATE" and "IRN" in {s, o} for s, t, o in found)


def test_backing_an_ultimatum_supports_its_author(extractor):
    text = ("Central American leaders warned Nicaragua on Monday that it would be suspended. "
            "Caribbean leaders warned Haiti that it would be suspended. Jamaica backed the ultimatum.")
    assert ("JAM", "SUPPORT", "CARICOM") in triples(extractor, text)


def test_defending_a_decision_supports_no_one(extractor):
    text = "Chile accused Bolivia of aggression on Monday. Bolivia's president defended the decision."
    assert not any(t == "SUPPORT" for _, t, _ in triples(extractor, text))


def test_the_ministry_is_the_state_whose_ministry_was_named_last(extractor):
    text = ("Danish police detained a Polish trawler crew on Sunday. Poland's foreign ministry summoned the "
            "Danish ambassador on Monday. The ministry called the detention 'an act of piracy'.")
    accusations = [e for e in events(extractor, text) if e.type == "ACCUSE" and e.trigger == "called"]
    assert [(e.source.code, e.target.code) for e in accusations] == [("POL", "DNK")]


def test_troops_sent_to_the_frontier_mobilise_against_the_state_of_the_closed_border(extractor):
    text = "Bolivia closed its border crossings with Peru on Friday and sent 800 soldiers to the frontier."
    assert ("BOL", "MOBILIZE", "PER") in triples(extractor, text)


def test_demanding_a_release_asks_the_detainer(extractor):
    text = ("Danish police detained a Polish trawler on Sunday. "
            "Poland demanded that the vessel be released immediately.")
    assert ("POL", "REQUEST", "DNK") in triples(extractor, text)


def test_the_two_governments_are_the_two_states_that_last_acted_together(extractor):
    text = ("Ghana and Togo on Monday rejected Benin's claim to the island. Benin has claimed the island since "
            "1990, Beninese officials said. The two governments renewed their call on Benin to negotiate.")
    found = triples(extractor, text)
    assert ("GHA", "REQUEST", "BEN") in found and ("TGO", "REQUEST", "BEN") in found


def test_warning_that_the_speaker_will_strike_a_state_threatens_it(extractor):
    text = "Peru's defence minister warned on Monday that Peru would strike smugglers' camps inside Bolivia."
    assert triples(extractor, text) == [("PER", "THREATEN", "BOL")]


def test_warning_of_rising_prices_in_a_state_threatens_no_one(extractor):
    assert triples(extractor, "Japan warned that prices would rise in Germany.") == []


def test_warning_of_another_states_likely_request_threatens_no_one(extractor):
    text = ("Peru's defence minister has warned that Bolivia is likely to ask Chile for tanks in exchange for "
            "deploying troops.")
    assert not any(t == "THREATEN" for _, t, _ in triples(extractor, text))


def test_a_missile_able_to_reach_a_state_is_not_aimed_at_it(extractor):
    assert triples(extractor, "India tested a missile capable of reaching Beijing.") == []


def test_welcoming_the_decision_after_a_signing_supports_no_earlier_accuser(extractor):
    text = ("Russian forces shelled Ukrainian positions on Monday. Poland condemned the attack. "
            "Chile and Peru signed a trade deal on Friday. Brazil welcomed the decision.")
    assert not any(s == "BRA" for s, _, _ in triples(extractor, text))


# -- round 5: broad trigger coverage and constructions ----------------------------------------------------------


def test_telephoning_a_counterpart_is_consult_by_phone(extractor):
    [event] = events(extractor, "Norway's foreign minister telephoned Kenya's foreign minister on Friday.")
    assert (event.source.code, event.type, event.mode, event.target.code) == ("NOR", "CONSULT", "phone", "KEN")


def test_an_exchange_of_fire_is_an_assault_each_way(extractor):
    found = triples(extractor, "Indian and Pakistani troops exchanged fire along the border on Sunday.")
    assert sorted(found) == [("IND", "ASSAULT", "PAK"), ("PAK", "ASSAULT", "IND")]


def test_lodging_a_protest_with_a_state_accuses_it(extractor):
    found = triples(extractor, "Vietnam lodged a strong protest with China on Monday over the seizure of a boat.")
    assert ("VNM", "ACCUSE", "CHN") in found


def test_rejecting_the_protest_answers_its_author(extractor):
    text = "Japan lodged a protest with Russia on Monday. Moscow rejected the protest on Tuesday."
    assert ("RUS", "REJECT", "JPN") in triples(extractor, text)


def test_shooting_down_an_aircraft_is_an_assault_on_its_state(extractor):
    assert triples(extractor, "Turkish jets shot down a Syrian helicopter on Monday.") == [("TUR", "ASSAULT", "SYR")]


def test_a_passive_release_is_done_by_the_captor_of_the_last_detention(extractor):
    text = "Iranian forces detained three British sailors on Monday. The sailors were released on Friday."
    assert ("IRN", "RETREAT", "GBR") in triples(extractor, text)


def test_future_material_cooperation_is_a_promise(extractor):
    [event] = events(extractor, "Brazil said it would share intelligence with Paraguay.")
    assert (event.source.code, event.type, event.cameo, event.target.code) == ("BRA", "AGREE", "031", "PRY")


def test_a_joint_promise_told_by_one_side_is_that_sides_promise(extractor):
    text = ("Ghana's defence minister met Togo's defence minister on Monday. He said the two armies would share "
            "intelligence on smugglers.")
    assert ("GHA", "AGREE", "TGO") in triples(extractor, text)


def test_support_as_the_purpose_of_a_material_act_is_not_verbal_support(extractor):
    found = triples(extractor, "Kenya flew two helicopters to Garissa on Monday to support Somali troops.")
    assert found == [("KEN", "AID", "SOM")]


def test_aid_delivered_to_a_city_goes_to_the_citys_state(extractor):
    assert triples(extractor, "Japan delivered medicine to Mombasa on Tuesday.") == [("JPN", "AID", "KEN")]


def test_their_own_envoys_belong_to_the_subject_not_the_last_pair(extractor):
    text = ("Mali recalled its ambassador from Algeria on Monday. Ghana and Togo recalled their own ambassadors "
            "to Algeria on Tuesday.")
    found = triples(extractor, text)
    assert ("GHA", "SANCTION", "DZA") in found and ("TGO", "SANCTION", "DZA") in found
    assert not any(s in {"GHA", "TGO"} and t == "MLI" for s, _, t in found)


def test_coordinated_prepositions_share_their_object(extractor):
    assert triples(extractor, "Chile closed its airspace to flights to and from Bolivia.") == [
        ("CHL", "COERCE", "BOL")]


def test_a_standing_arrangement_in_a_relative_clause_is_no_event(extractor):
    text = "Serbia boycotted the forum in which Serbian and Albanian officials meet."
    assert not any(t == "CONSULT" for _, t, _ in triples(extractor, text))


def test_a_move_called_harmful_accuses_the_author_of_the_move(extractor):
    text = "Ecuador suspended flights from Peru on Monday, a move Peruvian officials called unnecessary."
    assert ("PER", "ACCUSE", "ECU") in triples(extractor, text)


def test_an_accusation_in_a_relative_clause_targets_the_noun_it_describes(extractor):
    text = "Sweden expelled an Iranian diplomat, whom Stockholm accused of spying."
    assert ("SWE", "ACCUSE", "IRN") in triples(extractor, text)


def test_the_commission_after_the_european_commission_is_the_eu(extractor):
    text = "The European Commission met on Monday. The Commission urged Hungary to respect the ruling."
    assert ("EU", "REQUEST", "HUN") in triples(extractor, text)


def test_the_two_neighbours_are_the_main_pair_not_allies_that_acted_together(extractor):
    text = ("Algeria shot down a Malian drone on Monday. Mali recalled its ambassador from Algeria. Niger and "
            "Burkina Faso recalled their own ambassadors to Algeria. The African Union urged the two neighbours "
            "to show restraint.")
    found = triples(extractor, text)
    assert ("AU", "REQUEST", "DZA") in found and ("AU", "REQUEST", "MLI") in found
    assert ("AU", "REQUEST", "NER") not in found


def test_a_scene_setting_sentence_before_dates_the_act(extractor):
    [event] = events(extractor, "Tensions rose on Tuesday. Romania accused Hungary of interference.")
    assert (event.type, event.date) == ("ACCUSE", "2025-07-08")


def test_an_act_by_way_of_retaliation_is_done_by_the_retaliator(extractor):
    text = "Egypt retaliated on Friday by ordering two Turkish diplomats to leave the country."
    assert ("EGY", "SANCTION", "TUR") in triples(extractor, text)


def test_a_release_of_some_of_the_detained_counts_by_number(extractor):
    text = "Indian police detained four Nepali traders on Monday. Two of the four were released on Friday."
    assert ("IND", "RETREAT", "NPL") in triples(extractor, text)


def test_a_definite_noun_refers_to_the_state_of_its_earlier_mention(extractor):
    text = ("Malaysia protested the death of a Malaysian fisherman on Monday. Thai sailors shot dead the "
            "fisherman near the maritime border on Sunday, officials said.")
    assert ("THA", "ASSAULT", "MYS") in triples(extractor, text)


def test_a_warning_by_an_unnamed_spokesman_is_the_acting_states(extractor):
    text = "A ministry spokesman warned that Tehran would take measures against Azerbaijani carriers."
    assert triples(extractor, text) == [("IRN", "THREATEN", "AZE")]


def test_a_warning_of_ones_own_response_targets_the_last_actor_against_one(extractor):
    text = ("Cyprus accused Turkey of piracy on Sunday. Turkey's defence minister warned that the Turkish "
            "navy would respond to any harassment.")
    assert ("TUR", "THREATEN", "CYP") in triples(extractor, text)


def test_two_sides_that_stop_firing_retreat_each_way(extractor):
    found = triples(extractor, "Armenian and Azerbaijani troops stopped firing at noon on Monday.")
    assert sorted(found) == [("ARM", "RETREAT", "AZE"), ("AZE", "RETREAT", "ARM")]


def test_warships_sent_to_shadow_a_vessel_are_mobilised_against_its_state(extractor):
    text = ("A Chinese survey vessel entered the zone on Sunday. The Philippine navy sent two frigates to shadow "
            "the vessel on Monday.")
    assert ("PHL", "MOBILIZE", "CHN") in triples(extractor, text)


def test_a_resolution_calling_on_a_state_is_a_request_by_its_adopter(extractor):
    text = "The African Union adopted a resolution on Monday calling on Sudanese authorities to free the detainees."
    assert ("AU", "REQUEST", "SDN") in triples(extractor, text)


def test_rejecting_the_resolution_answers_the_author_of_the_resolution(extractor):
    text = ("The European Union adopted a resolution on Monday calling on Serbian authorities to act. Croatia "
            "imposed a ban on Serbian trucks on Tuesday. Serbia rejected the resolution on Wednesday.")
    found = triples(extractor, text)
    assert ("SRB", "REJECT", "EU") in found and ("SRB", "REJECT", "HRV") not in found


def test_support_for_an_organisations_body_named_earlier_supports_the_organisation(extractor):
    text = ("The ASEAN observer mission published its report on Monday. Japan voiced support for the observer "
            "mission's report on Tuesday.")
    assert ("JPN", "SUPPORT", "ASEAN") in triples(extractor, text)


def test_closing_a_border_crossing_targets_the_state_on_the_other_side(extractor):
    text = ("Bolivia closed the main border crossing on Tuesday, leaving hundreds stranded on the Brazilian side "
            "of the frontier.")
    assert triples(extractor, text) == [("BOL", "COERCE", "BRA")]


def test_offering_to_send_flights_to_a_city_promises_its_state(extractor):
    assert ("FRA", "AGREE", "KEN") in triples(extractor, "France offered on Wednesday to send two flights to Mombasa.")


def test_an_accusation_of_people_in_a_list_targets_the_lists_state(extractor):
    text = ("Canada imposed visa restrictions on 14 Nicaraguan officials, including two judges and a prosecutor, "
            "whom Ottawa accused of undermining democracy.")
    assert ("CAN", "ACCUSE", "NIC") in triples(extractor, text)


def test_a_passive_summons_is_done_by_the_agent_to_the_subjects_state(extractor):
    text = "The Iranian ambassador was summoned by the German foreign ministry on Monday."
    assert triples(extractor, text) == [("DEU", "ACCUSE", "IRN")]


def test_diplomats_expelled_by_a_state_are_a_sanction_on_their_state(extractor):
    assert triples(extractor, "Two Russian diplomats were expelled by Estonia on Friday.") == [
        ("EST", "SANCTION", "RUS")]


def test_a_nominal_expulsion_with_its_author_is_a_sanction(extractor):
    text = "The expulsion of two Russian diplomats by Latvia drew a sharp response."
    assert triples(extractor, text) == [("LVA", "SANCTION", "RUS")]


def test_a_possessive_recognition_supports_the_recognised_state(extractor):
    assert triples(extractor, "Argentina's recognition of Kosovo angered Serbia.") == [("ARG", "SUPPORT", "XKX")]


def test_a_nominal_release_without_its_author_is_no_event(extractor):
    text = "Georgia called for the release of the Georgian detainees."
    assert not any(t == "RETREAT" for _, t, _ in triples(extractor, text))


def test_talks_held_in_a_relative_clause_are_consult(extractor):
    text = "The talks, which Egypt held with Ethiopia on Monday, ended without agreement."
    assert triples(extractor, text) == [("EGY", "CONSULT", "ETH")]


def test_coordinated_verbs_share_the_first_verbs_addressee(extractor):
    found = triples(extractor, "Poland summoned the Belarusian envoy and demanded an apology.")
    assert ("POL", "REQUEST", "BLR") in found


def test_three_signatories_sign_with_each_other(extractor):
    found = triples(extractor, "Kenya, Uganda and Tanzania signed a customs agreement on Monday.")
    assert {frozenset((s, t)) for s, _, t in found} == {
        frozenset(("KEN", "UGA")), frozenset(("KEN", "TZA")), frozenset(("UGA", "TZA"))}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Latvia boycotted the summit hosted by Russia.", ("LVA", "PROTEST", "RUS")),
    ("Serbia spurned Kosovo's offer of talks.", ("SRB", "REJECT", "XKX")),
    ("Iran issued an ultimatum to Azerbaijan on Monday.", ("IRN", "THREATEN", "AZE")),
    ("Somalia made an appeal to Ethiopia for calm.", ("SOM", "REQUEST", "ETH")),
    ("Armenia complained to Azerbaijan about the shelling.", ("ARM", "ACCUSE", "AZE")),
    ("Ecuador lodged a complaint with Colombia on Monday.", ("ECU", "ACCUSE", "COL")),
    ("The United States froze Venezuelan assets on Monday.", ("USA", "COERCE", "VEN")),
    ("The Greek coast guard intercepted a Turkish vessel near Lesbos.", ("GRC", "COERCE", "TUR")),
    ("Niger withdrew its ambassador from France on Monday.", ("NER", "SANCTION", "FRA")),
    ("Russian forces occupied a Georgian village on Monday.", ("RUS", "ASSAULT", "GEO")),
    ("Thailand reopened its border with Myanmar on Monday.", ("THA", "RETREAT", "MMR")),
    ("Turkey severed diplomatic ties with Israel on Monday.", ("TUR", "SANCTION", "ISR")),
    ("Spain apologised to Morocco for the incident.", ("ESP", "SUPPORT", "MAR")),
    ("South Korea deported 12 North Korean fishermen on Monday.", ("KOR", "COERCE", "PRK")),
    ("The IMF recommended Egypt to cut fuel subsidies.", ("IMF", "REQUEST", "EGY")),
    ("Turkey sent military advisers to Libya on Monday.", ("TUR", "AID", "LBY")),
])
def test_each_plover_class_has_its_common_news_verbs_and_nouns(extractor, sentence, expected):
    assert expected in triples(extractor, sentence)


def test_gratitude_for_the_aid_is_support_not_aid(extractor):
    assert triples(extractor, "Kenya expressed gratitude to Japan for the aid.") == [("KEN", "SUPPORT", "JPN")]


def test_a_second_participle_joined_to_the_first_ones_complement_keeps_the_subject(extractor):
    text = ("Chile's foreign ministry responded on Tuesday, calling the decision \"hostile and futile\" and "
            "accusing Lima of punishing exporters.")
    assert ("CHL", "ACCUSE", "PER") in triples(extractor, text)


def test_a_regime_named_by_its_kind_is_the_state_the_story_follows(extractor):
    text = ("Niger recalled its ambassador from Benin on Tuesday. In a statement, the transitional government "
            "accused Benin of hostility.")
    assert ("NER", "ACCUSE", "BEN") in triples(extractor, text)


def test_a_bare_refusal_rejects_the_last_request_made_to_the_refuser(extractor):
    text = "Russia asked Norway to release the trawler on Monday. Norway's fisheries minister refused."
    assert ("NOR", "REJECT", "RUS") in triples(extractor, text)


def test_calling_for_a_release_asks_the_party_the_speaker_is_dealing_with(extractor):
    text = ("The African Union suspended Gabon on Monday. The bloc's chairman called for the release of 40 "
            "political prisoners.")
    assert ("AU", "REQUEST", "GAB") in triples(extractor, text)


def test_calling_for_a_release_with_no_story_before_asks_no_one(extractor):
    assert triples(extractor, "The bloc's chairman called for the release of 40 political prisoners.") == []


def test_an_act_done_at_a_states_request_answers_a_request_to_the_doer(extractor):
    text = "At Estonia's request, NATO ambassadors discussed the drones on Friday."
    assert ("EST", "REQUEST", "NATO") in triples(extractor, text)


def test_a_request_named_without_an_addressee_is_no_event(extractor):
    assert triples(extractor, "Kenya's request was rejected.") == []


def test_its_army_as_a_subject_is_the_army_of_the_state_before_it(extractor):
    text = ("Guyana closed its border with Venezuela on Wednesday, a week after its army began rounding up "
            "Venezuelan miners.")
    found = [(e.source.code, e.cameo, e.target.code) for e in events(extractor, text)]
    assert ("GUY", "173", "VEN") in found  # the round-up, not only the closure


# -- round 6: precision on unseen articles ----------------------------------------------------------------------


def test_an_act_told_in_denied_reports_is_not_an_event(extractor):
    text = "He denied reports in the local press that Lima had turned down a Chilean offer of riot-control equipment."
    assert triples(extractor, text) == []


def test_them_after_a_plural_noun_with_no_other_side_is_those_people_not_the_pair(extractor):
    text = ("Chile seized two Peruvian trawlers on Monday. Lima said the fishermen had been given consular access, "
            "and a Peruvian consul based in Santiago visited them on Wednesday.")
    assert triples(extractor, text) == [("CHL", "COERCE", "PER")]


def test_them_after_a_plural_noun_of_the_other_side_is_that_side(extractor):
    text = "Brazil expelled three Venezuelan diplomats on Friday, accusing them of spying."
    assert ("BRA", "ACCUSE", "VEN") in triples(extractor, text)


def test_a_verb_resuming_a_fronted_present_perfect_clause_takes_no_day_of_the_telling(extractor):
    text = ("Lima has proposed a joint commission to settle such disputes, the Peruvian embassy said on Tuesday, "
            "and invited Chilean inspectors to observe the next tests.")
    found = [(e.source.code, e.type, e.target.code, e.date) for e in events(extractor, text)]
    assert found == [("PER", "AGREE", "CHL", None)]


def test_military_exercises_held_alone_near_a_neighbour_are_no_cooperation(extractor):
    text = ("Armenia protested after Turkey began large-scale military exercises along the river, "
            "the two countries' common border.")
    assert all(t != "COOPERATE" for _, t, _ in triples(extractor, text))


def test_military_exercises_held_with_another_state_are_cooperation(extractor):
    assert triples(extractor, "Chile held naval exercises with Peru on Monday.") == [("CHL", "COOPERATE", "PER")]


def test_blocking_a_package_at_a_meeting_is_a_rejection_not_a_meeting_with_its_author(extractor):
    text = "A day later Poland blocked the EU's latest package of aid for Moldova at a meeting of ambassadors."
    assert triples(extractor, text) == [("POL", "REJECT", "EU")]


def test_a_host_of_the_two_delegations_meets_the_last_two_parties_not_itself(extractor):
    text = ("Peru and Chile agreed on Tuesday to lift the restrictions. The deal was announced at the close of the "
            "OAS's annual summit in Brasilia, where the president of Brazil hosted the two delegations for a "
            "private meeting on Monday evening.")
    found = triples(extractor, text)
    assert ("BRA", "CONSULT", "PER") in found and ("BRA", "CONSULT", "CHL") in found


def test_its_after_a_demonym_of_people_is_the_state_named_before(extractor):
    text = ("Chile released 12 Peruvian fishermen on Wednesday, eleven days after its navy seized their boats "
            "off Arica for fishing without a licence, the Peruvian government said.")
    assert ("CHL", "COERCE", "PER") in triples(extractor, text)


def test_welcoming_the_agreement_supports_both_of_its_parties(extractor):
    text = ("Peru and Chile signed a pipeline accord in Lima on Monday. Brazil, whose state oil company holds the "
            "largest stake in the Peruvian fields, welcomed the agreement the same day.")
    found = triples(extractor, text)
    assert ("BRA", "SUPPORT", "PER") in found and ("BRA", "SUPPORT", "CHL") in found


def test_a_party_welcoming_its_own_agreement_supports_no_one_by_it(extractor):
    text = "Peru and Chile agreed on Monday to restore diplomatic ties. Lima welcomed the agreement on Thursday."
    assert ("PER", "SUPPORT", "CHL") not in triples(extractor, text)


def test_a_verb_of_refusal_does_not_negate_the_act_joined_to_it(extractor):
    text = ("The Peruvian trade ministry on Thursday rejected Chile's complaint and urged Santiago to pay its share "
            "of the upkeep of the road.")
    assert ("PER", "REQUEST", "CHL") in triples(extractor, text)


def test_acts_joined_inside_a_denied_clause_stay_denied(extractor):
    assert triples(extractor, "Peru denied that it had met Chile and signed a deal with Bolivia.") == []


def test_a_lenders_approved_disbursement_to_a_state_is_aid(extractor):
    text = "The World Bank approved the disbursement of $600 million to Kenya on Wednesday."
    assert triples(extractor, text) == [("WB", "AID", "KEN")]


def test_being_ready_to_host_talks_between_two_states_is_an_offer_to_each(extractor):
    found = triples(extractor, "Moscow is ready to host talks between Lima and Santiago, the Kremlin said.")
    assert ("RUS", "AGREE", "PER") in found and ("RUS", "AGREE", "CHL") in found


def test_being_ready_to_strike_is_no_offer(extractor):
    assert all(t != "AGREE" for _, t, _ in triples(extractor, "Iran is ready to strike Israel."))


def test_not_being_ready_to_meet_is_no_offer(extractor):
    assert triples(extractor, "Peru is not ready to meet Chile.") == []
