"""Named errors. Messages name the bad value and, where there is one, the fix."""


class FoglineError(Exception):
    """Base class of every error fogline raises on purpose."""


class IngestError(FoglineError):
    """A document could not be read, decoded or accepted (empty, binary, not English...)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # picklable across worker processes
        return (type(self), (self.source, self.reason))


class LexiconError(FoglineError):
    """A data file (lexicon, cue list, actor dictionary) is missing, empty or malformed."""


class GazetteerError(FoglineError):
    """The gazetteer database is missing or unreadable; run `fogline gazetteer build`."""


class DumpFormatError(GazetteerError, ValueError):
    """A file given to `fogline gazetteer import` is no GeoNames dump (nothing was imported)."""


class StoreError(FoglineError):
    """The database cannot be opened, is corrupted, or has a newer schema than this fogline."""


class NotFoundError(FoglineError):
    """A requested record does not exist."""
