"""The rule-pack format, version 1: zones and dated, sourced rules with contested variants.

One YAML file holds ``schema: sojourn.rules/1``, optional ``zones`` and a list of ``rules``;
a pack is a directory of such files. See docs/rule-pack.md.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from sojourn.countries import fold_code
from sojourn.dates import ISO_FORM
from sojourn.engine.kinds import Constraint, PerEntry, Registration
from sojourn.history.models import (
    CountryCode,
    IsoDate,
    OptionalDate,
    Travel,
    WholeNumber,
    country_code,
    on_one_line,
)
from sojourn.rules.topics import (
    AcceptedDocument,
    BlocMember,
    CriminalCaseCaution,
    DocumentValidity,
    Extradition,
    GravityBand,
    Liability,
    LimitationPeriod,
    Membership,
    Offence,
    OwnDocumentsOnly,
    Penalty,
    Permit,
    RestrictionBan,
    StayCover,
    SummonsBan,
    UnaccompaniedMinorCaution,
)

SCHEMA = "sojourn.rules/1"
Confidence = Literal["high", "medium", "low"]
Topic = Literal["stay", "registration", "entry", "exit", "border", "permit", "extradition",
                "liability", "penalty", "document_validity", "stay_cover"]
TOPICS: tuple[str, ...] = ("entry", "exit", "border", "stay", "registration", "permit",
                           "extradition", "liability", "penalty", "document_validity",
                           "stay_cover")
# topics on which a state rules of its own citizens and their documents (host: that state):
# leaving it, and how long the documents it issues stay valid; no stay in it is judged by them
OWN_STATE_TOPICS: tuple[str, ...] = ("exit", "document_validity")
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9.-]*$", max_length=80)]
ANY_CITIZENSHIP = "*"
# A stay or registration rule states its constraints, or that there are none: a forgotten
# block must not read as "no limit", so an empty or missing list is refused.
NO_CONSTRAINTS = "none"
CONSTRAINTS_FORM = ("a list of constraints (- {kind: rolling, max: 90, window: 180}), or "
                    "constraints: none where the sources say there is no limit")


def _list_or_none(field: str, form: str) -> Callable[[Any], Any]:
    """A field whose list is written out, or ``none`` where the sources say there is nothing
    to list: blank or ``[]`` is refused, lest a forgotten block read as "nothing" (``form``:
    how both are written)."""
    def check(value: Any) -> Any:
        if value == NO_CONSTRAINTS:
            return []
        if value is None or value == []:
            raise PydanticCustomError(
                f"{field}_empty", "is empty" if value is None else "is an empty list []",
                {"expected": form})
        if not isinstance(value, list):
            raise PydanticCustomError(f"{field}_type", "is neither a list nor none",
                                      {"expected": form})
        return value
    return check


_constraints = _list_or_none("constraints", CONSTRAINTS_FORM)


Constraints = Annotated[list[Constraint], BeforeValidator(_constraints)]


def _text(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("text_empty", "is empty",
                                  {"expected": "text, such as the title of the act or article"})
    return value


def _web_address(value: Any) -> Any:
    if isinstance(value, str):
        address = urlsplit(value.strip())
        if not value.strip():
            raise PydanticCustomError("url_empty", "is empty", {"expected": URL_FORM})
        if address.scheme not in ("http", "https") or not address.netloc or " " in value.strip():
            raise PydanticCustomError("url", "is not a web address", {"expected": URL_FORM})
    return value


def _published(value: dt.date | None) -> dt.date | None:
    today = dt.date.today()
    if value is not None and value > today:
        raise PydanticCustomError(
            "source_date", "is after today ({today}): a source is dated when it was published",
            {"today": today.isoformat(), "expected": "a date on or before today, or no date"})
    return value


URL_FORM = ("an http:// or https:// address; a source with none gives document: <the legal act "
            "or publication> instead")
TITLE_FORM = ("a title on one line (a long one may be folded over lines as title: >-, "
              "which joins them with blanks)")


def _one_line_title(value: Any) -> Any:
    # a rule's, source's, variant's or treaty's title heads a line of every answer naming it
    return on_one_line(value, TITLE_FORM) if isinstance(value, str) else value


Title = Annotated[str, BeforeValidator(_one_line_title), BeforeValidator(_text)]


class _Strict(BaseModel):
    # validators built on first use: a command whose pack comes from the cache (rules/stored.py)
    # never builds most of them
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class Source(_Strict):
    """Where a rule comes from: a title, a URL or a legal document, and the source's date."""

    title: Title
    url: Annotated[str | None, BeforeValidator(_web_address)] = None
    document: str | None = None
    date: Annotated[OptionalDate, AfterValidator(_published)] = None

    @model_validator(mode="after")
    def _locatable(self) -> Source:
        if not self.url and not self.document:
            raise PydanticCustomError("source_locator", "a source needs a url or a document",
                                      {"expected": "url: https://... or document: <legal act>"})
        return self


class Variant(_Strict):
    """One account of a contested rule; the fields it sets replace the rule's own."""

    name: Slug
    default: bool = False
    title: Title | None = None
    valid_from: OptionalDate = None
    valid_to: OptionalDate = None
    constraints: Constraints | None = None
    sources: list[Source] | None = None
    confidence: Confidence | None = None
    note: str | None = None
    documents: list[AcceptedDocument] | None = None
    closed_to: list[Travel] | None = None
    permit: Permit | None = None
    extradition: Extradition | None = None
    liability: Liability | None = None
    penalty: Penalty | None = None
    summons: SummonsBan | None = None
    restriction: RestrictionBan | None = None
    own_documents_only: OwnDocumentsOnly | None = None
    criminal_case: CriminalCaseCaution | None = None
    unaccompanied_minor: UnaccompaniedMinorCaution | None = None
    document_validity: DocumentValidity | None = None
    covers: StayCover | None = None

    @field_validator("constraints", mode="before")
    @classmethod
    def _given(cls, value: Any) -> Any:
        # a variant without constraints takes its rule's: one written but left blank is refused
        return _constraints(value) if value is None else value


def _open_end(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    """A rule's valid_to; one that is no date (open, -, None) is told how an open end is
    written."""
    try:
        return handler(value)
    except ValidationError as exc:
        err = exc.errors()[0]
        if err["type"] != "date_format":
            raise
        raise PydanticCustomError(
            "date_format", "{why}",
            {"why": err["msg"], "expected": f"{ISO_FORM}, or valid_to left out (or empty) for "
                                            "an open-ended rule"}) from None


OpenEnd = Annotated[OptionalDate, WrapValidator(_open_end)]
EVERY = ("all", "any", "every", "everyone", "anyone")


def _citizenship(value: Any) -> str:
    """One item of a rule's citizenships, checked on its own so that a problem names it."""
    if value == ANY_CITIZENSHIP:
        return ANY_CITIZENSHIP
    if isinstance(value, str) and value.strip().lower() in EVERY:
        raise PydanticCustomError(
            "citizenship_every", "is no country code; every citizenship is written \"*\"",
            {"expected": 'citizenships: ["*"] (in quotes: an unquoted * is YAML syntax)'})
    return country_code(value)


Citizenship = Annotated[str, BeforeValidator(_citizenship)]


class Rule(_Strict):
    """One legal fact for one host and group of citizenships, in force over a date range."""

    id: Slug
    title: Title
    host: str
    citizenships: list[Citizenship] = Field(min_length=1)
    topic: Topic
    valid_from: IsoDate
    valid_to: OpenEnd = None
    # "last_seen": valid_to is the last day a source shows the rule in force (the latest
    # extension reported, or the earliest day a decided end could take effect), not a known
    # end; after it the pack does not know whether the rule still applies.
    valid_to_basis: Literal["known", "last_seen"] = "known"
    # "visa": a stay rule judging only the entries made on a visa of the host (the entry day
    # within a profile visa's validity), each also ended by the visa's own last day; the
    # host's other stay rules then judge the entries made without one (Vietnam's e-visa)
    entered_on: Literal["visa"] | None = None
    constraints: Constraints = Field(default_factory=list)
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None
    variants: list[Variant] = Field(default_factory=list)
    documents: list[AcceptedDocument] = Field(default_factory=list)
    closed_to: list[Travel] = Field(default_factory=list)
    permit: Permit | None = None
    extradition: Extradition | None = None
    liability: Liability | None = None
    penalty: Penalty | None = None
    summons: SummonsBan | None = None
    restriction: RestrictionBan | None = None
    own_documents_only: OwnDocumentsOnly | None = None
    criminal_case: CriminalCaseCaution | None = None
    unaccompanied_minor: UnaccompaniedMinorCaution | None = None
    document_validity: DocumentValidity | None = None
    covers: StayCover | None = None

    @field_validator("host", mode="before")
    @classmethod
    def _host_shape(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value  # told as no text
        value = fold_code(value)  # me is ME, as a citizenship ru is RU
        if not value.isupper() or not value.isalpha():
            raise PydanticCustomError("host", "is not a host code",
                                      {"expected": "a country code (KZ) or a zone id (SCHENGEN)"})
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise PydanticCustomError(
                "date_order", "valid_to {valid_to} is before valid_from {valid_from}",
                {"valid_to": str(self.valid_to), "valid_from": str(self.valid_from),
                 "expected": "valid_to on or after valid_from, or empty for a rule with no "
                             "end set"})
        if self.variants:
            defaults = [v.name for v in self.variants if v.default]
            if len(defaults) != 1:
                raise PydanticCustomError(
                    "variant_default", "has {n} default variants",
                    {"n": len(defaults), "expected": "exactly one variant with default: true"})
            names = [v.name for v in self.variants]
            if len(set(names)) != len(names):
                raise PydanticCustomError("variant_names", "variant names repeat",
                                          {"expected": "distinct variant names"})
        limited = self.topic in ("stay", "registration")
        if limited and "constraints" not in self.model_fields_set:
            raise PydanticCustomError(
                "constraints_missing", "topic {topic} needs the field constraints",
                {"topic": self.topic, "field": "constraints", "expected": CONSTRAINTS_FORM})
        given = [*self.constraints, *(c for v in self.variants for c in v.constraints or ())]
        if self.entered_on is not None and (self.topic != "stay" or not given or any(
                not isinstance(c, PerEntry) for c in given)):
            raise PydanticCustomError(
                "entered_on", "entered_on: visa needs topic stay and per_entry constraints only",
                {"field": "entered_on", "topic": self.topic,
                 "expected": "entered_on: visa on a stay rule whose constraints are all "
                             "per_entry (the days a stay on the visa is given)"})
        if not limited and ("constraints" in self.model_fields_set or any(
                v.constraints is not None for v in self.variants)):
            raise PydanticCustomError(
                "topic_block", "field constraints does not belong to topic {topic}",
                {"topic": self.topic, "field": "constraints",
                 "expected": "constraints only under topic stay or registration"})
        for constraint in given:
            if isinstance(constraint, Registration) != (self.topic == "registration"):
                raise PydanticCustomError(
                    "topic_kind", "topic {topic} does not fit constraint kind {kind}",
                    {"topic": self.topic, "kind": constraint.kind,
                     "expected": "registration constraints under topic registration, "
                                 "stay limits under topic stay"})
        self._policy_days_within_period()
        takes = _TOPIC_BLOCKS.get(self.topic, ())
        for block in _BLOCKS:
            present = bool(getattr(self, block)) or any(
                getattr(v, block) for v in self.variants)
            if present and block not in takes:
                raise PydanticCustomError(
                    "topic_block", "field {block} does not belong to topic {topic}",
                    {"block": block, "topic": self.topic,
                     "expected": f"{block} only under topic {_BLOCK_TOPIC[block]}"})
        if takes and not any(getattr(self, block) for block in takes):
            needs = " or ".join(takes)
            raise PydanticCustomError(
                "topic_block", "topic {topic} needs the field {block}",
                {"block": needs, "topic": self.topic, "expected": f"a {needs} block"})
        return self

    def _policy_days_within_period(self) -> None:
        # an event or a flag's day on the rule's first day or before is told on every day the
        # rule answers, and one after its last day on none: either belongs elsewhere
        periods = [("extradition", "extradition", self.extradition, self.valid_from,
                    self.valid_to),
                   *(("variants", f"variant {v.name}'s extradition", v.extradition,
                      v.valid_from or self.valid_from, v.valid_to or self.valid_to)
                     for v in self.variants)]
        for field, where, policy, first, last in periods:
            if policy is None:
                continue
            until = "" if last is None else f" and on or before valid_to {last}"
            for event in policy.events:
                if first < event.on and (last is None or event.on <= last):
                    continue
                raise PydanticCustomError(
                    "event_outside_period",
                    "{where} has an event on {on}, outside the rule's period",
                    {"field": field, "where": where, "on": str(event.on),
                     "expected": f"an event after valid_from {first}{until}; what holds "
                                 "from the rule's first day goes in the summary"})
            # a flag's day is an event's: on the first day or before it holds throughout
            # (leave the day out), after the last it would never hold
            for since, day in policy.flag_days():
                if first < day and (last is None or day <= last):
                    continue
                raise PydanticCustomError(
                    "flag_day_outside_period",
                    "{where} has {since} {on}, outside the rule's period",
                    {"field": field, "where": where, "since": since, "on": str(day),
                     "expected": f"a day after valid_from {first}{until}; a flag that holds "
                                 f"from the rule's first day takes no {since}"})

    def variant(self, name: str | None) -> Variant | None:
        if not self.variants:
            return None
        for v in self.variants:
            if (name is None and v.default) or v.name == name:
                return v
        return None


# the blocks each topic takes, one at least; exit: the documents on which the state left lets
# its citizens out, a summons or a restriction placed on them that keeps them in whatever the
# document, its own documents as the only ones a citizen who holds another citizenship leaves
# on, a caution to a citizen it charges, and one to a minor who may leave alone (host: that
# state)
_TOPIC_BLOCKS = {"entry": ("documents",),
                 "exit": ("documents", "summons", "restriction", "own_documents_only",
                          "criminal_case", "unaccompanied_minor"),
                 "border": ("closed_to",), "permit": ("permit",),
                 "extradition": ("extradition",), "liability": ("liability",),
                 "penalty": ("penalty",), "document_validity": ("document_validity",),
                 "stay_cover": ("covers",)}
_BLOCK_TOPIC = {block: " or ".join(t for t, bs in _TOPIC_BLOCKS.items() if block in bs)
                for blocks in _TOPIC_BLOCKS.values() for block in blocks}
_BLOCKS = tuple(_BLOCK_TOPIC)


class Zone(_Strict):
    """Several countries whose presence days count together (e.g. the Schengen area)."""

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z_]{2,}$")]
    title: Title
    members: list[Membership] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)


class Bloc(_Strict):
    """A treaty organisation and its members over time (CIS, CSTO, EAEU...)."""

    id: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{1,}$")]
    title: Title
    members: list[BlocMember] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence

    def memberships_on(self, country: str, on: dt.date) -> list[BlocMember]:
        """The country's memberships of the bloc in force on the day, of any status."""
        return [m for m in self.members if m.country == country and m.holds_on(on)]

    def full_memberships(self, country: str) -> list[BlocMember]:
        """The country's periods as a full member: not as an observer, nor suspended or
        frozen, which leave what membership gives in doubt."""
        return [m for m in self.members if m.country == country and m.status == "member"]


class CallUpAge(_Strict):
    """The upper age of call-up from a day on (27; 30 from 1 January 2024 in Russia)."""

    years: Annotated[WholeNumber, Field(ge=1)]
    since: OptionalDate = None


# the day a continuing crime ends, from which its limitation period runs: the end of the
# person's liability to call-up (draft evasion), or none the sources let us compute
CONTINUING_ENDS = ("end_of_call_up_age", "not_computed")
CALL_UP_AGES_FORM = "call_up_ages: [{years: 27}, {years: 30, since: 2024-01-01}]"


class ContinuingCrime(_Strict):
    """An offence that goes on after the act (draft evasion, desertion): its limitation period
    runs from the day it ends, not from the act."""

    ends: Literal["end_of_call_up_age", "not_computed"]
    # the upper call-up ages over time, the first possibly undated, each later one from its day
    call_up_ages: list[CallUpAge] = Field(default_factory=list)
    # the lower call-up age (18 in Russia): liability to call-up begins on that birthday, so
    # an evasion dated before it is one the person was not yet liable to
    lower_call_up_age: Annotated[WholeNumber, Field(ge=1)] | None = None
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None

    @model_validator(mode="after")
    def _ages_where_read(self) -> ContinuingCrime:
        # an end at the call-up age with no ages would leave every such charge with no day,
        # and ages beside not_computed would read as a day computed
        if self.ends == "end_of_call_up_age" and not self.call_up_ages:
            raise PydanticCustomError(
                "continuing_no_ages", "ends at the end of call-up age but gives no call_up_ages",
                {"expected": CALL_UP_AGES_FORM})
        if self.ends == "not_computed" and self.call_up_ages:
            raise PydanticCustomError(
                "continuing_ages_unread",
                "gives call_up_ages, which only ends: end_of_call_up_age reads",
                {"expected": "no call_up_ages, or ends: end_of_call_up_age"})
        if self.lower_call_up_age is not None and any(
                a.years <= self.lower_call_up_age for a in self.call_up_ages):
            raise PydanticCustomError(
                "continuing_lower_age",
                "lower_call_up_age {lower} is not below every upper age in call_up_ages",
                {"lower": self.lower_call_up_age,
                 "expected": "lower_call_up_age: 18, below each of call_up_ages' years"})
        if self.lower_call_up_age is not None and self.ends != "end_of_call_up_age":
            raise PydanticCustomError(
                "continuing_lower_age_unread",
                "gives lower_call_up_age, which only ends: end_of_call_up_age reads",
                {"expected": "no lower_call_up_age, or ends: end_of_call_up_age"})
        starts = [a.since for a in self.call_up_ages]
        if any(d is None for d in starts[1:]) or any(
                a >= b for a, b in itertools.pairwise(starts) if a and b):
            raise PydanticCustomError(
                "continuing_ages_order",
                "call_up_ages must be in order of since, only the first without one",
                {"expected": CALL_UP_AGES_FORM})
        return self

    def upper_age_on(self, day: dt.date) -> int | None:
        """The upper call-up age in force on the day."""
        in_force = [a.years for a in self.call_up_ages if a.since is None or a.since <= day]
        return in_force[-1] if in_force else None


class PoliticalCharacter(_Strict):
    """A source (a court, a government, an international body, a reputable report) calling the
    prosecutions under an article political: what lets risk name a treaty's political-offence
    ground, without deciding that it applies. ``since``: the date of the first of its sources
    that calls them so; an answer about an earlier day does not tell them called political,
    as it tells no Interpol fact dated after its day (a source of the article's law itself,
    dated before, calls nothing political, so the earliest source is not the day)."""

    sources: list[Source] = Field(min_length=1)
    since: IsoDate  # after sources, which it is checked against
    confidence: Confidence
    note: str | None = None

    @field_validator("since")
    @classmethod
    def _since_a_source(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        sources: list[Source] = info.data.get("sources") or []
        dated = sorted({s.date for s in sources if s.date is not None})
        if sources and value not in dated:  # sources refused already: they say why
            raise PydanticCustomError(
                "political_since", "is not the date of any of its sources",
                {"expected": "the date of the first of its sources that calls the "
                             "prosecutions political: one of " + (
                                 ", ".join(d.isoformat() for d in dated) if dated else
                                 "its sources' dates (none is dated)")})
        return value

    def known_by(self, day: dt.date) -> PoliticalCharacter | None:
        """What was known on the day: the sources dated on or before it (an undated one
        kept), or None before ``since``. The note, written of every source, goes where a
        later one is left out: it may cite it (PACE's resolution of 2024 in a 2023 answer)."""
        if day < self.since:
            return None
        known = [s for s in self.sources if s.date is None or s.date <= day]
        if len(known) == len(self.sources):
            return self
        return self.model_copy(update={"sources": known, "note": None})


class SourcedOffence(Offence):
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None
    # a continuing crime: its limitation period runs from the day it ends (see ContinuingCrime)
    continuing: ContinuingCrime | None = None
    # prosecutions under it called political by a source: see PoliticalCharacter
    political: PoliticalCharacter | None = None


class GravityScale(_Strict):
    """How a criminal code sorts crimes by their maximum penalty (e.g. Art. 15 RU CC)."""

    id: Slug
    country: CountryCode
    article: str
    bands: list[GravityBand] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence


class PoliticalOffenceGround(_Strict):
    """A treaty's refusal of extradition for a political offence: what it refuses, in words
    that complete "refuses extradition ...", its article where the text was read, and how sure
    the pack is of it (a treaty known only from a source's account of it is less so)."""

    refuses: Title
    article: str | None = None  # left out: the treaty's text was not read
    confidence: Confidence


class TreatyTerms(_Strict):
    """What the pack knows of an extradition treaty: the states it knows, over time, to be
    parties to it, its article refusing extradition for an offence whose prosecution a lapse
    of time bars (the European Convention on Extradition, Art. 10; left out where that ground
    was not read), and its ground for refusing it for a political offence, where it has one."""

    title: Title
    article: str | None = None
    political_offence: PoliticalOffenceGround | None = None
    parties: list[Membership] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _states_a_ground(self) -> TreatyTerms:
        # a treaty with neither ground would be listed for nothing any answer says
        if self.article is None and self.political_offence is None:
            raise PydanticCustomError(
                "treaty_ground", "states no ground for refusing extradition",
                {"expected": 'article: "10" (its ground on a lapse of time) or '
                             "political_offence: {refuses, article, confidence}"})
        return self

    def binds(self, host: str, requesting: str, on: dt.date) -> bool:
        """Both states are parties on the day."""
        return all(any(m.country == c and m.holds_on(on) for m in self.parties)
                   for c in (host, requesting))


TREATY_FORM = ("an entry of the top-level treaties: section (treaties.yaml): - id: ..., title, "
               "article and/or political_offence, parties, sources, confidence")


class Treaty(TreatyTerms):
    """An extradition treaty of the pack's ``treaties`` section: its terms, the id `rules
    show` finds it by, and how sure the pack is of them. Not a code's: it binds any two of
    its parties, whichever state brings the charge."""

    id: Slug
    confidence: Confidence
    note: str | None = None

    @field_validator("parties")
    @classmethod
    def _two_states(cls, value: list[Membership]) -> list[Membership]:
        # a treaty one state is party to binds no pair: every answer would pass it by
        states = {m.country for m in value}
        if len(states) < 2:
            raise PydanticCustomError(
                "treaty_parties", "names {count} state: a treaty binds two or more",
                {"count": len(states),
                 "expected": "two or more parties, each {country, since, until}"})
        return value


def _bare_article(value: Any) -> Any:
    # "353" is {article: "353"}: an article on the list from before the pack's period
    return {"article": value} if isinstance(value, str) else value


NONE_FOR_FORM = ('"353", {article: "281", since: 2025-11-17}, or, for some parts of an '
                 'article, {article: "206", parts: [3, 4]}')


class NoLimitation(_Strict):
    """An article, or some of its parts, that no lapse of time bars (Art. 78(5) RU CC), and
    the day the list took it in, where a later law did (left out: on the list for the whole of
    the pack's period)."""

    article: str
    # the parts the list names, where it names some of the article's, not the whole: a charge
    # under another part keeps its period (left out: every part)
    parts: list[Annotated[WholeNumber, Field(ge=1)]] | None = None
    since: OptionalDate = None

    @field_validator("parts")
    @classmethod
    def _parts_named(cls, value: list[int] | None) -> list[int] | None:
        # an empty list would name no part, which is no entry at all; a part named twice is a
        # slip that hides which one was meant
        if value == []:
            raise PydanticCustomError("none_for_parts", "is empty", {"expected": NONE_FOR_FORM})
        again = next((p for i, p in enumerate(value or ()) if p in (value or ())[:i]), None)
        if again is not None:
            raise PydanticCustomError("none_for_parts", "names part {part} twice",
                                      {"part": again, "expected": NONE_FOR_FORM})
        return value

    def covers(self, part: int | None) -> bool:
        """A charge under ``part`` (None: no part named) is on the list by this entry."""
        return self.parts is None or part in self.parts


class Limitation(_Strict):
    """A code's limitation periods (e.g. Art. 78 RU CC): how many years after the act
    criminal liability ends, by the gravity band of the crime."""

    id: Slug
    country: CountryCode
    article: str
    periods: list[LimitationPeriod] = Field(min_length=1)
    # articles no lapse of time bars (Russia's crimes against peace, Art. 78(5)): "353",
    # {article: "281", since: 2025-11-17} for one a later law put on the list, or
    # {article: "206", parts: [3, 4]} where the list names only some of an article's parts
    none_for: list[Annotated[NoLimitation, BeforeValidator(_bare_article)]] = Field(
        default_factory=list)
    # for a crime punishable by life imprisonment, whether limitation applies is for the
    # court (Art. 78(4)): the day is told, not relied on
    court_decides_for_life: bool = False
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _no_treaties_here(cls, data: Any) -> Any:
        # treaties had a place here; one left behind would be refused as an unknown field,
        # with no word of where it went
        if isinstance(data, dict) and "treaties" in data:
            raise PydanticCustomError(
                "treaties_moved", "is not read in a limitation block: treaties have a section "
                "of their own", {"field": "treaties", "expected": TREATY_FORM})
        return data

    @field_validator("none_for")
    @classmethod
    def _each_part_once(cls, value: list[NoLimitation]) -> list[NoLimitation]:
        # a charge is judged by the first entry that names it: a second one for the same part
        # (or the whole article beside some of its parts) would go unread, its day with it
        named: set[tuple[str, int | None]] = set()
        for entry in value:
            mine = {(entry.article, p) for p in entry.parts or (None,)}
            if any(a == entry.article and (p is None or entry.parts is None or (a, p) in mine)
                   for a, p in named):
                raise PydanticCustomError(
                    "none_for_twice", "names Art. {article} (or a part of it) twice",
                    {"article": entry.article,
                     "expected": "each article, or each of its parts, in one entry: "
                                 + NONE_FOR_FORM})
            named |= mine
        return value

    def years_for(self, gravity: str) -> int | None:
        return next((p.years for p in self.periods if p.gravity == gravity), None)

    def none_for_charge(self, article: str, part: int | None) -> NoLimitation | None:
        """The entry that puts a charge under the article (its part, if named) on the list of
        those no lapse of time bars, if one does."""
        return next((n for n in self.none_for if n.article == article and n.covers(part)),
                    None)

    def none_for_parts(self, article: str, on: dt.date) -> tuple[int, ...]:
        """The parts of the article the list names by part on the day: what a charge naming
        no part may or may not be under."""
        return tuple(sorted({p for n in self.none_for if n.article == article
                             and (n.since is None or n.since <= on) for p in n.parts or ()}))


class ListingFact(_Strict):
    """One dated thing known about how a wanted list treats a state's requests."""

    on: dt.date
    said: str
    sources: list[Source] = Field(min_length=1)


class WantedListing(_Strict):
    """What is known of how an international wanted list (Interpol's) treats the requests of
    one state: told beside a charge on that list, not weighed in the level."""

    id: Slug
    listing: Literal["interpol", "interstate"]
    country: CountryCode  # the state whose requests it is about
    facts: list[ListingFact] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None


# The criminal codes' entries and the wanted lists' records that `risk` names beside the rules
# ("at most 3 years (ru-cc-207.3-1)"): ids of their own, each with its sources and confidence,
# which `rules show` and an answer's "Rules relied on" give as they give a rule's
CodeEntry = SourcedOffence | GravityScale | Limitation | WantedListing
# and what `rules show` finds by id besides the rules: those, and the extradition treaties
PackEntry = CodeEntry | Treaty


def code_entry_kind(entry: PackEntry) -> str:
    """What the entry is, as `rules show --json` and `risk --json` name it (``kind``)."""
    if isinstance(entry, Treaty):
        return "treaty"
    if isinstance(entry, SourcedOffence):
        return "offence"
    if isinstance(entry, GravityScale):
        return "gravity"
    if isinstance(entry, Limitation):
        return "limitation"
    return "listing"


def _weekday_off(value: dt.date) -> dt.date:
    if value.weekday() >= 5:
        raise PydanticCustomError(
            "day_off_weekend", "is a {weekday}, a day off already",
            {"weekday": f"{value:%A}",
             "expected": "a weekday (Monday to Friday) that the decree made a day off"})
    return value


def _weekend_worked(value: dt.date | None) -> dt.date | None:
    if value is not None and value.weekday() < 5:
        raise PydanticCustomError(
            "worked_weekday", "is a {weekday}, a working day already",
            {"weekday": f"{value:%A}",
             "expected": "the Saturday or Sunday the decree made a working day in exchange, "
                         "or worked_instead left out for a day off given with none"})
    return value


class DecreedDayOff(_Strict):
    """A weekday a decree made a day off, and the weekend day worked instead, if any."""

    day: Annotated[IsoDate, AfterValidator(_weekday_off)]
    worked_instead: Annotated[OptionalDate, AfterValidator(_weekend_worked)] = None


class Decree(_Strict):
    """One act moving days off (a government resolution, a presidential decree)."""

    title: Title
    days_off: list[DecreedDayOff] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)
    confidence: Confidence
    note: str | None = None


DECREES_FORM = ("a list of decrees (- {title: ..., days_off: [{day: 2026-05-04, "
                "worked_instead: 2026-04-18}], sources: [...], confidence: high}), or "
                "decrees: none where the sources say the host moved no day off that year")


class DecreeYear(_Strict):
    """What the pack knows of one host's decrees moving days off in one year: the decrees, or
    that it made none; and whether those listed are all it made that year."""

    id: Slug
    host: CountryCode
    year: Annotated[WholeNumber, Field(ge=1991, le=2100)]
    decrees: Annotated[list[Decree], BeforeValidator(_list_or_none("decrees", DECREES_FORM))]
    # the decrees listed are every one the host made that year: a count of working days over
    # it is no longer an estimate for want of a decree
    complete: bool | None = None
    # what says the host moved no day off that year (with decrees: none)
    sources: list[Source] = Field(default_factory=list)
    confidence: Confidence | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _said(self) -> DecreeYear:
        if self.decrees and self.complete is None:
            raise PydanticCustomError(
                "decrees_complete", "lists decrees but does not say whether they are all",
                {"expected": "complete: true where a source says these are all the year's "
                             "decrees, else complete: false"})
        if not self.decrees and self.complete is not None:
            raise PydanticCustomError(
                "decrees_complete", "says complete beside decrees: none, which says it",
                {"expected": "complete left out where decrees: none"})
        if not self.decrees and (not self.sources or self.confidence is None):
            raise PydanticCustomError(
                "decrees_none_unsourced", "says the host moved no day off, with no sources "
                "and confidence saying so",
                {"expected": "sources: [...] and confidence: high|medium|low beside "
                             "decrees: none"})
        if self.decrees and (self.sources or self.confidence is not None):
            raise PydanticCustomError(
                "decrees_sourced", "gives sources or confidence of its own beside decrees",
                {"expected": "sources and confidence on each decree; on the year only "
                             "with decrees: none"})
        return self

    @property
    def known(self) -> bool:
        """Whether every decree of the year is recorded (none made counts)."""
        return not self.decrees or bool(self.complete)


class PackFile(_Strict):
    schema_: Literal["sojourn.rules/1"] = Field(alias="schema")
    zones: list[Zone] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)
    blocs: list[Bloc] = Field(default_factory=list)
    offences: list[SourcedOffence] = Field(default_factory=list)
    gravity: list[GravityScale] = Field(default_factory=list)
    limitation: list[Limitation] = Field(default_factory=list)
    listings: list[WantedListing] = Field(default_factory=list)
    treaties: list[Treaty] = Field(default_factory=list)
    calendars: list[DecreeYear] = Field(default_factory=list)

