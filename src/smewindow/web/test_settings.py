"""Settings for the test suite: the real settings with a throwaway secret key and, unless
DATABASE_URL names a database (PostgreSQL in CI, see .ci/run), SQLite in a temporary folder."""

import os
import tempfile

os.environ.setdefault("SMEWINDOW_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SMEWINDOW_HTTPS", "off")  # the test client speaks plain HTTP
os.environ.setdefault("SMEWINDOW_VAR_DIR", tempfile.mkdtemp(prefix="smewindow-tests-"))

from smewindow.web.settings import *  # noqa: F403
