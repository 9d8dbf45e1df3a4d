"""Settings shared by every environment. Defaults here are safe for development only."""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from core.headers import static_headers

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# Our apps, by layer from the bottom up (imports point down only; tests/test_layers.py checks it).
INSTALLED_APPS = [
    "accounts",
    "core",
    "curriculum",
    "quizzes",
    "parents",
    "lessons",
    "classrooms",
    "progress",
    "safeguarding",
    "home",
    "contentpack",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.api.v2",
    "wagtail.locales",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "rest_framework",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Not unused: Wagtail's search index uses its SearchVectorField and GinIndex on PostgreSQL (check fails without).
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous visitors' cached public pages are answered here, before anything per-visitor (sessions, the
    # language, CSRF, the user, messages) or URL resolution runs, and stored here on the way out with the
    # headers of everything below (core/caching.py).
    "core.caching.serve_cached_pages",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.sessions.keep_alive",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "classrooms.middleware.pupil_session_lifetime",
    "accounts.sessions.absolute_lifetime",
    "django_otp.middleware.OTPMiddleware",
    "accounts.mfa.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "core.middleware.admin_csp",
    "core.middleware.permissions_policy",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail's page walk replaced by one query when the shared index knows the path (core/routing.py).
    "core.routing.PageIndexMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in counters must be shared by every process: the database cache (`manage.py createcachetable`, also
# made by the classrooms migrations) unless Redis is configured. Production refuses a per-process cache.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "safesteps_cache"}}
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese first (the default), then English.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Editors choose the admin's language among the site's two (Wagtail's default list holds ~60, named in English).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
# Uploaded images and documents; on several app servers, a shared volume (or object storage: docs/deploy.md).
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Where `manage.py backup` writes (one timestamped directory per backup; docs/deploy.md "Backups").
BACKUP_ROOT = Path(os.environ.get("BACKUP_ROOT", BASE_DIR / "backups"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Classroom computers are shared: sessions end with the browser and after two idle hours. A session is read
# from the cache (Redis in production) and written through to the database; it is saved when it changes and,
# to keep the idle timeout sliding, at most every SESSION_REFRESH_SECONDS (accounts.sessions.keep_alive), never
# on every request: a pupil's lesson step writes no session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_REFRESH_SECONDS = 5 * 60
# A pupil's session also ends this many hours after sign-in, however busy it was (classrooms.middleware).
PUPIL_SESSION_HOURS = int(os.environ.get("PUPIL_SESSION_HOURS", "4"))
# However active, a staff session ends 12 hours after sign-in; login cards, exports, deletions and access
# changes ask for the password again 15 minutes after the last sign-in or confirmation.
STAFF_SESSION_MAX_AGE = int(os.environ.get("STAFF_SESSION_MAX_AGE", str(12 * 60 * 60)))
STAFF_REAUTH_SECONDS = 15 * 60
STAFF_REAUTH_URL = "classrooms:confirm_identity"
# A second factor (an authenticator app, with recovery codes) for editors, reviewers and school admins;
# offered to teachers. Development and the demo switch the requirement off (docs/security.md).
STAFF_MFA_ENFORCED = os.environ.get("STAFF_MFA_ENFORCED", "1") == "1"
STAFF_MFA_VERIFY_URL = "classrooms:second_factor"
STAFF_MFA_ENROL_URL = "classrooms:second_factor_enrol"
OTP_TOTP_ISSUER = "SafeSteps"

# Nothing is loaded from other sites; no inline script or style on the public site.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
# Wagtail's admin (editors only) still needs inline styles and scripts.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-ancestors": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
# Static files are served by whitenoise before any middleware: they get the same rules from this function.
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

WAGTAIL_SITE_NAME = "SafeSteps"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public address printed on login cards and take-home letters (core/addresses.py); empty: the request's host.
SITE_URL = os.environ.get("SITE_URL", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "pptx", "txt"]
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: the CSP (img-src 'self') blocks it, which left a broken picture on every admin screen, and it
# would send a hash of each staff email to gravatar.com. Staff without an uploaded picture get Wagtail's own.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

# How many reverse proxies (load balancer, CDN) stand in front of the app; core/network.py reads the
# client's address from X-Forwarded-For only that many hops deep. 0: use REMOTE_ADDR (no proxy).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

AUTH_USER_MODEL = "accounts.User"
# Staff sign in with email and password; pupils with the class list + picture/word password, or their card.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.StaffBackend",
    "classrooms.backends.PupilSecretBackend",
    "classrooms.backends.PupilCardBackend",
]
LOGIN_URL = "classrooms:staff_login"
# Only editors (and the operator) sign in to Wagtail's admin; its own reset emails are off (the staff reset
# form is rate-limited and serves editors too).
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Background tasks (Django's tasks framework): rows in the database, run by `manage.py task_worker`
# (django-tasks-db's worker; `make run` starts one, production runs one beside the app servers: docs/deploy.md).
# Emails, Wagtail's search-index and reference-index updates after a save, and the daily tasks below. The tests
# run tasks at once (config/settings/test.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Tasks the worker runs every day, at this local time (TIME_ZONE), scheduling each next run itself (core/tasks.py).
DAILY_TASKS = {
    "classrooms.tasks.purge_archived_classes": os.environ.get("RETENTION_PURGE_AT", "03:30"),
    "core.tasks.prune_finished_tasks": "04:00",
}
# Rows of finished tasks (their ids and outcome) are kept this long, for looking into a failure.
TASK_RESULTS_KEEP_DAYS = 14

# Email goes to the console unless production configures a mail server.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SafeSteps <noreply@safesteps.invalid>")

# Classrooms: invitation links last two weeks; archived classes are purged after a year.
CLASSROOM_INVITATION_DAYS = 14
CLASSROOM_RETENTION_DAYS = int(os.environ.get("CLASSROOM_RETENTION_DAYS", "365"))

# seed_demo builds demo content and a demo editor; production switches it off.
DEMO_DATA_ALLOWED = True
