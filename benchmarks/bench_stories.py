"""Benchmark story clustering quality (not speed) on a hand-written corpus, and event merging across copies.

    python benchmarks/bench_stories.py

The corpus is tests/fixtures/stories/corpus.toml (42 short invented articles: 8 stories told by 2 to 5 outlets,
with wire copies, rewrites, spun and translated-and-back copies, and 14 confuser stories: the same actors in the same
week with another event, or the same event type with other actors). Documents and their events are built from
the corpus file by hand (events written as the extractor should give them), so this measures clustering and
merging, not cleaning or extraction.

Figures:
- story clusters, in memory (stories.StoryIndex) and through the store (Store.add into SQLite): pairwise
  precision/recall/F1 (over pairs of articles: same story found vs same story in truth) and B-cubed
  precision/recall/F1 (per article: the share of its found cluster that truly belongs with it, and the share of
  its true story that it was put with);
- events through the store: stored events for the corpus's real events, and pairwise precision/recall over
  pairs of reports (same stored event vs same real event; a real event told in two different stories counts as
  a miss, since events of different stories never merge by design).
"""

from __future__ import annotations

import tempfile
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from dipwatch import stories
from dipwatch.models import Actor, Document, Event, EventQuery
from dipwatch.store import Store

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "tests" / "fixtures" / "stories" / "corpus.toml"  # the rules were set on this one
HELD_OUT = HERE / "data" / "stories" / "heldout.toml"  # written after the rules were set, not tuned on


@dataclass
class Article:
    """One corpus article: its document, events, true story and the real event of each report."""

    doc: Document
    events: list[Event]
    story: str
    real_events: list[str]


def load_corpus(path: Path = CORPUS) -> list[Article]:
    """The corpus articles in publication order, as pre-built Documents and Events."""
    manifest = tomllib.loads(path.read_text("utf-8"))
    articles = []
    for entry in manifest["article"]:
        text = entry["text"]
        doc = Document(doc=entry["doc"], text=text, title=text.splitlines()[0], published=entry["published"],
                       outlet=entry["outlet"], original_source=entry.get("original_source"),
                       spun=entry.get("spun", False), content_hash=f"corpus-{entry['doc']}")
        events = [_event(entry["doc"], text, spec) for spec in entry["events"]]
        articles.append(Article(doc, events, entry["story"], [spec[5] for spec in entry["events"]]))
    return articles


def _event(doc: str, text: str, spec: Sequence[str]) -> Event:
    source, target, type_, day, words, _real = spec
    first = text.split("\n\n")[1] if "\n\n" in text else text
    start = text.index(first)
    return Event(doc=doc, source=Actor(source, source, 0, 0), target=Actor(target, target, 0, 0), type=type_,
                 cameo="", sentence=first, sentence_start=start, sentence_end=start + len(first),
                 date=day or None, date_text=words or None, intensity=1.0)


def pairwise(found: Sequence[object], truth: Sequence[object]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of a clustering: pairs put together vs pairs that belong together."""
    together = {(i, j) for i, j in combinations(range(len(found)), 2) if found[i] == found[j]}
    belong = {(i, j) for i, j in combinations(range(len(truth)), 2) if truth[i] == truth[j]}
    return _prf(len(together & belong), len(together), len(belong))


def bcubed(found: Sequence[object], truth: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 (Bagga and Baldwin 1998): per item, averaged over items."""
    precision = recall = 0.0
    for i in range(len(found)):
        cluster = {j for j in range(len(found)) if found[j] == found[i]}
        story = {j for j in range(len(truth)) if truth[j] == truth[i]}
        precision += len(cluster & story) / len(cluster)
        recall += len(cluster & story) / len(story)
    p, r = precision / len(found), recall / len(found)
    return p, r, _f1(p, r)


def _prf(hits: int, found: int, expected: int) -> tuple[float, float, float]:
    p = hits / found if found else 1.0
    r = hits / expected if expected else 1.0
    return p, r, _f1(p, r)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def cluster_in_memory(articles: list[Article]) -> list[int]:
    """Story number of each article, clustered by stories.StoryIndex."""
    thresholds = stories.load_thresholds()
    index = stories.StoryIndex(thresholds)
    return [index.add(stories.fingerprint(a.doc, a.events, thresholds)) for a in articles]


def store_corpus(articles: list[Article], url: str) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Store the corpus; the story id of each article and (stored event, real event, true story) per report."""
    story_ids, reports = [], []
    with Store(url) as store:
        for article in articles:
            story_ids.append(store.add(article.doc, article.events).story_id)
        for article in articles:
            stored = _event_of_each_report(store, article)
            reports += [(event_id, real, article.story) for event_id, real in zip(
                stored, article.real_events, strict=True)]
    return story_ids, reports


def _event_of_each_report(store: Store, article: Article) -> list[int]:
    """The stored event each of the article's events went to: same type and actors, mentioned by the article."""
    story = store.document(article.doc.doc).story_id
    candidates = store.events(EventQuery(story=story, limit=1000))
    mentioned = {c.id for c in candidates if any(m.doc == article.doc.doc for m in store.mentions(c.id))}
    found = []
    for event in article.events:
        pair = {event.source.code, event.target.code}
        ids = [c.id for c in candidates if c.id in mentioned and c.type == event.type and {c.source, c.target} == pair]
        found.append(ids[0] if len(ids) == 1 else _closest(candidates, ids, event))
    return found


def _closest(candidates: list, ids: list[int], event: Event) -> int:
    by_id = {c.id: c for c in candidates}
    exact = [i for i in ids if by_id[i].date == event.date]
    return (exact or ids or [-1])[0]


def report(name: str, found: Sequence[object], truth: Sequence[object], articles: list[Article]) -> None:
    """Print the pairwise and B-cubed figures of one clustering, and the articles it got wrong."""
    p, r, f = pairwise(found, truth)
    bp, br, bf = bcubed(found, truth)
    print(f"{name}: pairwise P {p:.3f} R {r:.3f} F1 {f:.3f} | B-cubed P {bp:.3f} R {br:.3f} F1 {bf:.3f} "
          f"| {len(set(found))} clusters for {len(set(truth))} stories")
    for i, j in combinations(range(len(found)), 2):
        if found[i] == found[j] and truth[i] != truth[j]:
            print(f"   false merge: {articles[i].doc.doc} + {articles[j].doc.doc}")
    missed = sorted({articles[i].doc.doc + " / " + articles[j].doc.doc for i, j in combinations(range(len(found)), 2)
                     if found[i] != found[j] and truth[i] == truth[j]})
    if missed:
        print(f"   missed pairs ({len(missed)}): " + ", ".join(missed))


def bench_corpus(name: str, path: Path) -> None:
    """Print clustering and event-merging figures for one corpus file."""
    articles = load_corpus(path)
    truth = [a.story for a in articles]
    started = time.perf_counter()
    print(f"== {name}: {len(articles)} articles, {len(set(truth))} stories ({path.name})")
    report("stories in memory (StoryIndex)", cluster_in_memory(articles), truth, articles)
    with tempfile.TemporaryDirectory() as tmp:
        story_ids, reports = store_corpus(articles, f"sqlite:///{tmp}/stories.db")
    report("stories through the store     ", story_ids, truth, articles)
    stored, real = [s for s, _, _ in reports], [r for _, r, _ in reports]
    p, r, f = pairwise(stored, real)
    print(f"events through the store: {len(set(stored))} stored events for {len(set(real))} real events "
          f"({len(reports)} reports); report pairs P {p:.3f} R {r:.3f} F1 {f:.3f}")
    # Reports in copies of one true story only: what event merging can reach (stories never share events).
    within = [(s, f"{story}/{r}") for s, r, story in reports]
    p, r, f = pairwise([s for s, _ in within], [t for _, t in within])
    split = sorted({t for _, t in within if len({s for s, u in within if u == t}) > 1})
    print(f"  within one story: report pairs P {p:.3f} R {r:.3f} F1 {f:.3f}; real events split: "
          f"{', '.join(split) or 'none'}")
    print(f"  ({time.perf_counter() - started:.1f} s)")


def main() -> None:
    """Print the figures for the development corpus, then for the held-out one."""
    bench_corpus("development corpus", CORPUS)
    bench_corpus("held-out corpus", HELD_OUT)


if __name__ == "__main__":
    main()
