"""A per-document time budget: a document that takes far longer than its length warrants is
reported as too complex and skipped, so that one hostile input cannot stall a batch or a server.

The pipeline checks the budget between extraction steps; a loop inside an extractor that could
run long calls :func:`check` (cheap: one clock read) to stop mid-step.

Example:
    >>> budget = TimeBudget(per_10k_chars=3.0, minimum=5.0)
    >>> budget.seconds_for(40_000)
    12.0
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass

from fogline.errors import FoglineError

ENV_VAR = "FOGLINE_TIME_BUDGET"
"""Seconds per 10,000 characters (``0``: no budget), read by :meth:`TimeBudget.from_env`."""


DEFAULT_PER_10K_CHARS = 3.0
DEFAULT_MINIMUM = 5.0


class TooComplex(FoglineError):
    """A document's analysis ran over its time budget."""

    def __init__(self, seconds: float, limit: float, where: str) -> None:
        super().__init__(
            f"too complex: analysis ran over its time budget of {limit:.1f}s "
            f"({seconds:.1f}s, in {where}); skipped"
        )
        self.seconds = seconds
        self.limit = limit
        self.where = where


@dataclass(frozen=True, slots=True)
class TimeBudget:
    """Seconds a document may take: ``per_10k_chars`` per 10,000 characters, at least ``minimum``.

    A news article of 5,000 characters takes about 0.1 s to analyse; the default allows 50 times
    that, so only inputs that grow faster than their length ever reach it.
    """

    per_10k_chars: float = DEFAULT_PER_10K_CHARS
    minimum: float = DEFAULT_MINIMUM

    def seconds_for(self, chars: int) -> float:
        """Seconds a document of ``chars`` characters may take."""
        return max(self.minimum, self.per_10k_chars * chars / 10_000)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> TimeBudget | None:
        """The budget set by ``FOGLINE_TIME_BUDGET`` (seconds per 10k characters; 0: none)."""
        value = (os.environ if environ is None else environ).get(ENV_VAR, "").strip()
        if not value:
            return cls()
        try:
            per_10k = float(value)
        except ValueError as exc:
            raise FoglineError(
                f"{ENV_VAR}={value!r} is not a number of seconds per 10,000 characters"
            ) from exc
        if per_10k <= 0:
            return None
        return cls(per_10k_chars=per_10k, minimum=min(DEFAULT_MINIMUM, per_10k))


@dataclass(slots=True)
class Deadline:
    """The running clock of one document's analysis."""

    limit: float
    started: float

    def check(self, where: str) -> None:
        """Raise :class:`TooComplex` when the time is up; ``where`` names the step."""
        elapsed = time.perf_counter() - self.started
        if elapsed > self.limit:
            raise TooComplex(elapsed, self.limit, where)


_CURRENT: ContextVar[Deadline | None] = ContextVar("fogline_deadline", default=None)


@contextlib.contextmanager
def running(limit: float | None, *, started: float | None = None) -> Iterator[Deadline | None]:
    """Make a deadline of ``limit`` seconds the current one (None: no deadline)."""
    deadline = None if limit is None else Deadline(limit, started or time.perf_counter())
    token = _CURRENT.set(deadline)
    try:
        yield deadline
    finally:
        _CURRENT.reset(token)


def check(where: str = "extraction") -> None:
    """Raise :class:`TooComplex` when the current document has run over its budget."""
    deadline = _CURRENT.get()
    if deadline is not None:
        deadline.check(where)
