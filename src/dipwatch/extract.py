"""Event extraction: who did what to whom, when and where.

(Placeholder until the extraction stage lands.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from dipwatch.models import Document, Event


class Extractor:
    """Loads the language resources once and extracts events from many documents."""

    def extract(self, doc: Document) -> list[Event]:
        """Events of one document."""
        return []

    def extract_many(self, docs: Iterable[Document]) -> Iterator[tuple[Document, list[Event]]]:
        """Events of each document, in input order (batched where the model allows)."""
        for doc in docs:
            yield doc, self.extract(doc)
