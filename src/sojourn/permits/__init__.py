"""What a residence-permit application needs, and by when each step must start.

Works back from the day the person's legal stay ends: the stay engine's latest exit under the
rules (limits, registration, the days whose rules are known) for the stay the person is in, as
if they stayed on, whatever trips they plan after the query day. The application must be filed
by then (or the days before it a host asks for), and each missing document must be requested
its lead time earlier. A planned trip that ends the stay sooner is reported beside it. With no
such day (no limit, or an unknown end), it works forward: the filing day is the first that
every lead time, begun now, allows.
"""

from sojourn.permits._answer import OtherPermitAccount, PermitAnswer, Step
from sojourn.permits._estimates import Estimate, estimate_words
from sojourn.permits._extension import with_extension_offered
from sojourn.permits._held import BeyondPermit
from sojourn.permits._legal_stay import (
    LegalStay,
    legal_end_rule,
    legal_stay,
    legal_stay_ended,
    overstay_rule,
)
from sojourn.permits._plan import choosing_for, permit_plan
from sojourn.permits._renewal import HeldPermitEnd, held_permit_ends
from sojourn.permits._rules import no_permit_rules, permit_rules_for, permit_rules_named
from sojourn.permits._verdict import no_permit_needed

__all__ = ["BeyondPermit", "Estimate", "HeldPermitEnd", "LegalStay", "OtherPermitAccount",
           "PermitAnswer", "Step", "choosing_for", "estimate_words", "held_permit_ends",
           "legal_end_rule", "legal_stay", "legal_stay_ended", "no_permit_needed",
           "no_permit_rules", "overstay_rule", "permit_plan", "permit_rules_for",
           "permit_rules_named", "with_extension_offered"]
