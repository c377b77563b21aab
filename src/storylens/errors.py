"""Errors a user can cause and fix; the CLI prints them as one line, never a traceback."""


class StorylensError(Exception):
    """Base class for errors reported to the user as one line."""


class InputError(StorylensError):
    """One input file could not be read; it is reported and skipped."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
