"""dipwatch: turn the news into a trustworthy record of international relations."""

from dipwatch.errors import DipwatchError, InputError, StoreError
from dipwatch.models import Actor, Block, Document, Event, Mention, RawInput, Story

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Block",
    "DipwatchError",
    "Document",
    "Event",
    "InputError",
    "Mention",
    "RawInput",
    "StoreError",
    "Story",
    "__version__",
]
