"""Settings for the test suite: the real settings with a throwaway secret key and, unless
DATABASE_URL names a database (PostgreSQL in CI, see .ci/run), SQLite in a temporary folder. The cache is the local one whatever REDIS_URL says:
tests/accounts/test_redis.py uses Redis database 15 itself."""

import os
import tempfile

os.environ.pop("REDIS_URL", None)  # never a real Redis: the tests empty the cache (db 15 below)
os.environ.setdefault("SMEWINDOW_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SMEWINDOW_VAR_DIR", tempfile.mkdtemp(prefix="smewindow-tests-"))

from smewindow.web.settings import *  # noqa: F403
