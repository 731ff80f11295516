"""Consistency check of a held-out set's gold file: `python benchmarks/check_gold.py benchmarks/heldout4`.

The gold file is FOLDER/<folder name>.gold.json, the articles FOLDER/*.txt.

Checks, for every gold document, that its .txt file exists; that text_starts, text_ends, boilerplate strings and every
event and forbidden evidence string occur verbatim in the file; that event fields are well formed; and that every
dated event lies on or before the publication date and, where its evidence names a weekday or says 'today' or
'this morning', falls on that weekday or on the publication day. Prints one line per problem and a summary; exits 1
when a problem is found. It reads only that folder, never the extractor.
"""

import json
import sys
from datetime import date
from pathlib import Path

TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SAME_DAY_WORDS = ("today", "this morning")


def weekday_problems(event: dict, published: date | None) -> list[str]:
    """Problems with one event's date against its evidence and the publication date."""
    if event["date"] is None:
        return []
    if published is None:
        return ["dated event in a document without publication date"]
    day = date.fromisoformat(event["date"])
    problems = []
    if day > published:
        problems.append(f"date {day} after publication {published}")
    evidence = event["evidence"].lower()
    named = [w for w in WEEKDAYS if w in evidence]
    if named and WEEKDAYS[day.weekday()] not in named:
        problems.append(f"evidence names {named} but {day} is a {WEEKDAYS[day.weekday()]}")
    if any(w in evidence for w in SAME_DAY_WORDS) and day != published:
        problems.append(f"evidence says today/this morning but date is {day}")
    return problems


def doc_problems(doc: dict, folder: Path) -> list[str]:
    """Every problem found in one gold document."""
    path = folder / f"{doc['doc']}.txt"
    if not path.exists():
        return [f"missing file {path.name}"]
    text = path.read_text(encoding="utf-8")
    published = date.fromisoformat(doc["published"]) if doc["published"] else None
    problems = [
        f"'{key}' not in file: {doc[key][:50]}" for key in ("title", "text_starts", "text_ends") if doc[key] not in text
    ]
    problems += [f"boilerplate not in file: {b[:50]}" for b in doc["boilerplate"] if b not in text]
    for event in doc["events"]:
        label = f"{event['source']} {event['type']} {event['target']}"
        if event["type"] not in TYPES or not set(event.get("alt_types", [])) <= TYPES:
            problems.append(f"{label}: unknown type")
        if not isinstance(event["required"], bool):
            problems.append(f"{label}: 'required' is not a boolean")
        if event["evidence"] not in text:
            problems.append(f"{label}: evidence not in file: {event['evidence'][:50]}")
        problems += [f"{label}: {p}" for p in weekday_problems(event, published)]
    for event in doc["forbidden"]:
        label = f"forbidden {event['source']} {event['type']} {event['target']}"
        if event["evidence"] not in text:
            problems.append(f"{label}: evidence not in file: {event['evidence'][:50]}")
        if not event.get("why"):
            problems.append(f"{label}: no 'why'")
    return [f"{doc['doc']}: {p}" for p in problems]


def main() -> None:
    """Check the gold file of the folder named on the command line against its articles; print a short report."""
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/check_gold.py FOLDER")
    folder = Path(sys.argv[1]).resolve()
    gold = json.loads((folder / f"{folder.name}.gold.json").read_text(encoding="utf-8"))
    docs = gold["docs"]
    problems = [p for d in docs for p in doc_problems(d, folder)]
    listed = {f"{d['doc']}.txt" for d in docs}
    problems += [f"{p.name}: article without gold" for p in folder.glob("*.txt") if p.name not in listed]
    for line in problems:
        print(line)
    events = [e for d in docs for e in d["events"]]
    required = [e for e in events if e["required"]]
    dated = [e for e in required if e["date"]]
    print(
        f"articles={len(docs)} required={len(required)} optional={len(events) - len(required)} "
        f"forbidden={sum(len(d['forbidden']) for d in docs)} required_dated={len(dated)} problems={len(problems)}"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
