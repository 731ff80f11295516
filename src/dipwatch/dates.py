"""Dates: an event's own date, resolved from the text against the publication date.

A ``DateResolver`` is built once per Document. It finds every date expression of the main text
(and the absolute dates of captions), works out the document's reference time, and resolves the
expressions in text order so that "the previous day" can lean on the last date told. ``resolve()``
then picks, for one event, the expression that belongs to its trigger.

The anchoring rules:

* bare weekday, past narration: the most recent such weekday before publication (the publication
  day itself when it is the publication weekday); told as future: the next one on or after it;
  "last Thursday": strictly before; "next Thursday": strictly after;
* "yesterday" / "today" / "N days ago": counted from the publication date;
* "the previous day" / "the next day" / "the same day": counted from the last date of the narration,
  else from the publication date (a day after publication is a plan, not narration: no base);
* month-day without a year: the year of the same month-day written with a year elsewhere in the
  document; else the most recent such day not after publication (next one on or after it when told
  as future); else the document's reference year, inferred from phrases like "in October last year"
  tied to an absolute "October 7, 2025" (and "last month" tied to a month name, for the month);
  else the year of the nearest absolute date of the text or of a caption;
* "a day after" / "two days before" / "hours after" what follows: counted from the date told just before
  in the same sentence ("left on Sunday, a day after X accused Y": X accused on Saturday); with no such
  date, and for an act told before the phrase, no day;
* whatever does not fix a day ("recently", "last month", "in October", "since January", a weekday with no
  publication date) gives a null date and keeps its words. No date words: no date.

Which expression belongs to an event: the one in the trigger's clause, after the trigger before one
before it, then the nearest. A date attached to a news report ("KCNA reported on Tuesday", "according to
state media on Sunday") dates the report, not the event (unless the trigger is the report), and is not
a base for "the previous day"; a date in a clause about a person (", who has led ... since 1994") does
not date an event outside it; a span ("since January") yields to a day in the same clause; a look-ahead
span after an infinitive ("agreed to hold talks next month") dates the planned act, not the verb; a date in a
", which ..." clause does not date an act told after the clause ("The bloc, which met on Monday, condemned ...").
An act in the pluperfect ("said on Tuesday that the alliance had urged ...") takes only a date told after it in
its own clause ("had asked for help on Monday"): a date before it is the telling's. The date of a dateline
("ATHENS, May 19 - ...") is the day of writing: it dates no event and is no base for "the previous day". A
reply in an appositive ("suspended flights on Thursday, a move X called harmful") takes no date from outside its
clause. A date just after "for <verb>ing" ("thanked X for handing over, on July 2, three suspects") dates that
act, told in passing: not the verb before it, and no base for carrying over.
Dates of captions only lend their year.

With ``inherit=True`` a sentence with no date words of its own takes, when it points back at an occasion
("During the call, ...", "On the same visit, ..."), the date told with that occasion's latest mention; else
the date of the narration just before, unless it leaves the scene, is in the perfect or holds a modal (one in what a
speech verb before it reports, "thanked X and said the armies would share ...", does not count), or
answers an act told before by naming it ("turned the request down": the reply's day is not told). An occasion
whose mention has no date in its clause takes the one day its sentence tells ("received X today, for a working
meeting").

Live blogs (a page whose blocks hold at least two time headings, "14:10"): each entry's news happened on the
entry's day, the latest day heading before it ("Sunday 26 July 2026") else the publication day. In an entry,
"this morning" and "on Sunday" count from that day, and a sentence with no date words takes the date told before
it in the entry, else the entry's day (``ResolvedDate.entry``), even in the perfect ("has spoken by phone": the
entry's news), but not with a modal or in the pluperfect.

Hand-written because no library anchors this way: dateparser's ``search_dates`` is slow on long texts,
returns spans that need trimming, does not know "the previous day" nor "earlier this week", and its
relative base is one date for the whole text. The calendar arithmetic itself is ``datetime``'s.
"""

from __future__ import annotations

import bisect
import calendar
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from importlib import resources

from dipwatch.models import Document


@dataclass(frozen=True)
class ResolvedDate:
    """An event date and the words it was resolved from."""

    date: str | None  # YYYY-MM-DD, or None when the text does not fix a day
    text: str | None  # the date words ("on Saturday", "the previous day"), None when there are none
    inherited: bool = False  # True when carried over from the narration before (resolve(..., inherit=True))
    start: int | None = field(default=None, compare=False)  # where the date words begin in doc.text
    entry: bool = False  # True when the day is that of the live-blog entry the sentence sits in


@dataclass(frozen=True)
class DateWords:
    """The date vocabulary and cues of data/dates/expressions.toml, with the patterns built from them."""

    weekdays: tuple[str, ...]
    relative_days: dict[str, int]
    narrative_days: dict[str, int]
    numbers: dict[str, int]
    month_numbers: dict[str, int]  # lower-case name or abbreviation -> 1..12
    expression: re.Pattern[str]
    heads: frozenset[str]  # lower-case words an expression can start with (digits aside)
    future: re.Pattern[str]
    reporting: re.Pattern[str]
    scene_change: re.Pattern[str]
    perfect: re.Pattern[str]
    modal: re.Pattern[str]
    speech_verb: re.Pattern[str]  # "said", "told": a modal after one is reported content
    reply: re.Pattern[str]  # "the request", "the EU decision": an earlier act named in a reply
    reaction: re.Pattern[str]  # "reacted", "responded": a day told of the reply itself
    appositive_reply: re.Pattern[str]  # ", a move X called ...": a clause naming the act told before it
    person_clause: re.Pattern[str]
    descriptive_clause: re.Pattern[str]  # ", which ...": a clause describing the thing named before it
    pluperfect: re.Pattern[str]  # "had (already) " just before a trigger
    dateline_place: re.Pattern[str]  # "ATHENS, " before a dateline's date
    dateline_tail: re.Pattern[str]  # " (Reuters) -" after it
    entry_heading: re.Pattern[str]  # a live-blog time heading ("14:10")
    entry_headings_min: int
    reporting_filler: frozenset[str]
    reporting_window: int  # characters before a date searched for a reporting cue
    forward: frozenset[str]  # vague spans that only look ahead ("next month")
    occasion: re.Pattern[str]  # "during the call", "on the same visit": group "noun" is the occasion
    occasion_mentions: dict[str, re.Pattern[str]]  # lower-case occasion noun -> the words that mention it
    infinitive: re.Pattern[str]  # "to <verb>", not "to the"


@dataclass
class Expression:
    """One date expression found in a text, with what it says and, once resolved, its date."""

    start: int
    end: int
    text: str
    kind: str  # absolute, month_day, weekday, relative, narrative, ago, vague
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    modifier: str | None = None  # on / last / this / next, for weekdays
    offset: int = 0  # days, for relative and narrative expressions
    relative_year: int | None = None  # -1 for "<Month> last year", 0 for "<Month> this year"
    future: bool = False
    reporting_cue: int | None = None  # start of the reporting cue this date is attached to
    in_caption: bool = False
    resolved: date | None = None
    paragraph: int = 0  # index of the paragraph (blank-line separated) of the text
    sentence: int = 0  # index of the sentence of the text
    segment: int = 0  # index of the clause (punctuation separated) of the text
    person_clause: bool = False  # in a clause opening "who/whose/whom"
    descriptive_clause: bool = False  # in a clause opening "which"
    dateline: bool = False  # the date of a dateline ("ATHENS, May 19 -"): the day of writing
    passing_from: int | None = None  # start of the "for <verb>ing" phrase this date sits in (an act told in passing)


@dataclass
class _Entry:
    """A live-blog entry: where its text lies in doc.text, its day and the heading words that give it."""

    start: int
    end: int
    day: date | None
    words: str


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _cue_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'’])(?:{_alternation(words)})(?![\w])", re.IGNORECASE)


def _expression_pattern(raw: dict) -> re.Pattern[str]:
    """One pattern with a named group per expression kind; names are capitalised, phrases are not."""
    months = "|".join(raw["months"])
    abbrevs = "|".join(rf"(?:{a})\.?" for a in raw["month_abbreviations"])
    month_any = rf"(?:{months}|{abbrevs})"
    day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?:1[89]\d\d|20\d\d)"
    weekday = "|".join(raw["weekdays"])
    numbers = _alternation(list(raw["numbers"]))
    parts = [
        r"(?P<iso>(?<!\d)\d{4}-\d\d-\d\d(?!\d))",
        rf"(?P<weekday_date>(?:(?i:on)\s+)?(?:{weekday}),?\s+(?P<paren>\()?(?:(?:{month_any})\s+{day}(?:,?\s+{year})?"
        rf"|(?:the\s+)?{day}\s+(?:of\s+)?(?:{months})(?:,?\s+{year})?)(?(paren)\))(?![\w]))",
        rf"(?P<mdy>(?:(?i:on|since|until|by)\s+)?(?:{month_any})\s+{day}(?:,?\s+{year})?(?![\w]))",
        rf"(?P<dmy>(?:(?i:on|since|until|by)\s+)?(?:the\s+)?(?<!\d){day}\s+(?:of\s+)?(?:{months})(?:,?\s+{year})?"
        rf"(?![\w]))",
        rf"(?P<month_year>(?:(?i:in|since|during|until|by)\s+)?(?:(?i:early|mid|late)[\s-]+)?(?:{months}),?\s+{year}"
        rf"(?![\w]))",
        rf"(?P<month_rel>(?:(?i:in|since|during|until|by)\s+)?(?:{months})\s+(?P<rel>(?i:last|this|next))\s+year"
        rf"(?![\w]))",
        rf"(?P<in_month>(?:(?i:in|since|during|until|by)\s+(?:(?i:early|mid|late)[\s-]+)?|(?i:last|this|next)\s+)"
        rf"(?:{months})(?![\w]))",
        rf"(?P<in_year>(?i:in|since|during|until|by)\s+{year}(?![\w]))",
        rf"(?P<weekday>(?:(?i:on|last|this|next|by|until|till|early\s+on|late\s+on)\s+)?(?:{weekday})"
        rf"(?:\s+(?i:morning|afternoon|evening|night))?(?![\w]))",
        rf"(?P<count>(?i:(?:\d+|{numbers})\s+days?\s+(?:ago|earlier|later|before|after)))(?![\w])",
        rf"(?P<narrative>(?i:{_alternation(list(raw['narrative_days']))}))(?![\w])",
        rf"(?P<relative>(?i:{_alternation(list(raw['relative_days']))}))(?![\w])",
        rf"(?P<vague>(?i:{_alternation(raw['vague']['phrases'])}))(?![\w])",
    ]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")")


def _head_words(raw: dict, month_numbers: dict[str, int]) -> frozenset[str]:
    """The first words of every expression form, to try the full pattern only where one can start."""
    phrases = [*raw["relative_days"], *raw["narrative_days"], *raw["vague"]["phrases"], *raw["numbers"]]
    firsts = {p.split()[0].lower() for p in phrases}
    modifiers = {"on", "since", "until", "by", "in", "during", "early", "mid", "late", "last", "this", "next", "the"}
    return frozenset(firsts | modifiers | set(month_numbers) | {d.lower() for d in raw["weekdays"]})


@cache
def load_date_words() -> DateWords:
    """The date vocabulary, loaded once from data/dates/expressions.toml."""
    text = (resources.files("dipwatch") / "data" / "dates" / "expressions.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    month_numbers: dict[str, int] = {}
    for number, (name, abbrev) in enumerate(zip(raw["months"], raw["month_abbreviations"], strict=True), 1):
        month_numbers[name.lower()] = number
        for a in abbrev.split("|"):
            month_numbers[a.lower()] = number
    cues, layout = raw["cues"], raw["layout"]
    return DateWords(
        weekdays=tuple(raw["weekdays"]),
        relative_days={k.lower(): v for k, v in raw["relative_days"].items()},
        narrative_days={k.lower(): v for k, v in raw["narrative_days"].items()},
        numbers=dict(raw["numbers"]),
        month_numbers=month_numbers,
        expression=_expression_pattern(raw),
        heads=_head_words(raw, month_numbers),
        future=_cue_pattern(cues["future"]),
        reporting=_cue_pattern(cues["reporting"]),
        scene_change=re.compile(rf"^\W*(?:{_alternation(cues['scene_change'])})(?![\w])", re.IGNORECASE),
        perfect=_cue_pattern(cues["perfect"]),
        modal=_cue_pattern(cues["modal"]),
        speech_verb=_cue_pattern(cues["speech_verbs"]),
        reaction=_cue_pattern(cues["reaction"]),
        reply=re.compile(rf"\b(?:the|this|that|these|those)\s+(?:[\w-]+\s+)?(?:{_alternation(cues['reply_objects'])})\b",
                         re.IGNORECASE),
        appositive_reply=re.compile(rf"\s*(?:a|an)\s+(?:[\w-]+\s+)?(?:{_alternation(cues['reply_objects'])})\b",
                                    re.IGNORECASE),
        reporting_filler=frozenset(cues["reporting_filler"]),
        reporting_window=cues["reporting_window"],
        person_clause=re.compile(rf"\s*(?:{_alternation(cues['person_clause'])})(?![\w])", re.IGNORECASE),
        descriptive_clause=re.compile(rf"\s*(?:{_alternation(cues['descriptive_clause'])})(?![\w])", re.IGNORECASE),
        pluperfect=re.compile(rf"\bhad\s+(?:(?:{_alternation(cues['pluperfect_adverbs'])})\s+)*$", re.IGNORECASE),
        dateline_place=re.compile(layout["dateline_place"]),
        dateline_tail=re.compile(layout["dateline_tail"]),
        entry_heading=re.compile(layout["entry_heading"], re.IGNORECASE),
        entry_headings_min=layout["entry_headings_min"],
        forward=frozenset(cues["forward"]),
        occasion=re.compile(rf"\b(?:{_alternation(cues['occasion_pointers'])})\s+(?:the|that)\s+(?:same\s+)?"
                            rf"(?P<noun>{_alternation(list(raw['occasions']))})\b", re.IGNORECASE),
        occasion_mentions={noun: _cue_pattern(forms) for noun, forms in raw["occasions"].items()},
        infinitive=re.compile(rf"\bto\s+(?!(?:{_alternation(cues['not_infinitive'])})\b)[a-z]+\b"),
    )


# ---------------------------------------------------------------------------
# Reading expressions
# ---------------------------------------------------------------------------

_KINDS = ("iso", "weekday_date", "mdy", "dmy", "month_year", "month_rel", "in_month", "in_year", "weekday", "count",
          "narrative", "relative", "vague")  # the named alternatives of the expression pattern
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"(?<![\w-])\w+")
_YEAR = re.compile(r"(?<!\d)(?:1[89]\d\d|20\d\d)(?!\d)")
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_BOUNDARY = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s|[.!?](?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n")
# "thanked X for handing over, on July 2, ...": a date just after "for <verb>ing" dates that act, told in passing
_GERUND_FOR = re.compile(r"\bfor\s+[a-z]+ing\b(?:[\s,]+[a-z]+){0,4}[\s,]*$")
_QUOTED = re.compile(r"\"[^\"\n]{1,300}\"|“[^”\n]{1,300}”")  # a quotation, within one paragraph
_SPAN_WORDS = ("since ", "until ", "till ", "by ")  # words that make a date the bound of a span
_DEADLINE_WORDS = ("until ", "till ", "by ")  # ... its end, or a deadline


def find_expressions(text: str, words: DateWords | None = None) -> list[Expression]:
    """Every date expression of ``text``, in order, with what it says (not yet anchored)."""
    words = words or load_date_words()
    found: list[Expression] = []
    done = 0
    # Trying the whole alternation at every word start is slow; most words cannot start an expression.
    for word in _WORD.finditer(text):
        if word.start() < done or not (word.group()[0].isdigit() or word.group().lower() in words.heads):
            continue
        m = words.expression.match(text, word.start())
        if m is None:
            continue
        done = m.end()
        expr = _read_match(m, words)
        if expr is not None:
            found.append(expr)
    return found


def _read_match(m: re.Match[str], words: DateWords) -> Expression | None:
    kind = next(k for k in _KINDS if m.group(k) is not None)
    span = m.group(kind)
    expr = Expression(m.start(), m.end(), span.strip(), kind)
    if kind == "iso":
        year, month, day = (int(g) for g in _ISO.match(span).groups())
        return _with_day(expr, year, month, day, "absolute")
    if kind in {"weekday_date", "mdy", "dmy"}:
        return _read_month_day(expr, span, words)
    if kind in {"month_year", "in_month", "month_rel", "in_year"}:
        expr.kind = "vague"
        expr.month = _month_in(span, words)
        year = _YEAR.search(span)
        expr.year = int(year.group()) if year else None
        if kind == "month_rel":
            expr.relative_year = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
        return expr
    if kind == "weekday":
        return _read_weekday(expr, span, words)
    if kind == "count":
        return _relational(_read_count(expr, span, words), m)
    if kind == "narrative":
        expr.offset = words.narrative_days[" ".join(span.lower().split())]
        return _relational(expr, m)
    if kind == "relative":
        expr.offset = words.relative_days[" ".join(span.lower().split())]
        return expr
    return expr  # vague


def _with_day(expr: Expression, year: int | None, month: int, day: int, kind: str) -> Expression | None:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year: February 29 stays possible without a year
    except ValueError:
        return None
    expr.year, expr.month, expr.day, expr.kind = year, month, day, kind
    return expr


def _month_in(span: str, words: DateWords) -> int | None:
    for token in re.findall(r"[A-Za-z]+", span):
        number = words.month_numbers.get(token.lower())
        if number and token[0].isupper():
            return number
    return None


def _read_month_day(expr: Expression, span: str, words: DateWords) -> Expression | None:
    month = _month_in(span, words)
    numbers = [int(n) for n in _DIGITS.findall(span)]
    year = next((n for n in numbers if n >= 1800), None)
    day = next((n for n in numbers if n < 1800), None)
    if month is None or day is None:
        return None
    read = _with_day(expr, year, month, day, "absolute" if year else "month_day")
    return _deadline(read) if read else None


def _read_weekday(expr: Expression, span: str, words: DateWords) -> Expression:
    tokens = span.split()
    expr.weekday = next(i for i, name in enumerate(words.weekdays) if name in tokens)
    first = tokens[0].lower()
    expr.modifier = first if first in {"last", "this", "next"} else "on"
    return _deadline(expr)


def _deadline(expr: Expression) -> Expression:
    """ "leave by Friday", "until March 3": a deadline or the end of a span is no act's day (null, words kept)."""
    if expr.text.lower().startswith(_DEADLINE_WORDS):
        expr.kind = "vague"
    return expr


def _relational(expr: Expression, m: re.Match[str]) -> Expression:
    """ "a day after the vote", "two days before talks": the day of what follows is counted back from the day
    told just before in the sentence ("on Sunday, a day after X accused Y": X accused on Saturday)."""
    followed = re.match(r"\s+[\w“\"]", m.string[m.end():m.end() + 2])
    if expr.kind == "narrative" and expr.text.lower().endswith(("after", "before")) and followed:
        expr.kind = "relational"
        expr.offset = -expr.offset
    return expr


def _read_count(expr: Expression, span: str, words: DateWords) -> Expression:
    number, _, direction = span.lower().split()[:3]
    count = int(number) if number.isdigit() else words.numbers.get(number, 0)
    sign = 1 if direction in {"later", "after"} else -1
    expr.kind = "ago" if direction == "ago" else "narrative"
    expr.offset = sign * count
    return expr


# ---------------------------------------------------------------------------
# Anchoring
# ---------------------------------------------------------------------------


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _month_day_on_or_before(month: int, day: int, limit: date) -> date:
    """The most recent month-day not after ``limit`` (February 29 goes back to a leap year)."""
    for year in range(limit.year, limit.year - 8, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= limit:
            return candidate
    return date(limit.year - 1, month, min(day, 28))


def _month_day_on_or_after(month: int, day: int, limit: date) -> date:
    """The first month-day not before ``limit``."""
    for year in range(limit.year, limit.year + 8):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= limit:
            return candidate
    return date(limit.year + 1, month, min(day, 28))


def anchor_weekday(weekday: int, modifier: str, published: date, future: bool) -> date:
    """The day a weekday names, told against the publication date (see the module docstring)."""
    back = (published.weekday() - weekday) % 7
    ahead = (weekday - published.weekday()) % 7
    if modifier == "last":
        return published - timedelta(days=back or 7)
    if modifier == "next":
        return published + timedelta(days=ahead or 7)
    if future:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


class _Reference:
    """What a document says about when it was written: publication date, or a reference year and month."""

    def __init__(self, published: date | None, expressions: list[Expression], absolutes: list[Expression]) -> None:
        self.published = published
        self.absolutes = absolutes  # expressions with a full date: text and captions
        self.year, self.month = (None, None) if published else _infer_reference(expressions, absolutes)

    def month_day(self, expr: Expression) -> date | None:
        """The year of a month-day written without one (rules in the module docstring)."""
        month, day = expr.month or 0, expr.day or 0
        same = [a for a in self.absolutes if (a.month, a.day) == (month, day)]
        if same:
            return _nearest(same, expr.start).resolved
        if self.published:
            if expr.future:
                return _month_day_on_or_after(month, day, self.published)
            return _month_day_on_or_before(month, day, self.published)
        if self.year and self.month:
            end = date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
            return _month_day_on_or_before(month, day, end)
        year = self.year or self._nearest_year(expr)
        return _safe_date(year, month, day) if year else None

    def _nearest_year(self, expr: Expression) -> int | None:
        in_text = [a for a in self.absolutes if not a.in_caption]
        pool = in_text or self.absolutes
        return _nearest(pool, expr.start).year if pool else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _nearest(pool: list[Expression], position: int) -> Expression:
    return min(pool, key=lambda a: (abs(a.start - position), -(a.year or 0)))


def _infer_reference(expressions: list[Expression], absolutes: list[Expression]) -> tuple[int | None, int | None]:
    """The writing year (and month) of an undated document, from relative phrases tied to absolute dates.

    "<Month> last year" beside an absolute date of that month in year X: the text is written in X+1
    ("this year": X). "last month" with a month name in its sentence or the next: written the month after.
    """
    year = month = None
    for expr in expressions:
        if expr.relative_year is not None and expr.month:
            same_month = [a for a in absolutes if a.month == expr.month and a.year]
            if same_month:
                year = _nearest(same_month, expr.start).year - expr.relative_year
    for index, expr in enumerate(expressions):
        if expr.kind == "vague" and expr.text.lower() in {"last month", "this month"}:
            named = _month_named_near(expressions, index)
            if named is not None:
                month = named % 12 + 1 if expr.text.lower() == "last month" else named
    return year, month


def _month_named_near(expressions: list[Expression], index: int) -> int | None:
    """The month of the next expression naming one, when it lies in the same sentence or the next."""
    here = expressions[index]
    for other in expressions[index + 1:]:
        if other.paragraph != here.paragraph or other.sentence - here.sentence > 1:
            return None
        if other.month and other.relative_year is None and not other.future:
            return other.month
    return None


def _segment_boundaries(text: str, expressions: list[Expression]) -> list[int]:
    """Clause boundaries (punctuation) of ``text``, leaving out commas inside date expressions."""
    starts = [e.start for e in expressions]
    boundaries = []
    for m in _BOUNDARY.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or m.start() >= expressions[i].end:
            boundaries.append(m.start())
    return boundaries


class DateResolver:
    """Resolves the date expressions of one document, in text order, keeping narrative state."""

    def __init__(self, doc: Document, words: DateWords | None = None) -> None:
        self.doc = doc
        self.words = words or load_date_words()
        self._expressions: list[Expression] | None = None  # read on the first resolve(): most documents need none

    @property
    def expressions(self) -> list[Expression]:
        """The document's date expressions in text order, anchored (read once, on first use)."""
        if self._expressions is None:
            self._expressions = self._build()
        return self._expressions

    def _build(self) -> list[Expression]:
        text = self.doc.text or ""
        self._paragraph_starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
        self._sentence_ends = [m.start() for m in re.finditer(r"[.!?](?=\s)|\n", text)]
        caption_spans = self._caption_spans(text)
        expressions = find_expressions(text, self.words)
        for expr in expressions:
            self._annotate(expr, text, caption_spans)
        self._boundaries = _segment_boundaries(text, expressions)
        for expr in expressions:
            expr.segment = bisect.bisect_right(self._boundaries, expr.start)
            clause_start = self._boundaries[expr.segment - 1] + 1 if expr.segment else 0
            # "..., who has led the country since 1994": a clause about a person dates the person, not the event
            expr.person_clause = bool(self.words.person_clause.match(text, clause_start, expr.start))
            expr.descriptive_clause = bool(self.words.descriptive_clause.match(text, clause_start, expr.start))
        absolutes = [e for e in expressions if e.kind == "absolute"] + self._caption_absolutes()
        for a in absolutes:
            a.resolved = date(a.year, a.month, a.day)
        self.reference = _Reference(_parse_iso(self.doc.published), expressions, absolutes)
        self._entries = self._live_entries(text)
        self._resolve_all(expressions)
        return expressions

    # -- building --------------------------------------------------------

    def _caption_spans(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for block in self.doc.blocks:
            if block.kind == "caption" and block.text.strip():
                at = text.find(block.text.strip())
                if at >= 0:
                    spans.append((at, at + len(block.text.strip())))
        return spans

    def _caption_absolutes(self) -> list[Expression]:
        found = []
        for block in self.doc.blocks:
            if block.kind == "caption":
                for expr in find_expressions(block.text, self.words):
                    if expr.kind == "absolute":
                        expr.in_caption, expr.start, expr.end = True, -1, -1
                        found.append(expr)
        return found

    def _annotate(self, expr: Expression, text: str, caption_spans: list[tuple[int, int]]) -> None:
        expr.paragraph = bisect.bisect_right(self._paragraph_starts, expr.start) - 1
        expr.sentence = bisect.bisect_right(self._sentence_ends, expr.start)
        expr.in_caption = any(s <= expr.start < e for s, e in caption_spans)
        clause = text[self._clause_start(text, expr.start):expr.start]
        expr.future = bool(self.words.future.search(clause))
        expr.reporting_cue = self._reporting_cue(text, expr.start)
        expr.dateline = self._in_dateline(text, expr)
        sentence_start = self._sentence_ends[expr.sentence - 1] + 1 if expr.sentence else 0
        passing = _GERUND_FOR.search(text, max(sentence_start, expr.start - 80), expr.start)
        expr.passing_from = passing.start() if passing else None

    def _in_dateline(self, text: str, expr: Expression) -> bool:
        """ "ATHENS, May 19 - ...": a date between a place at the line's start and a dash dates the writing."""
        line_start = text.rfind("\n", 0, expr.start) + 1
        return bool(self.words.dateline_place.fullmatch(text, line_start, expr.start)
                    and self.words.dateline_tail.match(text, expr.end))

    def _live_entries(self, text: str) -> list[_Entry]:
        """The entries of a live blog (paragraphs under a time heading block), each with its day; none elsewhere.

        The page's blocks are walked in order: a time heading opens an entry, a day heading ("Monday 27 July
        2026") sets the day of the entries after it (else the publication day), body text found in ``text``
        extends the open entry. Text before the first time heading (the summary) is in no entry.
        """
        entries: list[_Entry] = []
        day, day_words = self.reference.published, None
        cursor, headings = 0, 0
        current: _Entry | None = None
        for block in self.doc.blocks:
            piece = block.text.strip()
            if not piece or block.kind == "caption":
                continue
            if self.words.entry_heading.fullmatch(piece):
                headings += 1
                current = _Entry(-1, -1, day, f"{piece} ({day_words})" if day_words else piece)
                entries.append(current)
                continue
            heading_day = self._day_heading(piece)
            if heading_day is not None:
                day, day_words, current = heading_day, piece, None
                continue
            at = text.find(piece, cursor)
            if at < 0:
                continue
            cursor = at + len(piece)
            if current is not None:
                current.start = at if current.start < 0 else current.start
                current.end = cursor
        if headings < self.words.entry_headings_min:
            return []
        return [e for e in entries if e.start >= 0]

    def _day_heading(self, piece: str) -> date | None:
        """The day a heading block made only of one date names ("Monday 27 July 2026", "27 July")."""
        if len(piece) > 40:
            return None
        found = find_expressions(piece, self.words)
        if len(found) != 1 or found[0].kind not in {"absolute", "month_day"}:
            return None
        rest = piece[:found[0].start] + piece[found[0].end:]
        if re.search(r"\w", rest):
            return None
        expr = found[0]
        if expr.year:
            return date(expr.year, expr.month, expr.day)
        published = self.reference.published
        return _month_day_on_or_before(expr.month, expr.day, published) if published else None

    def _entry_at(self, position: int) -> _Entry | None:
        return next((e for e in self._entries if e.start <= position < e.end), None)

    def _reporting_cue(self, text: str, position: int) -> int | None:
        """Where a reporting cue ("reported", "according to state media") shortly before ``position`` starts."""
        sentence = bisect.bisect_left(self._sentence_ends, position) - 1
        sentence_start = self._sentence_ends[sentence] if sentence >= 0 else 0
        window_start = max(sentence_start, position - self.words.reporting_window)
        cue = None
        for m in self.words.reporting.finditer(text, window_start, position):
            cue = m
        if cue is None:
            return None
        # "state media, KCNA, on Friday" is attached; "according to KCNA, this came on the same day" is not
        between = re.findall(r"\b[a-z][\w-]*", text[cue.end():position])
        return cue.start() if all(w in self.words.reporting_filler for w in between) else None

    def _clause_start(self, text: str, position: int) -> int:
        window_start = max(0, position - 200)
        last = None
        for m in _BOUNDARY.finditer(text, window_start, position):
            last = m
        return last.end() if last else window_start

    def _resolve_all(self, expressions: list[Expression]) -> None:
        last: date | None = None
        previous: Expression | None = None
        entry: _Entry | None = None
        for expr in expressions:
            here = self._entry_at(expr.start)
            if here is not entry:  # a live-blog entry tells its own day's news: its narration starts from that day
                entry, last = here, here.day if here else last
            if expr.kind == "relational":
                expr.resolved = self._counted_from(previous, expr)
                previous = expr
                continue  # the day of an act told in passing is no base for "the next day"
            if expr.kind != "absolute":
                expr.resolved = self._anchor(expr, last)
            if expr.resolved and self._is_narration(expr) and expr.passing_from is None \
                    and not self._after_publication(expr.resolved):
                last = expr.resolved
            previous = expr

    def _after_publication(self, day: date) -> bool:
        """A day after publication is a plan ("flights will resume from January 1"): no base for "the next day",
        which tells what happened after the last past act."""
        published = self.reference.published
        return published is not None and day > published

    def _counted_from(self, base: Expression | None, expr: Expression) -> date | None:
        """ "on Sunday, a day after ...": counted from the date told just before, in the same sentence."""
        if (base is None or base.kind == "relational" or base.resolved is None or base.sentence != expr.sentence
                or not self._is_narration(base)):
            return None
        return base.resolved + timedelta(days=expr.offset)

    def _is_narration(self, expr: Expression) -> bool:
        return not expr.in_caption and expr.reporting_cue is None and not expr.dateline

    def _anchor(self, expr: Expression, last: date | None) -> date | None:
        entry = self._entry_at(expr.start)
        # in a live blog, "this morning" and "on Sunday" are told on the entry's day
        published = entry.day if entry and entry.day else self.reference.published
        if expr.kind == "month_day":
            return self.reference.month_day(expr)
        if expr.kind == "weekday" and published:
            return anchor_weekday(expr.weekday or 0, expr.modifier or "on", published, expr.future)
        if expr.kind in {"relative", "ago"} and published:
            return published + timedelta(days=expr.offset)
        if expr.kind == "narrative":
            base = last or (published if published else None)
            if base is None:
                return None
            if last is None and expr.offset == 0:
                return None  # "the same day" with nothing told before it names no day
            return base + timedelta(days=expr.offset)
        return None

    # -- choosing ------------------------------------------------------------

    def resolve(self, sentence_start: int, sentence_end: int,
                trigger_start: int | None = None, trigger_end: int | None = None,
                *, inherit: bool = False) -> ResolvedDate:
        """The date of the event whose trigger lies at the given offsets of ``doc.text``.

        Picks the sentence's date expression that belongs to the trigger (same clause first, then
        after the trigger, then nearest). A sentence with no date words gives ``ResolvedDate(None, None)``;
        with ``inherit=True`` it takes instead the date of the occasion it points back at ("During the call")
        or of the narration just before it (same or previous paragraph, no scene change, not in the perfect or
        with a modal, not a reply naming the earlier act), marked ``inherited``; in a live-blog entry, the date told
        before it in the entry or else the entry's day, marked ``entry``.
        """
        candidates = [e for e in self.expressions
                      if sentence_start <= e.start and e.end <= sentence_end and not e.dateline]
        chosen = self._choose(candidates, trigger_start, trigger_end)
        if chosen is not None and chosen.kind == "relational" and (trigger_start or 0) < chosen.start:
            return ResolvedDate(None, chosen.text, start=chosen.start)  # "met a day after the vote": no day of its own
        if chosen is not None:
            return ResolvedDate(_iso(chosen.resolved), chosen.text, start=chosen.start)
        if not inherit:
            return ResolvedDate(None, None)
        occasion = self._occasion_date(sentence_start, sentence_end)
        if occasion is not None:
            return occasion
        entry = self._entry_at(sentence_start)
        if entry is not None:
            return self._entry_date(entry, sentence_start, sentence_end, trigger_start)
        return self._inherited(sentence_start, sentence_end)

    def _choose(self, candidates: list[Expression], trigger_start: int | None,
                trigger_end: int | None) -> Expression | None:
        if trigger_start is None:
            plain = [e for e in candidates if e.reporting_cue is None]
            return plain[0] if plain else None
        end = trigger_end if trigger_end is not None else trigger_start
        segment = bisect.bisect_right(self._boundaries, trigger_start)
        usable = [e for e in candidates
                  if (e.reporting_cue is None or e.reporting_cue <= trigger_start < e.start)
                  and not (e.person_clause and e.segment != segment)
                  and not (e.descriptive_clause and e.segment != segment and e.end <= trigger_start)
                  and not (e.passing_from is not None and trigger_start < e.passing_from)
                  and not self._planned_act(e, end)]
        if self._pluperfect(trigger_start):  # "said on Tuesday that X had urged": only "had urged ... on Monday"
            usable = [e for e in usable if e.start >= end and e.segment == segment]
        clause_start = self._boundaries[segment - 1] + 1 if segment else 0
        if self.words.appositive_reply.match(self.doc.text, clause_start, trigger_start):
            # "suspended flights on Thursday, a move X called harmful": the reply's day is not the act's
            usable = [e for e in usable if e.segment == segment]
        if not usable:
            return None

        def rank(e: Expression) -> tuple[int, int, int, int]:
            after = e.start >= end
            gap = e.start - end if after else trigger_start - e.end
            # "released on Sunday the men it had held since January": a span is the time of a state, not of an act
            span = e.text.lower().startswith(_SPAN_WORDS)
            return abs(e.segment - segment), int(span), 0 if after else 1, max(gap, 0)

        return min(usable, key=rank)

    def _pluperfect(self, trigger_start: int) -> bool:
        """Whether the trigger is told in the pluperfect ("had urged", "had already been asked")."""
        return bool(self.words.pluperfect.search(self.doc.text, max(0, trigger_start - 60), trigger_start))

    def _planned_act(self, expr: Expression, trigger_end: int) -> bool:
        """ "agreed to hold talks next month": a look-ahead date after an infinitive dates the planned act."""
        looks_ahead = expr.future or " ".join(expr.text.lower().split()) in self.words.forward
        if not looks_ahead or expr.start < trigger_end:
            return False
        return bool(self.words.infinitive.search(self.doc.text, trigger_end, expr.start))

    def _occasion_date(self, sentence_start: int, sentence_end: int) -> ResolvedDate | None:
        """ "During the call, ...": the date told in the clause of the occasion's latest mention before; ``None``
        when the sentence names no occasion, and no date when that mention has none (an older one may be another)."""
        pointer = self.words.occasion.search(self.doc.text, sentence_start, sentence_end)
        if pointer is None:
            return None
        noun = self.words.occasion_mentions[pointer.group("noun").lower()]
        pointers = {m.start("noun") for m in self.words.occasion.finditer(self.doc.text, 0, sentence_start)}
        # "During the call, ... On the same call, ...": a pointer is no mention; the occasion told before is
        mentions = [m.start() for m in noun.finditer(self.doc.text, 0, sentence_start) if m.start() not in pointers]
        if not mentions:
            return None
        segment = bisect.bisect_right(self._boundaries, mentions[-1])
        told = [e for e in self._told_days() if e.segment == segment]
        if not told:
            # "received the secretary today ..., for a working meeting": the day of the sentence telling it,
            # when that sentence tells one day only
            sentence = bisect.bisect_right(self._sentence_ends, mentions[-1])
            in_sentence = [e for e in self._told_days() if e.sentence == sentence
                           and not (e.person_clause or e.descriptive_clause)]
            told = in_sentence if len({e.resolved for e in in_sentence}) == 1 else []
        if not told:
            return ResolvedDate(None, None)
        return ResolvedDate(_iso(told[0].resolved), told[0].text, inherited=True, start=told[0].start)

    def _told_days(self) -> list[Expression]:
        """The expressions that tell a day of the narration (not a report's, a plan's or one told in passing)."""
        return [e for e in self.expressions if e.resolved and self._is_narration(e) and not e.future
                and e.kind != "relational" and e.passing_from is None]

    def _told_as_reaction(self, expr: Expression) -> bool:
        """Whether the sentence of ``expr`` tells a reaction ("Belgrade reacted the next morning")."""
        ends = self._sentence_ends
        start = ends[expr.sentence - 1] + 1 if expr.sentence else 0
        end = ends[expr.sentence] if expr.sentence < len(ends) else len(self.doc.text)
        return bool(self.words.reaction.search(self.doc.text, start, end))

    def _entry_date(self, entry: _Entry, sentence_start: int, sentence_end: int,
                    trigger_start: int | None) -> ResolvedDate:
        """A live-blog sentence with no date words: the date told before it in its entry, else the entry's day;
        none when the act is told with a modal or in the pluperfect (a plan, or an act of an earlier day)."""
        if any(entry.start <= e.start < sentence_start and self._is_narration(e) for e in self.expressions):
            return self._inherited(sentence_start, sentence_end)
        if entry.day is None or self._modal_or_pluperfect(sentence_start, sentence_end, trigger_start):
            return ResolvedDate(None, None)
        return ResolvedDate(_iso(entry.day), entry.words, entry=True)

    def _modal_or_pluperfect(self, sentence_start: int, sentence_end: int, trigger_start: int | None) -> bool:
        """Whether the act is told with a modal or in the pluperfect (the words before the trigger hold one)."""
        before = self.doc.text[sentence_start:trigger_start if trigger_start is not None else sentence_end]
        return bool(self.words.modal.search(before)) or (trigger_start is not None and self._pluperfect(trigger_start))

    def _no_carry_over(self, sentence_start: int, sentence_end: int) -> bool:
        """Whether the sentence is in the perfect or holds a modal, leaving out a modal that a speech verb before
        it reports ("thanked X and said the armies would share ...": a pledge is dated by its saying)."""
        # quoted words are what someone said: their tense tells nothing of the narration ("told his guest that the
        # country \"will not be a border guard\" and rejected ...")
        sentence = _QUOTED.sub(lambda m: " " * len(m.group()), self.doc.text[sentence_start:sentence_end])
        if self.words.perfect.search(sentence):
            return True
        for modal in self.words.modal.finditer(sentence):
            if not self.words.speech_verb.search(sentence, 0, modal.start()):
                return True
        return False

    def _inherited(self, sentence_start: int, sentence_end: int) -> ResolvedDate:
        # "left on Sunday, a day after X met": the story goes on from Sunday, not from the act told in passing
        before = [e for e in self.expressions
                  if e.end <= sentence_start and self._is_narration(e) and not (e.kind == "relational" and e.resolved)
                  and e.passing_from is None]
        if not before:
            return ResolvedDate(None, None)
        last = before[-1]
        paragraph = bisect.bisect_right(self._paragraph_starts, sentence_start) - 1
        sentence = self.doc.text[sentence_start:sentence_end]
        if (last.resolved is None or paragraph - last.paragraph > 1 or last.future
                or self.words.scene_change.search(sentence)
                or self._no_carry_over(sentence_start, sentence_end)
                or (self.words.reply.search(sentence) and not self._told_as_reaction(last))):
            return ResolvedDate(None, None)
        return ResolvedDate(_iso(last.resolved), last.text, inherited=True, start=last.start)
