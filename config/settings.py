"""Settings for the improvement plan tracker; every value comes from the environment via env.py."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY") or "insecure-development-only-key"  # noqa: S105
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
else:
    SECRET_KEY = env_required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [env_required("ALLOWED_HOSTS")]

COUNCIL_NAME = env_str("COUNCIL_NAME", "Northdale Council")
SERVICE_NAME = "Improvement plan tracker"
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Public meeting packs: <meta name="robots"> and X-Robots-Tag (for example "noindex").
PUBLIC_PACKS_ROBOTS = env_str("PUBLIC_PACKS_ROBOTS", "noindex")
# Days an account invitation's set-password link works (accounts/invitations.py).
INVITATION_DAYS = env_int("INVITATION_DAYS", 7)

INSTALLED_APPS = [
    "core.admin_config.TrackerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "core",
    "audit",
    "jobs",
    "accounts",
    "inspections",
    "recommendations",
    "improvement",
    "measures",
    "meetings",
    "registers",
    "api",
    "devtools",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "core.middleware.NoStoreForSignedInMiddleware",
    "core.middleware.RequestLogMiddleware",
    "core.middleware.DatabaseBusyMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.layout",
                "jobs.context_processors.downloads",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT spent seconds compiling millisecond aggregates; the working set stays in memory, so the
    # default random_page_cost (4, for spinning disks) made the planner scan every action.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off -c random_page_cost=1.1"
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The zero-set-up database, made safe for a few web threads and a command writing at
    # once (docs/deployment.md, "SQLite or PostgreSQL"). WAL lets readers and the one writer
    # work side by side; with WAL, synchronous=NORMAL loses nothing on an app crash and at
    # most the last commits on a power cut. A transaction takes the write lock when it
    # begins (IMMEDIATE), so writers queue for up to SQLITE_BUSY_TIMEOUT seconds; by
    # default one that began by reading fails at once with "database is locked" when it
    # goes on to write while another holds the lock. Options in DATABASE_URL's query win.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The dashboard's covering index (Action.Meta) is a PostgreSQL optimisation; SQLite keeps
# its key columns only, which is all the zero-set-up database needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Password sign-in (Django's ModelBackend), refused when OIDC_ONLY is on for anyone not
    # on the break-glass list; then the council's OpenID provider (docs/sso.md).
    "accounts.sso.backends.PasswordBackend",
    "accounts.sso.backends.CouncilAccountBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff must confirm a one-time password from an authenticator app to use Django admin.
ADMIN_REQUIRE_OTP = env_bool("ADMIN_REQUIRE_OTP", not DEBUG)
OTP_TOTP_ISSUER = "Improvement plan tracker"

# Single sign-on with the council's OpenID provider (Microsoft Entra ID); docs/sso.md.
# Off while OIDC_ISSUER is empty. The provider's endpoints come from its discovery document,
# read at request time (accounts/sso/provider.py), so tests may change these settings.
OIDC_ISSUER = env_str("OIDC_ISSUER").strip().rstrip("/")
OIDC_ISSUER_ORIGIN = "{0.scheme}://{0.netloc}".format(urlsplit(OIDC_ISSUER)) if OIDC_ISSUER else ""
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_ROLE_CLAIM = env_str("OIDC_ROLE_CLAIM", "roles")
# "claim value=role,...", role one of officer, plan_manager, scrutiny_member, auditor, admin.
OIDC_ROLE_MAP = env_str("OIDC_ROLE_MAP")
OIDC_CREATE_USERS = env_bool("OIDC_CREATE_USERS", True)
OIDC_ONLY = env_bool("OIDC_ONLY", False)
OIDC_BREAK_GLASS_EMAILS = [email.lower() for email in env_list("OIDC_BREAK_GLASS_EMAILS")]
# Whether the provider's multi-factor sign-in (amr claim "mfa") stands for the one-time
# password Django admin asks for when ADMIN_REQUIRE_OTP is on.
OIDC_MFA_SATISFIES_ADMIN_OTP = env_bool("OIDC_MFA_SATISFIES_ADMIN_OTP", True)
OIDC_LEEWAY_SECONDS = env_int("OIDC_LEEWAY_SECONDS", 60)
OIDC_TIMEOUT_SECONDS = env_int("OIDC_TIMEOUT_SECONDS", 5)
# Who a person signed in with no mapped role should ask, shown on the no-access page.
OIDC_ACCESS_CONTACT = env_str("OIDC_ACCESS_CONTACT")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lock-out: 5 failures for an account (from any address) or from an address (for
# any accounts) lock it for 15 minutes. The account is the e-mail address posted as
# `username`, lower-cased; the address is the client's, behind TRUSTED_PROXY_COUNT proxies.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_CLIENT_IP_CALLABLE = "core.network.client_address"
AXES_HANDLER = "accounts.lockout.AccountLockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# Sessions end 30 minutes idle and at browser close (written once a minute: SessionIdleMiddleware).
SESSION_COOKIE_AGE = 30 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# Transport security: on unless DEBUG, and switchable for a TLS-terminating proxy set-up.
SECURE_TRANSPORT = env_bool("SECURE_TRANSPORT", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
SECURE_SSL_REDIRECT = SECURE_TRANSPORT
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_TRANSPORT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TRANSPORT
SECURE_HSTS_PRELOAD = SECURE_TRANSPORT
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Proxies in front of the app that append to X-Forwarded-For; the client's address is the
# entry that many from the right (core/network.py). 0: use the connection's address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Signing out of a provider session ends with a redirect to the provider.
        "form-action": [SELF, *([OIDC_ISSUER_ORIGIN] if OIDC_ISSUER_ORIGIN else [])],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Uploaded evidence lives outside the static root and is only served through a permission check.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads on local disk by default; S3-compatible object storage (pip install -e ".[s3]")
# lets several app servers share them.
if env_str("STORAGE_BACKEND", "filesystem") == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_required("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_MB", 20) * 1024 * 1024
EVIDENCE_MAX_FILES = env_int("EVIDENCE_MAX_FILES", 5)
# The whole request body, files included, refused (413) from its Content-Length before
# anything is read (core.middleware.RequestSizeLimitMiddleware). The proxy in front should
# refuse the same (docs/deployment.md).
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_MB", 50) * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields other than files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 50

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before a silent mail server counts as a failure (the notice waits in the outbox).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "improvement-plans@northdale.example.org")

FORMS_URLFIELD_ASSUME_HTTPS = True
FORM_RENDERER = "core.renderers.FormRenderer"  # Django's, with selects drawn in Python
CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

SIMPLE_HISTORY_REVERT_DISABLED = True

# The task queue (django-tasks with its database backend): long work (large exports, report
# packs, imports, the daily reminders and clean-up) runs in `manage.py run_worker` processes
# beside the web server; see docs/deployment.md. TASKS_BACKEND=immediate runs each task in
# the request that asks for it (the test suite's default).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env_str("TASKS_BACKEND", "database") == "immediate"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}
# Days a prepared download is kept before the daily clean-up deletes its file.
JOB_FILES_KEEP_DAYS = env_int("JOB_FILES_KEEP_DAYS", 7)
# A running job whose worker has not reported for this long is marked failed (a worker
# reports every few seconds while it works).
JOB_STALE_SECONDS = env_int("JOB_STALE_SECONDS", 300)
# /healthz fails when a task has waited longer than this for a worker.
JOB_QUEUE_MAX_WAIT_SECONDS = env_int("JOB_QUEUE_MAX_WAIT_SECONDS", 600)
# A job that ran longer than this e-mails its owner when it finishes.
JOB_EMAIL_AFTER_SECONDS = env_int("JOB_EMAIL_AFTER_SECONDS", 60)
# Lists with more rows than this are exported by a worker instead of in the request.
JOB_EXPORT_THRESHOLD = env_int("JOB_EXPORT_THRESHOLD", 2000)
# When the worker runs the daily tasks (reminders, clean-up): this hour, Europe/London.
DAILY_TASKS_HOUR = env_int("DAILY_TASKS_HOUR", 7)

# Days each kind of record is kept; see docs/retention.md. 0 means keep for ever.
RETENTION_DAYS_EVIDENCE = env_int("RETENTION_DAYS_EVIDENCE", 0)
RETENTION_DAYS_AUDIT = env_int("RETENTION_DAYS_AUDIT", 0)

# The read API (api/, docs/api.md): personal bearer tokens only, no session, so no CSRF
# surface. Each token may make API_RATE_LIMIT requests (DRF's "600/minute" form); past
# that it gets 429 with Retry-After. The counts live in the default cache: one per
# process unless a shared cache is configured.
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/minute")
API_MAX_PAGE_SIZE = env_int("API_MAX_PAGE_SIZE", 1000)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_RATES": {"token": API_RATE_LIMIT},
    "DEFAULT_SCHEMA_CLASS": "api.schema.ApiAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Improvement plan tracker read API",
    "DESCRIPTION": "Read-only data for Power BI, Excel and other systems. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI from the installed sidecar package: no CDN, within the CSP.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "persistAuthorization": False},
    "ENUM_NAME_OVERRIDES": {
        "ActionStatusEnum": "improvement.status.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env_str("LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # Django's own per-request warnings repeat our request log, with query strings.
        "django.request": {"level": "ERROR"},
        "improvement.requests": {"level": env_str("REQUEST_LOG_LEVEL", "INFO")},
    },
}
