"""Django settings: everything comes from CONCENTRIC_* environment variables.

The defaults give a development instance on embedded SQLite under ./var. With
CONCENTRIC_DEBUG off, start-up refuses development keys (see core.keys).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

from concentric.core import keys
from concentric.core.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("CONCENTRIC_DATA_DIR", "var")).resolve()
if not keys.help_only():  # `concentric --help` creates nothing
    DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("CONCENTRIC_DEBUG", False)
SECRET_KEY = keys.secret_key(DATA_DIR, debug=DEBUG)
FIELD_KEY = keys.field_key(DATA_DIR, debug=DEBUG)
ALLOWED_HOSTS = env_list("CONCENTRIC_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
# Host names the internet reaches the public portal by (through the gateway): a request for one of
# them gets only /portal/ and the static files (core.middleware.PublicHostMiddleware).
PORTAL_HOSTS = [host.lower() for host in env_list("CONCENTRIC_PORTAL_HOSTS", [])]
ALLOWED_HOSTS += [host for host in PORTAL_HOSTS if host not in ALLOWED_HOSTS]
CSRF_TRUSTED_ORIGINS = env_list("CONCENTRIC_CSRF_TRUSTED_ORIGINS", [])
# How many reverse proxies stand in front (each appends to X-Forwarded-For); 0 = none.
TRUSTED_PROXIES = env_int("CONCENTRIC_TRUSTED_PROXIES", 0)

INSTALLED_APPS = [
    "concentric.core",
    "concentric.audit",
    "concentric.org",
    "concentric.rollups",
    "concentric.accounts",
    "concentric.imports",
    "concentric.people",
    "concentric.venues",
    "concentric.activities",
    "concentric.publishing",
    "concentric.portal",
    "concentric.quotas",
    "concentric.dashboard",
    "concentric.reports",
    "concentric.shell",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "concentric.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "concentric.core.middleware.SecurityHeadersMiddleware",
    "concentric.core.middleware.PublicHostMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "concentric.core.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "concentric.accounts.middleware.SessionTimeoutMiddleware",
    "concentric.accounts.middleware.AccountGateMiddleware",
    "concentric.core.denials.DeniedAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "concentric.shell.urls"
WSGI_APPLICATION = "concentric.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "concentric.shell.context_processors.shell",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("CONCENTRIC_DATABASE_URL", f"sqlite:///{DATA_DIR / 'concentric.sqlite3'}"),
        conn_max_age=env_int("CONCENTRIC_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer writes; IMMEDIATE avoids lock upgrades mid-transaction.
    # SQLite's own page cache is 2 MB per connection: too small for the upper levels of a large
    # registry's indexes (docs/performance.md); it grows to the limit only as pages are read.
    SQLITE_CACHE_MB = env_int("CONCENTRIC_SQLITE_CACHE_MB", 64)
    if SQLITE_CACHE_MB < 1:
        raise ImproperlyConfigured("CONCENTRIC_SQLITE_CACHE_MB must be at least 1")
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        f"PRAGMA cache_size=-{SQLITE_CACHE_MB * 1024};",
    }
# "default": each serving process's own memory (the denied-access and check-in limits); "shared": files
# under the data directory that every serving process of the machine reads alike, for what must
# agree across processes: the public portal's pages, their generation and its rate limit.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DATA_DIR / "cache",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "concentric.accounts.backends.AccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# mlps: GB/T 22239 level 3 (length >= 8, three classes, 90-day rotation); asvs: OWASP ASVS (length >= 12).
PASSWORD_PROFILE = env_str("CONCENTRIC_PASSWORD_PROFILE", "mlps")
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "concentric.accounts.passwords.ProfileLengthValidator"},
    {"NAME": "concentric.accounts.passwords.ProfileCompositionValidator"},
    {
        "NAME": "concentric.accounts.passwords.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ["username", "full_name", "email"]},
    },
    {"NAME": "concentric.accounts.passwords.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Lockout by username whatever the IP (django-axes).
AXES_FAILURE_LIMIT = env_int("CONCENTRIC_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CONCENTRIC_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "concentric.accounts.views.lockout_response"

# Sessions: idle timeout (configurable) and an absolute lifetime; both checked server-side.
SESSION_ENGINE = "concentric.accounts.sessions"
SESSION_IDLE_SECONDS = env_int("CONCENTRIC_SESSION_IDLE_MINUTES", 15) * 60
SESSION_COOKIE_AGE = env_int("CONCENTRIC_SESSION_ABSOLUTE_HOURS", 12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("CONCENTRIC_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [
    # Lockout is by username whatever the IP, as MLPS asks; an IP lock would let one office NAT
    # lock out every colleague. Rotating IPs cannot bypass a username lock.
    "axes.W006",
]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Audit retention: the MLPS minimum is six months (184 days); shorter values are refused.
AUDIT_RETENTION_DAYS = max(env_int("CONCENTRIC_AUDIT_RETENTION_DAYS", 184), 184)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The project's own static folder (app.css, app.js, the built vendor/ assets) is not inside an app.
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves straight from the app folders (finders): no collectstatic step to forget.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": DATA_DIR / "media"}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "concentric.accounts.api.tokens.HashedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["concentric.accounts.api.permissions.AccountInGoodStanding"],
    "DEFAULT_SCHEMA_CLASS": "concentric.core.schema.AutoSchema",  # documents the error answers too
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "concentric.core.api.KeysetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "concentric.core.api.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Concentric API",
    "DESCRIPTION": "同心圆基层统战工作平台 API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["concentric.accounts.api.permissions.AccountInGoodStanding"],  # signed-in users only
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",  # the default is a CDN URL
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "concentric.core.schema.postprocess_dependent_choices",  # after the enums are named
        "concentric.core.schema.postprocess_links",
    ],
    # One name for the role choices, used by role assignments and a new user's initial role.
    "ENUM_NAME_OVERRIDES": {
        "RoleEnum": "concentric.core.roles.Role",
        "UnitKindEnum": "concentric.org.choices.UnitKind",
        "PathEventKindEnum": "concentric.people.choices.PathEventKind",
        "VenueKindEnum": "concentric.venues.choices.VenueKind",
        "DonationKindEnum": "concentric.activities.choices.DonationKind",
        "ParticipantRoleEnum": "concentric.activities.choices.ParticipantRole",
        "ActivityStatusEnum": "concentric.activities.choices.ActivityStatus",
        "HoursStatusEnum": "concentric.activities.choices.HoursStatus",
        "BookingStatusEnum": "concentric.venues.choices.BookingStatus",
        "ItemStatusEnum": "concentric.publishing.choices.ItemStatus",
    },
}

# A filter left empty filters nothing: its select's empty choice reads 全部 (forms say 请选择).
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")

# API tokens expire; a new one is issued from a signed-in session.
API_TOKEN_DAYS = env_int("CONCENTRIC_API_TOKEN_DAYS", 90)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Hours an uploaded workbook waits (encrypted) for the commit of its dry run; the task worker's
# sweep deletes it afterwards.
CONCENTRIC_IMPORT_KEEP_HOURS = env_int("CONCENTRIC_IMPORT_KEEP_HOURS", 24)
# A phone check-in link stays valid until its activity ends plus this many hours.
CHECK_IN_GRACE_HOURS = env_int("CONCENTRIC_CHECK_IN_GRACE_HOURS", 2)
if CONCENTRIC_IMPORT_KEEP_HOURS < 1:
    raise ImproperlyConfigured("CONCENTRIC_IMPORT_KEEP_HOURS must be at least 1")

# The public portal: requests per minute from one address before it answers 429.
PORTAL_RATE = env_int("CONCENTRIC_PORTAL_RATE", 120)
if PORTAL_RATE < 1:
    raise ImproperlyConfigured("CONCENTRIC_PORTAL_RATE must be at least 1")

# Files kept on records (core.kit.files): the largest file accepted, in megabytes, and how many
# files one upload may carry.
CONCENTRIC_FILE_MAX_MB = env_int("CONCENTRIC_FILE_MAX_MB", 10)
if CONCENTRIC_FILE_MAX_MB < 1:
    raise ImproperlyConfigured("CONCENTRIC_FILE_MAX_MB must be at least 1")
CONCENTRIC_FILES_PER_UPLOAD = 20

# Serving processes: collect the young generation every N allocations instead of Python's 700
# (0 keeps Python's default; see core.heap and docs/operations.md).
GC_YOUNG_THRESHOLD = env_int("CONCENTRIC_GC_YOUNG_THRESHOLD", 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("CONCENTRIC_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Once, through the root's handler (Django's own would print each line a second time).
        "django": {"handlers": ["console"], "level": env_str("CONCENTRIC_LOG_LEVEL", "WARNING"), "propagate": False},
        # Refusals (403, 404) are audit events (core.denials), not errors: no traceback on the console.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

OTP_TOTP_ISSUER = "Concentric"
