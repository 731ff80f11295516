"""Dates: an event's own date, resolved from the text against the publication date.

(Interface placeholder; the resolution rules land with event extraction.)
"""

from __future__ import annotations

from dataclasses import dataclass

from dipwatch.models import Document


@dataclass(frozen=True)
class ResolvedDate:
    """An event date and the words it was resolved from."""

    date: str | None  # YYYY-MM-DD, or None when the text does not fix a day
    text: str | None  # the date words ("on Saturday", "the previous day"), None when there are none


class DateResolver:
    """Resolves the date expressions of one document, in text order, keeping narrative state."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def resolve(self, sentence_start: int, sentence_end: int,
                trigger_start: int | None = None, trigger_end: int | None = None) -> ResolvedDate:
        """The date of the event whose trigger lies at the given offsets of ``doc.text``."""
        return ResolvedDate(date=None, text=None)
