"""Places: where an event happened, from the city or country its sentence names.

(Interface placeholder; lands with event extraction.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A named place and the ISO 3166-1 alpha-3 code of its country."""

    name: str  # as written in the sentence, normalised ("Wonsan", "Pyongyang")
    country: str | None  # "PRK"
    start: int  # offsets in the text given to find_location
    end: int


def find_location(sentence: str, trigger_start: int | None = None) -> Place | None:
    """The place where the event of ``sentence`` happened, or None when it names none."""
    return None
