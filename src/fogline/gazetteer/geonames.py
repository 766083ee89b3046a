"""Import a GeoNames dump (``allCountries``, a country file such as ``AF``, or ``cities500``),
as the ``.txt`` file or the ``.zip`` GeoNames ships, into a built gazetteer.

The dump is read twice, streaming: once for the names of first-level divisions, once for
the rows, written in batches in one transaction (a failed import leaves the gazetteer as
it was). Memory stays flat whatever the dump's size.
"""

from __future__ import annotations

import io
import logging
import sqlite3
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fogline.errors import DumpFormatError
from fogline.gazetteer.keys import name_keys

LOGGER = logging.getLogger(__name__)

# GeoNames feature classes kept: A (countries, states, regions), P (populated places),
# L (areas, regions), T (mountains, valleys), H (rivers, lakes), S (spots: airports, bases).
KEEP_CLASSES = frozenset("APLTHS")
COLUMNS = 19
BATCH = 20_000
SKIPPED_MEMBERS = ("readme",)  # the zips hold a readme beside the dump


def import_geonames(
    path_to_db: Path | str,
    dump_file: Path | str,
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Add the rows of a GeoNames dump (tab-separated, 19 columns) and return how many.

    Rows already in the gazetteer (same GeoNames id) are replaced by the dump's version.
    ``progress`` is called with the number of rows read so far, once per batch.

    Raises:
        DumpFormatError: the file is no GeoNames dump (wrong columns, not UTF-8, a zip
            without a dump); nothing is imported then.

    Example:
        >>> import_geonames(default_path(), "AF.zip")  # doctest: +SKIP
        14231
    """
    admin1 = {
        (f[8], f[10]): f[1] for f in _rows(dump_file) if f[7] == "ADM1" and f[6] in KEEP_CLASSES
    }
    conn = sqlite3.connect(path_to_db)
    try:
        with conn:
            # replacing a place deletes its names by place id: without this index every row
            # of the dump would scan every name of the gazetteer
            conn.execute("CREATE INDEX IF NOT EXISTS names_pid ON names(pid)")
            pid = conn.execute("SELECT COALESCE(MAX(pid), 0) FROM places").fetchone()[0]
            batch: list[list[str]] = []
            count = 0
            for f in _rows(dump_file):
                if f[6] not in KEEP_CLASSES or not f[4] or not f[5]:
                    continue
                batch.append(f)
                if len(batch) >= BATCH:
                    pid = _write(conn, batch, admin1, pid)
                    count += len(batch)
                    batch = []
                    if progress is not None:
                        progress(count)
            pid = _write(conn, batch, admin1, pid)
            count += len(batch)
    finally:
        conn.close()
    if progress is not None:
        progress(count)
    LOGGER.info("imported %d GeoNames rows from %s", count, dump_file)
    return count


def _write(
    conn: sqlite3.Connection, rows: list[list[str]], admin1: dict[tuple[str, str], str], pid: int
) -> int:
    """Replace and insert one batch of rows; the last place id used."""
    places, names = [], []
    for f in rows:
        pid += 1
        places.append(
            (
                pid,
                f"geonames:{f[0]}",
                f[1],
                float(f[4]),
                float(f[5]),
                f[8] or None,
                f[7] or f[6],
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
                names.append((k.base, k.skeleton, k.fold, pid, int(j < 2)))
    gids = [(p[1],) for p in places]
    conn.executemany("DELETE FROM names WHERE pid IN (SELECT pid FROM places WHERE gid = ?)", gids)
    conn.executemany("DELETE FROM places WHERE gid = ?", gids)
    conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", names)
    return pid


def _rows(dump_file: Path | str) -> Iterator[list[str]]:
    """The dump's rows as lists of 19 fields; a clear error at the first line that is not."""
    with _open_text(Path(dump_file)) as (fh, name):
        lineno = 0
        try:
            for lineno, line in enumerate(fh, 1):
                f = line.rstrip("\n").split("\t")
                if len(f) != COLUMNS:
                    raise DumpFormatError(
                        f"{name}:{lineno}: {len(f)} columns, expected {COLUMNS} "
                        "(GeoNames allCountries.txt format)"
                    )
                yield f
        except UnicodeDecodeError as e:
            raise DumpFormatError(
                f"{name}:{lineno + 1}: not UTF-8 text ({e.reason}); GeoNames dumps are UTF-8 "
                "tab-separated files, or the .zip files that hold them"
            ) from None


@contextmanager
def _open_text(path: Path) -> Iterator[tuple[io.TextIOBase, str]]:
    """The dump as text: the file itself, or the dump inside a GeoNames ``.zip``."""
    if not zipfile.is_zipfile(path):
        with open(path, encoding="utf-8") as fh:
            yield fh, str(path)
        return
    with zipfile.ZipFile(path) as zf:
        members = [
            m
            for m in zf.namelist()
            if m.endswith(".txt") and not Path(m).name.lower().startswith(SKIPPED_MEMBERS)
        ]
        if len(members) != 1:
            raise DumpFormatError(
                f"{path}: expected one GeoNames dump (.txt) in the zip, found {members or 'none'}"
            )
        with zf.open(members[0]) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8"), f"{path}!{members[0]}"
