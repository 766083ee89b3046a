"""Offline gazetteer: place names → candidate points, from an SQLite file built at install.

Example:
    >>> gaz = Gazetteer.open_default()
    >>> gaz.lookup("Kabul")[0].country_code  # doctest: +SKIP
    'AF'
"""

from __future__ import annotations

import difflib
import functools
import logging
import math
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fogline.gazetteer.build import build_gazetteer, haversine_km
from fogline.gazetteer.geonames import import_geonames
from fogline.gazetteer.keys import NameKeys, aspirated_skeleton, name_keys

__all__ = [
    "Candidate",
    "Gazetteer",
    "build_gazetteer",
    "default_path",
    "haversine_km",
    "import_geonames",
]

LOGGER = logging.getLogger(__name__)

# Prior weight of a feature type, in log10-population units: a country ranks like a city of
# a hundred million, a province like a town of ~100,000 people, a district like one of ~10,000.
FEATURE_WEIGHT = {
    "PCLI": 8.0,
    "CONT": 8.0,
    "RGN": 6.0,
    "OCN": 6.0,
    "SEA": 6.0,
    "ADM1": 5.0,
    "ADM2": 4.0,
    "ADM3": 3.0,
}
SKELETON_MIN_RATIO = 0.7
# GeoNames lists towns of 500 people or more (cities500) and seats of any size; a town that
# a source lists without a population (0) is taken to have that many
UNKNOWN_TOWN_POP = 500
WEAK_PRIOR = 4.0  # a feature-word query's exact candidates all below: variants looked up too
# kinds whose every listed name is one of their real names (curated country, continent and
# region names: "Britain", "Burma", "the Sahel"); other places' alternate names include rare
# variants, other languages' names and jokes (GeoNames lists "Google" for Topeka)
OWN_ALIASES = frozenset({"PCLI", "CONT", "RGN", "OCN", "SEA"})
# abbreviated words of place names: "St. Petersburg" is Saint Petersburg by its own name
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    gazetteer_id: str
    name: str
    lat: float
    lon: float
    country_code: str | None
    feature: str
    admin1: str | None
    population: int
    match: str = "exact"  # exact | base | alt | skeleton: how the queried name met this entry
    prior: float = 0.0  # feature type and population, before any document context

    @property
    def kind(self) -> str:
        """The feature code without its note: ``"ADM2 (approx: ...)"`` → ``"ADM2"``."""
        return self.feature.split(" ", 1)[0]


def default_path() -> Path:
    """``$FOGLINE_GAZETTEER``, else ``<sys.prefix>/share/fogline/gazetteer.sqlite``."""
    env = os.environ.get("FOGLINE_GAZETTEER")
    return Path(env) if env else Path(sys.prefix) / "share" / "fogline" / "gazetteer.sqlite"


def prior(feature: str, population: int, match: str, hint: str | None = None) -> float:
    """Score of a candidate before context: feature weight or log population, match quality."""
    kind = feature.split(" ", 1)[0]
    if kind.startswith("PPL") and population <= 0:
        population = UNKNOWN_TOWN_POP  # a town listed without a count is no hamlet of none
    score = max(FEATURE_WEIGHT.get(kind, 0.0), math.log10(population + 1))
    if kind == "PPLC":
        score += 0.5
    if hint and (kind == hint or (hint == "PPL" and kind.startswith("PPL"))):
        score += 4.0
    elif hint and hint.startswith("ADM") and kind.startswith("PPL"):
        score -= 1.0
    if "approx" in feature:  # no point of its own; worse still if the query lacked its suffix
        score -= 0.5 if match == "exact" else 1.2
    return score - {"exact": 0.0, "base": 0.3, "alt": 1.5, "skeleton": 1.5}.get(match, 0.0)


class Gazetteer:
    """Read-only access to a built gazetteer file (thread-safe, one connection per thread)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no gazetteer at {self.path}: run `fogline gazetteer build`")
        self._local = threading.local()
        self._cache: dict[str, list[Candidate]] = {}

    @classmethod
    def open_default(cls, path: Path | None = None) -> Gazetteer | None:
        """Open ``path`` (default: :func:`default_path`), building it first if missing.

        Building is offline and takes about a minute; None when it cannot be built.
        """
        path = path or default_path()
        if not path.is_file():
            try:
                with _build_lock(path):
                    if not path.is_file():  # else another process built it while this one waited
                        LOGGER.warning(
                            "no gazetteer at %s: building it from installed packages", path
                        )
                        t0 = time.perf_counter()
                        build_gazetteer(path)
                        LOGGER.warning("gazetteer built in %.0f seconds", time.perf_counter() - t0)
            except (OSError, ImportError, sqlite3.Error) as exc:
                LOGGER.error("could not build the gazetteer at %s: %s", path, exc)
                return None
        return cls(path)

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's read-only connection to the gazetteer file, opened on first use."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    def counts(self) -> dict[str, int]:
        """Places per source, as recorded by the build."""
        import json

        row = self.conn.execute("SELECT value FROM meta WHERE key='counts'").fetchone()
        return json.loads(row[0]) if row else {}

    def lookup(self, name: str, *, limit: int = 10) -> list[Candidate]:
        """Candidates for ``name``, best prior first; transliteration variants only as fallback."""
        cached = self._cache.get(name)
        if cached is None:
            cached = self._lookup(name_keys(name))
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[name] = cached
        return cached[:limit]

    def known(self, names: Iterable[str]) -> set[str]:
        """Those of ``names`` whose base key is in the index (one query; no skeleton matching)."""
        keyed: dict[str, list[str]] = {}
        for n in names:
            keyed.setdefault(name_keys(n).base, []).append(n)
        keys = [k for k in keyed if k]
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for (base,) in self.conn.execute(
                f"SELECT DISTINCT base FROM names WHERE base IN ({marks})", chunk
            ):
                found.update(keyed[base])
        return found

    def _lookup(self, keys: NameKeys) -> list[Candidate]:
        if not keys.base:
            return []
        rows = self.conn.execute(_SELECT + "WHERE n.base = ?", (keys.base,)).fetchall()
        base = keys.base
        if not rows and keys.loose and keys.loose != keys.base:
            rows = self.conn.execute(_SELECT + "WHERE n.base = ?", (keys.loose,)).fetchall()
            base = keys.loose
        found = _candidates(rows, keys, skeleton=False, base=base)
        # a province known only as a hamlet ("Shabwa province": a Burmese village) may be a
        # spelling variant of a province: those come too, after, for the context to weigh
        weak = keys.hint is not None and all(c.prior < WEAK_PRIOR for c in found)
        if len(keys.skeleton) >= 2 and (not found or weak):
            skels = [keys.skeleton, aspirated_skeleton(keys.base) or keys.skeleton]
            rows = self.conn.execute(_SELECT + "WHERE n.skel IN (?, ?)", skels).fetchall()
            rows = [
                r
                for r in rows
                if difflib.SequenceMatcher(None, keys.base, r[-2]).ratio() >= SKELETON_MIN_RATIO
            ]
            seen = {c.gazetteer_id for c in found}
            found += [
                c for c in _candidates(rows, keys, skeleton=True) if c.gazetteer_id not in seen
            ]
        return sorted(found, key=lambda c: (c.match == "skeleton", -c.prior, -c.population))


def _candidates(
    rows: list[tuple], keys: NameKeys, *, skeleton: bool, base: str = ""
) -> list[Candidate]:
    """One candidate per place of ``rows`` (its best-matching name), with its prior; ``base``:
    the key the rows were found by."""
    best: dict[str, Candidate] = {}
    for gid, name, lat, lon, cc, feature, admin1, pop, fold, _base, prim in rows:
        if skeleton:
            match = "skeleton"
        elif not prim or not _own_name(base or keys.base, name, feature):
            match = "alt"
        else:
            match = "exact" if fold == keys.fold else "base"
        cand = Candidate(
            gid, name, lat, lon, cc, feature, admin1, pop, match,
            prior(feature, pop, match, keys.hint),
        )  # fmt: skip
        old = best.get(gid)
        if old is None or cand.prior > old.prior:
            best[gid] = cand
    return list(best.values())


def _own_name(base: str, name: str, feature: str) -> bool:
    """Whether a query (its base key) names a place by its own name, not through an alternate
    one: the same base, or whole words of it ("Iguala" of Iguala de la Independencia, "New
    York" of New York City); any listed name of a country or region."""
    if feature.split(" ", 1)[0] in OWN_ALIASES:
        return True
    own, base = _spelled_out(_base_of(name)), _spelled_out(base)
    return own == base or (bool(base) and f" {base} " in f" {own} ")


def _spelled_out(base: str) -> str:
    """A base key with the usual abbreviations of name words written out ("st petersburg")."""
    return " ".join(ABBREVIATIONS.get(w, w) for w in base.split())


@functools.lru_cache(maxsize=262144)
def _base_of(name: str) -> str:
    return name_keys(name).base


@contextmanager
def _build_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<path>.lock`` while building ``path``.

    Processes opening the default gazetteer at once then build it once: the others wait and
    open the winner's file. Without ``fcntl`` (Windows) there is no lock, and each builder
    writes a temporary file of its own before swapping it in (see :func:`build_gazetteer`).
    The lock file is left in place: removing it would let a late process lock a new file.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            LOGGER.warning("another process is building the gazetteer at %s: waiting", path)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


_SELECT = (
    "SELECT p.gid, p.name, p.lat, p.lon, p.country_code, p.feature, p.admin1, p.population, "
    "n.fold, n.base, n.prim FROM names n JOIN places p ON p.pid = n.pid "
)
