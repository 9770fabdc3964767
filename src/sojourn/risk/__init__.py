"""Extradition exposure and criminal liability in a host, explained: the charges the profile
records, their limitation, the host's policies, treaties and listings -> a :class:`RiskAnswer`.

An explanation of published policy and reported practice, not legal advice.
"""

from sojourn.risk._answer import (
           DISCLAIMER,
           OtherCitizenshipRisk,
           RiskAnswer,
           assess_risk,
    in_brief_entries,
)
from sojourn.risk._charges import ChargeView, gravity_of, gravity_words
from sojourn.risk._liabilities import LiabilityView
from sojourn.risk._limitation import LIMITATION_STATUSES, call_up_ends
from sojourn.risk._third_states import ThirdStateRisk
from sojourn.risk._treaties import BLOC_STATUS_WORDS

__all__ = ["BLOC_STATUS_WORDS", "DISCLAIMER", "LIMITATION_STATUSES", "ChargeView",
           "LiabilityView", "OtherCitizenshipRisk", "RiskAnswer", "ThirdStateRisk",
           "assess_risk", "call_up_ends", "gravity_of", "gravity_words",
           "in_brief_entries"]
