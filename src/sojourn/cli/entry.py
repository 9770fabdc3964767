"""``entry`` and ``destinations``: may a person enter a host, one named or every one in the
pack."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sojourn.cli._common import emit, guarded, rule_pack, warn
from sojourn.cli._options import (
    WAYS_IN,
    AsJson,
    Assume,
    By,
    Citizenship,
    History,
    On,
    PackDir,
    choice,
    citizenship_option,
    country_option,
    day_option,
    file_path,
    host_option,
    whole,
)
from sojourn.cli.app import app
from sojourn.errors import Gathered

Document = Annotated[str, typer.Option(
    "--document", metavar="DOCUMENT",
    help="internal_passport, international_passport, birth_certificate or id_card.")]
_DOCUMENTS = ("internal_passport", "international_passport", "birth_certificate", "id_card")


@app.command()
@guarded
def entry(
    citizenship: Annotated[str, typer.Option("--citizenship", metavar="CODE",
                                             help="Passport's country (ISO code, e.g. RU).")],
    document: Document,
    to: Annotated[str, typer.Option(
        "--to", metavar="CODE",
        help="Host country or zone (a member state without entry rules of its own: by its "
             "zone's on the day).")],
    by: By = None,
    on: On = None,
    age: Annotated[str | None, typer.Option(
        "--age", metavar="YEARS",
        help="Age on the day (default: from --history's profile, else adult).")] = None,
    visa: Annotated[bool | None, typer.Option(
        "--visa/--no-visa",
        help="Whether you hold a visa the host counts on the day (issued by it, or by a member "
             "of the zone that was one when it issued it), where the document needs one "
             "(default: not said; the answer is then yes with one, no without).")] = None,
    document_expires: Annotated[str | None, typer.Option(
        "--document-expires", metavar="DATE",
        help="Last day, YYYY-MM-DD, of the document, judged against how long the host "
             "wants it valid where the pack says (default: the last day --history's profile "
             "records for a document of that type and citizenship, else not said).")] = None,
    history: Annotated[Path | None, typer.Option(
        "--history", metavar="HISTORY", parser=file_path,
        help="Your trips (.csv or profile): an overstay in them may bring an entry ban, the "
             "country they have you in on the day is the one you leave (its exit rules are "
             "judged), and a profile's birth gives the age and its documents the last day of "
             "--document (default: none said, no ban judged).")] = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """May I enter there with this document, this way, on this day?"""

    from sojourn.cli.render.entry import print_entry
    from sojourn.destinations import held_papers, leaving_from
    from sojourn.entry import (
        EarlierEntries,
        EntryAnswer,
        Leaving,
        check_entry,
        earlier_entries,
        members_of,
    )
    from sojourn.explain import entry_json
    from sojourn.history import load_history
    from sojourn.history.documents import lapse_ending
    from sojourn.penalties import BanLine, UnknownBan
    from sojourn.rules.select import other_accounts
    from sojourn.stay import stay_report

    with Gathered() as gathered:  # every bad value told at once, in the order read
        by = gathered.read(choice, by, WAYS_IN, "--by")
        document = gathered.read(choice, document, _DOCUMENTS, "--document")
        loaded = gathered.read(rule_pack, pack)
        host = gathered.read(host_option, loaded, to, "--to")
        code = gathered.read(country_option, citizenship, "--citizenship")
        day = gathered.read(day_option, on, "--on")
        years = gathered.read(whole, age, "--age", 0, 150)
        expires = (gathered.read(day_option, document_expires, "--document-expires")
                   if document_expires is not None else None)
        hist = gathered.read(load_history, history) if history is not None else None
    if hist is not None and years is None:
        # a profile's birth gives the age, as destinations takes it: "judged as an adult"
        # let a child in on a document its rule admits from 14 only
        years = hist.age_on(day)
    if hist is not None and expires is None:
        # and its documents their last day, as destinations judges them: "give
        # --document-expires to check yours" asked for what the profile told (the latest
        # of that type and state issued by the day, an ended one too, which is refused)
        expires = held_papers(hist, loaded, day, ended=True).expiry.get((document, code))
    # a last day the profile gives none for is the document's end by its holder's age: the
    # answer judges the document by it and says why, resting on the rule that gives it
    lapse = (lapse_ending(hist, loaded, document, expires, day)
             if hist is not None and expires is not None and document_expires is None
             else None)

    def judged(accounts: tuple[str, ...], *, told: bool = False) -> EntryAnswer:
        bans: tuple[BanLine, ...] = ()
        unknown: tuple[UnknownBan, ...] = ()
        leaving = Leaving()
        earlier: EarlierEntries | None = None
        if hist is not None:
            # the bans run from the overstays the host's stay rules find, as `status` finds
            # them
            stay = stay_report(hist, loaded, on=day, country=host, citizenship=code,
                               assume=accounts)
            if told:
                warn(stay.warnings)
            bans, unknown = stay.entry_bans, stay.bans_unknown
            # where the history has the person on the day is the state the trip leaves, whose
            # exit rules are judged first, as destinations judges them
            leaving = leaving_from(hist, loaded, day, [s.country for s in hist.stays_on(day)])
            earlier = earlier_entries(hist.stays, members_of(loaded, host, day), day)
        return check_entry(loaded, citizenship=code, document=document, to=host, on=day,
                             by=by, age=years, assume=accounts, visa=visa,
                             document_expires=expires, document_lapse=lapse, bans=bans,
                             leaving=leaving, unknown_bans=unknown, earlier=earlier)

    assumed = tuple(assume or ())
    answer = judged(assumed, told=True)
    # what each other account of a contested rule relied on answers: a summoned man kept in
    # from the summons' placement may leave, under the account that counts from its service,
    # until the day it counts as served, and "other accounts: --assume ..." did not say so
    others = {variant: (other.same_as(answer), other.in_brief)
              for variant, names in other_accounts(loaded, answer.assumptions, assumed)
              for other in [judged(names)]}
    emit(as_json, lambda: entry_json(answer), lambda c: print_entry(answer, c, others))


@app.command()
@guarded
def destinations(
    history: History,
    on: On = None,
    citizenship: Citizenship = None,
    document: Annotated[list[str] | None, typer.Option(
        "--document", metavar="DOCUMENT",
        help="Documents held (repeatable); default: the profile's.")] = None,
    by: By = None,
    assume: Assume = None,
    as_json: AsJson = False,
    pack: PackDir = None,
) -> None:
    """Every host in the pack: may I enter on that day, and for how long could I stay?"""
    from sojourn.cli.render.destinations import print_destinations
    from sojourn.destinations import destinations as find
    from sojourn.destinations import ended_documents
    from sojourn.explain import (
        destination_json,
        destinations_freshness,
        exit_restrictions_json,
        summonses_json,
    )
    from sojourn.history import load_history
    from sojourn.stay import history_warnings
    from sojourn.summonses import kept_in_notices

    with Gathered() as gathered:
        by = gathered.read(choice, by, WAYS_IN, "--by")
        document = [gathered.read(choice, d, _DOCUMENTS, "--document")
                    for d in document or []] or None
        day = gathered.read(day_option, on, "--on")
    hist = load_history(history)
    code = citizenship_option(citizenship)
    rules = rule_pack(pack)
    items = find(hist, rules, on=day, citizenship=code, documents=document, by=by,
                 assume=tuple(assume or ()))
    warnings = history_warnings(hist, code)
    warn(warnings)
    summonses = kept_in_notices(hist, rules, day, tuple(assume or ()))
    emit(as_json, lambda: {"on": day.isoformat(),
                           "destinations": [destination_json(d) for d in items],
                           "summonses": summonses_json(summonses),
                           "exit_restrictions": exit_restrictions_json(summonses),
                           "freshness": destinations_freshness(items, day),
                           "warnings": list(warnings)},
         lambda c: print_destinations(items, day, c,
                                      ended=[] if document else ended_documents(hist, rules, day),
                                      summonses=summonses))
