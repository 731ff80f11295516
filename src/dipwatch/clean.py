"""Cleaning: from a scraped page to one clean, dated, attributed article.

(Placeholder until the cleaning stage lands: HTML through trafilatura, plain text kept whole.)
"""

from __future__ import annotations

import hashlib

from dipwatch.models import Block, Document, RawInput


def clean(raw: RawInput) -> Document:
    """Turn one raw input into a :class:`Document` with its main text and metadata."""
    text = raw.content
    if raw.format == "html":
        import trafilatura

        text = trafilatura.extract(raw.content) or ""
    blocks = [Block(text=p.strip(), kind="body") for p in text.split("\n\n") if p.strip()]
    return Document(
        doc=raw.doc, text="\n\n".join(b.text for b in blocks), blocks=blocks, url=raw.url,
        published=raw.published, origin=raw.origin,
        content_hash=hashlib.sha256(raw.content.encode("utf-8")).hexdigest(),
    )
