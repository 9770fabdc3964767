"""The citizenship a stay is judged under (``--citizenship``, the passport the trip
records, or the profile's), and what the others held would change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from sojourn.countries import code_hint, country_name, fold_code, is_country
from sojourn.dates import format_long
from sojourn.errors import UsageError, option_told
from sojourn.history import History, Stay
from sojourn.rules.loader import Pack
from sojourn.rules.select import has_rule_on
from sojourn.stay._hosts import resolve_host
from sojourn.stay._presence import Member


def citizenship_code(given: str) -> str:
    """``--citizenship`` as a code (blanks stripped, upper case), or a UsageError."""
    code = fold_code(given)
    if not is_country(code):
        raise UsageError(option_told("--citizenship", given,
                                     f"is not a country code{code_hint(given)}",
                                     "an ISO 3166-1 alpha-2 code such as RU"))
    return code


def require_citizenship(history: History, given: str | None) -> None:
    """A UsageError when neither ``--citizenship`` nor the history names a citizenship: the
    pack's rules are per citizenship, and none is assumed."""
    if not given and not history.citizenships:
        raise UsageError(
            "--citizenship is needed for the pack's rules when the history does not name it "
            "(a CSV history, or a profile without person.citizenships), e.g. --citizenship RU")


def citizenship_not_held(history: History, code: str) -> list[str]:
    """The warning that a --citizenship is not one the profile holds (none for a CSV history,
    which names none): every answer judged under it is for another person."""
    if history.citizenships and code not in history.citizenships:
        return [f"--citizenship {code} is not among the profile's citizenships "
                f"({', '.join(history.citizenships)})"]
    return []


def history_warnings(history: History, citizenship: str | None) -> tuple[str, ...]:
    """The warnings every answer from ``history`` carries, as `status` gives them: the
    history's own (overlapping stays merged) and a ``--citizenship`` it does not hold."""
    return (*history.warnings,
            *(citizenship_not_held(history, citizenship) if citizenship else ()))


def stay_in_question(history: History, hosts: Collection[str], on: dt.date) -> Stay | None:
    """The stay in ``hosts`` (a country, or a zone's members) the answer on ``on`` is about,
    the host counting it under the passport it was entered on: the stay under way on ``on``;
    for one away, the next trip planned there, else the last stay begun before ``on``.

    Away, the planned trip comes first: the answer honours it, judging its days (a planned
    overstay, its registration), and asked on a day of that trip the answer is judged under
    the passport it records; judged from before it under another citizenship's rule, a
    Russian-Israeli's trip to Montenegro on the Israeli passport read as an overstay under
    the rule for Russians, and asked during it, as no rule known. The stay over before is
    behind the person: the host counted it, and counts every day of it whatever the rule."""
    there = [s for s in history.stays if s.country in hosts]
    begun = [s for s in there if s.entry <= on]
    if begun and begun[-1].until >= on:  # under way
        return begun[-1]
    planned = next((s for s in there if s.entry > on), None)
    return planned or (begun[-1] if begun else None)


def passport_recorded(history: History, hosts: Collection[str], on: dt.date) -> Stay | None:
    """The stay whose trip records the passport the answer on ``on`` is judged under: the
    stay in question (stay_in_question) where its trip records one, else the last stay in
    ``hosts`` before it whose trip does; None where no stay there up to it records one.

    A trip that records no passport is judged under the one the person last entered that
    host on, the likeliest he shows again, and so alike asked before the trip and during
    it: a Kazakh-Russian once in Armenia on his Russian passport, with a trip there planned
    recording none, was judged as a Russian before it and as a Kazakh during it."""
    question = stay_in_question(history, hosts, on)
    if question is None:
        return None
    return next((s for s in reversed(history.stays) if s.country in hosts
                 and s.entry <= question.entry and s.passport is not None), None)


def stay_citizenship(history: History, pack: Pack, host: str, members: Sequence[Member],
                     given: str | None, warnings: list[str], on: dt.date) -> str:
    recorded = passport_recorded(history, {m.country for m in members}, on)
    if given:
        code = citizenship_code(given)
        warnings += citizenship_not_held(history, code)
        if recorded is not None and recorded.passport != code:
            warnings.append(f"the trip of {recorded.entry} ({recorded.origin}) records entry "
                            f"on the {recorded.passport} passport; judged as {code}, as "
                            "--citizenship asks")
        return code
    require_citizenship(history, given)
    held = history.citizenships
    own = [c for c in held if any(m.country == c for m in members)]
    if own:
        # a citizen of the host is its citizen whatever passport he showed at the border: a
        # Kyrgyz-Russian who entered Kyrgyzstan on his Russian passport was told of a 919-day
        # overstay there beside a note that as a Kyrgyz he is not limited (since when he holds
        # it the profile cannot say: own_citizenship_note tells what that leaves open)
        return own[0]
    if recorded is not None and recorded.passport is not None:
        # what the person says they showed at the border, on this trip or the last there
        warnings += assumed_passport(history, members, recorded, on)
        return recorded.passport
    if len(held) > 1:
        # Judge under the first passport for which the pack has stay rules for this host: no
        # trip there up to this one records which passport it was entered on, which is the
        # one the host counts the stay under, so the profile's order stands for it, and a
        # passport with rules gives an answer where one without gives none. What each other
        # passport with rules would give is told beside the answer (other_citizenships).
        ruled = [c for c in held if has_rule_on(pack, host, "stay", c, on)]
        chosen = (ruled or list(held))[0]
        warnings.append(f"the profile holds several citizenships; judged as a citizen of "
                        f"{chosen} (choose another with --citizenship, or give the trip the "
                        "passport it was entered on)")
        return chosen
    return held[0]


def assumed_passport(history: History, members: Sequence[Member], recorded: Stay,
                     on: dt.date) -> list[str]:
    """The warning that the trip in question records no passport, so is judged under the
    one ``recorded``, an earlier trip there, records: what was assumed, and how to say
    otherwise. None where the trip records its own, or the profile holds one citizenship."""
    question = stay_in_question(history, {m.country for m in members}, on)
    if question is None or question is recorded or len(history.citizenships) < 2:
        return []
    return [f"your trip of {format_long(question.entry)} ({question.origin}) records no "
            f"passport; judged as a citizen of {recorded.passport}, as on your trip of "
            f"{format_long(recorded.entry)} ({recorded.origin}), the last there to record its "
            "passport (choose another with --citizenship, or give the trip the passport it was "
            "entered on)"]


def judged_citizenship(history: History, pack: Pack, country: str, on: dt.date) -> str:
    """The citizenship `status --country` judges a profile's holder under on ``on`` with no
    --citizenship given, for the fronts that must agree with it (destinations)."""
    host, members, _ = resolve_host(pack, country, on)
    return stay_citizenship(history, pack, host, members, None, [], on)


def own_citizenship_note(history: History, members: Sequence[Member], cit: str, name: str,
                         on: dt.date) -> list[str]:
    """What judging a dual citizen as a citizen of the host (with no --citizenship) leaves
    open: the profile records no day the citizenship was acquired, and a stay there before it
    counted under the passport it was entered on, which --citizenship judges by."""
    codes = {m.country for m in members}
    others = [c for c in history.citizenships if c not in codes]
    begun = [s for s in history.stays if s.country in codes and s.entry <= on]
    if cit not in codes or not others or not begun:
        return []
    entered = [s for s in begun if s.passport is not None and s.passport not in codes]
    other = entered[-1].passport if entered and entered[-1].passport else others[0]
    trip = (f" (your trip of {format_long(entered[-1].entry)} records entry on that passport)"
            if entered else "")
    return [f"the profile does not say since when you hold citizenship of "
            f"{country_name(cit)}: a stay in {name} before then counted as a citizen of "
            f"{country_name(other)}{trip}, and --citizenship {other} judges your stays there "
            "that way"]


def other_citizenships(history: History, pack: Pack, host: str, members: Sequence[Member],
                       cit: str, on: dt.date) -> list[str]:
    """The citizenships held besides ``cit`` that the host has stay rules for on ``on``: the
    answer each gives is told beside the one judged. A citizenship of the host is not among
    them (held_citizenship_note tells it), nor one the pack knows no rule for."""
    return [c for c in history.citizenships if c != cit
            and not any(m.country == c for m in members)
            and has_rule_on(pack, host, "stay", c, on)]


def held_citizenship_note(history: History, members: Sequence[Member], cit: str,
                          name: str) -> list[str]:
    """A citizenship of the host that the profile also holds, when another is judged (only
    as --citizenship asks: without it, the host's own is judged): as its citizen the person
    would not be limited at all."""
    own = [c for c in history.citizenships if c != cit and any(m.country == c for m in members)]
    if not own:
        return []
    return [f"you also hold citizenship of {country_name(own[0])}: as its citizen you are not "
            f"limited in {name}. This answer judges the passport of {country_name(cit)}, "
            "as --citizenship asks"]
