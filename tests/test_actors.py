"""Actor recognition and resolution: one test per rule, on sentences written for the test."""

from __future__ import annotations

import csv
import re
from datetime import date
from importlib import resources

import pytest

from dipwatch.actors import Discourse, country_code, find_actors, has_actor_term, load_lexicon, normalise_name
from dipwatch.models import Actor


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def codes(text: str, lexicon) -> list[str]:
    return [a.code for a in find_actors(text, lexicon)]


def actor_named(text: str, lexicon, words: str) -> Actor:
    return next(a for a in find_actors(text, lexicon) if words in a.text)


# -- states and organisations ---------------------------------------------------------------------------


def test_a_state_is_found_by_its_short_name(lexicon):
    assert codes("Talks with Mongolia resumed.", lexicon) == ["MNG"]


def test_a_state_is_found_by_a_common_short_form(lexicon):
    assert codes("The U.S. and Britain disagreed.", lexicon) == ["USA", "GBR"]


def test_a_state_is_found_by_its_demonym(lexicon):
    assert codes("A Belarusian delegation arrived.", lexicon) == ["BLR"]


def test_a_two_word_demonym_wins_over_the_state_name_inside_it(lexicon):
    actor = actor_named("North Korean officials met.", lexicon, "North")
    assert (actor.code, actor.text) == ("PRK", "North Korean")


def test_a_capital_stands_for_its_state(lexicon):
    assert codes("Moscow rejected the plan.", lexicon) == ["RUS"]


def test_an_international_organisation_has_its_acronym_as_code(lexicon):
    actor = actor_named("The United Nations voted.", lexicon, "United Nations")
    assert (actor.code, actor.kind) == ("UN", "organisation")


def test_an_ambiguous_country_name_is_not_read_as_a_state(lexicon):
    assert codes("Jordan scored twice for Chicago.", lexicon) == []


def test_actor_offsets_point_at_their_words(lexicon):
    text = "On Monday, Vietnam and Laos signed a pact."
    for actor in find_actors(text, lexicon):
        assert text[actor.start:actor.end] == actor.text


# -- sources of the news ----------------------------------------------------------------------------------


def test_a_news_agency_is_never_an_actor(lexicon):
    assert codes("The Korean Central News Agency (KCNA) reported it.", lexicon) == []


def test_state_media_is_never_an_actor(lexicon):
    assert codes("Chinese state media said so.", lexicon) == []


# -- people ------------------------------------------------------------------------------------------------


def test_a_person_takes_the_state_of_the_demonym_before_the_role(lexicon):
    actor = actor_named("Belarusian President Alexander Lukashenko spoke.", lexicon, "Lukashenko")
    assert (actor.code, actor.name, actor.role) == ("BLR", "Alexander Lukashenko", "President")


def test_a_person_takes_the_state_after_of_in_the_role(lexicon):
    actor = actor_named("Deputy Foreign Minister of Belarus, Yevgeny Shestakov, arrived.", lexicon, "Shestakov")
    assert (actor.code, actor.name) == ("BLR", "Yevgeny Shestakov")


def test_a_person_takes_the_state_of_an_appositive_role(lexicon):
    text = "Kim Son Gyong, North Korea's Deputy Minister for International Organizations, spoke."
    actor = actor_named(text, lexicon, "Kim Son Gyong")
    assert (actor.code, actor.name) == ("PRK", "Kim Son Gyong")


def test_a_counterpart_takes_the_state_of_its_demonym(lexicon):
    actor = actor_named("Mr Dube met his Zambian counterpart, Joseph Banda, on Friday.", lexicon, "Banda")
    assert actor.code == "ZMB"


def test_a_later_mention_by_surname_resolves_to_the_person(lexicon):
    text = "Kenyan President Samuel Otieno flew in. Later, Otieno met reporters."
    later = [a for a in find_actors(text, lexicon) if a.text == "Otieno"]
    assert [a.code for a in later] == ["KEN"]


def test_a_later_mention_by_family_name_takes_the_latest_person_of_that_name(lexicon):
    text = ("Chinese Premier Li Wen spoke. South Korean Minister Li Jun-ho answered. "
            "Then Li left the room.")
    last = [a for a in find_actors(text, lexicon) if a.text == "Li"][-1]
    assert last.code == "KOR"


def test_a_leader_named_without_a_role_is_resolved_from_the_knowledge_base(lexicon):
    actor = actor_named("Putin said nothing.", lexicon, "Putin")
    assert (actor.code, actor.name) == ("RUS", "Vladimir Putin")


def test_a_leader_full_name_in_any_spelling_is_resolved(lexicon):
    assert codes("Kim Jong-un arrived.", lexicon) == codes("Kim Jong Un arrived.", lexicon) == ["PRK"]


def test_a_common_family_name_alone_is_not_resolved_without_an_introduction(lexicon):
    assert codes("Kim said nothing.", lexicon) == []


def test_the_words_of_a_ministry_portfolio_are_not_a_persons_name(lexicon):
    actor = actor_named("Russian Minister of Natural Resources Alexander Kozlov arrived.", lexicon, "Kozlov")
    assert actor.name == "Alexander Kozlov"


def test_a_role_without_a_state_takes_the_state_of_the_dateline(lexicon):
    actor = actor_named("NAIROBI - Interior Secretary Samuel Otieno spoke.", lexicon, "Otieno")
    assert actor.code == "KEN"


def test_a_known_leader_keeps_their_state_under_a_foreign_dateline(lexicon):
    actor = actor_named("BEIJING - Xi met President Donald Trump.", lexicon, "Trump")
    assert actor.code == "USA"


def test_an_abbreviated_state_name_before_a_role_gives_the_persons_state(lexicon):
    actor = actor_named("BEIJING - Xi met U.S. Ambassador Samuel Otieno.", lexicon, "Otieno")
    assert actor.code == "USA"


def test_a_counterpart_without_a_state_is_not_given_the_dateline_state(lexicon):
    assert all(a.code != "KEN" or "Banda" not in a.text
               for a in find_actors("NAIROBI - He met his counterpart, Joseph Banda.", lexicon))


def test_the_fast_filter_sees_actor_terms(lexicon):
    assert has_actor_term("A quiet day in Canberra.", lexicon)
    assert not has_actor_term("The striker scored twice.", lexicon)


# -- references ----------------------------------------------------------------------------------------------


def test_a_pronoun_refers_to_the_first_person_of_the_previous_sentence(lexicon):
    text = "Lao President Thongloun Sisoulith thanked Kenyan President Samuel Otieno. He smiled."
    sentences = [(0, 75), (76, len(text))]
    discourse = Discourse(find_actors(text, lexicon), sentences)
    start = text.index("He")
    assert discourse.pronoun_at(start, start + 2, "He").code == "LAO"


def test_a_pair_word_refers_to_the_two_actors_of_the_last_event(lexicon):
    discourse = Discourse([], [])
    discourse.note_event(Actor("PRK", "Kim", 0, 3), Actor("RUS", "Lavrov", 10, 16))
    assert [a.code for a in discourse.pair_at(20, 28, "the pair")] == ["PRK", "RUS"]


def test_normalised_names_ignore_case_and_hyphens():
    assert normalise_name("Kim Jong-un") == normalise_name("KIM JONG UN") == "kim jong un"


# -- the data files -----------------------------------------------------------------------------------------


def _rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("dipwatch") / "data" / "actors" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#")))


def test_every_state_code_of_the_country_file_is_an_iso_code():
    for row in _rows("countries.csv"):
        assert re.fullmatch(r"[A-Z]{3}", row["code"])
        assert country_code(row["code"]) == row["code"], row["code"]


def test_the_leaders_file_has_valid_dates_and_known_codes():
    orgs = {row["code"] for row in _rows("organisations.csv")}
    for row in _rows("leaders.csv"):
        assert date.fromisoformat(row["start"])
        assert not row["end"] or date.fromisoformat(row["end"]) >= date.fromisoformat(row["start"])
        assert row["code"] in orgs or country_code(row["code"]) == row["code"], row["name"]


def test_the_leaders_file_covers_the_g20_and_the_security_council():
    covered = {row["code"] for row in _rows("leaders.csv")}
    g20 = {"ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS", "SAU",
           "ZAF", "TUR", "GBR", "USA"}
    assert g20 <= covered
    assert len(covered - g20) >= 30


# -- broadened coverage (2026) --------------------------------------------------------------------------------


def test_the_bloc_refers_to_the_organisation_named_before(lexicon):
    text = "ASEAN ministers met in Hanoi. Later the bloc's chair spoke."
    assert [(a.text, a.code, a.kind) for a in find_actors(text, lexicon)][-1] == ("the bloc", "ASEAN", "organisation")


def test_the_alliance_with_no_organisation_named_before_is_no_actor(lexicon):
    assert codes("The alliance met in Oslo.", lexicon) == ["NOR"]  # Oslo only


def test_demonyms_of_small_states_are_known(lexicon):
    assert codes("Fijian, Guatemalan and Togolese officials met.", lexicon) == ["FJI", "GTM", "TGO"]


def test_capitals_of_small_states_are_metonyms(lexicon):
    assert codes("Suva and Tegucigalpa protested.", lexicon) == ["FJI", "HND"]


def test_a_foreign_ministry_building_is_a_metonym_of_its_state(lexicon):
    assert codes("The Quai d'Orsay summoned the envoy.", lexicon) == ["FRA"]


def test_the_holy_see_is_a_state(lexicon):
    assert codes("The Holy See recalled its nuncio.", lexicon) == ["VAT"]


def test_the_ministry_in_a_datelined_article_is_the_datelines_state(lexicon):
    text = "NAIROBI - The foreign ministry said the talks went well."
    assert [(a.text, a.code) for a in find_actors(text, lexicon)] == [("The foreign ministry", "KEN")]


def test_the_ministry_without_a_dateline_is_no_actor(lexicon):
    assert codes("The foreign ministry said the talks went well.", lexicon) == []


def test_the_government_of_another_state_is_that_state_not_the_datelines(lexicon):
    assert codes("NAIROBI - The government of Uganda protested.", lexicon) == ["UGA"]


def test_region_adjective_and_group_noun_name_a_regional_organisation(lexicon):
    actor = actor_named("Southeast Asian foreign ministers met in Vientiane.", lexicon, "Southeast")
    assert (actor.code, actor.kind, actor.text) == ("ASEAN", "organisation", "Southeast Asian foreign ministers")


def test_a_region_without_a_single_organisation_names_no_actor(lexicon):
    assert codes("European leaders met on Friday.", lexicon) == []


def test_an_organ_named_like_another_body_is_not_that_body(lexicon):
    assert codes("The African Union's Peace and Security Council met.", lexicon) == ["AU"]


def test_a_portfolio_minister_acts_for_the_state_before_the_role(lexicon):
    actor = actor_named("Peru's interior minister, Carla Mendez, arrived.", lexicon, "Mendez")
    assert (actor.code, actor.name) == ("PER", "Carla Mendez")


def test_the_ministry_takes_the_state_of_the_last_ministry_named(lexicon):
    text = "Peru's foreign ministry protested. Chile said nothing. The ministry added a note."
    actor = actor_named(text, lexicon, "The ministry")
    assert actor.code == "PER"


def test_the_two_governments_are_the_joint_actors_until_the_story_moves_on():
    ghana, togo, benin = (Actor(c, c, i, i + 1) for i, c in enumerate(["GHA", "TGO", "BEN"]))
    discourse = Discourse([ghana, togo, benin, benin, benin], [(0, 100)])
    discourse.note_joint(ghana, togo)
    assert [a.code for a in discourse.pair_at(50, 60, "governments", main=True, states=True)] == ["GHA", "TGO"]
    discourse.note_event(Actor("MLI", "Mali", 70, 74), Actor("NER", "Niger", 80, 85))
    assert discourse.joint is None


def test_dominican_alone_is_the_dominican_republic(lexicon):
    assert codes("The Dominican ambassador was summoned to Santo Domingo.", lexicon) == ["DOM", "DOM"]


def test_a_role_without_a_state_takes_the_place_the_sentence_is_set_in(lexicon):
    actor = actor_named("In Bamako, Prime Minister Moussa Traore thanked Dakar.", lexicon, "Traore")
    assert (actor.code, actor.name) == ("MLI", "Moussa Traore")


def test_a_role_with_of_a_state_keeps_that_state_over_the_place(lexicon):
    text = "At a press conference in Berlin, Foreign Minister Anna Kovacs of Hungary criticised Austria."
    assert "DEU" not in [a.code for a in find_actors(text, lexicon) if a.name]


def test_an_ambiguous_country_name_is_a_state_when_the_article_names_it_otherwise(lexicon):
    assert codes("Georgian officials said Georgia would protest.", lexicon) == ["GEO", "GEO"]


def test_an_ambiguous_country_name_inside_a_longer_name_stays_no_state(lexicon):
    assert codes("Chadian troops patrol Lake Chad.", lexicon) == ["TCD"]


def test_the_head_noun_of_an_organisation_name_refers_back_to_it(lexicon):
    assert codes("The European Commission met. The Commission said no.", lexicon) == ["EU", "EU"]


def test_the_head_noun_without_the_organisation_before_is_no_actor(lexicon):
    assert codes("The Commission said no.", lexicon) == []


def test_organisation_acronyms_and_un_agencies_are_actors(lexicon):
    assert codes("The WHO, the OAS and UNHCR met.", lexicon) == ["WHO", "OAS", "UN"]


def test_a_seat_of_government_stands_for_its_state(lexicon):
    assert codes("The State Department and the Kremlin disagreed.", lexicon) == ["USA", "RUS"]


def test_a_regime_named_by_its_kind_takes_the_state_opening_the_last_sentence(lexicon):
    text = "Mali recalled its envoy. Later, the transitional government accused Algeria."
    assert codes(text, lexicon) == ["MLI", "MLI", "DZA"]


def test_a_regime_of_a_named_place_is_left_to_that_place(lexicon):
    assert codes("Mali recalled its envoy. The new authorities in Niamey said no.", lexicon) == ["MLI", "NER"]
