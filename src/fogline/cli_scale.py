"""CLI commands of scale-out runs: run (Dask) and load (registered on ``cli.app``)."""

from __future__ import annotations
