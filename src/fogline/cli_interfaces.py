"""CLI commands of the interfaces: serve, export, brief (registered on ``cli.app``)."""

from __future__ import annotations
