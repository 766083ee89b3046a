"""The actor dictionary: known actors of conflict reporting, their aliases, codes and parents.

The shipped dictionary is ``data/actors/actors.yaml`` (its header documents the format). Users
extend it with their own YAML files in the same format, passed as ``extra`` or named in the
``FOGLINE_ACTORS`` environment variable (colon-separated); an entry whose id already exists
replaces the shipped one.

Matching rules of :meth:`ActorDictionary.lookup`:

- abbreviations (no spaces, no lower-case letters: "IS", "NRF", "ISIS-K") and the forms an entry
  lists under ``exact`` match case-sensitively;
- every other form matches after :func:`fogline.textnorm.fold`, with or without a leading "the";
- a form shared by several entries resolves to the entry that does not mark it ``ambiguous``
  (the default reading), or, given a country, to the only candidate from that country.

Descriptors ("the militants") are not looked up here: they resolve per document by salience;
:meth:`ActorDictionary.with_descriptor` lists the compatible entries.
"""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fogline.data import data_path, load_yaml
from fogline.errors import LexiconError
from fogline.textnorm import fold

logger = logging.getLogger(__name__)

DEFAULT_FILE = "actors/actors.yaml"
ENV_VAR = "FOGLINE_ACTORS"
KINDS = frozenset({"person", "group", "state", "organisation", "media"})

_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LIST_FIELDS = ("aliases", "descriptors", "exact", "ambiguous")
_TEXT_FIELDS = ("code", "affiliation", "role", "note")
_FIELDS = frozenset({"id", "name", "kind", "country", *_LIST_FIELDS, *_TEXT_FIELDS})


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the dictionary."""

    id: str
    name: str
    kind: str
    code: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    affiliation: str | None = None
    role: str | None = None
    exact: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def is_abbreviation(form: str) -> bool:
    """True for forms matched case-sensitively by default: "IS", "ISIS-K", "U.N.", "M23"."""
    return (
        not any(ch.isspace() for ch in form)
        and any(ch.isalpha() for ch in form)
        and not any(ch.islower() for ch in form)
    )


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class _Owners:
    """The entries answering to one key: the default reading (if any) and all candidates."""

    default: ActorEntry | None
    candidates: tuple[ActorEntry, ...]


class ActorDictionary:
    """Actors indexed by id, by surface form and by descriptor.

    Example::

        actors = load_actor_dictionary()
        actors.lookup("ISKP").id           # 'isis-k'
        actors.lookup("the Taliban").code  # 'AFGGOVTAL'
    """

    def __init__(self, entries: Sequence[ActorEntry], *, origin: str = "actor dictionary") -> None:
        self.entries: tuple[ActorEntry, ...] = tuple(entries)
        self._by_id = {e.id: e for e in self.entries}
        self._exact: dict[str, _Owners] = {}
        self._folded: dict[str, _Owners] = {}
        self._descriptors: dict[str, list[ActorEntry]] = {}
        self._build(origin)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def get(self, actor_id: str) -> ActorEntry | None:
        """The entry with this id, or None."""
        return self._by_id.get(actor_id)

    def lookup(self, name: str, *, country: str | None = None) -> ActorEntry | None:
        """The actor a name refers to, or None when unknown or ambiguous.

        Args:
            name: a name as written ("the NRF", "Doctors Without Borders", "ISIS-K").
            country: ISO alpha-2 of the document's country, to settle shared aliases.
        """
        owners = self._owners(name)
        if owners is None:
            return None
        if country is not None and len(owners.candidates) > 1:
            local = [e for e in owners.candidates if e.country == country]
            if len(local) == 1:
                return local[0]
        return owners.default

    def candidates(self, name: str) -> tuple[ActorEntry, ...]:
        """Every entry answering to ``name``, the default reading first."""
        owners = self._owners(name)
        return owners.candidates if owners is not None else ()

    def surface_forms(self) -> Iterator[tuple[str, ActorEntry]]:
        """Every name and alias with its entry (shared aliases once per entry)."""
        for entry in self.entries:
            for form in entry.names:
                yield form, entry

    def case_sensitive(self, form: str, entry: ActorEntry) -> bool:
        """Whether ``form`` of ``entry`` must match with its exact case."""
        return is_abbreviation(form) or form in entry.exact

    def with_descriptor(self, phrase: str) -> tuple[ActorEntry, ...]:
        """Entries compatible with a generic descriptor ("the militants", "aid workers")."""
        return tuple(self._descriptors.get(_strip_the(fold(phrase)), ()))

    def _owners(self, name: str) -> _Owners | None:
        name = name.strip()
        bare = name[4:] if name[:4].lower() == "the " else name
        for form in (name, bare, name.replace(".", ""), bare.replace(".", "")):
            if form in self._exact:
                return self._exact[form]
        key = fold(name)
        return self._folded.get(key) or self._folded.get(_strip_the(key))

    def _build(self, origin: str) -> None:
        exact: dict[str, dict[str, tuple[ActorEntry, bool]]] = {}
        folded: dict[str, dict[str, tuple[ActorEntry, bool]]] = {}
        for entry in self.entries:
            ambiguous_keys = {fold(a) for a in entry.ambiguous} | set(entry.ambiguous)
            for form in entry.names:
                if self.case_sensitive(form, entry):
                    table, key = exact, form
                else:
                    table, key = folded, fold(form)
                if not key:
                    raise LexiconError(f"{origin}: entry {entry.id!r}: alias {form!r} is empty")
                marked = key in ambiguous_keys or form in entry.ambiguous
                owners = table.setdefault(key, {})
                previous = owners.get(entry.id)
                owners[entry.id] = (entry, marked or (previous is not None and previous[1]))
            for phrase in entry.descriptors:
                self._descriptors.setdefault(_strip_the(fold(phrase)), []).append(entry)
        self._exact = {k: self._settle(k, v, origin) for k, v in exact.items()}
        self._folded = {k: self._settle(k, v, origin) for k, v in folded.items()}

    @staticmethod
    def _settle(key: str, owners: Mapping[str, tuple[ActorEntry, bool]], origin: str) -> _Owners:
        defaults = [entry for entry, marked in owners.values() if not marked]
        if len(defaults) > 1:
            ids = ", ".join(repr(e.id) for e in defaults)
            raise LexiconError(
                f"{origin}: alias {key!r} is shared by entries {ids}; list it under `ambiguous` "
                "in all of them but the default reading"
            )
        others = [entry for entry, marked in owners.values() if marked]
        default = defaults[0] if defaults else None
        return _Owners(default, tuple(([default] if default else []) + others))


def _as_tuple(value: Any, field: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{where}: `{field}` must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _optional_text(raw: Mapping[str, Any], field: str, where: str) -> str | None:
    value = raw.get(field)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{where}: `{field}` must be a non-empty string or null")
    return value.strip()


def parse_entry(raw: Any, where: str) -> ActorEntry:
    """One YAML mapping as an :class:`ActorEntry`; ``where`` names the file and entry in errors."""
    if not isinstance(raw, Mapping):
        raise LexiconError(f"{where}: an entry must be a mapping, got {type(raw).__name__}")
    if isinstance(raw.get("id"), str):
        where = f"{where} ({raw['id']!r})"
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise LexiconError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}")
    for field in ("id", "name", "kind"):
        if not isinstance(raw.get(field), str) or not raw[field].strip():
            raise LexiconError(f"{where}: `{field}` is required and must be a string")
    if not _ID.match(raw["id"]):
        raise LexiconError(f"{where}: id must be a lower-case slug (letters, digits, hyphens)")
    if raw["kind"] not in KINDS:
        raise LexiconError(f"{where}: kind {raw['kind']!r} is not one of {sorted(KINDS)}")
    country = raw.get("country")
    if isinstance(country, bool):
        raise LexiconError(f'{where}: country {country!r} was read as a boolean; quote it: "NO"')
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country)):
        raise LexiconError(f"{where}: country {country!r} must be an ISO alpha-2 code or null")
    entry = ActorEntry(
        id=raw["id"],
        name=raw["name"].strip(),
        kind=raw["kind"],
        code=_optional_text(raw, "code", where),
        country=country,
        aliases=_as_tuple(raw.get("aliases"), "aliases", where),
        descriptors=_as_tuple(raw.get("descriptors"), "descriptors", where),
        affiliation=_optional_text(raw, "affiliation", where),
        role=_optional_text(raw, "role", where),
        exact=_as_tuple(raw.get("exact"), "exact", where),
        ambiguous=_as_tuple(raw.get("ambiguous"), "ambiguous", where),
    )
    for field in ("exact", "ambiguous"):
        stray = [form for form in getattr(entry, field) if form not in entry.names]
        if stray:
            raise LexiconError(f"{where}: `{field}` lists {stray!r}, which are not its names")
    return entry


def parse_entries(document: Any, origin: str) -> list[ActorEntry]:
    """Entries of a parsed YAML document: a mapping with an ``actors`` list, or a bare list."""
    items = document.get("actors") if isinstance(document, Mapping) else document
    if not isinstance(items, list) or not items:
        raise LexiconError(f"{origin}: expected a non-empty `actors:` list of entries")
    entries = [parse_entry(raw, f"{origin}: entry {i + 1}") for i, raw in enumerate(items)]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise LexiconError(f"{origin}: id {entry.id!r} is used by more than one entry")
        seen.add(entry.id)
    return entries


def _read_user_file(path: Path) -> list[ActorEntry]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read actor file ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path}: not valid YAML: {exc}") from exc
    return parse_entries(document, str(path))


def build_dictionary(layers: Sequence[tuple[str, Sequence[ActorEntry]]]) -> ActorDictionary:
    """Merge layers of entries by id (later layers replace earlier ones) and index them."""
    merged: dict[str, ActorEntry] = {}
    for origin, entries in layers:
        for entry in entries:
            if entry.id in merged:
                logger.debug("%s: entry %r replaces the earlier one", origin, entry.id)
            merged[entry.id] = entry
    origin = " + ".join(name for name, _ in layers)
    for entry in merged.values():
        if entry.affiliation is not None and entry.affiliation not in merged:
            raise LexiconError(
                f"{origin}: entry {entry.id!r} has affiliation {entry.affiliation!r}, "
                "which is not an actor id"
            )
    return ActorDictionary(list(merged.values()), origin=origin)


@functools.cache
def _default_entries() -> tuple[ActorEntry, ...]:
    origin = str(data_path(DEFAULT_FILE))
    return tuple(parse_entries(load_yaml(DEFAULT_FILE), origin))


@functools.cache
def _load(extra: tuple[tuple[str, int], ...]) -> ActorDictionary:
    layers: list[tuple[str, Sequence[ActorEntry]]] = [(DEFAULT_FILE, _default_entries())]
    layers += [(path, _read_user_file(Path(path))) for path, _ in extra]
    return build_dictionary(layers)


def load_actor_dictionary(extra: Sequence[Path | str] = ()) -> ActorDictionary:
    """The shipped actor dictionary, extended by user files (cached).

    Args:
        extra: YAML files in the shipped format; entries replace shipped ones by id.
            Files named in ``FOGLINE_ACTORS`` (colon-separated) are read first.
    Raises:
        LexiconError: a file is missing or malformed (the message names file and entry).
    Example:
        >>> load_actor_dictionary().lookup("Doctors Without Borders").id
        'msf'
    """
    paths = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    paths += [str(p) for p in extra]
    keyed = []
    for path in paths:
        try:
            keyed.append((path, Path(path).stat().st_mtime_ns))
        except OSError as exc:
            raise LexiconError(f"{path}: actor file not found ({ENV_VAR} or extra)") from exc
    return _load(tuple(keyed))
