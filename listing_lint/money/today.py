"""The date a run takes as today, for judging how old rates are.

`LISTING_LINT_TODAY=YYYY-MM-DD` in the environment overrides the clock, so tests
and reproducible CI runs give the same C007 findings on any day.
"""

from __future__ import annotations

import os
from datetime import date

ENV_VAR = "LISTING_LINT_TODAY"


def today() -> date:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        from listing_lint.errors import ConfigError

        raise ConfigError(f"{ENV_VAR}={value!r} is not a date (YYYY-MM-DD)") from None
