"""Local development: debug on."""

from .base import *  # noqa: F403

DEBUG = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# The demo editor signs in without a second factor (production requires one: docs/security.md).
STAFF_MFA_ENFORCED = False
