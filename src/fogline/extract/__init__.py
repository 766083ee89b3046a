"""Extractors: pure functions over a parsed spaCy ``Doc``; no I/O, no database."""
