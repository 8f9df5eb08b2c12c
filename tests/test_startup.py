"""Start-up: `--help` and the CLI module import nothing heavy (a pre-commit hook runs on every commit).

Timings are measured by benchmarks/startup.py, not asserted here.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ["yaml", "babel", "langdetect", "py3langid", "ftfy", "forex_python", "requests", "listing_lint.engine",
         "listing_lint.registry", "importlib.metadata", "decimal"]


def test_help_imports_nothing_heavy():
    code = (
        "import sys\n"
        "from listing_lint.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
