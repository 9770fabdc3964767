"""Load a rule pack (a directory of YAML files), reporting every problem with file and line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pydantic

from sojourn._structured import (
    Loc,
    dotted,
    line_of,
    load_document,
    problems_from_validation,
    read_text,
)
from sojourn.countries import is_country
from sojourn.dates import DecreedDays
from sojourn.engine.kinds import Constraint
from sojourn.errors import InputError, Problem, RulePackError
from sojourn.files import not_a_file
from sojourn.rules.accounts import account_checks
from sojourn.rules.calendars import calendar_checks, decreed_days, package_conflicts
from sojourn.rules.schema import (
    ANY_CITIZENSHIP,
    OWN_STATE_TOPICS,
    SCHEMA,
    Bloc,
    DecreeYear,
    GravityScale,
    Limitation,
    PackFile,
    Rule,
    SourcedOffence,
    Treaty,
    WantedListing,
    Zone,
)
from sojourn.rules.stored import stored
from sojourn.rules.topics import AcceptedDocument


@dataclass(frozen=True)
class Located:
    """A rule or zone with the file and line it was read from, and where it sits in the file."""

    file: str
    line: int | None
    loc: Loc = ()
    lines: dict[Loc, int] = field(default_factory=dict, compare=False, repr=False)

    def at(self, *sub: str | int) -> tuple[int | None, str]:
        """Line and dotted field path of a part of the item, e.g. ``at("host")``."""
        full = (*self.loc, *sub)
        return (line_of(self.lines, full) if self.lines else self.line), dotted(full)


WARNINGS_TOLD = 3  # a pack's warnings told one by one before its answer; the rest in one line


@dataclass(frozen=True)
class Pack:
    """A loaded, checked rule pack."""

    root: str
    rules: tuple[Rule, ...]
    zones: dict[str, Zone]
    where: dict[str, Located]
    # legal but suspicious: rules that overlap or leave a gap, by default or under a variant
    warnings: tuple[str, ...] = ()
    blocs: tuple[Bloc, ...] = ()
    offences: tuple[SourcedOffence, ...] = ()
    gravity: tuple[GravityScale, ...] = ()
    limitation: tuple[Limitation, ...] = ()
    listings: tuple[WantedListing, ...] = ()
    # extradition treaties, whichever states are parties (treaties.yaml)
    treaties: tuple[Treaty, ...] = ()
    # decrees moving days off, by host and year (calendars.yaml)
    calendars: tuple[DecreeYear, ...] = ()

    def decreed_days(self, host: str) -> DecreedDays:
        """The days off the pack's decrees set for ``host``, laid over the `holidays`
        package's calendar when working days are counted there."""
        return decreed_days(self.calendars, host)

    def told_warnings(self) -> tuple[str, ...]:
        """The warnings a command other than ``rules validate`` prints on stderr when it runs
        with ``--pack``: the first :data:`WARNINGS_TOLD` one by one and one line for the rest,
        which ``rules validate`` lists (an overlap of stay rules changes the answer too)."""
        if len(self.warnings) <= WARNINGS_TOLD + 1:  # one line for one more would save nothing
            return self.warnings
        rest = len(self.warnings) - WARNINGS_TOLD
        return (*self.warnings[:WARNINGS_TOLD],
                f"{rest:,} more warnings about the rule pack {self.root}: "
                f"'sojourn rules validate {self.root}' lists them all")

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def bloc(self, bloc_id: str) -> Bloc | None:
        return next((b for b in self.blocs if b.id == bloc_id), None)

    def hosts(self) -> list[str]:
        """The countries and zones the pack's rules judge a stay or an entry in: a state with
        rules on its own citizens alone (Russia's exit rules, its passports' validity) is left,
        not gone to."""
        return sorted({r.host for r in self.rules if r.topic not in OWN_STATE_TOPICS})

    def is_host(self, code: str) -> bool:
        return code in self.zones or is_country(code)

    def judging_zone(self, country: str, on: dt.date, topics: Collection[str]) -> Zone | None:
        """The zone whose rules on ``topics`` judge ``country`` on ``on``: the one it is a
        member of that day, where the pack has no rule of its own on them (France, judged by
        the Schengen area's stay and entry rules). None for a zone itself, a state with rules
        of its own on them, or one in no zone that day (Croatia before 1 January 2023): a
        member's own rules, where the pack has some, are the more precise."""
        if country in self.zones or any(r.host == country and r.topic in topics
                                        for r in self.rules):
            return None
        return next((zone for zone in self.zones.values() for m in zone.members
                     if m.country == country and m.holds_on(on)), None)

    def judging_zone_from(self, country: str, on: dt.date, topics: Collection[str]
                          ) -> Zone | None:
        """The zone whose rules on ``topics`` judge ``country`` on ``on`` or, where it joins
        one after it, from the day it joins (Croatia on 1 January 2023): a question about the
        days from ``on`` on (status, plan) runs across that day, and each day is judged by
        the rules in force on it (the zone's on the days it is a member: member_days)."""
        zone = self.judging_zone(country, on, topics)
        joins = None if zone is not None else self.zone_joined_later(country, on)
        return zone if joins is None else self.judging_zone(country, joins[1], topics)

    def zone_joined_later(self, country: str, on: dt.date) -> tuple[Zone, dt.date] | None:
        """A zone ``country`` is not a member of on ``on`` but joins after it, with the day it
        joins: why a state is judged by its own rules, not the zone's, on that day."""
        return next(((zone, m.since) for zone in self.zones.values() for m in zone.members
                     if m.country == country and m.since is not None and m.since > on), None)


def builtin_pack_dir() -> Path:
    """The pack shipped inside the package."""
    return Path(str(resources.files("sojourn.rules") / "pack"))


RULE_FILES = (".yaml", ".yml")


def _files(root: Path) -> tuple[list[Path], list[Path]]:
    """The rule files of ``root`` (a file, or a directory's .yaml and .yml files), and the other
    regular files of the directory, which are not read. Hidden files (.DS_Store, an editor's
    backup, macOS's ._me.yaml) are neither."""
    try:
        is_dir = root.is_dir()
    except OSError as exc:  # a name longer than the system allows, say
        raise RulePackError(Problem(None, None, None, str(root),
                                    f"cannot be read as a rule pack ({exc.strerror or exc})",
                                    "a rule file (.yaml) or a directory of them")) from None
    if not is_dir:
        why = not_a_file(root, missing="does not exist")
        if why is not None:  # nothing there, a link that loops, a pipe or a device
            raise RulePackError(Problem(str(root), None, None, None, why,
                                        "a rule file (.yaml) or a directory of them"))
        if root.suffix not in RULE_FILES:  # as a directory's other files are not read
            raise RulePackError(_skipped(root))
        return [root], []
    shown = sorted(p for p in root.iterdir() if not p.name.startswith("."))
    files = [p for p in shown if p.suffix in RULE_FILES]
    skipped = [p for p in shown if p.suffix not in RULE_FILES and _is_file(p)]
    if not files:
        others = f" (not read: {', '.join(p.name for p in skipped[:3])}" + (
            ", ...)" if len(skipped) > 3 else ")") if skipped else ""
        # --pack given the folder above the pack (a checkout's root, say): name where they are
        nested = [p for p in shown if _holds_rule_files(p)]
        below = (f"; {', '.join(f'{p.name}/' for p in nested[:3])} holds some, and a pack's "
                 "subdirectories are not read" if nested else "")
        raise RulePackError(Problem(str(root), None, None, None,
                                    f"holds no .yaml rule files{others}{below}",
                                    "a directory of rule files, each ending .yaml or .yml"))
    return files, skipped


def _holds_rule_files(path: Path) -> bool:
    """Whether ``path`` is a directory with rule files directly in it (unreadable: no)."""
    try:
        return path.is_dir() and any(q.suffix in RULE_FILES and not q.name.startswith(".")
                                     for q in path.iterdir())
    except OSError:
        return False


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _skipped(path: Path) -> Problem:
    """The warning for a file of the pack's directory that is not read."""
    lower = path.name.lower()
    inner = next((lower.index(s + ".") for s in RULE_FILES if s + "." in lower), None)
    name = (f"{path.stem}{path.suffix.lower()}" if path.suffix.lower() in RULE_FILES  # me.YAML
            else f"{path.name[:inner]}.yaml" if inner is not None  # me.yaml.txt
            else None)
    return Problem(str(path), None, None, None,
                   "is not read: a pack's rule files end in .yaml or .yml",
                   f"the name {name}, if it is a rule file" if name else
                   "a name ending .yaml, if it is a rule file")


def load_pack(root: Path | str | None = None) -> Pack:
    """Load and check every file under ``root`` (the built-in pack by default).

    A pack is immutable data, so a loaded pack is reused while none of its files changed
    (a small bounded cache keyed by the files' paths, sizes and modification times), and a
    checked pack is kept on disk for the next run (``stored``: keyed by the files' contents).
    """
    if isinstance(root, str) and not root.strip():
        raise RulePackError(Problem(None, None, None, root, "is no rule pack: it is empty",
                                    "a rule file (.yaml) or a directory of them"))
    base = Path(root) if root is not None else builtin_pack_dir()
    files, skipped = _files(base)
    return _load_cached(str(base), tuple(_stamp(f) for f in files),
                        tuple(str(f) for f in skipped))


def _stamp(file: Path) -> tuple[str, int, int]:
    """(path, modification time, size) of a rule file, to know a loaded pack unchanged; a
    file that cannot be looked at (a symbolic link that loops) is refused when it is read."""
    try:
        found = file.stat()
    except OSError:
        return str(file), -1, -1
    return str(file), found.st_mtime_ns, found.st_size


@lru_cache(maxsize=8)
def _load_cached(root: str, stamp: tuple[tuple[str, int, int], ...],
                 skipped: tuple[str, ...] = ()) -> Pack:
    files = [Path(name) for name, _, _ in stamp]
    others = [Path(name) for name in skipped]
    return stored(root, files, others, Pack, lambda: _load(Path(root), files, others))


def _load(base: Path, files: list[Path], skipped: Sequence[Path] = ()) -> Pack:
    problems: list[Problem] = []
    rules: list[Rule] = []
    zones: dict[str, Zone] = {}
    where: dict[str, Located] = {}
    others: dict[str, list[Item]] = {"blocs": [], "offences": [], "gravity": [],
                                      "limitation": [], "listings": [], "treaties": [],
                                      "calendars": []}
    for path in files:
        name = str(path)
        try:
            data, lines = load_document(path, read_text(path))
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(data, dict):
            # an empty file is told so, as an empty history is, not as another kind of file
            problems.append(Problem(name, None if data is None else 1, None, None,
                                    "is empty" if data is None else "is not a rule file",
                                    f"a mapping with schema: {SCHEMA}, zones and rules"))
            continue
        parsed = _parse_file(name, data, lines, problems)
        for kind, index, item in parsed:
            line = line_of(lines, (kind, index))
            key = item.id
            if key in where:
                first = where[key]
                problems.append(Problem(name, line_of(lines, (kind, index, "id")),
                                        f"{kind}[{index}].id", key,
                                        f"is already defined at {first.file}, line {first.line}",
                                        "ids unique across the pack: rename one of them"))
                continue
            where[key] = Located(name, line, (kind, index), lines)
            if isinstance(item, Rule):
                rules.append(item)
            elif isinstance(item, Zone):
                zones[item.id] = item
            else:
                others[kind].append(item)
    problems.extend(_cross_checks(rules, zones, where))
    calendars = [x for x in others["calendars"] if isinstance(x, DecreeYear)]
    problems.extend(_calendar_hosts(calendars, zones, where))
    problems.extend(calendar_checks(calendars, where))
    problems.extend(_offence_versions(
        [x for x in others["offences"] if isinstance(x, SourcedOffence)], where))
    problems.extend(_limitation_gravities(
        [x for x in others["limitation"] if isinstance(x, Limitation)],
        [x for x in others["gravity"] if isinstance(x, GravityScale)], where))
    problems.extend(_cover_blocs(rules, [x for x in others["blocs"] if isinstance(x, Bloc)],
                                 where))
    # accounts are checked once every rule is right: a bad date would make them up
    refused, warnings = account_checks(rules, where) if not problems else ([], [])
    problems.extend(refused)
    if not problems:
        warnings.extend(package_conflicts(calendars, where))
    if problems:
        problems.sort(key=lambda p: (p.file or "", p.line or 0))
        raise RulePackError(problems)
    return Pack(str(base), tuple(rules), zones, where,
                warnings=tuple(str(p) for p in (*map(_skipped, skipped), *warnings)),
                blocs=tuple(x for x in others["blocs"] if isinstance(x, Bloc)),
                offences=tuple(x for x in others["offences"] if isinstance(x, SourcedOffence)),
                gravity=tuple(x for x in others["gravity"] if isinstance(x, GravityScale)),
                limitation=tuple(x for x in others["limitation"] if isinstance(x, Limitation)),
                listings=tuple(x for x in others["listings"] if isinstance(x, WantedListing)),
                treaties=tuple(x for x in others["treaties"] if isinstance(x, Treaty)),
                calendars=tuple(calendars))


Item = (Rule | Zone | Bloc | SourcedOffence | GravityScale | Limitation | WantedListing
        | Treaty | DecreeYear)
_SECTIONS: dict[str, type[Item]] = {"zones": Zone, "rules": Rule, "blocs": Bloc,
                                    "offences": SourcedOffence, "gravity": GravityScale,
                                    "limitation": Limitation, "listings": WantedListing,
                                    "treaties": Treaty, "calendars": DecreeYear}


def _parse_file(name: str, data: dict[object, object], lines: dict[Loc, int],
                problems: list[Problem]) -> list[tuple[str, int, Item]]:
    """Validate each item on its own, so that one bad rule hides no other problem."""
    out: list[tuple[str, int, Item]] = []
    head = {k: v for k, v in data.items() if k not in _SECTIONS}
    try:
        PackFile.model_validate(head)
    except pydantic.ValidationError as exc:
        problems.extend(problems_from_validation(exc, name, data, lines, model=PackFile))
    for kind, model in _SECTIONS.items():
        items = data.get(kind, [])
        if not isinstance(items, list):
            problems.append(Problem(name, line_of(lines, (kind,)), kind, None,
                                    "is empty" if items is None else
                                    "is a mapping, not a list" if isinstance(items, dict) else
                                    "is not a list",
                                    f"a YAML list of {kind}, each starting with '- id:'"))
            continue
        for index, raw in enumerate(items):
            try:
                out.append((kind, index, model.model_validate(raw)))
            except pydantic.ValidationError as exc:
                problems.extend(
                    problems_from_validation(exc, name, raw, lines, (kind, index), model))
    return out


def _host_named(rule: Rule | DecreeYear, at: Located, zones: dict[str, Zone]) -> list[Problem]:
    """A rule (or a year's decrees) whose host is not the one its file or id names: a file
    named by a country code or a zone id of the pack (``kz.yaml``, ``schengen.yaml``) holds
    that host's rules, and an id starting with one and a hyphen (``kz-stay-...``) is a rule of
    that host. Files named by topic (``entry.yaml``) and other ids name none."""
    def host(name: str) -> str | None:
        code = name.upper()
        return code if code in zones or is_country(code) else None

    path = Path(at.file)
    own = rule.host.lower()
    if isinstance(rule, DecreeYear):
        moved = f"the entry moved to calendars.yaml as {own}-days-off-{rule.year}"
        named_id = f"the id {own}-days-off-{rule.year}"
        why = ("a year's days off by decree are filed under their host: the entry's id starts "
               "with its host's code, and a file named by a host holds that host's entries")
    else:
        moved = f"the rule moved to {own}.yaml with an id starting '{own}-'"
        named_id = f"an id starting '{own}-'"
        why = ("a file named by a host holds that host's rules, and a rule's id starts with "
               "its host's code")
    named = [(host(path.stem) if path.suffix.lower() in RULE_FILES else None,
              f"file {path.name}", moved),
             (host(rule.id.split("-", 1)[0]) if "-" in rule.id else None, f"id {rule.id}",
              named_id)]
    for code, by, otherwise in named:
        if code is not None and code != rule.host:
            return [Problem(at.file, *at.at("host"), rule.host,
                            f"is not the host its {by} names: {code}",
                            f"host: {code}, or {otherwise} ({why})")]
    return []


def _calendar_hosts(calendars: list[DecreeYear], zones: dict[str, Zone],
                    where: dict[str, Located]) -> list[Problem]:
    """A year's decrees filed under another host's file or id, as for rules."""
    return [p for c in calendars for p in _host_named(c, where[c.id], zones)]


def _offence_versions(offences: list[SourcedOffence], where: dict[str, Located]
                      ) -> list[Problem]:
    """Versions of one article (part) whose days in force overlap: a charge would be judged by
    whichever the pack lists first. One with no part is the whole article's, so it is a
    version of each part too (risk matches it to a charge under any part)."""
    problems = []
    for i, later in enumerate(offences):
        for earlier in offences[:i]:
            if ((earlier.country, earlier.article) != (later.country, later.article)
                    or (None not in (earlier.part, later.part) and earlier.part != later.part)):
                continue
            starts_in = (earlier.valid_to is None or later.valid_from is None
                         or later.valid_from <= earlier.valid_to)
            ends_in = (later.valid_to is None or earlier.valid_from is None
                       or earlier.valid_from <= later.valid_to)
            if starts_in and ends_in:
                at = where[later.id]
                first = where[earlier.id]
                start = later.valid_from.isoformat() if later.valid_from else None
                problems.append(Problem(
                    at.file, *at.at("valid_from"), start,
                    f"overlaps {earlier.id} ({first.file}, line {first.line}), another version "
                    f"of Art. {later.article}{f' part {later.part}' if later.part else ''}",
                    f"valid_to on {earlier.id} the day before this version's valid_from, so "
                    "that one version is in force on each day"))
    return problems


def _limitation_gravities(limitations: list[Limitation], scales: list[GravityScale],
                          where: dict[str, Located]) -> list[Problem]:
    """Limitation periods keyed by a band its country's gravity scale does not name, or by one
    named twice: risk finds a charge's period by the band its gravity scale gives it, so a
    misspelt band left every charge of that gravity with no limitation said, and a second one
    went unread."""
    problems = []
    for limitation in limitations:
        at = where[limitation.id]
        bands = list(dict.fromkeys(b.name for s in scales if s.country == limitation.country
                                   for b in s.bands))
        expected = (f"a band of {limitation.country}'s gravity scale, once: {', '.join(bands)}"
                    if bands else f"a gravity scale for {limitation.country} (a gravity: "
                    "section) whose bands the periods name")
        seen: set[str] = set()
        for index, period in enumerate(limitation.periods):
            if period.gravity not in bands or period.gravity in seen:
                problems.append(Problem(
                    at.file, *at.at("periods", index, "gravity"), period.gravity,
                    "is named by an earlier period too" if period.gravity in seen else
                    f"is not a band of {limitation.country}'s gravity scale" if bands else
                    f"names a band, but the pack has no gravity scale for {limitation.country}",
                    expected))
            seen.add(period.gravity)
    return problems


def _cover_blocs(rules: list[Rule], blocs: list[Bloc], where: dict[str, Located]
                 ) -> list[Problem]:
    """A stay_cover rule's bloc that the pack does not define: the rule would cover no day,
    as no state is a member of a bloc the pack does not know, and read as in force."""
    known = sorted(b.id for b in blocs)
    expected = (f"a bloc of the pack (blocs:): {', '.join(known)}" if known
                else "a bloc defined in the pack (a blocs: section with its members)")
    return [Problem(where[rule.id].file, *where[rule.id].at(*loc, "bloc"), cover.bloc,
                    "is not a bloc of the pack", expected)
            for rule in rules
            for loc, cover in [(("covers",), rule.covers),
                               *((("variants", i, "covers"), v.covers)
                                 for i, v in enumerate(rule.variants))]
            if cover is not None and cover.bloc not in known]


# what an entry rule may say of a document that the state left does not judge: a visa, a
# validity counted from entry, what entry needs besides, and the ways in it is accepted by
# are the destination's to ask (the state left limits its ways out in each destination of
# its ``to``)
_ENTRY_ONLY = ("visa_required", "valid_for", "also_needs", "by")
# where the state left does limit it, the field of an exit rule that says so
_EXIT_SAYS_IT = {"by": "no by on an exit rule's document: write the ways out in its to "
                       "([{country: AM, by: [air]}]), or the ways in in the destination's "
                       "entry rule (topic entry)"}


# what only an exit rule says of a document: the destinations the state left lets its
# citizens out to on it, and what it tells those bound elsewhere; a host judges its own entry
_EXIT_ONLY = ("to", "elsewhere")


def _document_blocks(rule: Rule) -> list[tuple[tuple[str | int, ...], list[AcceptedDocument]]]:
    """The rule's documents and each variant's, with where they are written."""
    return [(("documents",), rule.documents)] + [
        (("variants", index, "documents"), v.documents or [])
        for index, v in enumerate(rule.variants)]


def _entry_form(rule: Rule, at: Located) -> list[Problem]:
    """A rule of another topic than exit names no destinations (``_EXIT_ONLY``) for its
    documents: the engine reads them only when a person leaves the state of an exit rule."""
    return [Problem(at.file, *at.at(*where, index, name), None,
                    f"is given under topic {rule.topic}; {name} is what the state left says of "
                    "the destinations it lets its citizens out to, not what a host asks of entry",
                    f"no {name} under topic {rule.topic}: write it in the exit rule (topic "
                    "exit, host: the state left) of the document")
            for where, documents in _document_blocks(rule)
            for index, doc in enumerate(documents)
            for name in _EXIT_ONLY if name in doc.model_fields_set]


def _exit_form(rule: Rule, at: Located, zones: dict[str, Zone]) -> list[Problem]:
    """An exit rule (topic exit) says whether a state lets its citizens leave on a document:
    its host is that state, never a zone, and its documents carry none of what only the
    destination asks (``_ENTRY_ONLY``), which the engine would not judge at the exit."""
    problems = []
    if rule.host in zones:
        problems.append(Problem(at.file, *at.at("host"), rule.host,
                                "is a zone; an exit rule is the rule of the state left",
                                "the country code of the state whose border is crossed on "
                                "leaving, such as RU"))
    for where, documents in _document_blocks(rule):
        for index, doc in enumerate(documents):
            for name in _ENTRY_ONLY:
                if name in doc.model_fields_set:
                    problems.append(Problem(
                        at.file, *at.at(*where, index, name), None,
                        f"is given under topic exit; {name} is what a destination asks of "
                        "entry, not what the state left asks of leaving",
                        _EXIT_SAYS_IT.get(name, f"no {name} in an exit rule: write it in the "
                                                "destination's entry rule (topic entry)")))
    return problems


def _cross_checks(rules: list[Rule], zones: dict[str, Zone], where: dict[str, Located]
                  ) -> list[Problem]:
    problems = []
    for zone in zones.values():
        # Both engines take one membership period per country (since..until); a country that
        # left and rejoined would need two, which neither models: refused, not misread.
        at = where[zone.id]
        seen: dict[str, int] = {}
        for index, member in enumerate(zone.members):
            if member.country in seen:
                problems.append(Problem(
                    at.file, *at.at("members", index, "country"), member.country,
                    f"is already a member of {zone.id} (members[{seen[member.country]}])",
                    "each member country once, with the one period of its membership "
                    "(since, until)"))
            seen.setdefault(member.country, index)
    for rule in rules:
        at = where[rule.id]
        if rule.host not in zones and not is_country(rule.host):
            zone_ids = ", ".join(sorted(zones))
            problems.append(Problem(at.file, *at.at("host"), rule.host,
                                    "is neither a country code nor a zone of the pack",
                                    "an ISO 3166-1 alpha-2 country code such as KZ"
                                    + (f", or a zone: {zone_ids}" if zone_ids else "")))
        else:
            problems.extend(_host_named(rule, at, zones))
        for index, doc in enumerate(rule.documents):
            for other, visa_of in enumerate(doc.visas_of):
                # another issuer's visa counts only if the pack knows whose it is
                if visa_of.issuer not in zones and not is_country(visa_of.issuer):
                    problems.append(Problem(
                        at.file, *at.at("documents", index, "visas_of", other, "issuer"),
                        visa_of.issuer, "is neither a country code nor a zone of the pack",
                        "an ISO 3166-1 alpha-2 country code such as BG, or a zone: "
                        + ", ".join(sorted(zones))))
        for index, v in enumerate(rule.variants):
            # as apply() takes them: the variant's dates, else the rule's
            first, last = v.valid_from or rule.valid_from, v.valid_to or rule.valid_to
            if last is not None and last < first:
                blamed = "valid_from" if v.valid_from else "valid_to"
                problems.append(Problem(
                    at.file, *at.at("variants", index, blamed), str(getattr(v, blamed)),
                    f"leaves {rule.id} in force on no day under --assume {v.name}: "
                    f"valid_to {last} is before valid_from {first}",
                    "valid_to on or after valid_from, the variant's or else the rule's"))
        problems.extend(_constraint_ends(rule, at))
        if rule.topic == "exit":
            problems.extend(_exit_form(rule, at, zones))
        else:
            problems.extend(_entry_form(rule, at))
        seen_at: dict[str, int] = {}
        for index, code in enumerate(rule.citizenships):
            if code in seen_at:
                problems.append(Problem(at.file, *at.at("citizenships", index), code,
                                        f"is already listed (citizenships[{seen_at[code]}])",
                                        "each citizenship once"))
            seen_at.setdefault(code, index)
        if ANY_CITIZENSHIP in rule.citizenships and len(rule.citizenships) > 1:
            problems.append(Problem(at.file, *at.at("citizenships"), "*",
                                    "is mixed with country codes",
                                    "either [\"*\"] (every citizenship) or a list of codes"))
    return problems


def _constraint_ends(rule: Rule, at: Located) -> list[Problem]:
    """A constraint's valid_to before the first day of its rule, or of a variant that takes
    it: the constraint would be in force on no day of that account."""
    accounts: list[tuple[str, dt.date, tuple[str | int, ...], Sequence[Constraint]]] = [
        ("", rule.valid_from, ("constraints",), rule.constraints)]
    for index, v in enumerate(rule.variants):
        # as apply() takes them: the variant's constraints and first day, else the rule's
        own = v.constraints is not None
        accounts.append((f" under --assume {v.name}", v.valid_from or rule.valid_from,
                         ("variants", index, "constraints") if own else ("constraints",),
                         v.constraints if v.constraints is not None else rule.constraints))
    problems: dict[tuple[str | int, ...], Problem] = {}
    for account, first, loc, constraints in accounts:
        for index, constraint in enumerate(constraints):
            end = constraint.valid_to
            if end is not None and end < first and (*loc, index) not in problems:
                problems[(*loc, index)] = Problem(
                    at.file, *at.at(*loc, index, "valid_to"), str(end),
                    f"leaves {constraint.spec} of {rule.id} in force on no day{account}: it is "
                    f"before valid_from {first}",
                    f"valid_to on or after {first}, the first day of the rule (or of the "
                    "variant that takes the constraint), or left out for a constraint in "
                    "force as long as its rule")
    return list(problems.values())
