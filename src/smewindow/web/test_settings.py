"""Settings for the test suite: the real settings with a throwaway secret key and, unless
DATABASE_URL names a database (PostgreSQL in CI, see .ci/run), SQLite in a temporary folder. The cache is the local one whatever REDIS_URL says:
tests/accounts/test_redis.py uses Redis database 15 itself."""

import os
import tempfile

os.environ.pop("REDIS_URL", None)  # never a real Redis: the tests empty the cache (db 15 below)
os.environ.setdefault("SMEWINDOW_SECRET_KEY", "tests-only-not-secret")
os.environ.setdefault("SMEWINDOW_HTTPS", "off")  # the test client speaks plain HTTP
os.environ.setdefault("SMEWINDOW_VAR_DIR", tempfile.mkdtemp(prefix="smewindow-tests-"))

from smewindow.web.settings import *  # noqa: F403

# WhiteNoise warns on every request when STATIC_ROOT does not exist (collectstatic never runs
# in the tests): the folder exists, empty; pages under test link their static files by URL.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405

# Hashing a password the production way takes ~0.3 s; the tests log in hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
