"""The plan as code: profile, dated parameters, programs, and the screening engine.

Pure Python and Polars; nothing here imports Django.
"""

from smewindow.rules.engine import RULES_VERSION, ScreeningDateError, screen, today_taipei
from smewindow.rules.profile import Profile, ProfileError, parse_profile
from smewindow.rules.programs import PROGRAMS, PROGRAMS_BY_ID

__all__ = [
    "PROGRAMS",
    "PROGRAMS_BY_ID",
    "RULES_VERSION",
    "Profile",
    "ProfileError",
    "ScreeningDateError",
    "parse_profile",
    "screen",
    "today_taipei",
]
