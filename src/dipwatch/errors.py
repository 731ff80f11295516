"""dipwatch's exceptions.

    DipwatchError
     ├── InputError     an input cannot be read: missing, empty, binary, too large, malformed
     └── StoreError     the database cannot be opened or written

Each carries a one-line message that names what failed; the CLI prints it as is.
"""


class DipwatchError(Exception):
    """Base class of every error dipwatch reports to its user."""


class InputError(DipwatchError):
    """An input that cannot be turned into documents; ``str()`` names the input."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class StoreError(DipwatchError):
    """The database cannot be opened, migrated or written."""
