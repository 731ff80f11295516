"""Reading inputs: files, directories, JSONL records, RSS/Atom feeds, WARC crawls, stdin.

``read_inputs(paths)`` yields one :class:`RawInput` per document, or an
:class:`InputError` for an input that cannot be read, so that one bad file never
stops a batch. Nothing here interprets the article: that is clean.py's job.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dipwatch.errors import InputError
from dipwatch.models import RawInput

#: Inputs larger than this are refused: no news article is 20 MB of text.
MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = (".warc", ".warc.gz")
READABLE_IN_DIRS = TEXT_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES | {".jsonl"}


def read_inputs(paths: Iterable[str], max_bytes: int = MAX_BYTES) -> Iterator[RawInput | InputError]:
    """Yield every document found under ``paths`` ("-" is standard input), in order."""
    for path in paths:
        if path == "-":
            yield from _read_stdin(max_bytes)
            continue
        p = Path(path)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.is_file() and _readable_in_dir(f))
            if not files:
                yield InputError(path, "directory holds no readable article files")
            for f in files:
                yield from _read_file(f, max_bytes)
        elif p.exists():
            yield from _read_file(p, max_bytes)
        else:
            yield InputError(path, "no such file or directory")


def _readable_in_dir(path: Path) -> bool:
    if path.name.startswith("."):
        return False
    return path.suffix.lower() in READABLE_IN_DIRS or path.name.lower().endswith(WARC_SUFFIXES)


def _read_stdin(max_bytes: int) -> Iterator[RawInput | InputError]:
    data = sys.stdin.buffer.read(max_bytes + 1)
    yield from _from_bytes("-", "stdin", data, "", max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    origin = str(path)
    try:
        if path.stat().st_size > max_bytes:
            yield InputError(origin, f"file is larger than {max_bytes // (1024 * 1024)} MB; refused")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc})")
        return
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        yield from _read_warc(origin, data)
        return
    yield from _from_bytes(origin, _doc_id(path), data, path.suffix.lower(), max_bytes)


def _doc_id(path: Path) -> str:
    return path.name.split(".")[0] if path.suffix else path.name


def _from_bytes(origin: str, doc: str, data: bytes, suffix: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    if len(data) > max_bytes:
        yield InputError(origin, f"input is larger than {max_bytes // (1024 * 1024)} MB; refused")
        return
    try:
        text = decode_text(data)
    except ValueError as exc:
        yield InputError(origin, str(exc))
        return
    if not text.strip():
        yield InputError(origin, "empty input: no text to read")
        return
    head = text.lstrip()[:500].lower()
    if suffix == ".jsonl" or (suffix == "" and head.startswith("{")):
        yield from _read_jsonl(origin, text)
    elif suffix in FEED_SUFFIXES or head.startswith(("<?xml", "<rss", "<feed")) and "<html" not in head:
        yield from _read_feed(origin, doc, text)
    elif suffix in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html")):
        yield RawInput(doc=doc, content=text, format="html", origin=origin)
    else:
        yield RawInput(doc=doc, content=text, format="text", origin=origin)


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8, tolerating a few broken sequences, else as Windows-1252/Latin-1.

    Raises ValueError for binary data (NUL bytes or many control characters).
    """
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes): not an article")
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    broken = text.count("\ufffd")
    if broken > max(3, len(text) // 200):
        # Mostly not UTF-8: an 8-bit Western encoding is by far the commonest on news pages.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) // 20:
        raise ValueError("binary file (control characters): not an article")
    return text


def _read_jsonl(origin: str, text: str) -> Iterator[RawInput | InputError]:
    for number, line in enumerate(io.StringIO(text), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON ({exc.msg})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield InputError(where, 'a record needs a "text" string')
            continue
        if not record["text"].strip():
            yield InputError(where, "empty text")
            continue
        doc = str(record.get("id") or f"{Path(origin).stem}-{number}")
        content = record["text"]
        fmt = "html" if content.lstrip()[:15].lower().startswith(("<!doctype", "<html")) else "text"
        yield RawInput(doc=doc, content=content, format=fmt, origin=where,
                       url=record.get("url"), published=_date_only(record.get("published")))


def _date_only(value: object) -> str | None:
    return str(value)[:10] if value else None


def _read_feed(origin: str, doc: str, text: str) -> Iterator[RawInput | InputError]:
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        yield InputError(origin, "feed holds no entries" if not feed.bozo else "malformed feed")
        return
    for number, entry in enumerate(feed.entries, start=1):
        body = _entry_body(entry)
        if not body.strip():
            continue
        title = html.escape(entry.get("title", ""))
        content = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                   f"{body}</article></body></html>")
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        yield RawInput(
            doc=str(entry.get("id") or entry.get("link") or f"{doc}-{number}"),
            content=content, format="html", origin=f"{origin}#{number}", url=entry.get("link"),
            published=f"{published.tm_year:04d}-{published.tm_mon:02d}-{published.tm_mday:02d}" if published else None,
        )


def _entry_body(entry: dict) -> str:
    contents = entry.get("content") or []
    if contents:
        return max((c.get("value", "") for c in contents), key=len)
    return entry.get("summary", "")


def _read_warc(origin: str, data: bytes) -> Iterator[RawInput | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stream = io.BytesIO(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    found = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            found += 1
            try:
                text = decode_text(record.content_stream().read())
            except ValueError as exc:
                yield InputError(f"{origin}#{found}", str(exc))
                continue
            yield RawInput(doc=record.rec_headers.get_header("WARC-Record-ID") or f"{origin}#{found}",
                           content=text, format="html", origin=f"{origin}#{found}", url=url)
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield InputError(origin, f"malformed WARC ({exc})")
        return
    if not found:
        yield InputError(origin, "WARC holds no HTML responses")
