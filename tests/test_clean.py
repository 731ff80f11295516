"""The cleaning stage: one rule per test, on small pages written for these tests (tests/fixtures/clean/)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from dipwatch import pipeline
from dipwatch.clean import clean, flatten_html, is_dateline, is_table_residue, load_settings, parse_dateline
from dipwatch.errors import InputError
from dipwatch.models import Document, RawInput

FIXTURES = Path(__file__).parent / "fixtures" / "clean"


def clean_fixture(name: str, url: str | None = None, published: str | None = None) -> Document:
    path = FIXTURES / name
    fmt = "html" if path.suffix == ".html" else "text"
    return clean(RawInput(doc=path.stem, content=path.read_text(encoding="utf-8"), format=fmt,
                          origin=str(path), url=url, published=published))


def clean_string(content: str, **kwargs) -> Document:
    return clean(RawInput(doc="inline", content=content, format="text", origin="inline", **kwargs))


def kinds_of(doc: Document, fragment: str) -> set[str]:
    return {b.kind for b in doc.blocks if fragment in b.text}


@pytest.fixture(scope="module")
def menus() -> Document:
    return clean_fixture("menus_cookie.txt")


@pytest.fixture(scope="module")
def stale() -> Document:
    return clean_fixture("stale_header.txt")


@pytest.fixture(scope="module")
def farm() -> Document:
    return clean_fixture("author_bio.txt")


@pytest.fixture(scope="module")
def comments() -> Document:
    return clean_fixture("comments_form.txt")


@pytest.fixture(scope="module")
def undated() -> Document:
    return clean_fixture("no_date.txt")


@pytest.fixture(scope="module")
def html_page() -> Document:
    return clean_fixture("nav_aside_footer.html")


# --- block classes -------------------------------------------------------------------------------


def test_a_row_of_menu_items_is_navigation(menus):
    assert kinds_of(menus, "Home | World | Business") == {"navigation"}
    assert "Markets" not in menus.text


def test_a_cookie_banner_is_kept_as_a_block_but_not_in_the_text(menus):
    assert kinds_of(menus, "We use cookies") == {"other"}
    assert "cookies" not in menus.text and "Accept all" not in menus.text


def test_a_related_articles_heading_ends_the_article_and_what_follows_is_teaser(menus):
    assert kinds_of(menus, "Related articles") == {"navigation"}
    assert kinds_of(menus, "Uganda and Tanzania agree") == {"teaser"}
    assert menus.text.endswith("according to central bank figures.")


def test_the_article_text_is_its_paragraphs_in_order_separated_by_blank_lines(menus):
    paragraphs = menus.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[1].startswith("The agreement, which still needs approval")


def test_a_line_above_an_image_credit_is_a_caption():
    doc = clean_string(
        "Mali and Niger Open Joint Border Post\n\n"
        "Customs officers at the new post near Gao\nPhoto: Reuters\n\n"
        "Mali and Niger opened a joint border post on Sunday, officials said, to speed up trade along a route "
        "used by thousands of lorries every month.\n\n"
        "The post is the first of three planned along the frontier, the two governments said in a statement.\n")
    assert kinds_of(doc, "Customs officers at the new post") == {"caption"}
    assert kinds_of(doc, "Photo: Reuters") == {"caption"}
    assert "Customs officers" not in doc.text


def test_a_caption_ending_in_a_bracketed_photo_credit_is_a_caption_not_text(undated):
    assert kinds_of(undated, "Aid workers in a camp") == {"caption"}
    assert "Jane Doe" not in undated.text
    assert undated.text.endswith("has called for a ceasefire.")  # the text goes on after the caption


def test_an_author_bio_and_the_name_line_above_it_are_bio(farm):
    assert kinds_of(farm, "12 years of experience") == {"bio"}
    assert {b.kind for b in farm.blocks if b.text == "Daniel Brooks"} == {"bio"}
    assert "Daniel Brooks" not in farm.text


def test_a_comment_form_is_form_and_reader_comments_are_not_article_text(comments):
    assert kinds_of(comments, "Save my name, email") == {"form"}
    assert "great idea" not in comments.text
    assert comments.text.endswith("the power the two countries trade.")


def test_a_leave_a_reply_form_is_not_in_the_text(farm):
    assert kinds_of(farm, "Your email address will not be published") == {"form"}
    assert "Leave a Reply" not in farm.text


def test_a_legal_disclaimer_and_a_tracking_id_are_not_in_the_text(stale):
    assert kinds_of(stale, "without warranty") == {"disclaimer"}
    assert kinds_of(stale, "Legal Disclaimer") == {"disclaimer"}
    assert kinds_of(stale, "DESKWIRE14062024") == {"other"}
    assert "DESKWIRE" not in stale.text
    assert stale.text.endswith("at a single inspection post, the statement said.")


def test_a_dateline_is_a_block_of_its_own_kind(stale):
    assert kinds_of(stale, "2024-06-14 09:12:40") == {"dateline"}


def test_hard_wrapped_paragraphs_are_joined_back():
    doc = clean_fixture("wrapped.txt")
    assert doc.text.split("\n\n")[0].startswith("Ghana and Togo agreed on Wednesday to build a coastal highway "
                                                "linking their capitals, a project")
    assert len(doc.text.split("\n\n")) == 2


def test_a_subheading_between_two_paragraphs_stays_in_the_text():
    doc = clean_string(
        "Peru and Bolivia Sign Lake Titicaca Accord\n\n"
        "Peru and Bolivia signed an accord on Friday to clean up Lake Titicaca, officials said after talks in Puno.\n\n"
        "Funding still to be agreed\n\n"
        "The two governments have yet to agree how to share the cost of new water treatment plants, they said.\n")
    assert "Funding still to be agreed" in doc.text


# --- title ---------------------------------------------------------------------------------------


def test_the_title_is_the_headline_not_the_site_name_or_its_tagline(farm):
    assert farm.title == "Japan and the Philippines Deepen Defence Cooperation With New Pact"


def test_the_title_loses_a_section_or_site_name_after_a_pipe(undated):
    assert undated.title == "Norway Pledges New Aid Package for Sudanese Refugees"


def test_a_section_label_glued_to_the_headline_is_dropped():
    doc = clean_string(
        "WorldChile and Peru Agree to Reopen Border Crossing\n\n"
        "Chile and Peru agreed on Friday to reopen their busiest northern border crossing after a three-month "
        "closure, the two foreign ministries said.\n\n"
        "The crossing was shut in March after a dispute over migration checks, officials said.\n")
    assert doc.title == "Chile and Peru Agree to Reopen Border Crossing"


def test_a_headline_printed_twice_is_title_both_times(stale):
    titles = [b.text for b in stale.blocks if b.kind == "title"]
    assert titles == ["Chile and Peru Agree to Reopen Northern Border Crossing"] * 2
    assert stale.title == titles[0]


# --- the lead ------------------------------------------------------------------------------------


def test_a_standfirst_restated_by_the_first_paragraph_is_not_text():
    doc = clean_string(
        "Egypt and Sudan Agree on Nile Water Talks\n\n"
        "Egypt and Sudan have agreed to resume talks on sharing the waters of the Nile. The move follows months "
        "of tension.\n\n"
        "Egypt and Sudan agreed on Sunday to resume talks on sharing the waters of the Nile, the two foreign "
        "ministers said after meeting in Cairo.\n\n"
        "The talks are due to begin next month in Khartoum, they said.\n")
    assert doc.text.startswith("Egypt and Sudan agreed on Sunday")
    assert kinds_of(doc, "The move follows months of tension") == {"teaser"}


def test_a_one_sentence_dek_under_the_title_is_not_text(undated):
    assert kinds_of(undated, "Oslo's money will go to camps") == {"teaser"}
    assert undated.text.startswith("Norway said it will give an additional 200 million crowns")


def test_a_one_sentence_news_lead_under_the_title_is_kept():
    doc = clean_string(
        "Laos Joins Regional Power Grid\n\n"
        "Laos joined a regional power grid on Monday, the energy ministry said.\n\n"
        "The link lets the country sell surplus hydropower to its neighbours during the rainy season, officials "
        "said, and buy electricity back in the dry months.\n")
    assert doc.text.startswith("Laos joined a regional power grid on Monday")


def test_a_wire_prefix_is_stripped_and_its_agency_is_the_original_source(menus):
    assert menus.text.startswith("Kenya and Ethiopia signed a pact on Tuesday")
    assert menus.original_source == "Reuters"


def test_a_wire_prefix_naming_the_page_itself_gives_the_outlet(stale):
    assert stale.text.startswith("Chile and Peru have agreed to reopen")
    assert stale.outlet == "DESKWIRE"
    assert stale.original_source is None


def test_a_news_agency_credited_in_the_lead_is_the_original_source():
    doc = clean_string(
        "Vietnam and Cambodia Hold Border Talks\n\n"
        "Vietnam and Cambodia held talks on their land border on Tuesday, according to the Vietnam News Agency "
        "(VNA), which said both sides agreed to speed up demarcation.\n\n"
        "The next round is due in Phnom Penh in the spring, the agency said.\n")
    assert doc.original_source == "VNA"


# --- outlet, source, content-farm signals --------------------------------------------------------


def test_a_bare_domain_heading_the_page_is_the_outlet(farm):
    assert farm.outlet == "dailyworldbrief.net"


def test_an_original_source_line_gives_the_original_source(farm):
    assert farm.original_source == "asianewsdesk.com"
    assert "Original Source" not in farm.text


def test_content_farm_signals_are_recorded(farm):
    assert farm.farm_signals == ["original-source line", "author bio unrelated to the topic", "comment form"]


# --- publication date ----------------------------------------------------------------------------


def test_a_dateline_next_to_the_body_wins_over_a_stale_page_header(stale):
    assert stale.published == "2024-06-14"
    assert stale.published_text == "2024-06-14 09:12:40"


def test_a_dateline_with_words_around_the_date_counts(menus, comments):
    assert menus.published == "2024-03-05"
    assert comments.published == "2023-11-02"


def test_a_page_without_a_dateline_has_no_date_even_when_its_text_holds_dates(undated):
    assert undated.published is None
    assert undated.published_text is None


def test_a_date_in_the_url_counts_when_the_page_has_no_dateline():
    doc = clean_fixture("no_date.txt", url="https://example.org/world/2024/06/05/norway-aid")
    assert doc.published == "2024-06-05"


def test_a_date_given_by_the_container_wins():
    doc = clean_fixture("stale_header.txt", published="2024-06-15")
    assert doc.published == "2024-06-15"


def test_a_dateline_naming_an_impossible_day_gives_no_date():
    assert parse_dateline("2024-02-30 10:00", load_settings()) is None
    assert parse_dateline("April 19, 2024", load_settings()) == "2024-04-19"


# --- language ------------------------------------------------------------------------------------


def test_a_bilingual_page_keeps_the_other_language_as_blocks_but_not_as_text():
    doc = clean_fixture("bilingual.txt")
    assert doc.language == "en"
    assert {b.language for b in doc.blocks if "Mauritanie" in b.text} == {"fr"}
    assert "Mauritanie" not in doc.text
    assert doc.text.endswith("a model for regional cooperation.")


def test_every_block_has_a_language_and_short_ones_take_the_document_language(stale):
    assert all(b.language for b in stale.blocks)
    assert {b.language for b in stale.blocks if b.text == "Tags"} == {"en"}


# --- HTML ----------------------------------------------------------------------------------------


def test_html_main_text_leaves_out_nav_aside_and_footer(html_page):
    assert html_page.text.startswith("Vietnam and Laos agreed on Tuesday to build a railway")
    assert html_page.text.endswith("without giving a timetable for construction.")
    for furniture in ("Home", "Most read", "Floods hit", "All rights reserved", "Privacy policy"):
        assert furniture not in html_page.text


def test_html_date_comes_from_the_pages_own_metadata_not_its_header(html_page):
    assert html_page.published == "2024-02-21"


def test_html_title_and_site_name(html_page):
    assert html_page.title == "Vietnam and Laos Agree on Rail Link"
    assert html_page.outlet == "The Mekong Herald"


def test_html_figure_caption_is_kept_as_a_caption_block(html_page):
    assert kinds_of(html_page, "Officials at the signing ceremony in Hanoi") == {"caption"}
    assert "signing ceremony in Hanoi on February 20" not in html_page.text


def test_an_html_page_with_no_article_gives_an_empty_text():
    doc = clean_fixture("no_article.html")
    assert doc.text == ""
    assert doc.published is None


# --- the record ----------------------------------------------------------------------------------


def test_a_single_sentence_comes_out_as_one_body_block_unchanged():
    sentence = "Brazil's president met Argentina's president in Brasilia on Monday."
    doc = clean_string(sentence)
    assert doc.text == sentence
    assert [(b.kind, b.text) for b in doc.blocks] == [("body", sentence)]


def test_the_record_carries_origin_url_and_the_content_hash():
    content = (FIXTURES / "wrapped.txt").read_text(encoding="utf-8")
    doc = clean(RawInput(doc="w", content=content, format="text", origin="here.txt", url="https://x.org/a"))
    assert (doc.doc, doc.origin, doc.url) == ("w", "here.txt", "https://x.org/a")
    assert doc.content_hash == hashlib.sha256(content.encode("utf-8")).hexdigest()


# --- bad input: a one-line error or a clearly empty record, never a traceback --------------------


def results_for(path: Path) -> list:
    return list(pipeline.clean_paths([str(path)]))


def test_an_empty_file_is_a_one_line_input_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    [result] = results_for(empty)
    assert isinstance(result, InputError) and str(empty) in str(result) and "\n" not in str(result)


def test_a_binary_file_is_a_one_line_input_error(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    [result] = results_for(binary)
    assert isinstance(result, InputError) and "binary" in str(result)


def test_a_50_mb_file_is_refused_with_a_one_line_error(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    [result] = results_for(big)
    assert isinstance(result, InputError) and "MB" in str(result)


def test_a_latin1_file_is_cleaned_with_its_accents(tmp_path):
    page = tmp_path / "latin1.txt"
    page.write_bytes(("Sénégal Signs Accord\n\nThe Sénégal government signed an accord with Mauritania on "
                      "Monday, officials said, after talks in Nouakchott.\n").encode("latin-1"))
    [doc] = results_for(page)
    assert isinstance(doc, Document) and "Sénégal government" in doc.text


def test_a_file_with_a_few_broken_utf8_bytes_is_cleaned(tmp_path):
    page = tmp_path / "broken.txt"
    page.write_bytes(b"Kenya and Uganda Sign Rail Deal\n\nKenya and Uganda signed a rail deal on Friday, "
                     + b"\xff" + b"officials said after talks in Kampala.\n")
    [doc] = results_for(page)
    assert isinstance(doc, Document) and "officials said after talks in Kampala." in doc.text


# --- more page furniture and dating rules, on short inline pages ----------------------------------

ARTICLE = ("Kenya and Ethiopia signed a trade pact on Tuesday, officials said after two days of talks in Nairobi.\n\n"
           "The pact cuts tariffs on farm goods and opens a second border crossing, the trade ministers said.\n")


def test_an_all_capitals_masthead_is_not_the_title():
    doc = clean_string("THE EAST AFRICA DAILY TRIBUNE ONLINE\n\n"
                       "Kenya and Ethiopia sign border trade pact\n\n" + ARTICLE)
    assert doc.title == "Kenya and Ethiopia sign border trade pact"


def test_a_byline_is_not_the_title():
    doc = clean_string("By Amina Wanjiru Otieno\n\nKenya, Ethiopia sign pact\n\n" + ARTICLE)
    assert doc.title == "Kenya, Ethiopia sign pact"


def test_a_breadcrumb_row_with_separators_is_navigation():
    doc = clean_string("Home › Africa › East Africa › Trade\n\nKenya and Ethiopia sign border trade pact\n\n" + ARTICLE)
    assert kinds_of(doc, "Home › Africa") == {"navigation"}
    assert doc.title == "Kenya and Ethiopia sign border trade pact"


def test_a_labelled_promotion_line_is_navigation_not_text():
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\n" + ARTICLE
                       + "\nNewsletter: Sign up for our morning briefing, the five stories you need before 9 am.\n")
    assert "morning briefing" not in doc.text


def test_a_cookie_banner_above_the_page_is_not_the_article():
    doc = clean_string("We value your privacy\nWe and our partners use cookies to store and access information on "
                       "your device. Click Accept to consent.\nAccept   Settings\n\n"
                       "Kenya and Ethiopia sign border trade pact\n\n" + ARTICLE)
    assert doc.title == "Kenya and Ethiopia sign border trade pact"
    assert doc.text.startswith("Kenya and Ethiopia signed a trade pact")


def test_a_page_header_date_is_taken_when_nothing_nearer_dates_the_article():
    doc = clean_string("Monday, May 4, 2026\n\nTHE DAILY\n\nKenya and Ethiopia sign border trade pact\n\n" + ARTICLE)
    assert doc.published == "2026-05-04"


def test_a_page_header_date_older_than_a_date_in_the_text_is_stale_and_not_taken():
    doc = clean_string("Tuesday, 02 January 2024\n\nKenya and Ethiopia sign border trade pact\n\n" + ARTICLE
                       + "\nThe first lorries are due to cross on March 3, 2025, officials said.\n")
    assert doc.published is None


def test_a_wire_dateline_with_a_full_date_dates_the_article():
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\n"
                       "NAIROBI, April 11, 2026 (East Wire) - Kenya and Ethiopia signed a trade pact on Friday, "
                       "officials said.\n\nThe pact cuts tariffs on farm goods, the trade ministers said.\n")
    assert doc.published == "2026-04-11"
    assert doc.text.startswith("Kenya and Ethiopia signed")


def test_a_wire_dateline_without_a_year_takes_it_from_a_page_header_a_few_days_later():
    doc = clean_string("Thursday, January 2, 2025\n\nKenya and Ethiopia sign border trade pact\n\n"
                       "NAIROBI, Dec 31 - Kenya and Ethiopia signed a trade pact on Tuesday, officials said.\n\n"
                       "The pact cuts tariffs on farm goods, the trade ministers said.\n")
    assert doc.published == "2024-12-31"


def test_a_page_without_article_text_has_no_date():
    doc = clean_string("2024-01-01\n\nHome | News | Sport | Weather\n\nSearch")
    assert (doc.text, doc.published) == ("", None)


def test_html_section_labels_above_the_text_are_dropped():
    page = ("<html><head><title>Pact signed</title></head><body><article><p>Americas</p><h1>Pact signed</h1>"
            "<p>Brazil and Argentina signed a pact on Monday that phases out tariffs on cars, officials said after "
            "talks in Brasilia.</p><p>The pact still needs approval from both parliaments, the ministers said in a "
            "joint statement on Monday.</p></article></body></html>")
    doc = clean(RawInput(doc="h", content=page, format="html", origin="h"))
    assert doc.text.startswith("Brazil and Argentina signed a pact")


@pytest.fixture(scope="module")
def blog() -> Document:
    return clean_fixture("blog_sidebar.txt")


def test_the_headline_is_the_line_above_the_byline_dateline_not_the_site_tagline(blog):
    assert blog.title == "Why the Baltic Gas Pipeline Deal Matters"
    assert kinds_of(blog, "Analysis of world politics since 2009") == {"other"}


def test_a_line_introducing_a_list_inside_the_article_stays_in_the_text(blog):
    assert "Here is what it means:\n\nLower prices." in blog.text


def test_sidebar_lists_and_sharing_rows_are_not_text(blog):
    for furniture in ("Recent Posts", "Poland and Lithuania", "Archives", "Share this", "Like Loading"):
        assert furniture not in blog.text
    assert blog.text.endswith("about half of which will come from EU funds.")


def test_a_footer_copyright_line_is_a_disclaimer_and_names_the_outlet(blog):
    assert kinds_of(blog, "© 2024 Global Affairs Blog") == {"disclaimer"}
    assert blog.outlet == "Global Affairs Blog"


def test_a_comment_thread_longer_than_the_article_does_not_replace_it():
    comment = ("I have followed these talks for years and I think both governments are wasting time, because "
               "nothing they agree on paper ever reaches the farmers who need it most in the border regions.\n\n")
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\n" + ARTICLE + "\n12 Comments\n\n" + comment * 3)
    assert doc.text.startswith("Kenya and Ethiopia signed a trade pact")
    assert "wasting time" not in doc.text


def test_a_row_of_link_references_is_navigation():
    doc = clean_string("[1]Home [2]World [3]Business [4]Sport\n\nKenya and Ethiopia sign border trade pact\n\n"
                       + ARTICLE)
    assert kinds_of(doc, "[1]Home") == {"navigation"}


# --- boxes, adverts and widgets set inside the article (boxes_ads.txt) ----------------------------


@pytest.fixture(scope="module")
def boxes() -> Document:
    return clean_fixture("boxes_ads.txt")


def test_consent_overlay_wording_is_furniture_not_text(boxes):
    assert kinds_of(boxes, "We and our partners store") == {"other"}
    assert "our partners" not in boxes.text


def test_a_row_of_buttons_without_separators_is_navigation(boxes):
    assert kinds_of(boxes, "Share on Facebook Share on X Email Copy link") == {"navigation"}
    assert kinds_of(boxes, "I agree Manage options") == {"other"}  # consent buttons: part of the banner
    assert "Copy link" not in boxes.text


def test_advert_copy_under_an_advertising_label_is_not_text(boxes):
    assert kinds_of(boxes, "Cheap flights to the sun") == {"teaser"}
    assert "Cheap flights" not in boxes.text


def test_advert_copy_of_three_short_sentences_is_not_text_even_without_a_label(boxes):
    assert kinds_of(boxes, "Smart loans for small firms") == {"other"}
    assert "Smart loans" not in boxes.text


def test_a_newsletter_box_inside_the_article_is_form_and_does_not_end_the_article(boxes):
    for line in ("Sign up for the Morning Digest", "Our daily newsletter on the stories", "Sign up"):
        assert kinds_of(boxes, line) == {"form"}
    assert "Officials said a working group" in boxes.text
    assert boxes.text.endswith("would bring visitors outside the summer season.")


def test_a_sponsored_widget_inside_the_article_is_teaser_and_does_not_end_the_article(boxes):
    assert kinds_of(boxes, "Recommended by") == {"navigation"}
    assert kinds_of(boxes, "Doctors hate this one simple trick") == {"teaser"}
    assert "Morocco's transport minister said" in boxes.text


def test_a_pull_quote_repeating_a_paragraph_is_not_text_twice(boxes):
    assert boxes.text.count("neighbours should be able to visit each other easily") == 1
    assert kinds_of(boxes, "“We are neighbours, and neighbours should be able to visit each other easily.”") \
        == {"other"}


def test_a_caption_ending_in_its_photo_credit_is_a_caption(boxes):
    assert kinds_of(boxes, "A passenger ferry docks in the port of Tangier") == {"caption"}
    assert "Karim Benali" not in boxes.text


def test_an_inline_read_more_link_is_a_teaser_and_the_article_goes_on(boxes):
    assert kinds_of(boxes, "Read more: Spain and Morocco") == {"teaser"}
    assert "The last regular service" in boxes.text


def test_reporting_and_editing_credit_lines_are_not_text(boxes):
    assert kinds_of(boxes, "(Reporting by Rita Almeida") == {"other"}
    assert "Editing by" not in boxes.text


def test_a_topics_line_ends_the_article_and_the_bio_after_it_is_not_text(boxes):
    assert kinds_of(boxes, "Topics: Portugal Morocco Transport") == {"navigation"}
    assert "covers Iberian politics" not in boxes.text


def test_a_more_from_heading_ends_the_article_and_what_follows_is_teaser(boxes):
    assert kinds_of(boxes, "More from Harbour Gazette") == {"navigation"}
    assert kinds_of(boxes, "Fishing fleets protest new quotas") == {"teaser"}


def test_the_standfirst_between_headline_and_byline_is_teaser(boxes):
    assert boxes.title == "Portugal and Morocco agree to study a ferry link across the strait"
    assert kinds_of(boxes, "The two governments want a feasibility report") == {"teaser"}
    assert boxes.text.startswith("LISBON - Portugal and Morocco agreed on Tuesday")


# --- numeric dates -------------------------------------------------------------------------------


def test_a_numeric_date_is_read_only_when_day_and_month_cannot_be_swapped():
    settings = load_settings()
    assert parse_dateline("Region | 21/10/2026", settings) == "2026-10-21"
    assert parse_dateline("10/21/2026", settings) == "2026-10-21"
    assert parse_dateline("03/04/2026", settings) is None


def test_an_unambiguous_numeric_dateline_under_the_title_beats_a_stale_header_date():
    doc = clean_fixture("stale_numeric.txt")
    assert doc.published == "2026-10-21"
    assert doc.published_text == "Region | 21/10/2026"


# --- HTML laid out with tables ----------------------------------------------------------------------


def test_a_table_layout_page_falls_back_to_the_text_classifier():
    doc = clean_fixture("table_layout.html")
    assert doc.text.startswith("LUSAKA - Zambia and Malawi signed an agreement")
    assert doc.text.endswith("Southern African Power Pool for the first time.")
    assert "|" not in doc.text and "Posted by" not in doc.text and "Printer-friendly" not in doc.text
    assert doc.title == "Zambia and Malawi sign a power trade deal"
    assert doc.published == "2026-03-12"


def test_table_residue_is_an_extraction_made_mostly_of_table_rows():
    rows = "| Home \\| News | |\n| SECTIONS |\n| A paragraph of the article. |\n"
    assert is_table_residue(rows, 0.5)
    assert not is_table_residue("First paragraph.\nSecond paragraph.\n| a table | row |\n", 0.5)


def test_flattening_html_puts_each_block_on_its_own_line():
    flat = flatten_html("<html><body><div>Menu</div><p>First <b>bold</b> paragraph.</p><ul><li>One</li>"
                        "<li>Two</li></ul><script>var x = 1;</script></body></html>")
    assert [line for line in flat.splitlines() if line] == ["Menu", "First bold paragraph.", "One", "Two"]


def test_one_bio_cue_under_a_short_name_line_makes_a_bio_that_ends_the_article():
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\n" + ARTICLE
                       + "\n\nAna Silva\n\nAna Silva writes about energy markets and trade from Nairobi.\n")
    assert kinds_of(doc, "writes about energy markets") == {"bio"}
    assert kinds_of(doc, "Ana Silva") == {"bio"}
    assert "writes about" not in doc.text


def test_a_byline_row_of_short_fields_around_a_date_is_a_dateline():
    settings = load_settings()
    assert is_dateline("Ana Silva, energy reporter · 2 February 2026 · 6 min read", settings)
    assert not is_dateline("Ana Silva, energy reporter · Lisbon bureau · 6 min read", settings)


def test_a_run_of_capitalised_single_words_is_a_menu_but_a_title_case_headline_is_not():
    doc = clean_string("Climate Space Health Environment Physics Podcast Donate\n\n"
                       "Why the Baltic States Want a New Gas Link\n\n" + ARTICLE)
    assert kinds_of(doc, "Climate Space Health") == {"navigation"}
    assert doc.title == "Why the Baltic States Want a New Gas Link"


def test_quoted_speech_in_short_sentences_is_not_mistaken_for_advert_copy():
    quote = "“No. Never. Not while we can stop it,” the minister said."
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\n" + ARTICLE + "\n\n" + quote + "\n\n" + ARTICLE)
    assert quote in doc.text


def test_a_two_sentence_paragraph_between_the_headline_and_the_byline_is_a_standfirst():
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\n"
                       "Trade is set to double. Farmers on both sides expect lower costs.\n\n"
                       "By Ana Silva · 3 March 2026\n\n" + ARTICLE)
    assert kinds_of(doc, "Trade is set to double") == {"teaser"}
    assert doc.text.startswith("Kenya and Ethiopia signed a trade pact")


def test_a_row_of_buttons_may_mix_menu_items_and_end_of_article_labels():
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\nShare Facebook Threads Email\n\n" + ARTICLE)
    assert kinds_of(doc, "Share Facebook Threads Email") == {"navigation"}
    assert doc.text.startswith("Kenya and Ethiopia signed a trade pact")


def test_advert_copy_that_reads_as_a_sentence_under_an_advertising_label_is_not_text():
    doc = clean_string("Kenya and Ethiopia sign border trade pact\n\n" + ARTICLE
                       + "\n\nAdvertisement\n\nOpen a savings account in minutes, 4.1% variable rate. Terms apply.\n\n"
                       + ARTICLE)
    assert kinds_of(doc, "Open a savings account") == {"teaser"}
    assert "savings account" not in doc.text


def test_a_table_layout_page_takes_its_headline_from_the_page_title_over_a_site_tagline():
    path = FIXTURES / "table_layout.html"
    html = path.read_text(encoding="utf-8").replace(
        "Independent news since 2001", "Independent news from the lakes region since 2001").replace(
        "<title>Lakes Courier - ", "<title>").replace("<b>Zambia and Malawi sign a power trade deal</b>", "")
    doc = clean(RawInput(doc="tagline", content=html, format="html", origin=str(path)))
    assert doc.title == "Zambia and Malawi sign a power trade deal"


# --- layouts of press releases, paywalls, live pages, galleries, tables and summary boxes ---


@pytest.fixture(scope="module")
def release() -> Document:
    return clean_fixture("press_release.txt")


@pytest.fixture(scope="module")
def paywalled() -> Document:
    return clean_fixture("paywall.txt")


@pytest.fixture(scope="module")
def ticker() -> Document:
    return clean_fixture("live_ticker.txt")


@pytest.fixture(scope="module")
def gallery() -> Document:
    return clean_fixture("gallery_table.txt")


@pytest.fixture(scope="module")
def key_points() -> Document:
    return clean_fixture("key_points.txt")


def test_a_cookie_notice_in_unlisted_words_is_furniture_not_text(release):
    assert "optional cookies to remember your settings" not in release.text
    assert kinds_of(release, "optional cookies to remember") == {"other"}


def test_the_close_of_a_press_release_ends_it_and_its_notes_to_editors_are_not_text(release):
    assert release.text.endswith("would review the limits after three years.")
    assert "1,240 responses" not in release.text
    assert kinds_of(release, "ENDS") == {"navigation"}


def test_contact_lines_of_a_press_office_are_navigation(release):
    assert kinds_of(release, "Telephone: 020") == {"navigation"}
    assert kinds_of(release, "press.desk@coastal.example.gov") == {"navigation"}


def test_a_title_block_between_a_banner_sentence_and_the_article_parts_them(release):
    assert release.text.startswith("The Department for Coastal Affairs has today announced")
    assert "Help us make it better" not in release.text
    assert "Environment and countryside" not in release.text


def test_the_value_under_a_field_label_is_not_the_headline(release):
    assert release.title == "New limits agreed for coastal trawling in spawning grounds"


def test_a_paywall_prompt_ends_the_free_part_of_the_article(paywalled):
    assert paywalled.text.endswith("would add several days to each voyage and")
    assert "limit of free articles" not in paywalled.text
    assert "award-winning coverage" not in paywalled.text
    assert kinds_of(paywalled, "Already a subscriber?") == {"other"}


def test_a_short_name_line_beside_a_dateline_is_the_byline_not_the_headline_or_text(paywalled):
    assert paywalled.title == "Shipping lines add surcharges as canal water levels fall again"
    assert "Freight Correspondent" not in paywalled.text
    assert paywalled.published == "2026-03-03"


def test_a_standfirst_above_a_byline_under_the_headline_is_not_text(paywalled):
    assert paywalled.text.startswith("Three of the largest container lines")


def test_a_live_pages_timed_links_and_bare_entry_times_are_not_text(ticker):
    assert kinds_of(ticker, "11:20 Airport suspends") == {"teaser"}
    assert "Show key events only" not in ticker.text
    assert {b.kind for b in ticker.blocks if b.text == "13:05"} == {"navigation"}


def test_every_entry_of_a_live_page_is_text_with_its_headline(ticker):
    assert ticker.text.startswith("Wind speeds at the coast")
    assert "Evacuation ordered for low-lying districts\n\nThe regional governor" in ticker.text
    assert ticker.text.endswith("before setting out.")


def test_a_section_label_before_a_headline_does_not_make_it_furniture(ticker):
    assert ticker.title == "storm makes landfall on the southern coast"


def test_a_gallery_counter_is_navigation_and_the_line_under_it_a_caption(gallery):
    assert kinds_of(gallery, "2 of 3") == {"navigation"}
    assert kinds_of(gallery, "A farmer weighs apples") == {"caption"}
    assert "A farmer weighs apples" not in gallery.text


def test_a_table_of_figures_inside_the_article_does_not_part_it(gallery):
    assert gallery.text.startswith("The market on the border road reopened")
    assert gallery.text.endswith("twice a week from October.")
    assert "\n410\n" not in gallery.text


def test_a_source_note_under_a_table_is_neither_a_source_line_nor_text(gallery):
    assert gallery.original_source is None
    assert "regional statistics office, Courier calculations" not in gallery.text


def test_a_credit_in_brackets_after_a_label_and_colon_makes_a_caption(gallery):
    assert kinds_of(gallery, "(Supplied: Regional Farmers Union)") == {"caption"}


def test_several_headings_in_a_row_between_paragraphs_are_not_subheadings():
    page = ("Minister visits the northern port\n\n"
            "The minister toured the northern port on Monday and met dock workers and the port's managers.\n\n"
            "Ports and shipping\n\nTransport policy\n\nRegional news\n\n"
            "She said the government would decide on funding for a new container terminal by the end of June.\n")
    doc = clean_string(page)
    assert "Transport policy" not in doc.text
    assert doc.text.endswith("by the end of June.")


def test_short_items_under_a_key_points_label_are_teaser_and_the_article_follows(key_points):
    assert kinds_of(key_points, "Divers surveyed 212 reef sites in six countries.") == {"teaser"}
    assert key_points.text.startswith("More than half of the coral reef sites")
    assert key_points.text.endswith("at a meeting in September.")


def test_a_publishers_legal_small_print_in_full_sentences_is_a_disclaimer():
    page = ("Two states agree to share river data\n\n"
            "The two governments agreed on Monday to share daily readings from their river gauges, "
            "officials said after talks in the capital.\n\n"
            "The agreement covers the twelve gauges closest to the border and will start in the spring.\n\n"
            "The Valley Post is a trading name of Valley Media Ltd, a company registered in England under company "
            "number 0123456, whose registered office is at 1 High Street.\n")
    doc = clean_string(page)
    assert kinds_of(doc, "is a trading name of") == {"disclaimer"}
    assert doc.text.endswith("will start in the spring.")


def test_the_items_of_a_list_introduced_by_a_colon_are_text_and_do_not_part_the_article():
    page = ("Ministers agree measures to protect fish stocks\n\n"
            "Fisheries ministers agreed in Lisbon on Friday on measures to protect migratory stocks of tuna.\n\n"
            "The measures, which apply from next season, include:\n\n"
            "a cut in the allowable catch of bluefin tuna\n\n"
            "observers on board every large vessel\n\n"
            "a shared satellite tracking system for licensed boats\n\n"
            "Two member states entered reservations on the observer requirement, citing its cost.\n")
    doc = clean_string(page)
    assert doc.text.startswith("Fisheries ministers agreed in Lisbon")
    assert "include:\n\na cut in the allowable catch of bluefin tuna\n\nobservers on board" in doc.text
    assert doc.text.endswith("citing its cost.")


def test_an_about_the_organisation_heading_ends_the_article():
    page = ("Council agrees new catch limits\n\n"
            "The council agreed new catch limits for tuna on Friday after three days of talks in Lisbon.\n\n"
            "The limits will be reviewed next year on the basis of an updated stock assessment.\n\n"
            "About the Regional Fisheries Council\n\n"
            "The council is an intergovernmental organisation set up in 1994 to manage migratory fish stocks.\n")
    doc = clean_string(page)
    assert doc.text.endswith("an updated stock assessment.")
    assert "intergovernmental organisation" not in doc.text


def test_a_row_of_capitalised_words_with_a_hyphenated_item_is_a_menu():
    doc = clean_string("Region Politics Sport Weather E-paper\n\n"
                       "Flood crest expected in border towns overnight\n\n"
                       "Water levels on the river kept rising on Tuesday, and emergency services were on alert.\n")
    assert doc.title == "Flood crest expected in border towns overnight"
    assert kinds_of(doc, "E-paper") == {"navigation"}


# --- HTML: the page furniture trafilatura lets through (html_*.html) ------------------------------


def clean_html_string(page: str) -> Document:
    return clean(RawInput(doc="inline", content=page, format="html", origin="inline"))


@pytest.fixture(scope="module")
def press_html() -> Document:
    return clean_fixture("html_press_release.html")


@pytest.fixture(scope="module")
def paywall_html() -> Document:
    return clean_fixture("html_paywall.html")


@pytest.fixture(scope="module")
def boxes_html() -> Document:
    return clean_fixture("html_boxes.html")


@pytest.fixture(scope="module")
def live_html() -> Document:
    return clean_fixture("html_live.html")


@pytest.fixture(scope="module")
def prose_html() -> Document:
    return clean_fixture("html_article_prose.html")


def test_html_the_close_of_a_press_release_ends_the_article(press_html):
    assert press_html.text.endswith("keep their current contracts and pension rights.")
    for furniture in ("ENDS", "Notes to editors", "640 kilometres", "Press office", "newsdesk@", "0123 456 7890"):
        assert furniture not in press_html.text


def test_html_the_furniture_after_the_article_is_kept_as_blocks_but_not_as_text(press_html):
    assert kinds_of(press_html, "Notes to editors") == {"navigation"}
    assert kinds_of(press_html, "Track access charges will be published") == {"teaser"}


def test_html_a_paywall_prompt_ends_the_article(paywall_html):
    assert paywall_html.text.endswith("until at least October.")
    for furniture in ("Continue reading", "free articles", "Unlimited reading", "Already a subscriber"):
        assert furniture not in paywall_html.text


def test_html_a_paragraph_marked_as_the_standfirst_is_not_text(paywall_html):
    assert kinds_of(paywall_html, "Processing fees for copper concentrate") == {"teaser"}
    assert paywall_html.text.startswith("Several of the world's largest copper smelters")


def test_html_a_one_sentence_dek_marked_as_the_lead_is_not_text():
    doc = clean_fixture("html_lead_dek.html")
    assert kinds_of(doc, "Farm lobbies on both sides") == {"teaser"}
    assert doc.text.startswith("Negotiators from the two neighbouring countries")


def test_html_a_news_lead_marked_as_the_lead_stays_in_the_text(prose_html):
    assert prose_html.text.startswith("The foreign ministry said on Tuesday")


def test_html_a_summary_box_above_the_text_is_left_out(boxes_html):
    assert kinds_of(boxes_html, "Key points") == {"navigation"}
    assert kinds_of(boxes_html, "Three states set joint catch limits") == {"teaser"}
    assert boxes_html.text.startswith("The three states that share the great lake")


def test_html_an_advert_inside_the_article_is_left_out(boxes_html):
    assert "Advertisement" not in boxes_html.text
    assert "Fast loans" not in boxes_html.text
    assert "Fishing cooperatives on the northern shore" in boxes_html.text


def test_html_a_newsletter_sign_up_and_its_blurb_are_left_out(boxes_html):
    assert kinds_of(boxes_html, "Sign up for the Waters Weekly") == {"form"}
    assert kinds_of(boxes_html, "Our newsletter on rivers") == {"form"}
    assert "The ministers will meet again in March" in boxes_html.text


def test_html_a_reporting_credit_line_is_not_text(boxes_html):
    assert "Reporting by" not in boxes_html.text
    assert boxes_html.text.endswith("extended to a third month.")


def test_html_live_entry_times_are_not_text(live_html):
    for time in ("16:45", "15:10", "13:30"):
        assert time not in live_html.text
    assert "Schools in the three coastal districts" in live_html.text


def test_html_a_gallery_counter_and_its_slide_caption_are_not_text(live_html):
    assert kinds_of(live_html, "3 of 8") == {"navigation"}
    assert kinds_of(live_html, "Fishermen pulled their boats") == {"caption"}


def test_html_a_site_footer_named_in_a_data_attribute_is_pruned():
    doc = clean_fixture("html_app_footer.html")
    assert doc.text.endswith("lost millions in spoiled cargo.")
    assert "partner agencies" not in doc.text


def test_html_stock_phrases_labels_and_dates_inside_prose_do_not_make_it_furniture(prose_html):
    for sentence in ("was not responsible for the flooding and would not accept all of the claims",
                     "Energy: the dam supplies a third", "The inquiry is due to report on March 3, 2026.",
                     "keep their free articles behind a registration wall"):
        assert sentence in prose_html.text


def test_html_a_subheading_stays_in_the_text(prose_html):
    assert "\n\nReactions\n\n" in prose_html.text


def test_html_furniture_early_in_the_text_does_not_end_it():
    paragraphs = "".join(
        f"<p>The delegations met for the {n} time on Monday to discuss the water-sharing treaty, officials said, "
        f"and agreed to exchange data on river flows every week during the dry season.</p>"
        for n in ("first", "second", "third", "fourth"))
    page = ("<html><head><title>Water talks</title></head><body><article><h1>Water talks</h1>"
            "<p>Talks on water sharing resumed on Monday in the capital, officials said.</p><p>Comments</p>"
            f"{paragraphs}</article></body></html>")
    doc = clean_html_string(page)
    assert doc.text.startswith("Talks on water sharing resumed")
    assert doc.text.endswith("during the dry season.")
    assert "fourth time" in doc.text
