"""Benchmark of the cleaning stage: documents/second for text and HTML input, peak memory, the
spun-text detector's precision and recall on the clean/spun test fixtures, and how well the
flattened-text cleaner recovers the article of an HTML page flattened to text with all its menus,
teasers and footers in (word 4-gram F1 against trafilatura's main text of the same page; the whole
flattened page is the baseline).

The demo corpus (src/dipwatch/data/demo/) is repeated until each input kind reaches DOCS documents
(default 5,000; `python benchmarks/bench_clean.py 1000` for a quicker run). Cleaning is one process,
one core: the figures are per core.
"""

from __future__ import annotations

import re
import resource
import sys
import time
from pathlib import Path

from dipwatch.clean import clean, load_settings
from dipwatch.ingest import read_inputs
from dipwatch.models import RawInput
from dipwatch.pipeline import demo_corpus
from dipwatch.spin import detect_spin, load_spin_settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "clean"
DEFAULT_DOCS = 5000


def corpus() -> dict[str, list[RawInput]]:
    """The demo articles by input format; the test fixtures where the demo corpus has none of a kind."""
    found: dict[str, list[RawInput]] = {"text": [], "html": []}
    for source in (demo_corpus(), FIXTURES):
        for item in read_inputs([str(source)]):
            if isinstance(item, RawInput):
                found[item.format].append(item)
        if found["text"] and found["html"]:
            break
    return found


def throughput(inputs: list[RawInput], count: int) -> tuple[float, float, int]:
    """Documents per second (wall clock, and per CPU-second: steadier on a shared machine) over ``count``
    documents cycled from ``inputs``, and the characters cleaned."""
    chars = 0
    started, cpu = time.perf_counter(), time.process_time()
    for index in range(count):
        chars += len(clean(inputs[index % len(inputs)]).text)
    return count / (time.perf_counter() - started), count / (time.process_time() - cpu), chars


def spin_scores(folder: str = "spin") -> tuple[float, float, int, int]:
    """Precision and recall of the spun-text detector on a fixture folder: tests/fixtures/clean/spin/ (the first
    set), spin/dev (the second: more topics, light to heavy spin, hard negatives) or spin/blind (the third)."""
    settings = load_spin_settings()
    spun = [detect_spin(p.read_text(encoding="utf-8"), settings).spun
            for p in sorted(FIXTURES.glob(f"{folder}/spun_*"))]
    clean_ = [detect_spin(p.read_text(encoding="utf-8"), settings).spun
              for p in sorted(FIXTURES.glob(f"{folder}/clean_*"))]
    true_positive, false_positive = sum(spun), sum(clean_)
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 0.0
    return precision, true_positive / len(spun), len(spun), len(clean_)


BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "figcaption", "figure", "header",
              "footer", "nav", "aside", "article", "section", "main", "title", "time", "tr", "form", "blockquote"}


def flatten(html: str) -> str:
    """An HTML page as a scraper dumps it to text: every block on its own line, menus and footers in."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//script|//style|//noscript"):
        element.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in BLOCK_TAGS:
            element.tail = "\n\n" + (element.tail or "")
    lines = [" ".join(line.split()) for line in tree.text_content().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def four_gram_f1(found: str, gold: str) -> float:
    """Word 4-gram overlap F1, the measure of the public cleaning benchmark."""
    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}

    a, b = grams(found), grams(gold)
    common = len(a & b)
    return 2 * common / (len(a) + len(b)) if a and b else 0.0


def flattened_scores(pages: list[RawInput]) -> tuple[float, float]:
    """Mean 4-gram F1 of the whole flattened page and of the cleaned flattened page, against trafilatura."""
    whole, cleaned = [], []
    for page in pages:
        gold = clean(page).text
        flat = flatten(page.content)
        whole.append(four_gram_f1(flat, gold))
        cleaned.append(four_gram_f1(clean(RawInput(doc=page.doc, content=flat, format="text", origin="-")).text, gold))
    return sum(whole) / len(whole), sum(cleaned) / len(cleaned)


def main(docs: int = DEFAULT_DOCS) -> None:
    """Print the figures."""
    started = time.perf_counter()
    load_settings()
    clean(RawInput(doc="warm", content="Warm-up sentence for the language detector.", format="text", origin="-"))
    for page in corpus()["text"] + corpus()["html"]:
        clean(page)  # lingua loads each language's models on first use: keep that out of the timings
    print(f"settings and language detector loaded in {time.perf_counter() - started:.1f} s")
    inputs = corpus()
    for kind in ("text", "html"):
        rate, cpu_rate, chars = throughput(inputs[kind], docs)
        print(f"{kind:>4}: {rate:7.1f} documents/s ({cpu_rate:.1f} per CPU-second) over {docs} documents "
              f"({len(inputs[kind])} distinct, {chars / docs:.0f} characters of main text each)")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    pages = inputs["html"] + [p for p in read_inputs([str(FIXTURES)]) if isinstance(p, RawInput) and p.format == "html"]
    pages = [p for p in pages if clean(p).text]  # pages with an article
    whole, cleaned = flattened_scores(pages)
    print(f"HTML pages flattened to text ({len(pages)} pages): 4-gram F1 vs trafilatura's main text: "
          f"whole page {whole:.3f}, cleaned {cleaned:.3f}")
    for folder in ("spin", "spin/dev", "spin/blind"):
        precision, recall, n_spun, n_clean = spin_scores(folder)
        print(f"spun detector on fixtures {folder}/ ({n_spun} spun, {n_clean} clean): "
              f"precision {precision:.2f}, recall {recall:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DOCS)
