"""Cleaning quality: how much of each page's main text a cleaner keeps, and how little else.

Runs on benchmarks/data/cleaning (hand-written HTML news and blog pages, each with a ``.gold.txt`` of its
main text; used while tuning the cleaner, so optimistic) and on benchmarks/data/cleaning_heldout (pages in the
same format written independently of the cleaner's tuning), reported separately.
Every prediction is scored against the gold text by word 4-gram overlap, as public main-text
extraction benchmarks do: precision and recall of the multiset of lower-cased word 4-grams, then F1.
`python benchmarks/bench_cleanquality.py --tuned` scores the tuned set only.
Systems: trafilatura alone (favour precision), dipwatch's clean() on the HTML, the page flattened to text
with everything kept (menus, footers...), and dipwatch's clean() on that flattened text.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import lxml.html
import trafilatura

from dipwatch.clean import clean
from dipwatch.models import RawInput

DATA = Path(__file__).resolve().parent / "data" / "cleaning"
HELDOUT = Path(__file__).resolve().parent / "data" / "cleaning_heldout"
WORD = re.compile(r"\w+(?:['’]\w+)*")
SKIP = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "svg", "iframe"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "amp-sidebar", "amp-consent",
    "amp-ad",
}


def flatten(html: str) -> str:
    """The page's visible body text as a text dump: one line per block element, blank lines between blocks."""
    lines: list[str] = []
    buffer: list[str] = []

    def flush(blank: bool) -> None:
        text = " ".join(" ".join(buffer).split())
        buffer.clear()
        if text:
            lines.append(text)
        if blank or (not text and lines and lines[-1]):  # a block ends, or <br><br>: a blank line
            lines.append("")

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in SKIP or not tag:  # comments and processing instructions have no string tag
            buffer.append(element.tail or "")
            return
        if tag == "br":
            flush(blank=False)
        elif tag in BLOCKS:
            flush(blank=True)
        buffer.append(element.text or "")
        for child in element:
            walk(child)
        if tag in BLOCKS:
            flush(blank=True)
        buffer.append(element.tail or "")

    body = lxml.html.document_fromstring(html).find("body")
    if body is not None:
        walk(body)
    flush(blank=True)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def ngrams(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The multiset of lower-cased word n-grams of a text."""
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def score(predicted: str, gold: str) -> tuple[float, float, float]:
    """Word 4-gram precision, recall and F1 of a prediction against the gold text."""
    pred, ref = ngrams(predicted), ngrams(gold)
    overlap = sum((pred & ref).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(ref.values()) if ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def systems() -> dict[str, Callable[[str, str], str]]:
    """Each system: a function of (page name, HTML) to predicted main text."""
    return {
        "trafilatura": lambda name, html: trafilatura.extract(html, favor_precision=True) or "",
        "clean(html)": lambda name, html: clean(RawInput(doc=name, content=html, format="html", origin=name)).text,
        "flat page": lambda name, html: flatten(html),
        "clean(flat)": lambda name, html: clean(
            RawInput(doc=name, content=flatten(html), format="text", origin=name)).text,
    }


def report(label: str, folder: Path, runs: dict[str, Callable[[str, str], str]]) -> None:
    """Score every system on every page of one folder; print per-page F1 and mean precision, recall and F1."""
    started = time.perf_counter()
    pages = sorted(folder.glob("*.html"))
    scores: dict[str, list[tuple[float, float, float]]] = {s: [] for s in runs}
    print(f"== {label}: {folder.relative_to(folder.parent.parent.parent)}")
    print(f"{'page':<36}" + "".join(f"{s:>13}" for s in runs) + "   (word 4-gram F1)")
    for page in pages:
        html = page.read_text("utf-8")
        gold = page.with_suffix(".gold.txt").read_text("utf-8")
        for system, run in runs.items():
            scores[system].append(score(run(page.stem, html), gold))
        print(f"{page.stem:<36}" + "".join(f"{scores[s][-1][2]:>13.3f}" for s in runs))
    for name, index in (("mean precision", 0), ("mean recall", 1), ("mean F1", 2)):
        means = [sum(row[index] for row in scores[s]) / max(len(pages), 1) for s in runs]
        print(f"{name:<36}" + "".join(f"{m:>13.3f}" for m in means))
    print(f"{len(pages)} pages, {time.perf_counter() - started:.1f} s")


def main() -> None:
    """Report the tuned set, then the held-out set (``--tuned`` for the tuned set only: the figures to
    look at while tuning, leaving the held-out set unseen until the end)."""
    runs = systems()
    report("tuned set (used while tuning the cleaner; optimistic)", DATA, runs)
    if "--tuned" in sys.argv[1:]:
        return
    print()
    report("held-out set (written independently of the cleaner's tuning)", HELDOUT, runs)


if __name__ == "__main__":
    main()
