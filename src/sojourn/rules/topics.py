"""What rules say beyond stay limits: entry documents, border closures, permits, extradition
policy, liability of a host's own citizens, blocs, and the offences people are charged under.

Each block belongs to one rule topic (see schema.Rule); the features in sojourn.entry,
sojourn.permits and sojourn.risk read them and know no country.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sojourn.countries import country_name
from sojourn.dates import months_after, within
from sojourn.engine.kinds import MAX_DAYS, Days
from sojourn.history.models import (
    CountryCode,
    DocumentType,
    IsoDate,
    Number,
    OptionalDate,
    PackCoveredKind,
    Travel,
    WholeNumber,
    not_before,
)
from sojourn.words import document_name, listed, pending_cap, permit_name, with_article

Level = Literal["low", "medium", "high"]
# a term of imprisonment: YAML reads .nan, .inf and -3 as numbers, none of which is one (NaN
# was judged above every gravity band, printed "at most nan years", and --json gave NaN)
Years = Annotated[Number, Field(ge=0, allow_inf_nan=False)]


class _Strict(BaseModel):
    # validators built on first use: a command whose pack comes from the cache (rules/stored.py)
    # never builds most of them
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class Length(_Strict):
    """A length of time as a source gives it: ``days`` or ``months`` (one of them). A day
    that many days, or calendar months, after another is found by ``after``: 6 months after
    10 January is 10 July; after 31 August, 28 February."""

    days: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)] | None = None
    months: Annotated[WholeNumber, Field(ge=1, le=120)] | None = None
    # how a rule writes one, for the error naming neither or both
    example: ClassVar[str] = "{months: 3}"

    @model_validator(mode="after")
    def _one_length(self) -> Self:
        # both would leave which one the source gives to the reader; neither gives no length
        if (self.days is None) == (self.months is None):
            given = "{" + ", ".join(f"{k}: {v}" for k, v in self.model_dump(
                exclude_none=True).items()) + "}"
            raise PydanticCustomError(
                "validity_length", "{given} gives {how}",
                {"given": given,
                 "how": ("both days and months" if self.days is not None
                         else "neither days nor months"),
                 "expected": f"one of days or months, e.g. {self.example}"})
        return self

    @property
    def length(self) -> str:
        """"6 months", "60 days"."""
        count, unit = (self.months, "month") if self.months else (self.days, "day")
        return f"{count} {unit}{'' if count == 1 else 's'}"

    def after(self, day: dt.date) -> dt.date:
        """The day this length after ``day``."""
        if self.months:
            return months_after(day, self.months)
        return day + dt.timedelta(days=self.days or 0)

    def last_start(self, expires: dt.date) -> dt.date:
        """The last day a count of this length may start from to end by ``expires``."""
        if not self.months:
            return expires - dt.timedelta(days=self.days or 0)
        # a month is not a fixed number of days (31 January + 1 month is 28 February): step
        # forward from a month's length before while the count still ends in time
        day = months_after(expires, -self.months)
        while self.after(day + dt.timedelta(days=1)) <= expires:
            day += dt.timedelta(days=1)
        return day


class ValidFor(Length):
    """How long a host wants a document to stay valid: ``days`` or ``months`` (one of them)
    beyond the day of entry, or beyond the day the person means to leave (``intended_exit``).
    The document's last day must be that many days (or calendar months) after that day or
    later: from entry on 10 January, 6 months asks for one valid to 10 July at least.
    ``days: 0`` beyond the exit is valid through the day of leaving, all a host wants that
    asks only for a passport valid for the whole stay."""

    beyond: Literal["entry", "intended_exit"]
    example: ClassVar[str] = "{months: 6, beyond: entry}"

    @model_validator(mode="after")
    def _not_zero_from_entry(self) -> Self:
        if self.days == 0 and self.beyond == "entry":
            # valid on the day of entry is asked of every document an entry rule accepts (one
            # that ended before it is refused anyway): written, it would read as a rule said
            raise PydanticCustomError(
                "validity_zero_from_entry", "days: 0 beyond entry asks nothing",
                {"expected": "days: 0 with beyond: intended_exit (valid through the day of "
                             "leaving), or at least 1 day beyond entry"})
        return self

    @property
    def counted(self) -> str:
        """"from the day of entry", "beyond the day you leave"."""
        return "from the day of entry" if self.beyond == "entry" else "beyond the day you leave"

    @property
    def words(self) -> str:
        """"6 months from the day of entry", "3 months beyond the day you leave", "through
        the day you leave" (no day beyond it: "0 days beyond" reads as a slip)."""
        if self.days == 0:
            return "through the day you leave"
        return f"{self.length} {self.counted}"

    def met_by(self, expires: dt.date, on: dt.date) -> bool:
        """Whether a document valid to ``expires`` may be entered on ``on``: counted from the
        exit, a stay of that one day at least must fit."""
        return self.after(on) <= expires


Amount = Annotated[Number, Field(ge=0, allow_inf_nan=False)]


class Fee(_Strict):
    """What a step of entry costs, as the source states it: {currency: IDR, amount: 500000}."""

    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    amount: Amount

    def __str__(self) -> str:
        """"IDR 500,000", "ILS 25", "USD 12.50"."""
        whole = float(self.amount).is_integer()
        return f"{self.currency} {self.amount:,.0f}" if whole else (
            f"{self.currency} {self.amount:,.2f}")


# when the person must get what entry needs besides the document: before boarding (an
# authorisation applied for online) or at the border (a visa issued on arrival)
# held_on_entry: bought or obtained by the person and shown at the border if asked (Georgia's
# insurance from 2026), neither applied for to an authority nor issued there
NeededWhen = Literal["before_travel", "on_arrival", "held_on_entry"]
NEEDED_WHEN_WORDS: dict[str, str] = {"before_travel": "applied for before you travel",
                                     "on_arrival": "issued on arrival",
                                     "held_on_entry": "held when you enter"}


class AlsoNeeded(_Strict):
    """What entry on a document needs besides it (and besides a visa held beforehand, which
    ``visa_required`` says): Israel's ETA-IL applied for online before travel, Indonesia's
    visa issued at the border; ``fee``: its cost where the source gives it."""

    what: Annotated[str, Field(min_length=1)]
    when: NeededWhen
    fee: Fee | None = None
    note: str | None = None

    @property
    def words(self) -> str:
        """"an ETA-IL electronic travel authorisation applied for before you travel (ILS
        25)", "a visa issued on arrival (IDR 500,000)"."""
        fee = f" ({self.fee})" if self.fee else ""
        return f"{with_article(self.what)} {NEEDED_WHEN_WORDS[self.when]}{fee}"


def _bare_destination(value: Any) -> Any:
    # a destination served every way is written as its code alone: [AM, BY, KZ]
    return {"country": value} if isinstance(value, str) else value


def ways_words(ways: Sequence[str]) -> str:
    """"by air or sea": the ways in a document is limited to, as an exit rule's destination
    and an entry rule's document say them."""
    return f"by {listed(list(ways), 'or')}"


class ExitDestination(_Strict):
    """Topic ``exit``: a destination the state left lets its citizens out to on a document,
    and the ways in (``by``) where a source limits them (left out: every way)."""

    country: CountryCode
    by: Annotated[list[Travel], Field(min_length=1)] | None = None

    @property
    def words(self) -> str:
        """"Kazakhstan", "Armenia (by air)"."""
        name = country_name(self.country)
        return f"{name} ({ways_words(self.by)})" if self.by else name

    def serves(self, to: str, by: str | None) -> bool:
        """Whether it lets the holder out to ``to`` by ``by``: a way not given is not refused
        here, as a host's closure not given leaves the way open; the reason says the limit."""
        return to == self.country and (self.by is None or by is None or by in self.by)


class VisaOf(_Strict):
    """Topic ``entry``: another issuer whose visa the host takes as its own for the document
    (Cyprus: the Schengen area's, under Decision No 565/2014/EU), from ``valid_from`` to
    ``valid_to`` (left out: no bound), the entry days it does so on. ``issuer`` is a country
    code, or a zone of the pack: a visa of a state that is a member both on the entry day and
    on the day it issued the visa, as the zone itself counts it."""

    issuer: Annotated[str, Field(pattern=r"^[A-Z]{2,}$")]
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def holds_on(self, on: dt.date) -> bool:
        return within(on, self.valid_from, self.valid_to)

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise PydanticCustomError(
                "date_order", "valid_to {valid_to} is before valid_from {valid_from}",
                {"valid_to": str(self.valid_to), "valid_from": str(self.valid_from),
                 "expected": "valid_to on or after valid_from"})
        return self


class AcceptedDocument(_Strict):
    """Topic ``entry``: a document the host accepts (or refuses) for entry, by age on entry;
    ``visa_required``: accepted only with a visa the host counts (issued by it, or by a member
    of the zone on the entry day); ``valid_for``: how long it must still be valid. Topic
    ``exit``: ``to`` names the only destinations (and ways) the state lets its citizens out to
    on it, every other refused, with ``elsewhere`` said to those who are."""

    type: DocumentType
    accepted: bool = True
    visa_required: bool = False
    min_age: Annotated[WholeNumber, Field(ge=0)] | None = None
    max_age: Annotated[WholeNumber, Field(ge=0)] | None = None
    # where min_age or max_age is the pack's reading of words the sources leave vague
    # ("children"), that reading in the holder's words: a minor judged by the bound is told
    # it, since another reading could answer him otherwise
    age_reading: Annotated[str, Field(min_length=1)] | None = Field(
        default=None, validate_default=True)
    # how long the host wants it valid; left out: the pack does not say (not "any validity")
    valid_for: ValidFor | None = None
    # what entry on it needs besides, and when the person must get it: a "yes" that left out
    # a step before boarding misled
    also_needs: list[AlsoNeeded] = Field(default_factory=list)
    # the other issuers whose visa the host counts as its own (a visa of the host, or of the
    # zone's members, always counts): a Schengen visa holder was told he needed a Cypriot one
    visas_of: list[VisaOf] = Field(default_factory=list)
    # the most entries by land (a road or rail border checkpoint) the host lets a person make
    # on the document without a visa in a calendar year (Thailand's two): a third land run
    # was told "yes"; an entry by air or sea is not counted
    land_entries_per_year: Annotated[WholeNumber, Field(ge=1)] | None = None
    # the only ways in the host accepts the document by, where a source limits them (left
    # out: every way), as an exit rule's destination says them: Georgia takes a Ukrainian's
    # chipped ID card on a direct flight or ship only, and a Ukrainian coming by land on it
    # was told "yes"
    by: Annotated[list[Travel], Field(min_length=1)] | None = None
    note: str | None = None
    # exit only: the destinations the state lets its citizens out to on the document, where an
    # agreement with each allows it (left out: every destination, the host judging); and what
    # to tell one refused for another destination: why, and what to get instead
    to: list[Annotated[ExitDestination, BeforeValidator(_bare_destination)]] | None = Field(
        default=None, min_length=1)
    elsewhere: Annotated[str, Field(min_length=1)] | None = None

    @field_validator("type")
    @classmethod
    def _not_a_visa(cls, value: str) -> str:
        # a visa lets no one in by itself: it is said on the passport it goes with
        if value == "visa":
            raise PydanticCustomError(
                "visa_as_document", "is a visa, which a host accepts with a passport",
                {"expected": "the passport it goes with, e.g. international_passport, and "
                             "visa_required: true"})
        return value

    @field_validator("age_reading")
    @classmethod
    def _reading_of_an_age_bound(cls, value: str | None, info: Any) -> str | None:
        # a reading of an age bound with no bound to read says nothing an answer could use
        if value is not None and info.data.get("min_age") is None and \
                info.data.get("max_age") is None:
            raise PydanticCustomError(
                "reading_without_age", "is given, and neither min_age nor max_age is",
                {"expected": "the bound it explains (min_age: 14 or max_age: 13) beside it, "
                             "or no age_reading"})
        return value

    @field_validator("visa_required")
    @classmethod
    def _visa_for_an_accepted_document(cls, value: bool, info: Any) -> bool:
        # a refused document is refused with a visa too: the two together say nothing
        if value and info.data.get("accepted") is False:
            raise PydanticCustomError(
                "visa_on_refused", "is true for a document the host refuses (accepted: false)",
                {"expected": "false (or left out) where accepted is false"})
        return value

    @field_validator("visas_of")
    @classmethod
    def _issuers_of_a_needed_visa(cls, value: list[VisaOf], info: Any) -> list[VisaOf]:
        # another state's visa counts only where a visa is asked for
        if value and not info.data.get("visa_required"):
            raise PydanticCustomError(
                "visas_of_without_visa", "is given for a document that needs no visa",
                {"expected": "visa_required: true beside it, or no visas_of"})
        return value

    @field_validator("land_entries_per_year")
    @classmethod
    def _land_entries_of_an_exempt_document(cls, value: int | None, info: Any) -> int | None:
        # the limit counts entries made without a visa: on a refused document, or one
        # accepted only with a visa, it would count nothing
        if value is not None and (info.data.get("accepted") is False
                                  or info.data.get("visa_required")):
            raise PydanticCustomError(
                "land_entries_not_exempt",
                "is given for a document the host refuses or accepts only with a visa",
                {"expected": "a document accepted without a visa (accepted left out, no "
                             "visa_required), or no land_entries_per_year"})
        return value

    @field_validator("by")
    @classmethod
    def _ways_of_an_accepted_document(cls, value: list[str] | None, info: Any
                                      ) -> list[str] | None:
        if value is None:
            return value
        # a refused document is refused every way in: a way it is "accepted" by says nothing
        if info.data.get("accepted") is False:
            raise PydanticCustomError(
                "by_on_refused", "is given for a document the host refuses (accepted: false)",
                {"expected": "no by where accepted is false"})
        if len(set(value)) != len(value):
            twice = next(m for m in value if value.count(m) > 1)
            raise PydanticCustomError(
                "by_repeated", "names {way} twice",
                {"way": twice, "expected": "each way in once, e.g. [air, sea]"})
        # every way named limits nothing, and reads as a limit a source gave
        if set(TRAVEL_MODES) <= set(value):
            raise PydanticCustomError(
                "by_every_way", "names every way in ({ways}), which limits nothing",
                {"ways": ", ".join(TRAVEL_MODES),
                 "expected": "the ways a source limits the document to, e.g. [air, sea], or "
                             "no by"})
        # a limit on entries by land counts entries the document is not let in by
        if info.data.get("land_entries_per_year") is not None and not (
                {"land", "rail"} & set(value)):
            raise PydanticCustomError(
                "by_without_land", "leaves out land and rail, and land_entries_per_year is "
                "given",
                {"expected": "land or rail among the ways (by: [land, air]), or no "
                             "land_entries_per_year"})
        return value

    @field_validator("also_needs")
    @classmethod
    def _needs_for_an_accepted_document(cls, value: list[AlsoNeeded], info: Any
                                        ) -> list[AlsoNeeded]:
        # a refused document lets no one in, whatever else is got
        if value and info.data.get("accepted") is False:
            raise PydanticCustomError(
                "needs_on_refused", "is given for a document the host refuses (accepted: false)",
                {"expected": "no also_needs where accepted is false"})
        return value

    @field_validator("to")
    @classmethod
    def _destinations_of_an_accepted_document(
            cls, value: list[ExitDestination] | None, info: Any) -> list[ExitDestination] | None:
        # a document refused for every destination has none it serves for
        if value is not None and info.data.get("accepted") is False:
            raise PydanticCustomError(
                "to_on_refused", "is given for a document refused everywhere (accepted: false)",
                {"expected": "no to where accepted is false"})
        seen = [d.country for d in value or ()]
        if len(set(seen)) != len(seen):
            twice = next(c for c in seen if seen.count(c) > 1)
            raise PydanticCustomError(
                "to_repeated", "names {country} twice",
                {"country": twice, "expected": "each destination once, with every way it is "
                                               "served by in its by"})
        return value

    @field_validator("elsewhere")
    @classmethod
    def _elsewhere_after_destinations(cls, value: str | None, info: Any) -> str | None:
        # without destinations named, no destination is "elsewhere"
        if value is not None and info.data.get("to") is None:
            raise PydanticCustomError(
                "elsewhere_without_to", "is given, and no destinations (to) are named",
                {"expected": "to: [the destinations the document serves for] before "
                             "elsewhere, or no elsewhere"})
        return value

    @property
    def ways_words(self) -> str:
        """"by air or sea": the only ways in an entry rule accepts the document by ("" for
        every way)."""
        return ways_words(self.by) if self.by else ""

    def serves(self, to: str, by: str | None) -> bool:
        """Whether an exit rule's document lets its holder out to ``to`` by ``by``."""
        return self.to is None or any(d.serves(to, by) for d in self.to)


class SummonsBan(_Strict):
    """Topic ``exit``: the state keeps in a citizen it has served a military call-up summons,
    whatever the document, from the day ``bars_from`` names: ``placed``, the day the summons
    is placed in the register of summonses (or served, if that is sooner); ``served``, the day
    it counts as served: handed over, or ``served_after_placement_days`` after its placement.
    ``note`` is the refusal in the holder's words: why, under which act, and what lifts it."""

    bars_from: Literal["placed", "served"]
    served_after_placement_days: Annotated[WholeNumber, Field(ge=0)] | None = Field(
        default=None, validate_default=True)
    note: Annotated[str, Field(min_length=1)]

    @field_validator("served_after_placement_days")
    @classmethod
    def _given_when_served(cls, value: int | None, info: Any) -> int | None:
        # counted from service, a summons only placed in the register needs the days after
        # which it counts as served, or no ban could be dated from it
        if value is None and info.data.get("bars_from") == "served":
            raise PydanticCustomError(
                "summons_service_days", "is missing, and bars_from is served",
                {"field": "served_after_placement_days",
                 "expected": "the days after its placement in the register on which a summons "
                             "counts as served, e.g. 7 (or bars_from: placed)"})
        return value

    def first_day(self, placed_on: dt.date | None, served_on: dt.date | None,
                  rule_from: dt.date) -> dt.date | None:
        """The first day the ban holds for a summons placed and served on those days (None
        for neither): the day the summons's own dates give (``dated_from``), or
        ``rule_from``, the first day of the rule that makes the ban, where the summons is
        dated earlier: no ban holds before the rule that makes it."""
        dated = self.dated_from(placed_on, served_on)
        return None if dated is None else max(dated, rule_from)

    def dated_from(self, placed_on: dt.date | None, served_on: dt.date | None
                   ) -> dt.date | None:
        """The day the ban would start by the summons's own dates alone (None for neither),
        whatever the rule's first day."""
        days = [served_on] if served_on else []
        if placed_on is not None:
            late = self.served_after_placement_days if self.bars_from == "served" else 0
            days.append(placed_on + dt.timedelta(days=late or 0))
        return min(days, default=None)


class RestrictionBan(_Strict):
    """Topic ``exit``: the state keeps in a citizen on whom one of its courts, investigators
    or bailiffs has placed a restriction on leaving, whatever the document, while the
    restriction the profile records runs (``exit_restrictions``). ``note`` is the refusal in
    the holder's words: on which grounds, under which act, and what lifts it."""

    note: Annotated[str, Field(min_length=1)]


class StayCover(_Strict):
    """Topic ``stay_cover`` (host: the state of the stay): a profile permit of ``kind`` (an
    employment contract) covers its days there, as a residence permit's are, for a citizen
    of a state that is a full member of ``bloc`` on the day, in a host that is one on the day
    too (blocs.yaml gives the days), while the rule is in force. A permit of that kind
    covers no day that no such rule covers."""

    kind: PackCoveredKind
    bloc: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,}$")]

    @property
    def words(self) -> str:
        """"an employment contract covers its days, for a citizen of an EAEU member state in
        a host that is one, on the days both are members"."""
        return (f"{with_article(permit_name(self.kind))} covers its days, for a citizen of "
                f"{with_article(self.bloc)} member state in a host that is one, on the days "
                "both are members")


class UnaccompaniedMinorCaution(_Strict):
    """Topic ``exit``: what the state asks of a citizen up to ``max_age`` who leaves without a
    parent or guardian (a consent of theirs, say), told as a caution: a profile does not say
    who travels along, so it is not a refusal. ``note`` is said to a citizen of that age."""

    max_age: Annotated[WholeNumber, Field(ge=0)]
    note: Annotated[str, Field(min_length=1)]


DocumentForm = Literal["paper", "electronic"]
VALIDITY_AGES_FORM = "replaced_at_ages: [20, 45], whole years in rising order, each once"


class DocumentValidity(_Strict):
    """Topic ``document_validity`` (host: the state that issues the document): its document of
    ``type`` (and ``form``; left out: either form) that bears no end date but must be replaced
    when the holder reaches one of ``replaced_at_ages``. One issued before such a birthday
    stays valid until the new one is issued, at most ``valid_days_after_birthday`` days after
    that birthday: a profile's document of that state and type given no ``expires`` lapses
    then, where its issue date and the holder's birth date are known."""

    type: DocumentType
    form: DocumentForm | None = None
    replaced_at_ages: Annotated[list[Annotated[WholeNumber, Field(ge=1, le=150)]],
                                Field(min_length=1)]
    valid_days_after_birthday: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)]

    @field_validator("replaced_at_ages")
    @classmethod
    def _rising(cls, value: list[int]) -> list[int]:
        # the first age past the issue date is the one that ends the document: ages out of
        # order, or one twice, are a slip that hides which age was meant
        for before, after in itertools.pairwise(value):
            if after <= before:
                raise PydanticCustomError(
                    "validity_ages", "{ages} lists {after} after {before}",
                    {"ages": f"[{', '.join(map(str, value))}]", "after": after,
                     "before": before, "expected": VALIDITY_AGES_FORM})
        return value

    @property
    def words(self) -> str:
        """"an internal passport replaced at 20 and at 45, valid at most 90 days after each
        of those birthdays until the new one is issued"."""
        form = f"{self.form} " if self.form else ""
        ages = listed([str(a) for a in self.replaced_at_ages])
        return (f"{with_article(form + document_name(self.type))} replaced at {ages}, valid "
                f"at most {self.valid_days_after_birthday} days after "
                f"{'each of those birthdays' if len(self.replaced_at_ages) > 1 else 'it'} "
                "until the new one is issued")


class OwnDocumentsOnly(_Strict):
    """Topic ``exit``: the state lets its citizens out on its own documents only, a citizen
    who also holds another citizenship included, whom it counts its citizen alone: the
    passport he shows the host is not the one the state left judges, which is his best of its
    own. ``unless_also`` names the other citizenships whose holders a treaty lets out on that
    state's documents instead; ``note`` is the refusal in the holder's words."""

    unless_also: list[CountryCode] = Field(default_factory=list)
    note: Annotated[str, Field(min_length=1)]


class CriminalCaseCaution(_Strict):
    """Topic ``exit``: what the state's border may do to a citizen it charges with a crime,
    told as a caution, not a refusal: a restriction on leaving is decided case by case (so a
    charge alone does not say one was), and a person sought on a wanted list may be held.
    ``note`` is said to a citizen with a charge of the state's recorded, ``wanted_note``
    instead where that charge is on a wanted list."""

    note: Annotated[str, Field(min_length=1)]
    wanted_note: Annotated[str, Field(min_length=1)] | None = None


# the documents a permit's rule may ask for as the passport to file with: Kazakhstan's 2015
# permanent permit wants the internal passport, its later rules the international one
PERMIT_PASSPORTS = frozenset({"international_passport", "internal_passport"})


class Requirement(_Strict):
    """Topic ``permit``: a document an application needs, and how long it takes to get."""

    document: DocumentType | Literal[
        "proof_of_funds", "proof_of_income", "housing_owner_consent", "address_registration",
        "lease", "health_insurance", "photos", "application_form", "basis_document",
        "property_ownership", "medical_certificate", "fingerprint_certificate"]
    form: Literal["paper", "electronic"] | None = None
    issued_by: Literal["citizenship", "host"] | None = None
    min_validity_days: Days | None = None
    # how long a passport must stay valid after the permit's last day ({months: 3}): the plan
    # counts it to the permit's end where the permit's ``term`` is known (Permit.term)
    valid_beyond_permit: Length | None = None
    lead_days: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)] | None = None
    lead_unit: Literal["calendar", "working"] = "calendar"
    how: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _beyond_permit_of_a_passport(self) -> Requirement:
        # a plan checks it against the passport the profile holds; on another document it
        # would be said nowhere, and read as checked
        if self.valid_beyond_permit is not None and self.document not in PERMIT_PASSPORTS:
            raise PydanticCustomError(
                "beyond_permit_document",
                "valid_beyond_permit is given for {document}, which is no passport",
                {"document": self.document,
                 "expected": f"valid_beyond_permit only on a requirement of document "
                             f"{' or '.join(sorted(PERMIT_PASSPORTS))}"})
        return self


class Permit(_Strict):
    """Topic ``permit``: a residence permit, what it needs, what it costs, how long it takes."""

    name: str
    # extension: an extension of the stay under way, granted once per entry, which a profile
    # records as held (its permit of kind extension), so that no plan offers it again
    kind: Literal["temporary", "permanent", "other", "extension"]
    requirements: list[Requirement] = Field(default_factory=list)
    fee: str | None = None
    processing_days: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)] | None = None
    processing_unit: Literal["calendar", "working"] = "working"
    apply_days_before_stay_ends: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)] | None = None
    # an extension's most days added to the stay, as its sources give them (``validity`` says
    # it in words): what `status` and `plan` say it could add to a stay too short
    extends_by_days: Annotated[WholeNumber, Field(ge=1, le=MAX_DAYS)] | None = None
    validity: str | None = None
    # how long the permit is issued for, the first time, where its sources give one length
    # (the longest, where they say "up to"): a passport that must outlast the permit
    # (Requirement.valid_beyond_permit) is counted to its end; ``validity`` says it in words
    term: Length | None = None
    available: bool = True
    # whether an application filed during a lawful stay lets the applicant stay until it is
    # decided (its days neither count nor are limited, as a permit's): true or false only
    # where a source says so; left out, the pack does not know, and `status` says so
    stay_while_pending: StrictBool | None = None
    # where a source caps that cover: the most calendar days it lasts, the filing day being
    # day 1 (Kazakhstan's 90); the days after count under the stay limit again, though the
    # application is still pending. Left out with stay_while_pending true: to the decision
    stay_while_pending_days: Annotated[WholeNumber, Field(ge=1, le=MAX_DAYS)] | None = None

    @property
    def while_pending_words(self) -> str:
        """What the rule says of an application filed and not yet decided, as `rules show`
        gives it: "an application filed during a lawful stay lets the applicant stay until
        it is decided, for at most 90 days from its filing, that day included"."""
        if self.stay_while_pending is None:
            return ("whether an application lets the applicant stay until it is decided is not "
                    "known")
        if not self.stay_while_pending:
            return "an application does not let the applicant stay while it is decided"
        cap = (f", for at most {pending_cap(self.stay_while_pending_days)}"
               if self.stay_while_pending_days is not None else "")
        return ("an application filed during a lawful stay lets the applicant stay until it is "
                f"decided{cap}")

    @field_validator("stay_while_pending", mode="before")
    @classmethod
    def _pending_cover_not_a_number(cls, value: Any) -> Any:
        # "stay_while_pending: 90" reads as a cap of 90 days, which the field does not hold:
        # said where it goes, not only "is not true or false"
        if isinstance(value, int) and not isinstance(value, bool):
            raise PydanticCustomError(
                "pending_days_in_flag", "is a number of days, not true or false",
                {"expected": "true or false; the most days the cover lasts goes in "
                             "stay_while_pending_days beside stay_while_pending: true, e.g. "
                             "stay_while_pending_days: 90"})
        return value

    @model_validator(mode="after")
    def _cap_on_a_cover(self) -> Permit:
        # a cap on a cover the rule does not give would be read nowhere, and seem to count
        if self.stay_while_pending_days is not None and self.stay_while_pending is not True:
            given = ("false" if self.stay_while_pending is False else "left out")
            raise PydanticCustomError(
                "pending_days_without_cover",
                "stay_while_pending_days {days} is given, but stay_while_pending is {given}",
                {"days": self.stay_while_pending_days, "given": given,
                 "expected": "stay_while_pending_days only beside stay_while_pending: true"})
        return self

    @field_validator("term")
    @classmethod
    def _some_term(cls, term: Length | None) -> Length | None:
        if term is not None and term.days == 0:
            raise PydanticCustomError(
                "term_zero", "a term of 0 days is no permit",
                {"expected": "at least 1 day, or months: {months: 12}"})
        return term


class PolicyEvent(_Strict):
    """A dated event a policy's summary tells from its day ``on``: a case decided or a statement
    made after the rule took effect. An answer as of an earlier day must not tell it, as the
    person asking about that day may be reconstructing what was known then."""

    on: IsoDate
    summary: Annotated[str, Field(min_length=1)]


class Extradition(_Strict):
    """Topic ``extradition``: what the host has said it needs before handing a person over.
    ``summary`` is what holds from the rule's first day; ``events``, what happened later, each
    told from its own day (:meth:`summary_on`)."""

    requires_criminal_charge: bool = True
    requires_international_wanted: bool = False
    treaty_based: bool = True
    extra_legal_removals: bool = False
    # the treaty the host decides under excludes offences under military law alone (the
    # European Convention on Extradition, Art. 4): a deserter's charge is no ground there
    bars_military_offences: bool = False
    # the international wanted lists the host's authorities are reported to act on (Georgia,
    # out of the CIS, sees Interpol's and not the CIS interstate list); left out: not known,
    # and any international listing counts
    acts_on_listings: list[Literal["interpol", "interstate"]] | None = None
    # the host is reported to arrest people on a listing it acts on and hold them while the
    # request is decided, whatever the charge: even one that gives no ground for extradition
    # (a military offence the treaty bars) may still cost weeks or months in detention
    detains_on_listings: bool = False
    # the day a flag above holds from, where the case it rests on came after the rule's first
    # day (Türkiye's arrest on Russia's word of July 2024): before it, an answer as of a day
    # must not tell what had not been reported by then; left out, the flag holds throughout
    detains_on_listings_from: OptionalDate = None
    extra_legal_removals_from: OptionalDate = None
    summary: str
    events: list[PolicyEvent] = Field(default_factory=list)

    # each dated flag and the field giving its day, which the rule checks against its period
    DATED_FLAGS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("detains_on_listings", "detains_on_listings_from"),
        ("extra_legal_removals", "extra_legal_removals_from"),
    )

    @model_validator(mode="after")
    def _flag_days_date_a_flag_set(self) -> Self:
        for flag, since in self.DATED_FLAGS:
            if getattr(self, since) is not None and not getattr(self, flag):
                raise PydanticCustomError(
                    "flag_day_without_flag", "{since} is given but {flag} is false",
                    {"field": since, "since": since, "flag": flag,
                     "expected": f"{flag}: true, or no {since}"})
        return self

    def flag_days(self) -> list[tuple[str, dt.date]]:
        """Each dated flag's field and the day it holds from."""
        return [(since, day) for _, since in self.DATED_FLAGS
                if (day := getattr(self, since)) is not None]

    def as_of(self, day: dt.date) -> Extradition:
        """The policy as it stood on ``day``: a flag dated after it is not yet set."""
        unset = {flag: False for flag, since in self.DATED_FLAGS
                 if (held := getattr(self, since)) is not None and day < held}
        return self.model_copy(update=unset) if unset else self

    def summary_on(self, day: dt.date) -> str:
        """The summary as of ``day``: the events of that day or before, in date order, after
        what holds from the rule's first day."""
        told = sorted((e for e in self.events if e.on <= day), key=lambda e: e.on)
        return " ".join([self.summary, *(e.summary for e in told)])


class Liability(_Strict):
    """Topic ``liability``: a host's criminal liability of its own citizens fighting abroad."""

    article: str
    offence: str
    penalty: str | None = None
    min_years: Years | None = None
    max_years: Years | None = None

    @field_validator("max_years")
    @classmethod
    def _max_not_below_min(cls, value: float | None, info: Any) -> float | None:
        # "5 to 3 years" would be told as written, and judged by its maximum alone
        low = info.data.get("min_years")
        if value is not None and low is not None and value < low:
            shown_low = f"{low:g}"  # 5, not 5.0
            raise PydanticCustomError(
                "years_order", "is less than min_years {low}",
                {"low": shown_low,
                 "expected": f"a number of years at least min_years ({shown_low})"})
        return value


# what a penalty rule's bands count: the days over (the first day over is day 1), or the
# calendar months begun since the first day over, where the source grades by months
PenaltyMeasure = Literal["days", "months"]
OffenceInYear = Literal["first", "second", "third_or_later"]
FinePer = Literal["day", "month"]


class Fine(_Strict):
    """A fine as the source states it: one amount (``min`` alone) or a range, in a currency
    code (AMD, GEL) or the unit the law counts in (MCI, Kazakhstan's monthly index); with
    ``per``, an amount for each day (or calendar month begun) of the whole time over."""

    currency: Annotated[str, Field(pattern=r"^[A-Z]{3,4}$")]
    min: Amount
    max: Amount | None = None
    per: FinePer | None = None

    def times(self, count: int) -> tuple[float, float | None]:
        """What the fine comes to for ``count`` days (or months) over: the amount itself
        where it is not per day."""
        by = count if self.per else 1
        return self.min * by, None if self.max is None else self.max * by

    @field_validator("max")
    @classmethod
    def _max_not_below_min(cls, value: float | None, info: Any) -> float | None:
        low = info.data.get("min")
        if value is not None and low is not None and value < low:
            raise PydanticCustomError(
                "fine_order", "is less than min {low}",
                {"low": f"{low:g}", "expected": f"an amount at least min ({low:g})"})
        return value


# how sure a source is that a band's entry ban is imposed: "certain" (the law bars entry),
# "possible" (the authorities may bar it: Georgia's "possible, up to 6 months")
BanCertainty = Literal["certain", "possible"]
BanLength = Annotated[WholeNumber, Field(ge=1, le=MAX_DAYS)]


class EntryBan(_Strict):
    """One account of the entry ban a penalty band brings: its length (``years``, ``months`` or
    ``days``, one of them, or ``length: unknown`` where the source gives none), whether it is
    ``certain`` or only ``possible``, whether the length is a most (``up_to``), and the
    condition it depends on (``if``), one the tool cannot ask ("the fine is not paid on
    leaving", "arrested and prosecuted"). It runs from the day of leaving: it bars entry up to
    the day before the same length after it (ends_on)."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)

    years: BanLength | None = None
    months: BanLength | None = None
    days: BanLength | None = None
    # "unknown": the source gives no length; "none": the case the source gives no ban for
    # ("none if the fine is paid"), written so that the cases listed are all it tells apart
    length: Literal["unknown", "none"] | None = None
    certainty: BanCertainty = "certain"
    up_to: bool = False
    condition: Annotated[str | None, Field(alias="if", min_length=1)] = None

    @model_validator(mode="after")
    def _one_length(self) -> EntryBan:
        given = [n for n in ("years", "months", "days", "length") if getattr(self, n) is not None]
        # none would leave a ban of no stated length read as none at all; two, which one holds
        if len(given) != 1:
            raise PydanticCustomError(
                "ban_length", "gives {given}",
                {"given": " and ".join(given) if given else "no length",
                 "expected": "one of years, months or days (a whole number), or length: "
                             "unknown where the source gives none"})
        if self.up_to and self.length is not None:
            raise PydanticCustomError(
                "ban_up_to", "is up_to: true with length: {length}",
                {"length": self.length, "expected": "up_to only with years, months or days"})
        if self.length == "none" and self.condition is None:
            # a band with no ban in any case has no bans at all
            raise PydanticCustomError(
                "ban_none_unconditional", "is length: none on no condition",
                {"expected": "length: none with if: the case that brings no ban; a band "
                             "with no ban has no bans"})
        return self

    @property
    def none(self) -> bool:
        """Whether this case brings no ban (``length: none``)."""
        return self.length == "none"

    @property
    def known_length(self) -> bool:
        return self.length is None

    @property
    def binding(self) -> bool:
        """Whether the ban bars entry whatever the person does: certain, and on no
        condition."""
        return self.certainty == "certain" and self.condition is None

    def ends_on(self, left: dt.date) -> dt.date | None:
        """The last day the ban bars entry, for a person who left on ``left`` (the day of
        leaving is its first day); None where its length is unknown."""
        if self.days is not None:
            return left + dt.timedelta(days=self.days - 1)
        months = (self.years or 0) * 12 + (self.months or 0)
        return months_after(left, months) - dt.timedelta(days=1) if months else None

    @property
    def words(self) -> str:
        """"an entry ban of 3 years", "a possible entry ban of up to 6 months", "an entry ban
        of unknown length"."""
        if self.none:
            return f"no entry ban if {self.condition}"
        if self.length is not None:
            size = "unknown length"
        else:
            count, unit = next((n, u) for n, u in ((self.years, "year"), (self.months, "month"),
                                                   (self.days, "day")) if n is not None)
            size = f"{'up to ' if self.up_to else ''}{count} {unit}{'s' if count != 1 else ''}"
        what = "a possible entry ban" if self.certainty == "possible" else "an entry ban"
        return f"{what} of {size}" + (f" if {self.condition}" if self.condition else "")


# what a penalty band's ``when`` may limit it to: a stay not registered
BandCondition = Literal["unregistered"]
# whether the stay an offence was in was registered, as the history records it: for all of
# its time over (from the first day over to the last), for none of the stay, for part of it
# alone (registered late, or a registration that lapsed), or not recorded (a CSV history, a
# profile with no registrations)
StayRegistration = Literal["registered", "unregistered", "in_part", "not_recorded"]


class PenaltyBand(_Strict):
    """Topic ``penalty``: the sanction for an offence whose time over is from ``over_from`` to
    ``over_to`` (both included; no ``to``: no upper bound), for the offence in a year the
    source grades (``offence_in_year``; none: any)."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)

    over_from: Annotated[WholeNumber, Field(ge=1, le=MAX_DAYS, alias="from")] = 1
    over_to: Annotated[Annotated[WholeNumber, Field(ge=1, le=MAX_DAYS)] | None,
                       Field(alias="to")] = None
    offence_in_year: OffenceInYear | None = None
    warning: bool = False  # a warning may be given instead (Kazakhstan: "warning or fine")
    fine: Fine | None = None
    arrest: str | None = None
    expulsion: str | None = None  # as the source says it: "possible", "by a court"
    entry_ban: str | None = None  # as the source says it: "possible, up to 6 months"
    # the same ban as data, one account for each case the source tells apart ("1 year if the
    # fine is paid on leaving; 2 years if not"); empty: not encoded, the words alone
    bans: list[EntryBan] = Field(default_factory=list)
    # the stay the band is for, where the source limits it to one: "unregistered", a stay
    # with no registration (Kyrgyzstan's ban for Kazakh citizens who stay over 90 days
    # without one); None: any stay. Judged from the registrations the history records.
    when: BandCondition | None = None
    note: str | None = None

    def applies(self, registered: StayRegistration) -> bool | None:
        """Whether the band is for a stay registered as ``registered`` says: None where its
        condition cannot be judged from the history (no registrations recorded, or one that
        covers part of the time over alone)."""
        if self.when is None:
            return True
        if registered in ("not_recorded", "in_part"):
            return None
        return registered == "unregistered"

    @model_validator(mode="after")
    def _a_sanction(self) -> PenaltyBand:
        if self.over_to is not None and self.over_to < self.over_from:
            raise PydanticCustomError(
                "band_order", "to {to} is before from {first}",
                {"to": self.over_to, "first": self.over_from,
                 "expected": "to at least from, or no to for a band with no upper bound"})
        if not (self.warning or self.fine or self.arrest or self.expulsion or self.entry_ban):
            raise PydanticCustomError(
                "band_sanction", "gives no sanction",
                {"expected": "at least one of warning, fine, arrest, expulsion, entry_ban"})
        if self.bans and not self.entry_ban:
            # the source's words stay beside the data, for the reader to check one by the other
            raise PydanticCustomError(
                "bans_without_words", "gives bans without entry_ban",
                {"expected": "entry_ban: the ban in the source's words, beside bans"})
        conditional = [b for b in self.bans if b.condition is not None]
        if len(conditional) == 1:
            # the cases listed are every case the source tells apart: one case alone would
            # leave the other unsaid, a ban or none (BanLine.bars reads them so)
            raise PydanticCustomError(
                "ban_cases", "gives one case, if {condition}, and not the other",
                {"condition": conditional[0].condition,
                 "expected": "every case the source tells apart, the one with no ban as "
                             "{length: none, if: ...}"})
        return self

    def covers(self, over: int) -> bool:
        return self.over_from <= over and (self.over_to is None or over <= self.over_to)


class Penalty(_Strict):
    """Topic ``penalty``: what an offence costs, band by band of the time over."""

    offence: Literal["overstay", "late_registration"]
    article: str
    measure: PenaltyMeasure = "days"
    bands: list[PenaltyBand] = Field(min_length=1)
    # the age on the day of leaving from which the bands' entry bans apply (Thailand's order
    # spares one who leaves before 18); None: at any age
    bans_from_age: Annotated[WholeNumber, Field(ge=1, le=150)] | None = None

    @field_validator("bands")
    @classmethod
    def _stay_condition_for_an_overstay(cls, bands: list[PenaltyBand],
                                        info: Any) -> list[PenaltyBand]:
        offence = info.data.get("offence")
        conditioned = [i for i, b in enumerate(bands) if b.when is not None]
        if conditioned and offence != "overstay":
            # a late registration is by its nature a stay not registered in time
            raise PydanticCustomError(
                "band_when", "band {index} has when: {when} for a {offence} penalty",
                {"index": conditioned[0], "when": bands[conditioned[0]].when,
                 "offence": str(offence).replace("_", " "),
                 "expected": "when only in the bands of an overstay penalty"})
        return bands

    @field_validator("bands")
    @classmethod
    def _ordered(cls, bands: list[PenaltyBand]) -> list[PenaltyBand]:
        # each grade's bands in order, from the first day (or month) over, each starting the
        # day after the one before: an overlap would give two sanctions and a gap none, for
        # the same time over, and a first band from day 5 would leave days 1 to 4 with none
        last: dict[str | None, PenaltyBand] = {}
        for index, band in enumerate(bands):
            before = last.get(band.offence_in_year)
            grade = (f" for the {band.offence_in_year.replace('_', ' ')} offence"
                     if band.offence_in_year else "")
            if before is None and band.over_from != 1:
                raise PydanticCustomError(
                    "bands_start",
                    "band {index} (from {first}) is the first{grade} and does not start at 1",
                    {"index": index, "first": band.over_from, "grade": grade,
                     "expected": "the first band of each grade from 1, the first day (or "
                                 "month) over, so that a shorter time over has a band too"})
            if before is not None:
                want = None if before.over_to is None else before.over_to + 1
                if want is None or band.over_from != want:
                    raise PydanticCustomError(
                        "bands_order",
                        "band {index} (from {first}) {how} band {prev}{grade}",
                        {"index": index, "first": band.over_from,
                         "prev": bands.index(before), "grade": grade,
                         "how": ("follows the open-ended" if want is None else
                                 "overlaps" if band.over_from < want else "leaves a gap after"),
                         "expected": ("bands in order, each from the day after the one "
                                      "before ends (to + 1), only the last open-ended")})
            last[band.offence_in_year] = band
        return bands


class Membership(_Strict):
    """A country's membership of a zone or bloc, from ``since`` to ``until`` (open if empty)."""

    country: CountryCode
    since: OptionalDate = None
    until: OptionalDate = None

    @field_validator("until")
    @classmethod
    def _ends_after_start(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("since"), "since", "membership_dates")

    def holds_on(self, day: dt.date) -> bool:
        """Whether the membership is in force on ``day`` (both ends included)."""
        return within(day, self.since, self.until)


class BlocMember(Membership):
    # participant: a founder that never ratified the bloc's charter (Ukraine in the CIS);
    # associate: a member by its own choice of a looser tie (Turkmenistan from 2005); bodies_left:
    # no longer sits in the bloc's statutory bodies, without having left it (Ukraine from 2018);
    # left: out of the bloc, but still bound by its conventions on legal assistance, which do
    # not hang on membership (Georgia left the CIS on 18 August 2009 and stayed party to the
    # Minsk Convention): the period is recorded for the conventions alone
    status: Literal["member", "observer", "suspended", "frozen", "participant", "associate",
                    "bodies_left", "left"] = "member"
    # whether the bloc's conventions on legal assistance, which risk names between two of its
    # states (risk/_treaties.BLOC_CONVENTIONS), bind the country in the period: a state may
    # leave them and stay in the bloc's other agreements (Ukraine left the CIS's Minsk
    # Convention from 29 December 2023), so its status alone does not say
    conventions: bool = True
    # the states with which the country has suspended those conventions in the period (Ukraine
    # with Russia and Belarus from 23 December 2022, before its exit took effect)
    conventions_suspended_with: list[CountryCode] = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _left_for_the_conventions(self) -> Self:
        # a period out of the bloc is recorded for the conventions still binding the state: one
        # without them says no more than no period at all, and would show the state as a
        # former member where nothing ties it to the bloc
        if self.status == "left" and not self.conventions:
            raise PydanticCustomError(
                "bloc_left_without_conventions",
                "status: left with conventions: false records nothing",
                {"expected": "status: left with conventions: true (the default), or no period "
                             "for the days the state is out of the bloc and its conventions"})
        return self

    def conventions_bind_with(self, other: str) -> bool:
        """Whether the bloc's conventions bind the country towards ``other`` in the period."""
        return self.conventions and other not in self.conventions_suspended_with


class Offence(_Strict):
    """An article (or part) of a criminal code that people are charged under, with its maximum."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")]
    country: CountryCode
    article: str
    part: Annotated[WholeNumber, Field(ge=1)] | None = None
    title: str
    max_years: Years | None = None  # the longest term of years
    # life imprisonment is the top penalty (Art. 275 from 28 April 2023): no number of years
    # says it, and it puts the offence in the scale's top band
    life: bool = False
    penalties: str
    intentional: bool = True
    # an offence under military law alone, that only a serviceman can commit (desertion), not
    # one of the ordinary criminal law: some extradition treaties exclude these
    military: bool = False
    # the version's days in force: an article amended is one offence per version, and a
    # charge is judged by the version in force on the day of the act
    valid_from: OptionalDate = None
    valid_to: OptionalDate = None

    @field_validator("valid_to")
    @classmethod
    def _ends_after_start(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("valid_from"), "valid_from", "offence_dates")

    def in_force(self, day: dt.date) -> bool:
        return within(day, self.valid_from, self.valid_to)


class GravityBand(_Strict):
    """One category of a code's gravity scale: acts whose maximum is at most ``max_years``."""

    name: str
    max_years: Years | None = None  # None: anything above the previous band
    intentional_only: bool = False
    negligent_only: bool = False  # e.g. Russia's medium gravity for negligent acts over 3 years


class LimitationPeriod(_Strict):
    """How long after the act a crime of one gravity band can still be prosecuted."""

    gravity: str  # a band's name in the same country's gravity scale
    years: Annotated[WholeNumber, Field(ge=1)]


TRAVEL_MODES: tuple[Travel, ...] = ("land", "air", "rail", "sea")
