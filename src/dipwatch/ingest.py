"""Reading inputs: files, directories, JSONL records, RSS/Atom feeds, WARC crawls, stdin.

``read_inputs(paths)`` yields one :class:`RawInput` per document, or an
:class:`InputError` for an input that cannot be read, so that one bad file never
stops a batch. Nothing here interprets the article: that is clean.py's job.
"""

from __future__ import annotations

import codecs
import gzip
import html
import io
import json
import sys
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from dipwatch.errors import InputError
from dipwatch.models import RawInput

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

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
    if path.name.lower().endswith(WARC_SUFFIXES):
        # A crawl holds many pages and is often gigabytes: stream it, the size limit applies per record.
        yield from _read_warc(path, max_bytes)
        return
    try:
        if path.stat().st_size > max_bytes:
            yield InputError(origin, f"file is larger than {_size_text(max_bytes)}; refused")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc})")
        return
    yield from _from_bytes(origin, _doc_id(path), data, path.suffix.lower(), max_bytes)


def _size_text(size: int) -> str:
    return f"{size // (1024 * 1024)} MB" if size >= 1024 * 1024 else f"{size:,} bytes"


def _doc_id(path: Path) -> str:
    """The file name without its extension: "2025.03.01-summit.txt" -> "2025.03.01-summit"."""
    return path.stem


def _from_bytes(origin: str, doc: str, data: bytes, suffix: str, max_bytes: int) -> Iterator[RawInput | InputError]:
    if len(data) > max_bytes:
        yield InputError(origin, f"input is larger than {_size_text(max_bytes)}; refused")
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
    """Decode bytes as UTF-8 (UTF-16 when a BOM says so), tolerating a few broken sequences, else as
    Windows-1252/Latin-1.

    Raises ValueError for binary data (NUL bytes or many control characters).
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes): not an article")
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if _looks_8bit(text):
        # Not UTF-8: an 8-bit Western encoding is by far the commonest on news pages.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > len(text[:8192]) // 20:
        raise ValueError("binary file (control characters): not an article")
    return text


def _looks_8bit(text: str) -> bool:
    """Whether UTF-8 decoding failed because the bytes are an 8-bit encoding, not a few damaged bytes.

    A UTF-8 page with some damage still has well-formed accented letters; Latin-1 or Windows-1252 text
    has none, or fails nearly everywhere.
    """
    broken = text.count("\ufffd")
    if not broken:
        return False
    well_formed = sum(1 for ch in text if ord(ch) > 127) - broken
    return well_formed == 0 or broken > max(3, len(text) // 200)


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
    """The YYYY-MM-DD of an ISO 8601 date or timestamp; None for anything else rather than a wrong date."""
    try:
        return datetime.fromisoformat(str(value).strip()).date().isoformat() if value else None
    except ValueError:
        return None


def _read_feed(origin: str, doc: str, text: str) -> Iterator[RawInput | InputError]:
    import feedparser

    feed = feedparser.parse(text)
    if not feed.entries:
        yield InputError(origin, "feed holds no entries" if not feed.bozo else "malformed feed")
        return
    if not any(_entry_body(entry).strip() for entry in feed.entries):
        yield InputError(origin, "feed entries hold no text")
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


def _read_warc(path: Path, max_bytes: int) -> Iterator[RawInput | InputError]:
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc})")
        return
    found = 0
    with raw:
        try:
            # GzipFile reads both per-record gzip (the WARC norm) and a whole-file gzip, which warcio refuses.
            stream = gzip.GzipFile(fileobj=raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
            if not stream.peek(5)[:5].startswith(b"WARC/"):
                yield InputError(origin, "not a WARC file (no WARC/ header at its start)")
                return
            for found, record in enumerate(_html_responses(stream), start=1):
                yield _warc_page(record, f"{origin}#{found}", max_bytes)
            if stream is not raw and _ends_early(stream):
                yield InputError(origin, "malformed WARC (the gzip stream ends early: truncated file)")
                return
        # warcio meets malformed records with whatever breaks first, e.g. AttributeError on a missing target URI.
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError, AttributeError) as exc:
            yield InputError(origin, f"malformed WARC ({_one_line(exc)})")
            return
    if not found:
        yield InputError(origin, "WARC holds no HTML responses")


def _ends_early(stream: gzip.GzipFile) -> bool:
    """Whether a gzip stream was cut short: warcio takes the EOFError for a clean end and stops quietly."""
    try:
        stream.read(1)
    except EOFError:
        return True
    return False


def _html_responses(stream: BinaryIO) -> Iterator[ArcWarcRecord]:
    from warcio.archiveiterator import ArchiveIterator

    for record in ArchiveIterator(stream):
        ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
        if record.rec_type == "response" and "html" in ctype:
            yield record


def _warc_page(record: ArcWarcRecord, where: str, max_bytes: int) -> RawInput | InputError:
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return InputError(where, f"record is larger than {_size_text(max_bytes)}; refused")
    try:
        text = decode_text(data)
    except ValueError as exc:
        return InputError(where, str(exc))
    return RawInput(doc=record.rec_headers.get_header("WARC-Record-ID") or where, content=text, format="html",
                    origin=where, url=record.rec_headers.get_header("WARC-Target-URI"))


def _one_line(exc: BaseException) -> str:
    """Library messages can span several indented lines; an error report is one line."""
    return " ".join(str(exc).split()) or type(exc).__name__
