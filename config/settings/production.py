"""Production: every secret and address comes from the environment; a missing one stops start-up."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = os.environ["ALLOWED_HOSTS"].split(",")
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}
# One cache shared by every app server (cached public pages and their purges, sign-in locks): Redis, else
# the database (`manage.py createcachetable` makes its table).
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
if os.environ.get("CACHE_BACKEND"):
    CACHES = {"default": {"BACKEND": os.environ["CACHE_BACKEND"], "LOCATION": os.environ.get("CACHE_LOCATION", "")}}
# Several sites (or test runs) may share one Redis: each keeps its keys under its own prefix.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("CACHE_KEY_PREFIX", "")
# Sign-in locks and counters must be shared by every process and server: never a per-process cache.
if CACHES["default"]["BACKEND"].rsplit(".", 1)[0] in {
    "django.core.cache.backends.locmem",
    "django.core.cache.backends.dummy",
}:
    raise ImproperlyConfigured(
        "Production needs a shared cache (the database cache or REDIS_URL), not a per-process one."
    )

DEBUG = False
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are only accepted over HTTPS, for this host alone and path "/": no subdomain can set them.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
MAILERS = {
    "default": {
        "BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "587")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": os.environ.get("EMAIL_USE_TLS", "1") == "1",
        },
    }
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
# Printed on login cards and letters: the public address, never a development default.
SITE_URL = os.environ.get("SITE_URL", f"https://{ALLOWED_HOSTS[0]}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
DEMO_DATA_ALLOWED = False
