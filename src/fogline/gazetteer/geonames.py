"""Import a GeoNames dump (``allCountries.txt`` or a country file) into a built gazetteer."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from fogline.gazetteer.keys import name_keys

LOGGER = logging.getLogger(__name__)

# GeoNames feature classes kept: A (countries, states, regions), P (populated places),
# L (areas, regions), T (mountains, valleys), H (rivers, lakes), S (spots: airports, bases).
KEEP_CLASSES = frozenset("APLTHS")
COLUMNS = 19


def import_geonames(path_to_db: Path | str, dump_file: Path | str) -> int:
    """Add the rows of a GeoNames dump (tab-separated, 19 columns) and return how many.

    Rows already in the gazetteer (same GeoNames id) are replaced by the dump's version.

    Example:
        >>> import_geonames(default_path(), "AF.txt")  # doctest: +SKIP
        14231
    """
    conn = sqlite3.connect(path_to_db)
    admin1: dict[tuple[str, str], str] = {}
    rows = []
    with open(dump_file, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            f = line.rstrip("\n").split("\t")
            if len(f) != COLUMNS:
                raise ValueError(
                    f"{dump_file}:{lineno}: {len(f)} columns, expected {COLUMNS} "
                    "(GeoNames allCountries.txt format)"
                )
            if f[6] not in KEEP_CLASSES or not f[4] or not f[5]:
                continue
            if f[7] == "ADM1":
                admin1[(f[8], f[10])] = f[1]
            rows.append(f)
    max_pid = conn.execute("SELECT COALESCE(MAX(pid), 0) FROM places").fetchone()[0]
    places, names = [], []
    for i, f in enumerate(rows, max_pid + 1):
        gid = f"geonames:{f[0]}"
        feature = f[7] or f[6]
        places.append(
            (
                i,
                gid,
                f[1],
                float(f[4]),
                float(f[5]),
                f[8] or None,
                feature,
                admin1.get((f[8], f[10])),
                int(f[14] or 0),
                "geonames-dump",
            )
        )
        seen: set[str] = set()
        for j, n in enumerate([f[1], f[2], *f[3].split(",")]):
            k = name_keys(n) if n else None
            if k and k.base and k.fold not in seen and len(k.base) >= 2:
                seen.add(k.fold)
                names.append((k.base, k.skeleton, k.fold, i, int(j < 2)))
    with conn:
        gids = [(p[1],) for p in places]
        conn.executemany(
            "DELETE FROM names WHERE pid IN (SELECT pid FROM places WHERE gid = ?)", gids
        )
        conn.executemany("DELETE FROM places WHERE gid = ?", gids)
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
        conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
    conn.close()
    LOGGER.info("imported %d GeoNames rows from %s", len(places), dump_file)
    return len(places)
