"""Offline gazetteer in SQLite (STUB, to be replaced)."""

from __future__ import annotations

from pathlib import Path


class Gazetteer:
    """Read-only access to the gazetteer database."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open_default(cls) -> Gazetteer | None:
        return None
