"""Reading inputs: every container dipwatch accepts, and a clear one-line error for every bad one."""

from __future__ import annotations

import gzip
import io
import sys
from importlib import resources
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dipwatch.errors import InputError
from dipwatch.ingest import decode_text, read_inputs
from dipwatch.models import RawInput

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = "<html><head><title>{0}</title></head><body><p>{0} happened on Monday.</p></body></html>"


def read(*paths: str | Path, **kwargs) -> list[RawInput | InputError]:
    return list(read_inputs([str(p) for p in paths], **kwargs))


def docs(items: list[RawInput | InputError]) -> list[RawInput]:
    return [item for item in items if isinstance(item, RawInput)]


def errors(items: list[RawInput | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def only_error(items: list[RawInput | InputError]) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    message = str(items[0])
    assert "\n" not in message, message
    return items[0]


def write_warc(path: Path, pages: list[tuple[str, str, str]], gzipped: bool) -> Path:
    """Write a WARC of (url, content type, body) responses, plus a request record that must be skipped."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        request = io.BytesIO(b"GET / HTTP/1.0\r\n\r\n")
        writer.write_record(writer.create_warc_record(pages[0][0], "request", payload=request))
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)
    return path


# --- files ----------------------------------------------------------------------------------------------------------

def test_a_text_file_is_one_text_document_named_after_the_file():
    [doc] = read(FIXTURES / "wire.txt")
    assert doc.doc == "wire" and doc.format == "text"
    assert doc.origin == str(FIXTURES / "wire.txt")
    assert "Aflao crossing" in doc.content


def test_an_html_file_is_kept_as_markup_for_the_cleaner():
    [doc] = read(FIXTURES / "page.html")
    assert doc.doc == "page" and doc.format == "html"
    assert 'property="article:published_time"' in doc.content


def test_html_markup_in_a_file_without_an_extension_is_recognised(tmp_path):
    path = tmp_path / "saved-page"
    path.write_text(PAGE.format("A summit"))
    [doc] = read(path)
    assert doc.format == "html" and doc.doc == "saved-page"


def test_a_file_name_with_several_dots_keeps_all_but_the_extension(tmp_path):
    path = tmp_path / "2025.03.04-summit.txt"
    path.write_text("Ghana and Togo met on Tuesday.")
    [doc] = read(path)
    assert doc.doc == "2025.03.04-summit"


# --- directories ----------------------------------------------------------------------------------------------------

def test_a_directory_is_read_recursively_in_name_order_skipping_other_and_hidden_files(tmp_path):
    (tmp_path / "b.txt").write_text("Second article.")
    (tmp_path / "a.txt").write_text("First article.")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.html").write_text(PAGE.format("Third"))
    (tmp_path / "README.md").write_text("# Not an article")
    (tmp_path / ".hidden.txt").write_text("Editor backup.")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    items = read(tmp_path)
    assert [d.doc for d in docs(items)] == ["a", "b", "c"]
    assert not errors(items)


def test_a_directory_with_nothing_readable_is_one_error_naming_it(tmp_path):
    (tmp_path / "notes.md").write_text("# Notes")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    error = only_error(read(tmp_path))
    assert str(error) == f"{tmp_path}: directory holds no readable article files"


def test_one_bad_file_in_a_directory_does_not_stop_the_others(tmp_path):
    (tmp_path / "a.txt").write_text("")
    (tmp_path / "b.txt").write_text("Kenya and Ethiopia signed a deal.")
    items = read(tmp_path)
    assert [d.doc for d in docs(items)] == ["b"]
    assert [e.origin for e in errors(items)] == [str(tmp_path / "a.txt")]


# --- JSONL ----------------------------------------------------------------------------------------------------------

def test_jsonl_records_give_id_text_url_and_publication_date():
    items = read(FIXTURES / "batch.jsonl")
    first, third = docs(items)
    assert (first.doc, first.url, first.published) == ("k-1", "https://example.org/k-1", "2025-05-06")
    assert (third.doc, third.published, third.url) == ("k-3", "2025-05-07", None)
    assert first.origin == f"{FIXTURES / 'batch.jsonl'}:1"


def test_a_malformed_jsonl_line_is_a_one_line_error_naming_file_and_line():
    items = read(FIXTURES / "batch.jsonl")
    [error] = errors(items)
    assert error.origin == f"{FIXTURES / 'batch.jsonl'}:2"
    assert str(error).startswith(f"{FIXTURES / 'batch.jsonl'}:2: malformed JSON")
    assert "\n" not in str(error)


def test_a_jsonl_record_without_text_is_an_error_and_without_id_gets_file_and_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "x", "body": "no text key"}\n\n{"text": "Peru and Chile met."}\n')
    items = read(path)
    assert [str(e) for e in errors(items)] == [f'{path}:1: a record needs a "text" string']
    assert [d.doc for d in docs(items)] == ["feed-3"]


def test_a_jsonl_publication_date_that_is_not_iso_is_dropped_rather_than_truncated(tmp_path):
    path = tmp_path / "dates.jsonl"
    path.write_text('{"id": "d", "text": "Talks were held.", "published": "March 3, 2025"}\n')
    [doc] = read(path)
    assert doc.published is None


def test_html_inside_a_jsonl_record_is_marked_html(tmp_path):
    path = tmp_path / "pages.jsonl"
    path.write_text('{"id": "h", "text": "<!DOCTYPE html><html><body><p>Talks.</p></body></html>"}\n')
    [doc] = read(path)
    assert doc.format == "html"


# --- feeds ----------------------------------------------------------------------------------------------------------

def test_an_rss_feed_gives_one_html_document_per_item_with_link_and_date():
    first, second = read(FIXTURES / "feed.rss")
    assert first.format == "html" and first.doc == "https://harbourpost.example/world/norway-moldova"
    assert first.published == "2025-03-18" and first.url == "https://harbourpost.example/world/norway-moldova"
    assert "<h1>Norway pledges aid to Moldova</h1>" in first.content
    assert "energy aid to Moldova" in first.content
    assert second.published == "2025-03-19" and second.origin == f"{FIXTURES / 'feed.rss'}#2"


def test_an_atom_feed_gives_its_entries_with_their_published_date():
    [entry] = read(FIXTURES / "feed.atom")
    assert entry.doc == "urn:uuid:4d1f0e4a-0000-4000-8000-000000000002"
    assert entry.published == "2025-09-01"
    assert entry.url == "https://steppeherald.example/trade-zone"
    assert "joint trade zone on their border" in entry.content


def test_a_feed_with_no_entries_is_one_error(tmp_path):
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>')
    error = only_error(read(path))
    assert str(error) == f"{path}: feed holds no entries"


def test_a_feed_whose_entries_have_no_text_is_one_error(tmp_path):
    path = tmp_path / "bare.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
                    "<item><title>Headline only</title><link>https://x.example/1</link></item></channel></rss>")
    error = only_error(read(path))
    assert str(error) == f"{path}: feed entries hold no text"


# --- WARC -----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip-per-record"])
def test_a_warc_gives_its_html_responses_with_their_urls(tmp_path, gzipped):
    path = write_warc(tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc"), [
        ("https://news.example/a", "text/html; charset=utf-8", PAGE.format("Summit in Accra")),
        ("https://news.example/logo.css", "text/css", "body { color: red }"),
        ("https://news.example/b", "text/html", PAGE.format("Talks in Lomé")),
    ], gzipped)
    pages = read(path)
    assert [p.url for p in pages] == ["https://news.example/a", "https://news.example/b"]
    assert {p.format for p in pages} == {"html"}
    assert "Talks in Lomé" in pages[1].content
    assert pages[0].doc.startswith("<urn:uuid:")
    assert pages[1].origin == f"{path}#2"


def test_a_warc_gzipped_as_one_whole_file_is_read_too(tmp_path):
    plain = write_warc(tmp_path / "crawl.warc", [("https://news.example/a", "text/html", PAGE.format("A"))], False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    [page] = read(whole)
    assert page.url == "https://news.example/a"


def test_a_warc_in_a_directory_is_read(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", [("https://news.example/a", "text/html", PAGE.format("A"))], True)
    assert [p.url for p in read(tmp_path)] == ["https://news.example/a"]


def test_a_warc_without_html_responses_is_one_error(tmp_path):
    path = write_warc(tmp_path / "css.warc", [("https://news.example/x.css", "text/css", "p {}")], False)
    assert str(only_error(read(path))) == f"{path}: WARC holds no HTML responses"


def test_a_file_named_warc_that_is_not_one_is_one_error(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not a web archive\n")
    assert str(only_error(read(path))) == f"{path}: not a WARC file (no WARC/ header at its start)"


def test_a_truncated_gzipped_warc_is_a_one_line_error_naming_it(tmp_path):
    good = write_warc(tmp_path / "good.warc.gz", [("https://news.example/a", "text/html", PAGE.format("A"))], True)
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(good.read_bytes()[:120])
    error = only_error(read(broken))
    assert str(error) == f"{broken}: malformed WARC (the gzip stream ends early: truncated file)"


def test_a_malformed_warc_record_is_a_one_line_error_not_a_crash(tmp_path):
    path = tmp_path / "no-uri.warc"
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 60\r\nContent-Type: application/http\r\n\r\n"
                     b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>short</html>\r\n\r\n")
    assert str(only_error(read(path))).startswith(f"{path}: malformed WARC (")


def test_a_warc_record_over_the_size_limit_is_refused_alone(tmp_path):
    path = write_warc(tmp_path / "big.warc", [
        ("https://news.example/big", "text/html", PAGE.format("x" * 2000)),
        ("https://news.example/small", "text/html", "<html><p>ok</p></html>"),
    ], False)
    big, small = read(path, max_bytes=1000)
    assert str(big) == f"{path}#1: record is larger than 1,000 bytes; refused"
    assert isinstance(small, RawInput) and small.url == "https://news.example/small"


# --- standard input -------------------------------------------------------------------------------------------------

def stdin_with(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_standard_input_is_read_when_the_path_is_a_dash(monkeypatch):
    stdin_with(monkeypatch, "Chile's foreign minister visited Perú on Monday.\n".encode())
    [doc] = read("-")
    assert (doc.doc, doc.origin, doc.format) == ("stdin", "-", "text")
    assert "Perú" in doc.content


def test_jsonl_on_standard_input_is_read_as_records(monkeypatch):
    stdin_with(monkeypatch, b'{"id": "s1", "text": "Talks were held."}\n{"id": "s2", "text": "A deal was signed."}\n')
    assert [d.doc for d in read("-")] == ["s1", "s2"]


def test_empty_standard_input_is_one_error(monkeypatch):
    stdin_with(monkeypatch, b"")
    assert str(only_error(read("-"))) == "-: empty input: no text to read"


def test_standard_input_over_the_size_limit_is_refused(monkeypatch):
    stdin_with(monkeypatch, b"word " * 100)
    assert str(only_error(read("-", max_bytes=200))) == "-: input is larger than 200 bytes; refused"


# --- bad input ------------------------------------------------------------------------------------------------------

def test_a_missing_path_is_one_error_naming_it(tmp_path):
    missing = tmp_path / "gone.txt"
    assert str(only_error(read(missing))) == f"{missing}: no such file or directory"


def test_a_missing_path_does_not_stop_the_next_one(tmp_path):
    items = read(tmp_path / "gone.txt", FIXTURES / "wire.txt")
    assert isinstance(items[0], InputError) and items[1].doc == "wire"


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \n"], ids=["empty", "whitespace"])
def test_an_empty_file_is_one_error_naming_it(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert str(only_error(read(path))) == f"{path}: empty input: no text to read"


def test_a_binary_file_with_nul_bytes_is_refused(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\x03binary stream")
    assert str(only_error(read(path))) == f"{path}: binary file (NUL bytes): not an article"


def test_a_binary_file_of_control_characters_is_refused(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(1, 32)) * 20 + b"abc")
    assert str(only_error(read(path))) == f"{path}: binary file (control characters): not an article"


def test_a_file_just_over_the_size_limit_is_refused_with_the_limit_named(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("a" * 1001)
    assert str(only_error(read(path, max_bytes=1000))) == f"{path}: file is larger than 1,000 bytes; refused"


def test_a_file_exactly_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("a" * 1000)
    [doc] = read(path, max_bytes=1000)
    assert len(doc.content) == 1000


def test_a_limit_of_a_megabyte_or_more_is_named_in_megabytes(monkeypatch):
    stdin_with(monkeypatch, b"a" * (1024 * 1024 + 1))  # in memory: no large file is written
    assert str(only_error(read("-", max_bytes=1024 * 1024))) == "-: input is larger than 1 MB; refused"


# --- encodings ------------------------------------------------------------------------------------------------------

def test_latin1_text_is_decoded_with_its_accents(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le ministre français a rencontré son homologue à Genève.".encode("latin-1"))
    [doc] = read(path)
    assert doc.content == "Le ministre français a rencontré son homologue à Genève."


def test_windows_1252_quotes_are_decoded(tmp_path):
    path = tmp_path / "cp1252.txt"
    path.write_bytes("The minister called it \u201cunacceptable\u201d \u2013 twice.".encode("cp1252"))
    [doc] = read(path)
    assert "\u201cunacceptable\u201d \u2013" in doc.content


def test_utf8_with_a_few_broken_bytes_keeps_its_accents_and_replaces_the_bad_bytes(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes("Le président a visité Genève ".encode() + b"\xff\xfe" + " et Zürich.".encode())
    [doc] = read(path)
    assert doc.content == "Le président a visité Genève \ufffd\ufffd et Zürich."


def test_a_utf8_byte_order_mark_is_dropped():
    assert decode_text(b"\xef\xbb\xbfBrazil and Argentina met.") == "Brazil and Argentina met."


def test_utf16_with_a_byte_order_mark_is_decoded_not_refused_as_binary():
    assert decode_text("Réunion à Dakar.".encode("utf-16")) == "Réunion à Dakar."


# --- the bundled demo corpus ----------------------------------------------------------------------------------------

def test_the_demo_corpus_reads_without_errors_and_skips_its_readme():
    corpus = Path(str(resources.files("dipwatch") / "data" / "demo"))
    items = read(corpus)
    assert not errors(items)
    pages = docs(items)
    assert 16 <= len(pages) <= 18
    assert "README" not in {p.doc for p in pages}
    assert {p.doc for p in pages if p.format == "html"}, "the corpus has at least one full HTML page"
