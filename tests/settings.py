"""Settings for the test suite: jalin's own, with a throw-away data directory."""

import os
import tempfile

os.environ.setdefault("JALIN_DATA_DIR", tempfile.mkdtemp(prefix="jalin-test-"))
os.environ["JALIN_TIME_ZONE"] = "Asia/Jakarta"

from jalin.settings import *  # noqa: F403

# Hashing with argon2 on every login would dominate the suite's time; the hasher is not
# what the tests are about.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

HUEY = {**HUEY, "immediate": True}  # noqa: F405  (tasks run inline in tests)
