"""The whole case of `report`: the stay, its deadlines, permits, where else to go, exposure."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from rich.console import Console

from sojourn.cli.render._common import (
    compared_accounts,
    contested_rule_lines,
    days_words,
    freshness_line,
    rules_block,
    say,
    say_note,
)
from sojourn.cli.render._hosts import (
    CONTESTED_LEGEND,
    bans_said,
    by_ways,
    contested,
    ended_legends,
    ended_mark,
    entry_needs,
    exit_cautions,
    hosts_freshness_line,
    overstay_runs,
    summons_lines,
)
from sojourn.cli.render.permit import print_permit
from sojourn.cli.render.risk import print_risk
from sojourn.cli.render.stay import print_report
from sojourn.dates import format_long as long
from sojourn.report import CaseReport, OtherAccountDeadline, refused_because
from sojourn.risk import in_brief_entries
from sojourn.rules.freshness import note as freshness_note
from sojourn.words import document_name, listed, renew_first


def print_case(c: CaseReport, console: Console) -> None:
    """The whole case; rules are listed once, at the end, and so are contested assumptions
    but the stay's, which follow its answer."""
    # whose, where the profile names the person: a caseworker prints many clients' reports
    say(console, f"{c.name}: case report for {long(c.on)}" if c.name
                 else f"Case report for {long(c.on)}", "bold")
    # whether the documents held let the person back in, the report says below, whether
    # refused or not known (entry_barred): the stay's own line would say it twice. For a
    # person present, the refusal is of the day back the stay's answer gives, said there
    answer = c.stay if c.stay.answer.present else replace(c.stay, entry_refused=None)
    print_report(answer, console, with_rules=False, past_listed=True)
    if c.visa_end:
        issuer, last = c.visa_end
        # the answer above counts the host's stay rules alone (as `status`, which judges no
        # entry): the visa the stay was entered on ends it sooner
        ends = (f"ends on {long(last)}, and the stay with it: sooner than the day above, "
                "which counts the stay rules alone" if last >= c.on else
                f"ended on {long(last)}, and the stay with it: you are staying past it; the day "
                "above counts the stay rules alone")
        say(console, f"  The {issuer} visa you entered on {ends}.", "yellow")
    if c.entry_barred is not None:
        # "If you enter ..." above judges no entry: whether the documents held let them in
        barred = c.entry_barred
        verdict = "no" if barred.allowed is False else "not known"
        # the refusal's reason, not the first one judged ("Thailand accepts an international
        # passport ..." beside "no", for a passport too short for it)
        reason = f"; {refused_because(barred)}" if barred.allowed is False else ""
        say(console, f"  Whether the documents you hold let you into {barred.name} on "
                     f"{long(c.on)}: {verdict}{reason}; `sojourn entry` says more.", "yellow")
    _deadlines(c, console)
    # each plan's under it, lest the last plan's block seem to hold another's rule; a rule
    # once only, and the stay's rules have their note under the stay's answer
    said = {r.id for r in c.stay.rules}
    for p in c.permits:
        say(console, "")
        print_permit(p, console, with_rules=False)
        freshness_line(console, [r for r in p.rules if r.id not in said], p.rules_judged_on)
        said |= {r.id for r in p.rules}
    if c.no_permit and not c.permits:
        say(console, f"\n{c.no_permit_heading}: {c.no_permit}.")
    # the report's day, which --on may set to another than today
    say(console, f"\nWhere else you may go on {long(c.on)}:", "bold")
    ended = c.stay.document_end if c.stay.document_end and c.stay.document_end.ended else None
    if c.no_documents and ended is not None:
        # a profile's passport that has ended is no CSV history's gap: renewing it comes first
        say(console, f"  none: your {document_name(ended.document)} ended on "
                     f"{long(ended.last_day)}, and the profile holds no other valid travel "
                     f"document; {renew_first(ended.document)}")
    elif c.no_documents:  # "nowhere" would read as the pack's gap, not the input's
        say(console, "  unknown: no travel document valid on that day is given (a CSV "
                     "history holds none); list the person's documents in a profile")
    elif not c.alternatives:
        say(console, "  nowhere the pack can confirm")
    for d in c.alternatives:
        a = d.stay.answer if d.stay else None
        stay = ("stay unknown" if a is None or (a.max_stay_days is None and a.unknown) else
                "no stay limit" if a.max_stay_days is None else
                f"up to {days_words(a.max_stay_days)}" if a.max_stay_days else
                # "up to 0 days" said neither that no stay may begin nor when one may
                f"no stay before {long(a.earliest_entry)}" if a.earliest_entry else
                "no stay possible")
        only = by_ways(d.open_ways, d.unknown_ways) if d.open_ways else ""
        mark = ended_mark(d) + ("*" if contested(d) else "")
        # a way to go that says nothing of an overstay there reads as a clean slate
        # one the trips plan is not yet made: "you overstayed" read as one in the past
        runs = [f"; you {verb} there {listed(runs)}" for verb, runs in (
            ("overstayed", overstay_runs(d, planned=False)),
            ("plan to overstay", overstay_runs(d, planned=True))) if runs]
        overstayed = "".join(runs) + bans_said(d) if runs else ""
        if d.outlasts_document and d.document_expires:  # as destinations says it, in brief
            # with why, where it lapses by age: "lapses on ... (..., by
            # ru-internal-passport-validity)", a day in no field of the profile
            overstayed += (f"; the document {d.document_ends_on(c.on)}, before such a stay "
                           "would end, and the pack has no rule on how long the host wants it "
                           "valid")
        if d.no_limit_document_end is not None:
            # "no stay limit" beside a passport ending next month read as a stay for as long
            # as one likes, as destinations says too (the document's last day, with why)
            overstayed += (f"; the document {d.document_ends_on(c.on)}, so a stay there on it "
                           "ends by that day")
        needs = f" and {needs}" if (needs := entry_needs(d)) else ""
        risk = c.exposure.get(d.host)
        brief = risk.in_brief() if risk else ()
        exposure = (risk.extradition if risk else "unknown") + (
            f" ({'; '.join(brief)})" if brief else "")
        say(console, f"  {d.name} ({d.host}) with {d.document_named}{needs}"
                     f"{only}: {stay}{mark}{overstayed}; extradition exposure: {exposure}")
    # the ways above do not say them; said before the hosts refused, for which they are not
    # said, so that "every host above" names the ways alone
    for line in exit_cautions(c.alternatives):
        say(console, line, "yellow")
    if not c.stay.summonses:  # away from every host, the stay's answer did not tell them
        for line in summons_lines(c.summonses, inside=False):
            say(console, line, "yellow")
    # missing above, they would read as hosts the pack knows nothing of; hosts refused for one
    # reason (the state left keeps the document in) share its line
    alike: dict[tuple[bool, str], list[str]] = defaultdict(list)
    for r in c.refused:
        alike[(bool(r.not_known), r.why)].append(f"{r.name} ({r.host})")
    for (not_known, why), hosts in alike.items():
        say(console, f"  {'not known for' if not_known else 'not'} {listed(hosts)}: {why}")
    if c.alternatives:
        say(console, "  Extradition exposure as `sojourn risk HISTORY --country HOST` rates "
                     "it; run that for the reasons.")
    for line in ended_legends(c.alternatives):
        say(console, line)
    if any(contested(d) for d in c.alternatives):
        say(console, CONTESTED_LEGEND, "yellow")
    hosts_freshness_line(console, c.alternatives, c.on, c.exposure_relied_on)
    say(console, "\nExposure:", "bold")
    print_risk(c.risk, console, with_rules=False, disclaimer=False)  # the whole report's, below
    rules = [*c.stay.rules, *(r for p in c.permits for r in (p.rule, *p.stay.rules)),
             *c.risk.rules, *c.deadline_rules, *c.alternative_rules]
    # the treaties the other hosts' rows name in brief rest on their sources as the host's do
    rules_block(console, rules,
                entries=[*c.risk.code_entries, *in_brief_entries(c.exposure.values())],
                other_accounts=c.other_account_rules)
    shown_ = {(a.rule, a.variant) for a in c.stay.assumptions}  # under the stay's answer
    # the other hosts' rows name the policy a third state's charge is judged under without
    # its account ("medium under uz-extradition-2022"): said here, as the host's own is
    in_brief = (a for r in c.exposure.values() for a in r.in_brief_accounts())
    assumed = [a for a in (*(a for p in c.permits for a in p.assumptions), *c.risk.assumptions,
                           *c.deadline_assumptions, *in_brief)
               if (a.rule, a.variant) not in shown_]
    # with what each other account of a permit's contested rule comes to, as `permit` says it,
    # and of a rule the deadlines alone rest on, that each gives them the same days, as their
    # lines, naming no account, say: "other accounts: --assume ..." alone read as a doubt
    # left unexplained
    others = compared_accounts(c.permits)
    beside = {a.rule for a in (*(a for p in c.permits for a in p.assumptions),
                               *c.risk.assumptions,
                               *(a for r in c.exposure.values() for a in r.in_brief_accounts()))}
    for agreed in c.deadline_accounts_agree:
        if agreed.rule not in beside:
            others.update({n: others.get(n, (True, "")) for n in agreed.alternatives})
    for line in contested_rule_lines(list({(a.rule, a.variant): a for a in assumed}.values()),
                                     others):
        say(console, line, "yellow")
    say(console, f"\n{c.risk.disclaimer}", "italic")  # of every section, once


def _deadlines(c: CaseReport, console: Console) -> None:
    """The deadlines still ahead first, then those passed before the report's day: a missed
    one listed first, or alone, read as the next thing to do."""
    ahead = [d for d in c.deadlines if d.day >= c.on]
    passed = [d for d in c.deadlines if d.day < c.on]
    others = c.only_under_other_accounts
    width = max((len(long(due.day)) for due in (*c.deadlines, *(o.deadline for o in others))),
                default=0)
    say(console, "\nNext deadlines:", "bold")
    if not ahead and not passed:
        # another account's deadline is told below: "none known" alone read as settled
        say(console, "  none known" + (" under the accounts assumed" if others else ""))
    elif not ahead:
        a = c.stay.answer
        # over the limit, what is ahead is leaving, which the answer above says
        now = ": you should leave now, as said above" if a.present and a.max_stay_days == 0 else ""
        say(console, f"  none ahead of {long(c.on)}{now}")
    groups = [(None, ahead)] + ([(f"Passed before {long(c.on)}:", passed)] if passed else [])
    for heading, dues in groups:
        if heading:
            say(console, heading, "bold")
        for due in dues:
            # a permit's plan, which says why, comes below the deadlines; the stay's, above
            where = "below" if due.kind.startswith("permit") else "above"
            # no answer above or below says why a held permit's day to renew by is an estimate
            why = (f": {due.estimate}" if due.kind.startswith("held-permit")
                   else f", as said {where}")
            # a day the host may want sooner says the sooner day, and the plan below why
            sooner = (f"perhaps due by {long(due.sooner)} instead"
                      if due.sooner is not None else "")
            marks = "; ".join(m for m in ("an estimate" if due.estimate else "", sooner) if m)
            mark = (f" ({due.state})" if due.state
                    else f" ({marks}{why})" if marks else "")
            # a day one account of a contested rule gives, and another would not: which,
            # lest it read as settled (a day every account gives is said as settled)
            say(console, f"  {long(due.day).ljust(width)}  {due.what}{mark}  "
                         f"[{due.rule or '-'}{c.doubt_words(due)}]")
    if others:
        # a day only an account not assumed gives is no deadline of the answer's, yet one
        # the caseworker must weigh: told apart, each with the account that gives it
        say(console, "Only under another account of a contested rule, not the one assumed:",
            "bold")
    for o in others:
        due = o.deadline
        mark = f" ({due.state})" if due.state else ""
        say(console, f"  {long(due.day).ljust(width)}  {due.what}{mark}  [{only_under(o)}]",
            "yellow")
    # in the state that sent it, a summons keeps the person in until he reports
    for line in summons_lines(c.summonses, inside=True):
        say(console, line, "yellow")
    # how current the exit rules they name are, as the stay's answer says of its rules (away,
    # it relies on them already), and the rules the days only another account gives rest on
    say_note(console, freshness_note(c.deadlines_not_confirmed, c.on))


def only_under(o: OtherAccountDeadline) -> str:
    """The rule a deadline the accounts assumed do not give rests on, and the accounts that
    give it, as its line names them: "uz-stay-no-limit-2020, under --assume uz-seed-60-days;
    the account assumed, 'uz-no-time-limit', gives no such day"; the contested rule named
    too where it is not the deadline's own."""
    picks = " or ".join(f"--assume {v}" for v in o.variants)
    rule = o.deadline.rule
    of = "" if rule == o.assumed.rule else f" of {o.assumed.rule}"
    return (f"{rule or '-'}, under {picks}{of}; the account assumed, "
            f"'{o.assumed.variant}', gives no such day")
