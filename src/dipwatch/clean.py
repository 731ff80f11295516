"""Cleaning: from a scraped page to one clean, dated, attributed article.

    clean(raw) -> Document

HTML goes through trafilatura (main text, title, site; favour precision) and htmldate (the page's
own published date); the furniture trafilatura lets through (a paywall prompt, the close of a press
release, an advert, a sign-up box, live-entry times, a standfirst its markup names) is then taken out
with the rules of the text classifier below that are safe on article text (html_article_lines).
Where trafilatura returns a page's layout table as "| cell |" rows, the page is flattened to text and
goes through the text classifier instead. Flattened text - a page dumped to
text with its menus, captions, banners and footers - has no library that cleans it, so it goes
through the small data-driven classifier below:

1. split the page into lines (hard-wrapped paragraphs are joined back), detect each line's language
   (stop words first, lingua only where they do not settle it: see language.py);
2. give each line a kind from its own features: length, sentence punctuation, stop-word density
   (jusText's idea), link-like tokens, runs of menu items or buttons, stock phrases of page furniture
   (data/clean/blocks.toml), repetition and its neighbours (a line above an image credit is a caption,
   the copy under an advertising label is the advert, the lines of a newsletter box between its
   heading and its button are the box, a paragraph repeated inside another is a pull quote);
3. pick the article: the run of prose between page furniture that holds the most text, in the
   document's language. Furniture that ends an article (comments, related stories, tags, a bio,
   a paywall prompt, the close of a press release) ends the run; boxes set inside articles (newsletter
   sign-ups, adverts, sponsored widgets, summary boxes, galleries, tables of figures) do not. Inside the
   run, several short unclassified lines between two paragraphs (a title block, a menu) part two texts,
   and the one holding the most prose is the article.
   The title is the headline-like line above it, the date the dateline nearest it;
4. read outlet, original source and content-farm signals, and score the text for spinning (spin.py).
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import re
import tomllib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from itertools import islice
from typing import TYPE_CHECKING

from dipwatch import language, spin
from dipwatch.models import Block, BlockKind, Document, RawInput

if TYPE_CHECKING:
    from lxml.html import HtmlElement

TERMINAL = (".", "!", "?", "…", ".”", '."', "?”", '?"', "!”", "”", '"', ".’", ")")
DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/?$", re.IGNORECASE)
DOMAIN_INSIDE = re.compile(r"\b(?:www\.)?[a-z0-9-]+\.(?:com|org|net|info|news|co|io|tv|[a-z]{2})\b", re.IGNORECASE)
TRACKING_ID = re.compile(r"^(?=\S*\d)(?=\S*[A-Za-z])[A-Za-z0-9_-]+$")
WORDS = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
MENU_GAP = re.compile(r"\s{2,}|\s[|·•›»/]\s|^\||\|$")
BRACKET_CREDIT = re.compile(r"[\[(]([^\[\]()]{3,120})[\])]\s*$")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘A-Z0-9])")
WIRE_PREFIX = re.compile(
    r"^(?:[A-Z][A-Z.' -]{1,40}(?:,\s*[\w.]{3,10}\s*\d{1,2}(?:,\s*\d{4})?)?\s+)?"
    r"\(([A-Z][\w .&-]{1,40})\)\s*(?:[-–—]+|:)?\s*"
    # or a city written in lower case, then the dash is required: "Hanoi (HDO) - "
    r"|^[A-Z][a-z]+(?: [A-Z][a-z]+)?\s+\(([A-Z][\w .&-]{1,40})\)\s*[-–—]+\s*"
)
LEAD_DATELINE = re.compile(
    r"^[A-Z][A-Z.' -]{1,40},\s*(?P<when>[A-Za-z]{3,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)\b(?:\s*\([^)]{2,40}\))?\s*[-–—]"
)
TRAILING_CREDIT = re.compile(r"(?:^|\s)([A-Za-z]+(?: [A-Za-z]+)?)\s*:\s*[^:.!?]{2,80}$")
HTML_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "td", "th", "tr", "ul", "time",
})
META_SEPARATOR = re.compile(r"\s[·|•]\s")
LINK_TOKEN = re.compile(r"^(?:https?://|www\.)|^\[\d+\]")
BUTTON_WORD = re.compile(r"[^\W_]+(?:['’&+-][^\W_]+)*")
NAME_PARTS = re.compile(r"[^a-z0-9]+")  # "article__standfirst" -> "article", "standfirst"
FOOTER_COPYRIGHT = re.compile(r"^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:19|20)\d\d\b", re.IGNORECASE)
BYLINE = re.compile(r"^(?:by|von|par|por|di)\s+[A-Z]", re.IGNORECASE)
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?:[/-]|\.html?|$)")
ACCORDING_TO = re.compile(r"\b(?i:according to) (?:the )?(?:[\w'’-]+ ){0,3}?([A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,5})"
                          r"(?: \(([A-Z]{2,7})\))?")
OUTLET_SUBJECT = re.compile(r"^([A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,3}) (?:provides|is not responsible|does not|"
                            r"shall not|makes no|accepts no)\b")
COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*)?((?-i:[A-Z][\w&'-]*(?: [A-Z][\w&'-]*){0,3}))",
                       re.IGNORECASE)


# ---------------------------------------------------------------------------
# Settings: every word list and threshold comes from data/clean/.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanSettings:
    """The classifier's thresholds and phrase lists, the known news agencies, and the other stages' settings."""

    thresholds: dict[str, float]
    phrases: dict[str, frozenset[str]]  # end_markers, form, cookie, disclaimer, navigation, signup, ...
    section_prefixes: tuple[str, ...]  # "more from": a short heading opening the list of other stories
    inline_prefixes: tuple[str, ...]  # "read more": a link to another story inside the article
    signup_buttons: frozenset[str]
    credit_line_leads: tuple[str, ...]  # "Reporting by": who reported or edited the story
    signup_heading_words: frozenset[str]
    bio_cues: tuple[str, ...]
    credit_lead_words: frozenset[str]
    credit_marks: tuple[str, ...]
    section_labels: frozenset[str]
    title_separators: tuple[str, ...]
    source_labels: tuple[str, ...]
    reporting_words: frozenset[str]  # a lead with these is news, not a standfirst
    date_patterns: tuple[re.Pattern[str], ...]
    month_day: re.Pattern[str]
    dateline_other_words: int
    agencies: dict[str, str]  # lower-cased name or acronym -> the name to report (acronym where there is one)
    languages: language.LanguageSettings
    spin: spin.SpinSettings
    cookie_words: frozenset[str] = frozenset()  # "cookies" beside one of cookie_context: a cookie banner
    cookie_context: frozenset[str] = frozenset()
    counter: re.Pattern[str] = re.compile(r"$^")  # a gallery's "3 of 12"
    time_link: re.Pattern[str] = re.compile(r"$^")  # a live page's "13:05 Talks resume"
    number_cell: re.Pattern[str] = re.compile(r"$^")  # a table's figure: "15.2", "+24%"
    clock: re.Pattern[str] = re.compile(r"$^")  # a live entry's time: "14:32", "Updated 09:15", "5 min ago"
    email: re.Pattern[str] = re.compile(r"$^")
    standfirst_classes: frozenset[str] = frozenset()  # HTML class-name parts of a standfirst ("standfirst", "dek")
    weak_standfirst_classes: frozenset[str] = frozenset()  # parts that also mark a first paragraph ("lead")
    prune_xpath: tuple[str, ...] = ()  # HTML: page regions dropped before extraction (site footers)


PHRASE_CLASSES = ("end_markers", "form", "cookie", "disclaimer", "navigation", "signup", "tail_labels", "paywall")


def _data(name: str) -> str:
    return resources.files("dipwatch").joinpath("data", "clean", name).read_text(encoding="utf-8")


@cache
def load_settings() -> CleanSettings:
    """Read the cleaner's data files (cached: read once per process)."""
    data = tomllib.loads(_data("blocks.toml"))
    month = data["dateline"]["month"]
    lower = lambda items: frozenset(s.lower() for s in items)  # noqa: E731 - a one-line helper
    return CleanSettings(
        thresholds=data["thresholds"] | {"section_max_words": data["end_prefixes"]["section_max_words"],
                                         "ad_copy_max_chars": data["ads"]["copy_max_chars"],
                                         "signup_box_max_chars": data["signup"]["box_max_chars"],
                                         "cover_min_items": data["navigation"]["cover_min_items"],
                                         "summary_item_max_chars": data["summary"]["item_max_chars"],
                                         "summary_max_items": data["summary"]["max_items"]},
        phrases=_phrase_classes(data),
        section_prefixes=tuple(data["end_prefixes"]["section"]),
        inline_prefixes=tuple(data["end_prefixes"]["inline"]),
        signup_buttons=lower(data["signup"]["buttons"]),
        credit_line_leads=tuple(data["credit_lines"]["leads"]),
        signup_heading_words=lower(data["signup"]["heading_words"]),
        bio_cues=tuple(data["bio"]["cues"]),
        credit_lead_words=lower(data["credit"]["lead_words"]),
        credit_marks=tuple(data["credit"]["marks"]),
        section_labels=lower(data["title"]["section_labels"]),
        title_separators=tuple(data["title"]["separators"]),
        source_labels=tuple(data["source"]["labels"]),
        reporting_words=lower(data["lead"]["reporting_words"]),
        date_patterns=tuple(re.compile(p.replace("{month}", month), re.IGNORECASE)
                            for p in data["dateline"]["patterns"]),
        month_day=re.compile(data["dateline"]["month_day"].replace("{month}", month), re.IGNORECASE),
        dateline_other_words=int(data["dateline"]["max_other_words"]),
        agencies=_load_agencies(),
        languages=language.load_language_settings(),
        spin=spin.load_spin_settings(),
        cookie_words=lower(data["cookie_context"]["cookie_words"]),
        cookie_context=lower(data["cookie_context"]["words"]),
        counter=re.compile(data["shapes"]["counter"], re.IGNORECASE),
        time_link=re.compile(data["shapes"]["time_link"], re.IGNORECASE),
        number_cell=re.compile(data["shapes"]["number_cell"], re.IGNORECASE),
        clock=re.compile(data["shapes"]["clock"], re.IGNORECASE),
        email=re.compile(data["shapes"]["email"], re.IGNORECASE),
        standfirst_classes=lower(data["standfirst"]["classes"]),
        weak_standfirst_classes=lower(data["standfirst"]["weak_classes"]),
        prune_xpath=tuple(data["html"]["prune_xpath"]),
    )


def _phrase_classes(data: dict) -> dict[str, frozenset[str]]:
    phrases = {k: frozenset(p.lower() for p in data[k]["phrases"]) for k in PHRASE_CLASSES}
    phrases["ads"] = frozenset(p.lower() for p in data["ads"]["labels"])
    phrases["summary"] = frozenset(p.lower() for p in data["summary"]["labels"])
    # a row of buttons may mix menu items with end-of-article labels ("Share", "Comments")
    phrases["buttons"] = phrases["navigation"] | phrases["end_markers"]
    return phrases


def _load_agencies() -> dict[str, str]:
    rows = [line for line in _data("agencies.csv").splitlines() if line.strip() and not line.startswith("#")]
    agencies: dict[str, str] = {}
    for row in csv.DictReader(rows):
        report = row["acronym"] or row["name"]
        agencies[row["name"].lower()] = report
        if row["acronym"]:
            agencies[row["acronym"].lower()] = report
    return agencies


# ---------------------------------------------------------------------------
# The front door
# ---------------------------------------------------------------------------


def clean(raw: RawInput, settings: CleanSettings | None = None) -> Document:
    """Turn one raw input into a :class:`Document` with its main text and metadata."""
    settings = settings or load_settings()
    if raw.format == "html":
        doc = clean_html(raw, settings)
    elif _is_single_passage(raw.content):
        doc = _single_passage(raw, settings)
    else:
        doc = clean_text(raw, settings)
    doc.url, doc.origin = raw.url, raw.origin
    doc.content_hash = hashlib.sha256(raw.content.encode("utf-8", errors="replace")).hexdigest()
    if raw.published:
        doc.published, doc.published_text = raw.published, raw.published
    if doc.text:
        verdict = spin.detect_spin(doc.text, settings.spin)
        doc.spun, doc.spun_evidence = verdict.spun, verdict.evidence
    return doc


def _is_single_passage(content: str) -> bool:
    """A sentence or a short paragraph (JSONL sentence-level input): nothing to strip from it."""
    stripped = content.strip()
    return "\n" not in stripped and len(stripped) <= 600


def _single_passage(raw: RawInput, settings: CleanSettings) -> Document:
    text = raw.content.strip()
    lang = language.detect(text, language.build_detector(settings.languages.codes), settings.languages,
                           fallback="en")
    return Document(doc=raw.doc, text=text, language=lang, blocks=[Block(text=text, kind="body", language=lang)])


# ---------------------------------------------------------------------------
# Flattened text: lines and their features
# ---------------------------------------------------------------------------


@dataclass
class Line:
    """One line of a flattened page, with what the classifier learnt about it."""

    text: str  # whitespace collapsed, no-break spaces made plain
    group: int  # index of the blank-line-separated block it came from
    raw: str  # the line as found (menu rows keep their gaps here)
    language: str | None = None
    kind: BlockKind = "other"
    heading: bool = False  # short, headline-like: a title or subheading candidate
    prose: bool = False
    breaks: bool = False  # page furniture that ends a run of article text
    after_end_marker: bool = False
    repeated: bool = False  # the same text appears elsewhere on the page
    furniture: bool = False  # HTML path: page furniture trafilatura let through (see html_article_lines)

    def reclassify(self, kind: BlockKind) -> None:
        """Make the line one of ``kind`` (a caption, a box, a teaser): neither prose nor a heading any more."""
        self.kind, self.prose, self.heading = kind, False, False


def split_lines(content: str, settings: CleanSettings) -> list[Line]:
    """Split a flattened page into lines; hard-wrapped paragraphs come back as one line each."""
    lines: list[Line] = []
    groups = re.split(r"\n\s*\n", content.replace("\r\n", "\n").replace("\r", "\n"))
    for index, group in enumerate(groups):
        raw_lines = [ln for ln in group.split("\n") if ln.replace("\u00a0", " ").strip()]
        for text in _unwrap(raw_lines):
            lines.append(Line(text=_squash(text), group=index, raw=text))
    return lines


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _unwrap(raw_lines: list[str]) -> list[str]:
    """Join the lines of a hard-wrapped paragraph (all but the last of similar, prose-like length)."""
    if len(raw_lines) < 3:
        return raw_lines
    inner = [ln.strip() for ln in raw_lines[:-1]]
    widths = [len(ln) for ln in inner]
    # Hand-written: no library unwraps flattened text. Wrapped prose has near-equal line widths at a
    # wrap column, most lines stop mid-sentence, and no line repeats the one before (captions do).
    wrapped = (min(widths) >= 55 and max(widths) <= 100 and max(widths) - min(widths) <= 25
               and sum(not ln.endswith(TERMINAL) for ln in inner) * 2 >= len(inner)
               and len(set(inner)) == len(inner))
    return [" ".join(ln.strip() for ln in raw_lines)] if wrapped else raw_lines


def _words(text: str) -> list[str]:
    return WORDS.findall(text)


def _lower_words(text: str) -> set[str]:
    return {w.lower() for w in _words(text)}


def _stopword_share(words: list[str], lang: str | None) -> float:
    """Share of words that are stop words of ``lang`` (jusText's lists); 1.0 where none is known."""
    stops = language.stop_words(lang)
    if not stops:
        return 1.0
    return sum(w.lower() in stops for w in words) / len(words) if words else 0.0


def _has_phrase(text: str, phrases: frozenset[str] | tuple[str, ...]) -> bool:
    return bool(_phrase_pattern(phrases).search(text.lower()))


@cache
def _phrase_pattern(phrases: frozenset[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One regular expression matching any of ``phrases`` (a single search instead of one per phrase)."""
    return re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))


def _is_phrase(text: str, phrases: frozenset[str]) -> bool:
    """The whole line is one of ``phrases``, give or take punctuation and a count ("3 Comments", "Tags (4)")."""
    if len(text) > 80:  # longer than any phrase with its count: skip the work on paragraphs
        return False
    bare = re.sub(r"[\d()\[\]]+", " ", text.lower())
    return " ".join(bare.split()).strip(" :.!|*•-–—»›") in phrases


# ---------------------------------------------------------------------------
# Flattened text: classifying each line on its own features
# ---------------------------------------------------------------------------


def is_dateline(text: str, settings: CleanSettings) -> bool:
    """A short line that is mostly a date ("6:27 AM EDT, April 19, 2024", "Published: 2024-04-19")."""
    if len(text) > settings.thresholds["dateline_max_chars"]:
        return False
    match = _date_match(text, settings)
    if match is None:
        return False
    rest = text[:match.start()] + " " + text[match.end():]
    if len([w for w in _words(rest) if len(w) > 2]) <= settings.dateline_other_words:
        return True
    # A byline row of short fields around the date: "Name, role · 2 February 2026 · 6 min read".
    fields = [f for f in META_SEPARATOR.split(text) if f.strip()]
    return len(fields) >= 2 and all(len(_words(f)) <= 4 or _date_match(f, settings) for f in fields) and \
        any(is_dateline(f, settings) for f in fields)


def is_word_menu(text: str, lang: str | None) -> bool:
    """A row of capitalised single-word menu items run together: "Climate Space Health Physics Podcast"."""
    words = text.split()
    # Hand-written: a headline in title case has function words ("of", "the") or punctuation; a menu has neither.
    return (len(words) >= 5 and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
            and not any(w.lower() in language.stop_words(lang) for w in words))


def _date_match(text: str, settings: CleanSettings) -> re.Match[str] | None:
    for pattern in settings.date_patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def parse_dateline(text: str, settings: CleanSettings) -> str | None:
    """The YYYY-MM-DD of a dateline, or None when it does not name a whole, valid day."""
    match = _date_match(text, settings)
    if match is None:
        return None
    parts = match.groupdict()
    # Hand-written rather than dateparser: the pattern has already isolated day, month and year, and
    # dateparser costs ~20 ms a call here (most of the cleaning time).
    if parts.get("a"):
        return _unambiguous_numeric(int(parts["a"]), int(parts["b"]), int(parts["y"]))
    month = int(parts["m"]) if parts.get("m") else _month_number(parts["mon"])
    return _iso(int(parts["y"]), month, int(parts["d"]))


def _unambiguous_numeric(a: int, b: int, year: int) -> str | None:
    """a/b/year as a day: only when one of a and b cannot be a month (14/09 or 09/14); else None."""
    if a > 12 >= b:
        return _iso(year, b, a)
    if b > 12 >= a:
        return _iso(year, a, b)
    return None


def _month_number(name: str) -> int:
    return [m.lower() for m in calendar.month_abbr].index(name[:3].lower())


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def is_credit(text: str, settings: CleanSettings) -> bool:
    """An image credit line: "Photo: AFP", "Images source: © Licensor", "Bild generiert von KI"."""
    if len(text) > 120:
        return False
    first = re.split(r"[\s:]+", text.lower(), maxsplit=1)[0]
    return first in settings.credit_lead_words or _has_phrase(text, settings.credit_marks)


def has_bracketed_credit(text: str, settings: CleanSettings) -> bool:
    """A caption ending in its credit: "... in Pyongyang on June 19, 2024 [Name/Agency Photo via AP]"."""
    match = BRACKET_CREDIT.search(text) if text.endswith(("]", ")")) else None
    return bool(match) and ("/" in match.group(1) or _has_phrase(match.group(1), settings.credit_marks)
                            or match.group(1).split()[0].lower().rstrip(":") in settings.credit_lead_words)


def is_menu_row(line: Line, settings: CleanSettings) -> bool:
    """A row of menu items: several short items separated by wide gaps or pipes, no sentence."""
    if line.text.endswith("."):
        return False
    items = [i for i in MENU_GAP.split(line.raw.replace("\u00a0", " ").strip()) if i.strip()]
    gaps = len(MENU_GAP.findall(line.raw.replace("\u00a0", " ").strip()))
    short_items = all(len(i.split()) <= 4 for i in items)
    separators = len(re.findall(r"\s[|·•›»/]\s", line.text))
    return ((gaps >= settings.thresholds["nav_min_gaps"] or separators >= 2) and short_items
            and not line.text.endswith("."))


def is_bio(text: str, settings: CleanSettings) -> bool:
    """An author biography: two or more of the stock phrases of bios."""
    lowered = text.lower()
    return len(set(_phrase_pattern(settings.bio_cues).findall(lowered))) >= 2


def is_prose(text: str, lang: str | None, settings: CleanSettings) -> bool:
    """Sentences: enough words, full of stop words, and ending like a sentence (or long)."""
    limits = settings.thresholds
    words = _words(text)
    if len(words) < 5 or _stopword_share(words, lang) < limits["body_min_stopword_density"]:
        return False
    return text.endswith(TERMINAL) or len(text) >= limits["long_body_chars"]


def is_heading(text: str, settings: CleanSettings) -> bool:
    """Headline-like: a few words, no closing full stop, starting with a capital or a digit."""
    words = text.split()
    return (0 < len(words) <= settings.thresholds["title_max_words"] and not text.endswith((".", ",", ";", ":"))
            and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"))


def classify_line(line: Line, settings: CleanSettings) -> None:
    """Set ``line.kind`` and its flags from the line's own features (neighbours come later)."""
    text = line.text
    kind, breaks = _furniture_kind(line, settings)
    if kind is None:
        if is_prose(text, line.language, settings):
            kind, line.prose = "body", True
        elif is_heading(text, settings):
            kind, line.heading = "other", True
        else:
            kind = "other"
    line.kind, line.breaks = kind, breaks


def _furniture_kind(line: Line, settings: CleanSettings, in_prose: bool = False) -> tuple[BlockKind | None, bool]:
    """The kind of a line of page furniture, and whether it ends the article's run; (None, False) for others.

    With ``in_prose`` (the line is a paragraph of prose from an extracted article), only the checks that
    an article's own sentences cannot meet apply: the line's shape decides (a credit line, a link, a
    slogan), never a stock phrase, a label or a date inside it ("not responsible for", "Energy: ...")."""
    text, phrases, limits = line.text, settings.phrases, settings.thresholds
    # Checked lazily, in order: the first that matches decides (most lines are prose and match none).
    # The last item says whether the check is safe on a paragraph of an article's prose.
    checks: list[tuple[Callable[[], bool], BlockKind, bool, bool]] = [
        (lambda: _is_phrase(text, phrases["end_markers"]), "navigation", True, True),
        (lambda: is_section_heading(text, settings), "navigation", True, True),
        (lambda: bool(FOOTER_COPYRIGHT.match(text)) and len(text) < 300, "disclaimer", True, True),
        (lambda: len(text) < 200 and _has_phrase(text, phrases["form"]), "form", True, False),
        (lambda: len(text) < 200 and _has_phrase(text, phrases["signup"]), "form", False, False),
        (lambda: len(text) < 300 and (_has_phrase(text, phrases["cookie"]) or is_cookie_notice(text, settings)),
         "other", True, False),
        (lambda: len(text) < 300 and _has_phrase(text, phrases["paywall"]), "other", True, False),
        (lambda: len(text) < 600 and _has_phrase(text, phrases["disclaimer"]), "disclaimer", True, False),
        (lambda: _source_line(text, settings) is not None, "other", True, True),
        (lambda: is_bio(text, settings), "bio", True, False),
        (lambda: len(text) >= limits["tracking_id_min_chars"] and bool(TRACKING_ID.match(text)), "other", False,
         True),
        (lambda: is_dateline(text, settings), "dateline", False, False),
        (lambda: is_credit(text, settings), "caption", False, False),
        (lambda: len(text) <= limits["caption_max_chars"] and (has_bracketed_credit(text, settings)
                                                               or has_trailing_credit(text, settings)),
         "caption", False, True),
        (lambda: bool(DOMAIN.match(text)), "navigation", False, True),
        (lambda: len(text) < 300 and bool(_prefix(text.lstrip("("), settings.credit_line_leads)), "other", False,
         True),
        (lambda: is_inline_link(text, settings), "teaser", False, True),
        (lambda: _is_phrase(text, phrases["navigation"]), "navigation", False, True),
        (lambda: _mostly_links(text), "navigation", False, True),
        (lambda: _labelled(text, phrases["tail_labels"]), "navigation", True, False),
        (lambda: _labelled_furniture(text, settings), "navigation", False, False),
        (lambda: is_menu_row(line, settings), "navigation", False, True),
        (lambda: is_button_row(text, settings), "navigation", False, True),
        (lambda: is_word_menu(text, line.language), "navigation", False, False),  # prose never is one
        (lambda: bool(settings.counter.match(text)), "navigation", False, True),
        (lambda: len(text) <= 40 and bool(settings.clock.match(text)), "navigation", False, True),
        (lambda: len(text) <= 120 and bool(settings.email.search(text)), "navigation", False, True),
        (lambda: is_time_link(text, settings), "teaser", False, True),
        (lambda: is_slogan(text, 3), "other", False, True),
    ]
    for matched, kind, breaks, safe_in_prose in checks:
        if (safe_in_prose or not in_prose) and matched():
            return kind, breaks
    return None, False


def is_cookie_notice(text: str, settings: CleanSettings) -> bool:
    """A cookie banner's sentence, however worded: "cookies" beside a word of websites and consent."""
    words = _lower_words(text)
    return bool(words & settings.cookie_words) and bool(words & settings.cookie_context)


def is_time_link(text: str, settings: CleanSettings) -> bool:
    """A live page's link to one of its entries: a short line opening with a clock time ("13:05 Talks resume")."""
    return (bool(settings.time_link.match(text)) and not text.endswith(".")
            and len(text.split()) <= settings.thresholds["time_link_max_words"])


def _mostly_links(text: str) -> bool:
    """Half the tokens or more are URLs or link references ("[12]Home"): a row of links."""
    if "http" not in text and "www." not in text and "[" not in text:
        return False
    tokens = text.split()
    links = sum(bool(LINK_TOKEN.search(t)) for t in tokens)
    return bool(tokens) and links * 2 >= len(tokens)


def _labelled_furniture(text: str, settings: CleanSettings) -> bool:
    """A line labelled as page furniture: "Newsletter: Sign up ...", "Advertisement: ..."."""
    label, _, rest = text.partition(":")
    if label.strip().lower() in settings.section_labels and len(rest.split()) >= 4:
        return False  # a headline under a section label ("Live: storm makes landfall on the coast")
    return _labelled(text, settings.phrases["navigation"]) or _labelled(text, settings.phrases["end_markers"])


def _labelled(text: str, labels: frozenset[str]) -> bool:
    label, sep, _ = text.partition(":")
    return bool(sep) and len(text) <= 250 and _is_phrase(label, labels)


def _prefix(text: str, prefixes: Sequence[str]) -> str | None:
    """The prefix of ``prefixes`` that ``text`` starts with as whole words, else None."""
    lowered = text.lower()
    for prefix in prefixes:
        if lowered.startswith(prefix) and lowered[len(prefix):len(prefix) + 1] in (" ", ":"):
            return prefix
    return None


def is_section_heading(text: str, settings: CleanSettings) -> bool:
    """A short heading opening the page's list of other stories: "More from Climate", "More on: Trade"."""
    prefix = _prefix(text, settings.section_prefixes)
    return bool(prefix) and not text.endswith(".") and \
        len(text[len(prefix):].split()) <= settings.thresholds["section_max_words"]


def is_inline_link(text: str, settings: CleanSettings) -> bool:
    """A link to another story set inside the article: "Read more: ...", "READ MORE How close is ...?"."""
    return len(text) < 200 and not text.endswith(".") and bool(_prefix(text, settings.inline_prefixes)) \
        and len(text.split()) > 2


def has_trailing_credit(text: str, settings: CleanSettings) -> bool:
    """A caption ending in its credit: "... near a tourist ice grotto. Photograph: Name/Agency"."""
    match = TRAILING_CREDIT.search(text) if ":" in text else None
    if not match or match.start() == 0:
        return False
    label = match.group(1).lower().split()
    return label[-1] in settings.credit_lead_words or label[0] in settings.credit_lead_words


def is_button_row(text: str, settings: CleanSettings) -> bool:
    """A line made only of menu items or buttons, without separators: "Share on Facebook Share on X Email"."""
    # Hand-written: a greedy cover of the line by the navigation phrases, longest phrase first. Words
    # are read only as far as the cover gets: most lines fail on their first word.
    words = (m.group().lower() for m in BUTTON_WORD.finditer(text) if not m.group().isdigit())
    items, phrases = 0, settings.phrases["buttons"]
    ahead = list(islice(words, 4))
    while ahead:
        size = next((n for n in (4, 3, 2, 1) if n <= len(ahead) and " ".join(ahead[:n]) in phrases), 0)
        if not size:
            return False
        items, ahead = items + 1, ahead[size:] + list(islice(words, size))
    return items >= settings.thresholds["cover_min_items"]


def is_slogan(text: str, min_sentences: int) -> bool:
    """Advert copy: a short line of several very short sentences ("Cloud GPUs on demand. Try free.").

    Quoted speech is never advert copy ("“No. Never. Not again,” he said.")."""
    if len(text) > 150 or any(mark in text for mark in "“”\"«»„"):
        return False
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    sizes = [len(s.split()) for s in sentences]
    return len(sentences) >= min_sentences and max(sizes) <= 10 and sum(sizes) / len(sizes) <= 7


def _source_line(text: str, settings: CleanSettings) -> str | None:
    """The name in a "Original Source: X" line, else None."""
    label, sep, value = text.partition(":")
    if not sep or len(text) > 120 or label.strip().lower() not in settings.source_labels:
        return None
    value = value.strip().rstrip(".")
    if "," in value or len(value.split()) > settings.thresholds["source_max_words"]:
        return None  # a table's or chart's note ("Source: customs data, own calculations"), not a byline
    domain = DOMAIN.match(value)
    return domain.group(1).lower() if domain else (value or None)


# ---------------------------------------------------------------------------
# Flattened text: neighbours, the article's run, title, date
# ---------------------------------------------------------------------------


def mark_captions(lines: list[Line], settings: CleanSettings) -> None:
    """A line directly above an image credit in the same block is that image's caption."""
    for before, credit in zip(lines, lines[1:], strict=False):
        if credit.kind == "caption" and before.group == credit.group and len(before.text) <= 400 \
                and before.kind in ("other", "body"):
            before.reclassify("caption")
    for counter, after in zip(lines, lines[1:], strict=False):
        # A gallery's slide: its counter ("3 of 12"), then the caption.
        if settings.counter.match(counter.text) and after.kind in ("other", "body") \
                and len(after.text) <= settings.thresholds["caption_max_chars"]:
            after.reclassify("caption")
    for before, after in zip(lines, lines[1:], strict=False):
        # A caption printed twice (image alt text and caption) is a caption both times.
        if after.kind == "caption" and before.text == after.text:
            before.reclassify("caption")


def mark_boxes(lines: list[Line], settings: CleanSettings) -> None:
    """Adverts and newsletter boxes set among the article's paragraphs are furniture, line by line.

    The copy right under an advertising label is the advert when it reads like one (short sentences);
    a short line between a sign-up phrase or box heading and the box's button belongs to the box.
    """
    for index, label in enumerate(lines):
        if _is_phrase(label.text, settings.phrases["ads"]):
            _mark_advert(lines[index + 1:])
    anchors = [i for i, line in enumerate(lines) if _signup_anchor(line, settings)]
    for first, last in zip(anchors, anchors[1:], strict=False):
        if last - first > 3:
            continue
        for line in lines[first:last + 1]:
            if len(line.text) <= settings.thresholds["signup_box_max_chars"] and not line.breaks:
                line.reclassify("form")


def mark_summary_boxes(lines: list[Line], settings: CleanSettings) -> None:
    """The short items under a summary box's label ("Key points:") restate the article: teaser, not text."""
    limits = settings.thresholds
    for index, label in enumerate(lines):
        if not _is_phrase(label.text, settings.phrases["summary"]):
            continue
        label.kind, label.heading = "navigation", False
        longest = 0
        for item in lines[index + 1:index + 1 + int(limits["summary_max_items"])]:
            # the article's first paragraph, right under the box, is much longer than the box's items
            limit = min(limits["summary_item_max_chars"], 2 * longest or limits["summary_item_max_chars"])
            if item.kind not in ("other", "body") or len(item.text) > limit:
                break
            item.reclassify("teaser")
            longest = max(longest, len(item.text))


def _mark_advert(after: list[Line]) -> None:
    """The lines under an advertising label up to the next paragraph: advert copy or widget links."""
    for line in after:
        if line.breaks or (line.prose and not is_slogan(line.text, 2)):
            return
        if line.kind in ("other", "body"):
            line.reclassify("teaser")


def _signup_anchor(line: Line, settings: CleanSettings) -> bool:
    lowered = line.text.lower()
    box_heading = (line.heading and len(line.text.split()) <= 6
                   and bool(_lower_words(line.text) & settings.signup_heading_words))
    return (box_heading or lowered.strip(" .!›»") in settings.signup_buttons
            or (line.kind == "form" and not line.breaks))


def mark_pull_quotes(lines: list[Line]) -> None:
    """A paragraph repeated inside a longer paragraph of the page is a pull quote (or a teaser of it)."""
    def bare(text: str) -> str:
        return " ".join(_words(text.lower()))

    prose = [bare(line.text) for line in lines if line.prose]
    for line in lines:
        text = bare(line.text) if line.prose else ""
        if len(text) >= 30 and any(text in other and text != other for other in prose):
            line.kind, line.prose = "other", False


def mark_repeats(lines: list[Line]) -> None:
    """Flag lines printed more than once on the page (site names, share bars): furniture, not subheadings."""
    counts = Counter(line.text for line in lines)
    for line in lines:
        line.repeated = counts[line.text] > 1


def mark_bylines(lines: list[Line], settings: CleanSettings) -> None:
    """A short name line right above an author bio is part of it; under a name line, one bio cue
    ("she joined", "writes about") is enough to make a paragraph a bio."""
    for before, after in zip(lines, lines[1:], strict=False):
        if not (before.heading and len(before.text.split()) <= 4 and before.kind == "other"):
            continue
        if after.kind != "bio" and after.kind in ("body", "other") and _phrase_pattern(settings.bio_cues).search(
                after.text.lower()):
            after.kind, after.prose, after.breaks = "bio", False, True
        if after.kind == "bio":
            before.kind, before.heading, before.breaks = "bio", False, True


def mark_byline_rows(lines: list[Line], settings: CleanSettings) -> None:
    """A short name line right above or below a dateline in the same block is the byline
    ("Name, Shipping Correspondent" over "May 12, 2026"): neither a headline nor a subheading."""
    for index, line in enumerate(lines):
        if line.kind != "dateline":
            continue
        for near in lines[max(index - 1, 0):index] + lines[index + 1:index + 2]:
            if near.group == line.group and near.heading and near.kind == "other" \
                    and len(near.text.split()) <= settings.thresholds["byline_max_words"]:
                near.heading = False


def mark_end_zone(lines: list[Line]) -> None:
    """Flag lines after an end-of-article marker ("Related articles", "Comments"): teasers, not text."""
    seen = False
    for line in lines:
        seen = seen or (line.breaks and line.kind == "navigation")
        line.after_end_marker = seen


def article_run(lines: list[Line], doc_language: str | None, after_end_weight: float) -> range:
    """Indices of the run of lines holding the article: most prose between page furniture.

    Prose after an end-of-article marker (reader comments, related stories) counts for less
    (``after_end_weight``): a long comment thread must not outweigh the article above it.
    """
    best, best_score, start, chars = range(0), 0.0, 0, 0
    for index, line in enumerate([*lines, None]):
        ends = line is None or line.breaks or (line.prose and line.language != doc_language)
        if ends:
            score = chars * after_end_weight if start < len(lines) and lines[start].after_end_marker else chars
            if score > best_score:
                best, best_score = range(start, index), score
            start, chars = index + 1, 0
        elif line.prose:
            chars += len(line.text)
    return best


def choose_title(lines: list[Line], first_body: int, settings: CleanSettings) -> int | None:
    """Index of the headline: the first title-like line above the article's first body line.

    Lines of five words or more come first: mastheads and section labels are shorter.
    """
    candidates = [i for i in range(first_body) if _title_like(lines[i], settings) and not _field_value(lines, i)]
    if not candidates:
        return None
    long_enough = [i for i in candidates if len(lines[i].text.split()) >= 5]
    candidates = long_enough or candidates
    # A byline or dateline sits right under the headline: the last candidate above it is the headline
    # (a site tagline above it is not).
    # (A standfirst taken for text may stand between them: a dateline just under the first paragraph counts.)
    datelines = [i for i in range(candidates[0], min(first_body + 3, len(lines))) if lines[i].kind == "dateline"]
    above = [i for i in candidates if datelines and i < datelines[-1]]
    chosen = above[-1] if above else candidates[0]
    for other in candidates[1:]:
        # "NewsBelarus and ..." above "Belarus and ...": the later copy is the clean one.
        if lines[chosen].text.endswith(lines[other].text) and lines[chosen].text != lines[other].text:
            chosen = other
    return chosen


def _field_value(lines: list[Line], index: int) -> bool:
    """The line under a short field label ("From:", "Author:") is that field's value, not a headline."""
    above = lines[index - 1].text if index > 0 else ""
    return above.endswith(":") and len(above.split()) <= 3


def _title_like(line: Line, settings: CleanSettings) -> bool:
    limits = settings.thresholds
    words = line.text.split()
    return (line.heading and line.kind == "other" and limits["title_min_words"] <= len(words)
            and len(line.text) <= limits["title_max_chars"] and not DOMAIN_INSIDE.search(line.text)
            and not line.text.isupper() and not BYLINE.match(line.text))


def clean_title(text: str | None, settings: CleanSettings, outlet: str | None = None) -> str | None:
    """The headline without site names, section labels or glued prefixes."""
    if not text:
        return None
    for separator in settings.title_separators:
        if separator in text:
            text = max(text.split(separator), key=len).strip()
    text = _drop_site_part(text, outlet)
    return _drop_section_label(text, settings)


def _drop_site_part(text: str, outlet: str | None) -> str:
    if not outlet:
        return text
    site = outlet.lower().removeprefix("www.").split(".")[0]
    for separator in (" - ", " – ", " — ", ": "):
        parts = text.split(separator)
        if len(parts) > 1 and site and site in parts[-1].lower().replace(" ", ""):
            return separator.join(parts[:-1]).strip()
        if len(parts) > 1 and site and site in parts[0].lower().replace(" ", ""):
            return separator.join(parts[1:]).strip()
    return text


def _drop_section_label(text: str, settings: CleanSettings) -> str:
    """Strip a section label glued to the headline ("NewsBelarus ...") or set before it ("World: ...")."""
    first, _, rest = text.partition(" ")
    for label in settings.section_labels:
        if " " in label:
            continue
        glued = first[:len(label)]
        tail = first[len(label):]
        if glued.lower() == label and tail[:1].isupper() and glued[:1].isupper() and rest:
            return f"{tail} {rest}"
    head, sep, body = text.partition(": ")
    if sep and head.lower() in settings.section_labels and body:
        return body
    return text


def choose_dateline(lines: list[Line], title: int | None, first_body: int) -> int | None:
    """Index of the publication dateline: the one nearest the article, never a header above the title.

    A date above the headline and the menus is the day the page was served (a stale header), not
    the article's; a dateline between the title and the text, or just under the text's first lines,
    is the article's.
    """
    after_title = (title + 1) if title is not None else 0
    near = [i for i in range(after_title, min(len(lines), first_body + 4)) if lines[i].kind == "dateline"]
    if not near:
        return None
    return min(near, key=lambda i: abs(i - first_body))


def publication_date(lines: list[Line], title: int | None, first_body: int, lead: str, body_text: str,
                     settings: CleanSettings) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, the words it came from), or (None, None) when the page does not say.

    In order: the dateline nearest the article; a wire dateline opening the lead ("HELSINKI, April
    11, 2026 (Agency) -"); a lead dateline without a year ("UNITED NATIONS, Oct 15 -") dated by a page
    header at most a week later; last, a page-header date the text does not contradict.
    """
    dateline = choose_dateline(lines, title, first_body)
    if dateline is not None:
        found = parse_dateline(lines[dateline].text, settings)
        if found:
            return found, lines[dateline].text
    headers = [(parse_dateline(ln.text, settings), ln.text) for ln in lines[:first_body] if ln.kind == "dateline"]
    headers = [(found, words) for found, words in headers if found]
    match = LEAD_DATELINE.match(lead)
    if match:
        when = match.group("when")
        found = parse_dateline(when, settings) or _date_near_header(when, [h for h, _ in headers], settings)
        if found:
            return found, when
    return header_fallback(headers, body_text, settings)


def header_fallback(headers: list[tuple[str, str]], body_text: str,
                    settings: CleanSettings) -> tuple[str | None, str | None]:
    """The page header's date, when nothing nearer dates the article and the text does not contradict it.

    A header date older than a full date the article itself gives is stale (the day a page template
    was cached, not the article's), and then no date is better than a wrong one.
    """
    if not headers:
        return None, None
    found, words = headers[-1]
    latest = max((d for d in (_full_dates(body_text, settings)) if d), default=None)
    if latest and latest > found:
        return None, None
    return found, words


def _full_dates(text: str, settings: CleanSettings) -> list[str | None]:
    return [parse_dateline(m.group(0), settings) for p in settings.date_patterns for m in p.finditer(text)]


def _date_near_header(month_day: str, headers: list[str], settings: CleanSettings) -> str | None:
    """The day of a "Oct 15" dateline, in the year that puts it at most a week before a header date."""
    match = settings.month_day.search(month_day)
    if not match:
        return None
    month, day = _month_number(match.group("mon")), int(match.group("d"))
    for header in headers:
        base = date.fromisoformat(header)
        for year in (base.year, base.year - 1):
            found = _iso(year, month, day)
            if found and 0 <= (base - date.fromisoformat(found)).days <= 7:
                return found
    return None


# ---------------------------------------------------------------------------
# Flattened text: the lead (standfirst, wire prefix), outlet and sources
# ---------------------------------------------------------------------------


def is_standfirst(lead: Line, following: Line | None, right_under_title: bool, settings: CleanSettings) -> bool:
    """A summary set above the article: restated by the next paragraph, or a bare one-line dek."""
    if following is None or not following.prose:
        return False
    if _overlap(_first_sentence(lead.text), _first_sentence(following.text)) >= \
            settings.thresholds["restated_lead_overlap"]:
        return True
    sentences = SENTENCE_END.split(lead.text)
    lowered = {w.lower() for w in _words(lead.text)}
    return (right_under_title and len(sentences) == 1
            and len(lead.text.split()) <= settings.thresholds["dek_max_words"]
            and not lowered & settings.reporting_words
            and len(following.text) > len(lead.text))


def _first_sentence(text: str) -> str:
    return SENTENCE_END.split(text, maxsplit=1)[0]


def _overlap(a: str, b: str) -> float:
    """Share of ``a``'s words that ``b`` repeats."""
    words_a = [w.lower() for w in _words(a)]
    words_b = {w.lower() for w in _words(b)}
    return sum(w in words_b for w in words_a) / len(words_a) if words_a else 0.0


def strip_wire_prefix(text: str) -> tuple[str, str | None]:
    """Remove a wire dateline prefix ("(MENAFN) ", "SEOUL (Reuters) - "); return the text and the name."""
    match = WIRE_PREFIX.match(text)
    if not match or not text[match.end():][:1].isupper():
        return text, None
    return text[match.end():], (match.group(1) or match.group(2)).strip()


def find_outlet(lines: list[Line], first_body: int) -> str | None:
    """The site or agency that publishes this copy: a bare domain heading the page, or the name its
    legal notice or copyright line gives itself."""
    for line in lines[:max(first_body, 0)]:
        domain = DOMAIN.match(line.text)
        if domain:
            return domain.group(1).lower()
    for line in lines:
        if line.kind in ("disclaimer", "other", "navigation"):
            match = OUTLET_SUBJECT.match(line.text) or COPYRIGHT.search(line.text)
            if match:
                return match.group(1)
    return None


def lead_source(text: str, settings: CleanSettings) -> str | None:
    """A news agency the lead paragraph attributes the news to ("according to KCNA")."""
    for match in ACCORDING_TO.finditer(text):
        name, acronym = match.group(1), match.group(2)
        for candidate in (acronym, name):
            if candidate and candidate.lower() in settings.agencies:
                return settings.agencies[candidate.lower()]
    return None


def farm_signals(lines: list[Line], body_text: str) -> list[str]:
    """Content-farm hints: an "Original Source" line, an author bio (off-topic or not), a comment form."""
    signals = []
    if any(line.kind == "other" and line.breaks and ":" in line.text and "source" in line.text.lower()
           for line in lines):
        signals.append("original-source line")
    bio = " ".join(line.text for line in lines if line.kind == "bio")
    if bio:
        signals.append("author bio" if _topic_overlap(bio, body_text) >= 0.15 else "author bio unrelated to the topic")
    if any(line.kind == "form" for line in lines):
        signals.append("comment form")
    return signals


def _topic_overlap(a: str, b: str) -> float:
    words_a = {w.lower() for w in _words(a) if len(w) > 5}
    words_b = {w.lower() for w in _words(b) if len(w) > 5}
    return len(words_a & words_b) / len(words_a) if words_a else 0.0


# ---------------------------------------------------------------------------
# Flattened text: putting it together
# ---------------------------------------------------------------------------


def clean_text(raw: RawInput, settings: CleanSettings) -> Document:
    """Clean a flattened page (plain text with the page's furniture still in)."""
    lines = split_lines(raw.content, settings)
    doc_language = detect_languages(lines, settings)
    for line in lines:
        classify_line(line, settings)
    mark_captions(lines, settings)
    mark_boxes(lines, settings)
    mark_summary_boxes(lines, settings)
    mark_pull_quotes(lines)
    mark_repeats(lines)
    mark_bylines(lines, settings)
    mark_byline_rows(lines, settings)
    mark_end_zone(lines)
    run = article_run(lines, doc_language, settings.thresholds["after_end_marker_weight"])
    body = _body_indices(lines, run, doc_language, settings)
    first_body = body[0] if body else len(lines)
    title_index = choose_title(lines, first_body, settings)
    body = _drop_standfirst(lines, body, title_index, settings)
    _settle_kinds(lines, set(body), title_index)
    return _assemble(raw, lines, body, title_index, doc_language, settings)


def detect_languages(lines: list[Line], settings: CleanSettings) -> str | None:
    """Detect each line's language; return the document's (the language of most of its long lines)."""
    texts = [line.text for line in lines]
    detected = detect_block_languages(texts, settings)
    doc_language = _majority(texts, detected)
    for line, found in zip(lines, detected, strict=True):
        line.language = found or doc_language
    return doc_language


def detect_block_languages(texts: list[str], settings: CleanSettings) -> list[str | None]:
    """Each block's language (None where too short to tell).

    Blocks whose stop words settle their language go first; their majority is the expected language,
    which the other blocks take when their stop words lean to it: lingua decides only the rest.
    """
    detector = language.build_detector(settings.languages.codes)
    guessed = [language.guess_by_stop_words(text, settings.languages) for text in texts]
    expected = _majority(texts, guessed)
    return [found or language.detect(text, detector, settings.languages, expected=expected)
            for text, found in zip(texts, guessed, strict=True)]


def _body_indices(lines: list[Line], run: range, doc_language: str | None, settings: CleanSettings) -> list[int]:
    """The article's lines in ``run``: its paragraphs, and a subheading or lead-in set alone between two."""
    prose = [i for i in run if lines[i].prose and lines[i].language == doc_language]
    if not prose:
        return []
    paragraphs = max(_prose_segments(lines, prose, settings), key=lambda seg: sum(len(lines[i].text) for i in seg))
    body = [paragraphs[0]]
    for before, after in zip(paragraphs, paragraphs[1:], strict=False):
        # A subheading, or a line introducing a list ("Here is what it means:"), alone between two
        # paragraphs belongs to the article; several in a row are a list of links or a table's cells.
        lead_ins = [i for i in range(before + 1, after) if _is_lead_in(lines[i], doc_language, settings)]
        if len(lead_ins) == 1:
            body += [lead_ins[0], *_list_items(lines, lead_ins[0] + 1, after, doc_language)]
        body.append(after)
    return body


def _list_items(lines: list[Line], start: int, stop: int, doc_language: str | None) -> list[int]:
    """The items of a list introduced by a lead-in ("The measures include:"), up to the next paragraph."""
    items = range(start, stop)
    if lines[start - 1].text.endswith(":") and all(_may_be_article_text(lines[i], doc_language) for i in items):
        return list(items)
    return []


def _is_lead_in(line: Line, doc_language: str | None, settings: CleanSettings) -> bool:
    label = line.text.partition(":")[0].strip().lower()  # "Source: ..." under a table or chart is its note
    return ((line.heading or line.text.endswith(":")) and _may_be_article_text(line, doc_language)
            and label not in settings.source_labels)


def _may_be_article_text(line: Line, doc_language: str | None) -> bool:
    """An unclassified line of three words or more in the article's language, not repeated on the page."""
    return line.kind == "other" and line.language == doc_language and len(line.text.split()) >= 3 \
        and not line.repeated


def _prose_segments(lines: list[Line], prose: list[int], settings: CleanSettings) -> list[list[int]]:
    """``prose`` cut where several unclassified lines or datelines stand between two paragraphs.

    Hand-written (jusText's context idea): a title block or a menu between two paragraphs parts two
    texts - a site banner and the article, or the article and a sidebar -, while captions, adverts and
    boxes, already classified, do not, nor does a table of figures set in the article."""
    segments = [[prose[0]]]
    short = settings.thresholds["gap_line_max_words"]
    for before, after in zip(prose, prose[1:], strict=False):
        # Menus, labels and fields are short; the items of a list in the article are not.
        gap = [lines[i] for i in range(before + 1, after)
               if lines[i].kind == "dateline" or lines[i].kind == "other" and len(lines[i].text.split()) <= short]
        figures = sum(bool(settings.number_cell.match(line.text)) for line in gap)
        if len(gap) - figures >= settings.thresholds["gap_split_other_lines"] and figures < len(gap) - figures:
            segments.append([])
        segments[-1].append(after)
    return segments


def _drop_standfirst(lines: list[Line], body: list[int], title: int | None, settings: CleanSettings) -> list[int]:
    if len(body) < 2:
        return body
    lead, following = lines[body[0]], lines[body[1]]
    right_under_title = title is not None and body[0] == title + 1
    byline_between = any(lines[i].kind == "dateline" for i in range(body[0] + 1, body[1]))
    if is_standfirst(lead, following, right_under_title, settings) or (
            right_under_title and byline_between
            and len(lead.text.split()) <= settings.thresholds["dek_above_byline_max_words"]):
        lead.kind = "teaser"
        return body[1:]
    return body


def _settle_kinds(lines: list[Line], body: set[int], title: int | None) -> None:
    """Final kinds: body lines, the title and its repeats; prose outside the article is teaser text."""
    title_text = lines[title].text if title is not None else None
    for index, line in enumerate(lines):
        if index in body:
            line.kind = "body"
        elif title_text and (index == title or line.text == title_text or title_text in line.text
                             and line.heading and index < title):
            line.kind = "title"
        elif line.kind == "body" or (line.heading and line.after_end_marker):
            line.kind = "teaser"


def _assemble(raw: RawInput, lines: list[Line], body: list[int], title: int | None,
              doc_language: str | None, settings: CleanSettings) -> Document:
    first_body = body[0] if body else len(lines)
    texts = [lines[i].text for i in body]
    lead = texts[0] if texts else ""
    wire = None
    if texts:
        texts[0], wire = strip_wire_prefix(texts[0])
        lines[body[0]].text = texts[0]
    outlet, original = _attribution(lines, first_body, texts[0] if texts else "", wire, settings)
    published, published_text = publication_date(lines, title, first_body, lead, "\n".join(texts), settings)
    if not texts:
        published, published_text = None, None  # a page with no article has no publication date
    elif published is None:
        published, published_text = _url_date(raw.url), _url_date_text(raw.url)
    text = "\n\n".join(texts)
    return Document(
        doc=raw.doc,
        title=clean_title(lines[title].text, settings, outlet) if title is not None else None,
        published=published, published_text=published_text,
        outlet=outlet, original_source=original, language=doc_language, text=text,
        farm_signals=farm_signals(lines, text),
        blocks=[Block(text=ln.text, kind=ln.kind, language=ln.language) for ln in lines],
    )


def _attribution(lines: list[Line], first_body: int, lead: str, wire: str | None,
                 settings: CleanSettings) -> tuple[str | None, str | None]:
    """(outlet, original source). A wire prefix naming a news agency is the source; naming anything
    else, it is the page's own name ("(MENAFN) ...")."""
    outlet = find_outlet(lines, first_body)
    original = next((s for s in (_source_line(ln.text, settings) for ln in lines) if s), None)
    original = original or (lead_source(lead, settings) if lead else None)
    if wire and not _same_name(wire, outlet):
        if wire.lower() in settings.agencies:
            original = original or settings.agencies[wire.lower()]
        else:
            outlet = outlet or wire
    return outlet, original


def _same_name(a: str | None, b: str | None) -> bool:
    return bool(a and b) and a.lower().replace(" ", "") in b.lower().replace(" ", "")


def _url_date(url: str | None) -> str | None:
    match = URL_DATE.search(url or "")
    return _iso(*(int(g) for g in match.groups())) if match else None


def _url_date_text(url: str | None) -> str | None:
    match = URL_DATE.search(url or "")
    return match.group(0) if match and _url_date(url) else None


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------


@dataclass
class _HtmlParts:
    title: str | None = None
    text: str = ""
    sitename: str | None = None
    date: str | None = None
    captions: list[str] = field(default_factory=list)
    standfirsts: frozenset[str] = frozenset()  # texts of elements whose class names a standfirst
    weak_standfirsts: frozenset[str] = frozenset()  # ... a class that may also mark a first paragraph


def clean_html(raw: RawInput, settings: CleanSettings) -> Document:
    """Clean an HTML page with trafilatura (precision first) and htmldate (the page's own date).

    On a page laid out with tables trafilatura can return the whole layout table (menus, comments
    and all) as rows of "|" cells; such a page is flattened to text and goes through the text classifier.
    """
    parts = _extract_html(raw, settings)
    if is_table_residue(parts.text, settings.thresholds["table_residue_share"]):
        return _clean_flattened_html(raw, parts, settings)
    paragraphs = _html_paragraphs(parts, settings)
    detected = detect_block_languages(paragraphs, settings)
    doc_language = _majority(paragraphs, detected)
    outlet = parts.sitename or _hostname(raw.url)
    lines = html_article_lines(paragraphs, [lang or doc_language for lang in detected], settings)
    mark_html_standfirst(lines, parts.standfirsts, parts.weak_standfirsts, settings)
    # A page without one sentence of prose (a login form, a menu) has no article, whatever was extracted.
    has_article = any(line.prose for line in lines if line.kind == "body")
    blocks = [Block(text=line.text, kind=_html_block_kind(line, has_article, doc_language), language=line.language)
              for line in lines]
    title = clean_title(parts.title, settings, outlet)
    if title:
        blocks.insert(0, Block(text=title, kind="title", language=doc_language))
    blocks += [Block(text=c, kind="caption", language=doc_language) for c in parts.captions]
    body = [b.text for b in blocks if b.kind == "body"]
    if body:
        body[0], _ = strip_wire_prefix(body[0])
    text = "\n\n".join(body)
    published = parts.date or _url_date(raw.url)
    return Document(
        doc=raw.doc, title=title, published=published,
        published_text=(parts.date or _url_date_text(raw.url)) if published else None,
        outlet=outlet, original_source=lead_source(body[0], settings) if body else None,
        language=doc_language, text=text, blocks=blocks,
    )


def html_article_lines(paragraphs: list[str], languages: list[str | None], settings: CleanSettings) -> list[Line]:
    """trafilatura's paragraphs as classified lines: "body" for the article's, a furniture kind for the rest.

    trafilatura's text is mostly the article, without the menus that tell furniture apart on a flattened
    page, so only the text classifier's rules that are safe on article text apply: a paragraph of prose
    is furniture by its shape alone (a dateline, "(Reporting by ...)"), never for a stock phrase inside
    it; furniture that closes an article (a paywall prompt, "ENDS", "Notes to editors", a copyright
    line) ends it where more of the text lies above it than below; boxes set inside the article
    (adverts, sign-ups, key points) are marked as on a flattened page.
    """
    lines = [Line(text=p, group=i, raw=p, language=lang)
             for i, (p, lang) in enumerate(zip(paragraphs, languages, strict=True))]
    for line in lines:
        prose = is_prose(line.text, line.language, settings)
        kind, line.breaks = _furniture_kind(line, settings, in_prose=prose)
        line.furniture, line.prose = kind is not None, prose and kind is None
        line.kind = kind or ("body" if prose else "other")
        line.heading = kind is None and not prose and is_heading(line.text, settings)
    mark_captions(lines, settings)  # a gallery's slide: the line under its counter ("3 of 12")
    mark_boxes(lines, settings)
    mark_signup_blurbs(lines, settings)
    mark_summary_boxes(lines, settings)
    end = html_article_end(lines)
    for index, line in enumerate(lines):
        line.furniture = line.furniture or line.kind not in ("body", "other") or index >= end
        if not line.furniture:
            line.kind = "body"
        elif index >= end and line.kind in ("body", "other"):
            line.kind = "teaser"  # what follows the end of the article
    return lines


def mark_html_standfirst(lines: list[Line], marked: frozenset[str], weakly_marked: frozenset[str],
                         settings: CleanSettings) -> None:
    """The article's leading paragraph is a standfirst (a teaser) when the page's markup calls it one and
    the paragraph after it is longer prose; a weak mark ("lead") counts only for a one-sentence dek."""
    body = [line for line in lines if line.kind == "body"]
    if len(body) < 2 or not body[1].prose or len(body[1].text) <= len(body[0].text):
        return
    lead = body[0]
    if len(lead.text.split()) > settings.thresholds["dek_above_byline_max_words"]:
        return
    if lead.text in marked or (lead.text in weakly_marked and is_standfirst(lead, body[1], True, settings)):
        lead.kind, lead.furniture = "teaser", True


def mark_signup_blurbs(lines: list[Line], settings: CleanSettings) -> None:
    """The short line naming a newsletter right under a sign-up line is the sign-up box's blurb."""
    for before, after in zip(lines, lines[1:], strict=False):
        if before.kind == "form" and not before.breaks and after.kind in ("body", "other") \
                and len(after.text) <= settings.thresholds["signup_box_max_chars"] \
                and _lower_words(after.text) & settings.signup_heading_words:
            after.reclassify("form")


def html_article_end(lines: list[Line]) -> int:
    """Index of the furniture that ends the article (len(lines) where none does).

    A line that ends an article on a flattened page ends it here only after some prose and where more
    prose lies above it than below: a subheading taken for furniture early in the text cuts nothing.
    """
    prose = [len(line.text) if line.prose and line.kind == "body" else 0 for line in lines]
    above, below = 0, sum(prose)
    for index, line in enumerate(lines):
        below -= prose[index]
        if line.breaks and line.furniture and above and above >= below:
            return index
        above += prose[index]
    return len(lines)


def _html_block_kind(line: Line, has_article: bool, doc_language: str | None) -> BlockKind:
    if line.kind != "body":
        return line.kind
    return "body" if has_article and line.language == doc_language else "other"


def is_table_residue(text: str, min_share: float) -> bool:
    """Most of an extraction's lines are table rows ("| cell | cell |"): the page's layout, not an article."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return len(lines) >= 3 and sum(ln.lstrip().startswith("|") for ln in lines) >= min_share * len(lines)


def _clean_flattened_html(raw: RawInput, parts: _HtmlParts, settings: CleanSettings) -> Document:
    flat = RawInput(doc=raw.doc, content=flatten_html(raw.content), format="text", origin=raw.origin, url=raw.url)
    doc = clean_text(flat, settings)
    if doc.text and parts.date and doc.published is None:
        doc.published, doc.published_text = parts.date, parts.date
    doc.outlet = parts.sitename or doc.outlet or _hostname(raw.url)
    # The page's <title> holds the headline (and the site's name): a headline the classifier found
    # elsewhere on the page (a tagline) gives way to it.
    page_title = clean_title(parts.title, settings, doc.outlet) or ""
    if len(page_title.split()) >= settings.thresholds["title_min_words"] and not (
            doc.title and doc.title.lower() in (parts.title or "").lower()):
        doc.title = page_title
    return doc


def flatten_html(content: str) -> str:
    """An HTML page's visible text, one line per block element and a blank line between blocks."""
    import lxml.html

    # Hand-written: trafilatura.html2txt joins the whole page into one line, and the text
    # classifier needs the page's blocks as lines.
    try:
        tree = lxml.html.document_fromstring(content)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for element in tree.xpath("//script|//style|//noscript|//template|//head|//svg"):
        element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in HTML_BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
            if element.tag.lower() == "br":
                element.tail = "\n" + element.tail.lstrip("\n")
            elif len(element):
                element.text = "\n\n" + (element.text or "")
    lines = [" ".join(line.split()) for line in tree.text_content().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _html_paragraphs(parts: _HtmlParts, settings: CleanSettings) -> list[str]:
    """trafilatura's paragraphs without the headline repeated and without section labels above the text
    (a summary box's label stays: it tells the box's items from the text)."""
    title = _squash(parts.title or "")
    paragraphs = [p for p in (_squash(p) for p in parts.text.split("\n")) if p and p != title]
    while paragraphs and len(paragraphs[0].split()) <= 3 and not paragraphs[0].endswith(TERMINAL) \
            and not _is_phrase(paragraphs[0], settings.phrases["summary"]):
        paragraphs = paragraphs[1:]
    return paragraphs


def _classed_texts(tree: HtmlElement, strong: frozenset[str],
                   weak: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The texts of the elements whose class (or data-testid / data-component) has one of ``strong``'s
    names as a part, and those with one of ``weak``'s."""
    found: tuple[set[str], set[str]] = (set(), set())
    for element in tree.xpath("//*[@class or @data-testid or @data-component]"):
        value = " ".join(element.get(a, "") for a in ("class", "data-testid", "data-component")).lower()
        parts = set(NAME_PARTS.split(value))
        for names, texts in zip((strong, weak), found, strict=True):
            if names & parts:
                texts.add(_squash(element.text_content()))
    return frozenset(found[0]), frozenset(found[1])


def _extract_html(raw: RawInput, settings: CleanSettings) -> _HtmlParts:
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(raw.content)
    if tree is None:
        return _HtmlParts()
    captions = [_squash(c.text_content()) for c in tree.iter("figcaption") if c.text_content().strip()]
    standfirsts, weak_standfirsts = _classed_texts(tree, settings.standfirst_classes,
                                                   settings.weak_standfirst_classes)
    result = trafilatura.bare_extraction(
        tree, url=raw.url, favor_precision=True, with_metadata=True, include_comments=False,
        prune_xpath=list(settings.prune_xpath) or None,
        date_extraction_params={"extensive_search": False, "original_date": True, "url": raw.url},
    )
    if result is None:
        return _HtmlParts(title=_page_title(raw.content), captions=captions)
    return _HtmlParts(title=result.title, text=result.text or "", sitename=result.sitename,
                      date=result.date, captions=captions, standfirsts=standfirsts, weak_standfirsts=weak_standfirsts)


def _page_title(content: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", content, re.IGNORECASE | re.DOTALL)
    return _squash(match.group(1)) if match and match.group(1).strip() else None


def _majority(texts: list[str], languages: list[str | None]) -> str | None:
    chars: dict[str, int] = {}
    for text, lang in zip(texts, languages, strict=True):
        if lang:
            chars[lang] = chars.get(lang, 0) + len(text)
    return max(chars, key=chars.__getitem__) if chars else None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlparse

    host = urlparse(url).hostname
    return host.removeprefix("www.") if host else None


