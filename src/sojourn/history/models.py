"""What a person supplies: trips, and optionally who they are and what papers they hold.

These pydantic models are the file formats' schema (CSV rows and YAML/JSON profiles); unknown
fields are errors, dates are strict ISO 8601, countries ISO 3166-1 alpha-2.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from sojourn.countries import COUNTRY_FORM, code_hint, fold_code, is_country
from sojourn.dates import ISO_FORM, RANGE_FORM, check_in_range, parse_iso_date, within


def _date(value: Any) -> dt.date:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PydanticCustomError("date_empty", "is empty", {"expected": ISO_FORM})
    try:
        day = parse_iso_date(value)
    except ValueError as exc:
        raise PydanticCustomError("date_format", str(exc), {"expected": ISO_FORM}) from None
    try:
        return check_in_range(day)
    except ValueError as exc:
        raise PydanticCustomError("date_range", str(exc), {"expected": RANGE_FORM}) from None


def country_code(value: Any) -> str:
    text = fold_code(str(value)) if value is not None else ""
    if not text:
        raise PydanticCustomError("country_empty", "is empty", {"expected": COUNTRY_FORM})
    if not is_country(text):
        raise PydanticCustomError("country_code", "is not a known country code"
                                  + code_hint(str(value)), {"expected": COUNTRY_FORM})
    return text


def _optional_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _date(value)


def _not_true_or_false(value: Any) -> Any:
    # YAML reads an unquoted true or yes as a boolean, which lax pydantic takes as the number 1
    if isinstance(value, bool):
        raise PydanticCustomError("bool_as_number", "is read as true or false, not a number",
                                  {"expected": "a number, such as 2"})
    return value


PROFILE_VERSION_FORM = "the number 1, the only profile version (leave version out to mean 1)"


def _profile_version(value: Any) -> Any:
    # strict: lax pydantic would take true and 1.0 for 1, and tell a number too long to read
    # in its own words; only the whole number 1 is this format (type() leaves out bool)
    if value is None:
        raise PydanticCustomError("profile_version", "is empty", {"expected": PROFILE_VERSION_FORM})
    if type(value) is not int or value != 1:
        raise PydanticCustomError("profile_version", "is not a profile version",
                                  {"expected": PROFILE_VERSION_FORM})
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_date)]
# Numbers in profiles and the pack: a part of an article, an age, a number of years
WholeNumber = Annotated[int, BeforeValidator(_not_true_or_false)]
Number = Annotated[float, BeforeValidator(_not_true_or_false)]
OptionalDate = Annotated[dt.date | None, BeforeValidator(_optional_date)]
# the description is the accepted form a missing code is told with
CountryCode = Annotated[str, BeforeValidator(country_code), Field(description=COUNTRY_FORM)]

PASSPORT_FORM = ("the citizenship of the passport shown at that entry, as an ISO 3166-1 "
                 "alpha-2 code such as RU (one of person.citizenships), not the passport's number")


def passport_citizenship(value: Any) -> str:
    """A trip's ``passport``: a country code, as any, whose accepted form says what the field
    holds: a person renewing a passport abroad wrote the number of the one entered on."""
    try:
        return country_code(value)
    except PydanticCustomError as exc:
        raise PydanticCustomError(exc.type, exc.message_template,
                                  {**(exc.context or {}), "expected": PASSPORT_FORM}) from None


PassportCitizenship = Annotated[str, BeforeValidator(passport_citizenship),
                                Field(description=PASSPORT_FORM)]

DocumentType = Literal[
    "internal_passport",
    "international_passport",
    "birth_certificate",
    "id_card",
    "no_criminal_record_certificate",
    "consent_of_home_state",
    "residence_permit",
    "visa",
]
Travel = Literal["land", "air", "rail", "sea"]
PAPERS: frozenset[str] = frozenset(get_args(DocumentType))  # what a profile can show it holds


class _Strict(BaseModel):
    # validators built on first use: a command whose pack comes from the cache (rules/stored.py)
    # never builds most of them
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


def not_before(value: dt.date | None, earlier: dt.date | None, what: str, code: str
                ) -> dt.date | None:
    """The one check behind every "this date may not precede that one" field."""
    if value is not None and earlier is not None and value < earlier:
        raise PydanticCustomError(
            code, f"is before {what} {{earlier}}",
            {"earlier": earlier.isoformat(), "expected": f"a date on or after {earlier}"})
    return value


class TripIn(_Strict):
    """One stay in one country; ``exit`` empty means the person is still there; ``passport``
    is the citizenship of the passport shown at entry, which the host counts the stay under
    (one of the profile's citizenships: :func:`sojourn.history.load` checks it)."""

    country: CountryCode
    entry: IsoDate
    exit: OptionalDate = None
    by: Travel | None = None
    passport: PassportCitizenship | None = None

    @field_validator("exit")
    @classmethod
    def _exit_after_entry(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("entry"), "the entry date", "exit_before_entry")


class DocumentIn(_Strict):
    type: DocumentType
    country: CountryCode
    form: Literal["paper", "electronic"] | None = None
    issued: OptionalDate = None
    expires: OptionalDate = None
    apostille: bool | None = None

    @field_validator("expires")
    @classmethod
    def _expires_after_issue(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("issued"), "the issue date", "document_dates")


class ServiceIn(_Strict):
    """Service in a state's armed forces (what makes a dual citizen liable at home)."""

    country: CountryCode
    kind: Literal["army_contract", "conscription", "mobilized", "volunteer"] = "army_contract"
    since: OptionalDate = None


CASE_NAME_FORM = ('a name or label for the person on one line, e.g. "Anna Petrova" or '
                  '"case 117" (a number in quotes)')


def on_one_line(text: str, expected: str) -> str:
    """``text`` stripped, as a value printed within one line of an answer is read: a line
    break or other control character in it (a YAML "\\n", a folded block's inner break, a
    tab) would split that line, or, an escape, let the file rewrite what the terminal shows."""
    text = text.strip()
    if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in text):
        raise PydanticCustomError("one_line", "holds a line break or control character",
                                  {"expected": expected})
    return text


def _case_name(value: Any) -> Any:
    """``person.name``, left out or empty (None) where the profile names no one: text on one
    line, which titles a report's heading and each of its calendar events. A line break or
    other control character would split the heading and the event's title; a YAML number or
    date is no text that was meant as written (117.0, 2023-01-05)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise PydanticCustomError("case_name_type", "is not text", {"expected": CASE_NAME_FORM})
    text = value.strip()
    if not text:
        raise PydanticCustomError("case_name_empty", "is empty", {"expected": CASE_NAME_FORM})
    return on_one_line(text, CASE_NAME_FORM)


class PersonIn(_Strict):
    citizenships: list[CountryCode] = Field(min_length=1)
    # a label the user gives the person (a caseworker's client), told where they ask for it,
    # only: `report`'s heading and its calendar events' titles, to tell clients apart there
    name: Annotated[str | None, BeforeValidator(_case_name)] = None
    born: OptionalDate = None
    documents: list[DocumentIn] = Field(default_factory=list)
    service: list[ServiceIn] = Field(default_factory=list)


class RegistrationIn(_Strict):
    country: CountryCode
    on: IsoDate
    until: OptionalDate = None

    @field_validator("until")
    @classmethod
    def _ends_after_start(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("on"), "the registration date", "registration_dates")


# Profile permit kinds whose days are covered only where a pack rule (topic stay_cover) says
# so, for the host and the holder's citizenship: an employment contract lengthens a stay by a
# treaty between some states, not wherever it is signed.
PackCoveredKind = Literal["employment_contract"]
PACK_COVERED_KINDS: frozenset[str] = frozenset(get_args(PackCoveredKind))
# the kinds that have an end, and how the field valid_to is asked for: without it, their days
# would run on for ever, as a permanent permit's do
_ENDED_KINDS = {
    "extension": ("an extension of stay", "the last day the extension adds, e.g. 2024-10-29"),
    "employment_contract": ("an employment contract", "the contract's last day, e.g. 2024-02-28"
                            "; a contract of no end term is not covered"),
}


class PermitIn(_Strict):
    """A residence permit, long-stay visa, extension of stay or employment contract
    (``valid_from`` to ``valid_to``: the days it adds): its days neither count nor are
    constrained, an employment contract's only on the days a pack rule covers. With no
    ``valid_to`` (a permanent permit), it holds from ``valid_from`` on."""

    country: CountryCode
    kind: Literal["residence_permit", "temporary_residence", "permanent_residence",
                  "long_stay_visa", "extension", PackCoveredKind] = "residence_permit"
    valid_from: IsoDate
    # validated when left out too: an extension or a contract has an end
    valid_to: OptionalDate = Field(default=None, validate_default=True)

    @field_validator("valid_to")
    @classmethod
    def _ends_after_start(cls, value: dt.date | None, info: Any) -> dt.date | None:
        ended = _ENDED_KINDS.get(info.data.get("kind", ""))
        if value is None and ended is not None:
            what, form = ended
            raise PydanticCustomError(
                f"{info.data['kind']}_end", "is missing, and {what} has an end",
                {"what": what, "field": "valid_to", "expected": form})
        return not_before(value, info.data.get("valid_from"), "valid_from", "permit_dates")


# the profile permit kinds an application may name, matched to the pack's permit kinds
# (rules.topics.Permit.kind) of the rules it is filed under: a residence permit of either
# term, or of the pack's kind "other" (a host whose permit has no named term)
APPLICATION_KINDS: dict[str, frozenset[str]] = {
    "residence_permit": frozenset({"temporary", "permanent", "other"}),
    "temporary_residence": frozenset({"temporary"}),
    "permanent_residence": frozenset({"permanent"}),
    "extension": frozenset({"extension"}),
}
APPLICATION_KIND_FORM = (f"one of {', '.join(APPLICATION_KINDS)}, or the id of a permit rule "
                         "of the pack, e.g. rs-permit-temporary-2024 (sojourn rules list)")
_RULE_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def _application_kind(value: Any) -> Any:
    """An application's ``kind``: a profile permit kind, or a pack rule id (its slug form,
    which has no underscore: a misspelt kind is refused here, not read as an unknown id)."""
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or not (text in APPLICATION_KINDS or _RULE_ID.match(text)):
        raise PydanticCustomError("application_kind", "is not a permit kind or rule id",
                                  {"expected": APPLICATION_KIND_FORM})
    return text


class ApplicationIn(_Strict):
    """A residence-permit application filed in ``country`` on ``filed_on`` and, where known,
    decided on ``decided_on`` (``outcome`` granted or refused). Whether it lets the person
    stay until the decision is the pack's to say (Permit.stay_while_pending)."""

    country: CountryCode
    kind: Annotated[str, BeforeValidator(_application_kind),
                    Field(description=APPLICATION_KIND_FORM)]
    filed_on: IsoDate
    decided_on: OptionalDate = None
    # validated when left out too: an outcome with no day decided is refused
    outcome: Literal["granted", "refused"] | None = Field(default=None, validate_default=True)

    @field_validator("decided_on")
    @classmethod
    def _decided_after_filing(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("filed_on"), "filed_on", "application_dates")

    @field_validator("outcome")
    @classmethod
    def _outcome_dated(cls, value: str | None, info: Any) -> str | None:
        # a decision of no day leaves the days it ends the cover on unknown
        if value is not None and "decided_on" in info.data and info.data["decided_on"] is None:
            raise PydanticCustomError(
                "application_undecided", "is given, and decided_on is missing",
                {"expected": "decided_on: the day the decision was made, e.g. 2024-05-20, "
                             "beside the outcome; or neither, while it is pending"})
        return value


ARTICLE_FORM = 'an article number of the code, e.g. "338"'


def _article(value: Any) -> Any:
    # " 338" is article 338; a blank article names none (and matched no offence); answers
    # name it within a line ("charge under Art. 338 part 1")
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise PydanticCustomError("article_empty", "is empty", {"expected": ARTICLE_FORM})
        return on_one_line(value, f"{ARTICLE_FORM}, on one line")
    return value


RESTRICTION_NOTE_FORM = ("a note on one line, said in brackets after the restriction, e.g. "
                         '"for an unpaid debt"')


def _restriction_note(value: Any) -> Any:
    return on_one_line(value, RESTRICTION_NOTE_FORM) if isinstance(value, str) else value


STATE_FORM = ("the ISO 3166-1 alpha-2 code of the state that {}, such as RU; it may be left "
              "out only where person.citizenships names a single citizenship, which it then is")


def _state(what: str) -> Any:
    """A charge's, summons's or restriction's ``country``: required as a field, the profile
    filling it in beforehand from the person's only citizenship (ProfileIn._states)."""
    return Field(description=STATE_FORM.format(what))


class ChargeIn(_Strict):
    country: CountryCode = _state("brought the charge")
    article: Annotated[str, BeforeValidator(_article)]
    # a part of an article: the codes' articles have a few (the pack's offences name parts 1
    # to 3); a part over 99 is a slip (a year, a case number), which --json would carry
    # as a number past what a JSON reader's doubles hold exactly
    part: Annotated[WholeNumber, Field(ge=1, le=99)] | None = None
    # international: on a list other states see, not known which; interpol: an Interpol red
    # notice or diffusion; interstate: the CIS interstate wanted list only, which a host
    # outside that system does not see
    wanted: Literal["none", "national", "international", "interpol", "interstate"] = "none"
    # the day of the act charged: the version of the article in force then decides its penalty
    # (Art. 9 of Russia's Criminal Code); left out, the answer's day stands in
    committed_on: OptionalDate = None


class SummonsIn(_Strict):
    """A military call-up summons from ``country``: the day it was placed in the state's
    register of summonses (``placed_on``), the day it was handed over against signature or
    otherwise served (``served_on``), or both. Which of them starts a ban on leaving is the
    state's exit rule's to say (topic exit, ``summons``). ``report_on``: the day it calls the
    person to report, where the summons names one."""

    country: CountryCode = _state("sent the summons")
    placed_on: OptionalDate = None
    served_on: OptionalDate = Field(default=None, validate_default=True)

    @field_validator("served_on")
    @classmethod
    def _dated(cls, value: dt.date | None, info: Any) -> dt.date | None:
        # a summons with no day says nothing a ban could run from: refused, not ignored (a
        # placed_on that failed is told on its own, and is not in info.data)
        if value is None and "placed_on" in info.data and info.data["placed_on"] is None:
            raise PydanticCustomError(
                "summons_undated", "is missing, and so is placed_on",
                {"field": "served_on",
                 "expected": "served_on: the day you signed for it or it was otherwise served, "
                             "or placed_on: the day it appeared in the register of summonses "
                             "(or both), e.g. served_on: 2026-03-03"})
        return value

    # after the validator above, which reads placed_on and served_on alone
    report_on: OptionalDate = None

    @field_validator("report_on")
    @classmethod
    def _not_before_placed(cls, value: dt.date | None, info: Any) -> dt.date | None:
        # A summons known only by its placement is one issued in the register (an electronic
        # summons, served by being placed there): it names a day to report after it exists, so
        # a day before its placement is impossible, a typo in one date or the other. A paper
        # summons (served_on) may be handed before it is registered, or after the day it names
        # (history.load warns of that): neither is refused.
        placed = info.data.get("placed_on")
        if value is None or placed is None or info.data.get("served_on") is not None:
            return value
        if value < placed:
            raise PydanticCustomError(
                "summons_report_before_placed",
                "is before placed_on {placed}: a summons known only from the register is issued "
                "there, and names a day after it",
                {"placed": placed.isoformat(),
                 "expected": f"a date on or after {placed}, or, for a paper summons handed to "
                             "you, its served_on too"})
        return value

    @property
    def handed_after_its_day(self) -> bool:
        """Whether the summons was served after the day it calls the person to report: odd (a
        paper summons delivered late), but no reason to refuse the record."""
        return (self.report_on is not None and self.served_on is not None
                and self.report_on < self.served_on)


class ExitRestrictionIn(_Strict):
    """A restriction on leaving ``country`` placed on the person: by a court or an
    investigator in a criminal case (a measure of restraint, a ban on leaving), by a bailiff
    for a debt, or otherwise; it runs from ``since`` to ``until`` (left out: until lifted, as
    far as told). Whether it keeps the person in at the border is the state's exit rule's to
    say (topic exit, ``restriction``)."""

    country: CountryCode = _state("restricts leaving it")
    since: IsoDate
    until: OptionalDate = None
    by: Literal["court", "investigator", "bailiff", "other"]
    note: Annotated[str | None, BeforeValidator(_restriction_note)] = None

    @field_validator("until")
    @classmethod
    def _ends_after_start(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("since"), "since", "restriction_dates")

    def runs_on(self, day: dt.date) -> bool:
        return within(day, self.since, self.until)


# the profile's lists whose items name the state that acted (a ``country``)
STATE_FIELDS = ("charges", "summonses", "exit_restrictions")


class ProfileIn(_Strict):
    """A YAML/JSON profile: the person, their trips and what they have done or hold."""

    # optional: a profile without it is version 1, as every profile so far has been
    version: Annotated[Literal[1], BeforeValidator(_profile_version)] = 1
    person: PersonIn | None = None
    trips: list[TripIn] = Field(default_factory=list)
    registrations: list[RegistrationIn] = Field(default_factory=list)
    permits: list[PermitIn] = Field(default_factory=list)
    # residence-permit applications filed: none recorded is read as none filed
    applications: list[ApplicationIn] = Field(default_factory=list)
    charges: list[ChargeIn] = Field(default_factory=list)
    # military call-up summonses received: none recorded is read as none received
    summonses: list[SummonsIn] = Field(default_factory=list)
    # restrictions on leaving a state placed on the person: none recorded is read as none
    exit_restrictions: list[ExitRestrictionIn] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _states(cls, data: Any) -> Any:
        """A charge, summons or exit restriction with no ``country`` is of the person's only
        citizenship. It was Russia's whatever the citizenship, and a Belarusian's charge was
        judged under Russia's criminal code. With several citizenships, or none named, the
        field stays missing and is refused with its accepted form: which state acted is not
        for the tool to guess."""
        if not isinstance(data, dict):
            return data
        person = data.get("person")
        held = person.get("citizenships") if isinstance(person, dict) else None
        if not isinstance(held, list) or len(held) != 1:
            return data
        try:
            only = country_code(held[0])
        except PydanticCustomError:
            return data  # refused where it stands, in person.citizenships
        filled = dict(data)
        for key in STATE_FIELDS:
            items = data.get(key)
            if isinstance(items, list):
                filled[key] = [{"country": only, **item}
                               if isinstance(item, dict) and "country" not in item else item
                               for item in items]
        return filled
