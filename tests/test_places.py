"""Event locations: the city or country a sentence puts an event in, one rule per test."""

from __future__ import annotations

from dipwatch.places import Place, find_location, find_places, fold


def location(sentence: str, trigger: str | None = None) -> tuple[str, str | None] | None:
    place = find_location(sentence, sentence.index(trigger) if trigger else None)
    return (place.name, place.country) if place else None


def test_a_city_after_in_is_the_location_with_its_country_code():
    assert location("The two leaders met in Beijing on Monday.") == ("Beijing", "CHN")


def test_offsets_point_at_the_name_in_the_sentence():
    sentence = "The two leaders met in Beijing on Monday."
    place = find_location(sentence)
    assert place == Place("Beijing", "CHN", 23, 30, "city")
    assert sentence[place.start:place.end] == "Beijing"


def test_a_descriptive_phrase_between_cue_and_name_is_skipped():
    assert location("The ministers met in the resort city of Wonsan.") == ("Wonsan", "PRK")
    assert location("The envoys met in the capital Seoul.") == ("Seoul", "KOR")


def test_a_facility_after_a_city_name_still_means_the_city():
    assert location("The minister arrived at Wonsan Airport on Friday.") == ("Wonsan", "PRK")


def test_movement_words_with_to_name_the_destination():
    assert location("The deputy minister's trip to Pyongyang began on Tuesday.") == ("Pyongyang", "PRK")
    assert location("The president's visit to Moscow ended.") == ("Moscow", "RUS")
    assert location("The minister led a delegation to Hanoi.") == ("Hanoi", "VNM")


def test_to_without_a_movement_word_is_not_a_location():
    assert location("The leader sent a message to Lukashenko and to Minsk.") is None


def test_a_country_is_a_location_too():
    assert location("The ambassador's visit to South Korea and Japan drew protests.") == ("South Korea", "KOR")


def test_common_short_country_names_come_from_the_data_file():
    assert location("The talks in the United States ended.") == ("United States", "USA")
    assert location("The delegation stayed in the DPRK.") == ("DPRK", "PRK")


def test_a_possessive_place_is_the_place_itself():
    assert location("Troops fought in Russia's border region.") == ("Russia", "RUS")


def test_a_capital_without_a_locative_cue_is_not_a_location():
    assert location("The leader restated his backing of Moscow and Pyongyang's position.") is None


def test_common_english_words_that_are_also_small_cities_are_skipped():
    assert location("The ministers met in Mobile and again in Split.") is None


def test_a_person_name_after_a_cue_is_not_a_location():
    assert location("The envoy was received in Kim Il Sung Square.") is None


def test_lower_case_words_after_a_cue_are_not_places():
    assert location("The leaders met in secret at noon.") is None


def test_diacritics_and_transliterations_are_folded():
    assert fold("Wŏnsan") == "wonsan"
    assert location("The ministers met in Kiev.") == ("Kiev", "UKR")


def test_multi_word_city_names_with_connectors_are_read_whole():
    assert location("The leaders met in Rio de Janeiro.") == ("Rio de Janeiro", "BRA")
    assert location("The envoy flew to Ho Chi Minh City.") == ("Ho Chi Minh City", "VNM")


def test_the_nearest_place_after_the_trigger_wins():
    sentence = "In Seoul, officials said the leaders met in Tokyo."
    assert location(sentence, "met") == ("Tokyo", "JPN")


def test_a_place_before_the_trigger_is_taken_when_none_follows():
    assert location("In Seoul, the two leaders met.", "met") == ("Seoul", "KOR")


def test_find_places_lists_every_cued_place_in_order():
    names = [p.name for p in find_places("After talks in Paris, the envoy flew to Berlin.")]
    assert names == ["Paris", "Berlin"]


def test_a_sentence_without_a_place_has_no_location():
    assert location("The two ministers spoke by telephone.") is None


def test_a_place_far_after_the_trigger_belongs_to_another_phrase():
    sentence = ("The leader congratulated the president on his reelection, marking a significant gesture "
                "amid closer ties against the backdrop of the long war in Ukraine.")
    assert location(sentence, "congratulated") is None


def test_english_alternative_city_names_are_known():
    assert location("The leaders met in New York.") == ("New York", "USA")


def test_a_city_name_gives_its_country_code():
    from dipwatch.places import place_country

    assert (place_country("Mombasa"), place_country("Nowhereville")) == ("KEN", None)
