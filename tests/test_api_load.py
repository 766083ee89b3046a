"""A few seconds of benchmarks/load_api.py: readers and a writer at once against a real
server on loopback, with no error and no lost write."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "load_api.py"


def load_module():
    spec = importlib.util.spec_from_file_location("fogline_load_api", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_readers_and_a_writer_at_once_give_no_error_and_lose_no_write(tmp_path):
    figures = load_module().run_load(
        readers=3, seconds=15, requests=3000, writes=3, seed_docs=8, workdir=tmp_path
    )
    assert figures["errors"] == []
    assert figures["lost_writes"] == []
    assert figures["writes"]["posted"] == 3, figures["writes"]
    assert figures["documents_after"] == 8 + 3
    assert figures["reads"]["requests"] >= 50, figures["reads"]
    assert figures["reads"]["p95_ms"] < 2000, figures["reads"]
