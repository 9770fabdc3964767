"""What rules say beyond stay limits: entry documents, border closures, permits, extradition
policy, liability of a host's own citizens, blocs, and the offences people are charged under.

Each block belongs to one rule topic (see schema.Rule); the features in sojourn.entry,
sojourn.permits and sojourn.risk read them and know no country.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from sojourn.engine.kinds import MAX_DAYS, Days
from sojourn.history.models import (
    CountryCode,
    DocumentType,
    Number,
    OptionalDate,
    Travel,
    WholeNumber,
    not_before,
)

Level = Literal["low", "medium", "high"]
# a term of imprisonment: YAML reads .nan, .inf and -3 as numbers, none of which is one (NaN
# was judged above every gravity band, printed "at most nan years", and --json gave NaN)
Years = Annotated[Number, Field(ge=0, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AcceptedDocument(_Strict):
    """Topic ``entry``: a document the host accepts (or refuses) for entry, by age on entry;
    ``visa_required``: accepted only with a visa the host counts (issued by it, or by a member
    of the zone on the entry day)."""

    type: DocumentType
    accepted: bool = True
    visa_required: bool = False
    min_age: Annotated[WholeNumber, Field(ge=0)] | None = None
    max_age: Annotated[WholeNumber, Field(ge=0)] | None = None
    note: str | None = None

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

    @field_validator("visa_required")
    @classmethod
    def _visa_for_an_accepted_document(cls, value: bool, info: Any) -> bool:
        # a refused document is refused with a visa too: the two together say nothing
        if value and info.data.get("accepted") is False:
            raise PydanticCustomError(
                "visa_on_refused", "is true for a document the host refuses (accepted: false)",
                {"expected": "false (or left out) where accepted is false"})
        return value


class Requirement(_Strict):
    """Topic ``permit``: a document an application needs, and how long it takes to get."""

    document: DocumentType | Literal[
        "proof_of_funds", "proof_of_income", "housing_owner_consent", "address_registration",
        "lease", "health_insurance", "photos", "application_form", "basis_document",
        "property_ownership"]
    form: Literal["paper", "electronic"] | None = None
    issued_by: Literal["citizenship", "host"] | None = None
    min_validity_days: Days | None = None
    lead_days: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)] | None = None
    lead_unit: Literal["calendar", "working"] = "calendar"
    how: str | None = None
    note: str | None = None


class Permit(_Strict):
    """Topic ``permit``: a residence permit, what it needs, what it costs, how long it takes."""

    name: str
    kind: Literal["temporary", "permanent", "other"]
    requirements: list[Requirement] = Field(default_factory=list)
    fee: str | None = None
    processing_days: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)] | None = None
    processing_unit: Literal["calendar", "working"] = "working"
    apply_days_before_stay_ends: Annotated[WholeNumber, Field(ge=0, le=MAX_DAYS)] | None = None
    validity: str | None = None
    available: bool = True


class Extradition(_Strict):
    """Topic ``extradition``: what the host has said it needs before handing a person over."""

    requires_criminal_charge: bool = True
    requires_international_wanted: bool = False
    treaty_based: bool = True
    extra_legal_removals: bool = False
    summary: str


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


class Membership(_Strict):
    """A country's membership of a zone or bloc, from ``since`` to ``until`` (open if empty)."""

    country: CountryCode
    since: OptionalDate = None
    until: OptionalDate = None

    @field_validator("until")
    @classmethod
    def _ends_after_start(cls, value: dt.date | None, info: Any) -> dt.date | None:
        return not_before(value, info.data.get("since"), "since", "membership_dates")


class BlocMember(Membership):
    status: Literal["member", "observer", "suspended", "frozen"] = "member"
    note: str | None = None


class Offence(_Strict):
    """An article (or part) of a criminal code that people are charged under, with its maximum."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]*$")]
    country: CountryCode
    article: str
    part: Annotated[WholeNumber, Field(ge=1)] | None = None
    title: str
    max_years: Years | None = None
    penalties: str
    intentional: bool = True
    valid_from: OptionalDate = None


class GravityBand(_Strict):
    """One category of a code's gravity scale: acts whose maximum is at most ``max_years``."""

    name: str
    max_years: Years | None = None  # None: anything above the previous band
    intentional_only: bool = False
    negligent_only: bool = False  # e.g. Russia's medium gravity for negligent acts over 3 years


TRAVEL_MODES: tuple[Travel, ...] = ("land", "air", "rail", "sea")
