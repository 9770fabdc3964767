"""The stay question end to end: history + rules (pack or ad-hoc) -> an explained answer.

This is the one place where a History and the rule pack become an engine :class:`Case`; the
CLI, and later the web service and batch jobs, all ask through :func:`stay_report`.
"""

from sojourn.stay._applications import (
    ApplicationCover,
    application_name,
    check_application_kinds,
    filed_under,
)
from sojourn.stay._citizenships import (
    citizenship_code,
    history_warnings,
    judged_citizenship,
    passport_recorded,
    require_citizenship,
)
from sojourn.stay._hosts import resolve_host, working_calendar
from sojourn.stay._notes import CoverEnd, deciding_rules, low_confidence_note
from sojourn.stay._presence import FOREVER, Member
from sojourn.stay._question import stay_report
from sojourn.stay._regimes import (
    UNLIMITED,
    Regime,
    ad_hoc_countries,
    ad_hoc_regime,
    as_member,
    one_calendar,
    pack_regime,
)
from sojourn.stay._registration import registered_stay_entry, unrecorded_registration
from sojourn.stay._report import (
    DocumentEnd,
    EntryWaited,
    Joining,
    OtherAccount,
    OtherCitizenship,
    PlannedTrip,
    RefusedEntry,
    ReturnIfBanned,
    StayReport,
    if_you_leave,
    or_if_banned,
)

__all__ = ["FOREVER", "UNLIMITED", "ApplicationCover", "CoverEnd", "DocumentEnd", "EntryWaited",
           "Joining", "Member",
           "OtherAccount",
           "OtherCitizenship", "PlannedTrip", "RefusedEntry", "Regime", "ReturnIfBanned",
           "StayReport", "ad_hoc_countries",
           "ad_hoc_regime", "application_name", "as_member", "check_application_kinds",
           "citizenship_code",
           "deciding_rules", "filed_under", "history_warnings",
           "if_you_leave", "judged_citizenship", "low_confidence_note", "one_calendar",
           "or_if_banned", "pack_regime", "passport_recorded", "registered_stay_entry",
           "require_citizenship",
           "resolve_host", "stay_report", "unrecorded_registration", "working_calendar"]
