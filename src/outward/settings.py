"""Outward's settings, read from the environment (and a `.env` file beside the project)."""

from pathlib import Path

import dj_database_url
from dotenv import load_dotenv

from outward.env import envbool, envcurrency, envint, envlist, envstr, stored_secret_key

# Settings are read from the environment, and from a `.env` file in the working folder (the
# folder `outward` runs in: the checkout for `make run`, wherever a deployment keeps it).
load_dotenv(Path.cwd() / ".env")

DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

OUTWARD_OWN_DOMAINS = [d.lower() for d in envlist("OUTWARD_OWN_DOMAINS")]
# Where users reach this installation: links in e-mails sent outside a request (reminders).
OUTWARD_BASE_URL = envstr("OUTWARD_BASE_URL", "http://127.0.0.1:8000")
# The installation's one currency, shown with every amount on the pages: EUR, USD, €, $…
OUTWARD_CURRENCY = envcurrency("OUTWARD_CURRENCY")
# The installation's own files: the embedded database, uploads, collected static files. Never
# inside the installed package: by default `var/` in the working folder.
VAR_DIR = Path(envstr("OUTWARD_HOME") or Path.cwd() / "var").resolve()
# SECRET_KEY from the environment, else the one `outward serve` generated and stored in the
# data folder (owner-only) on its first start. The fixed development key is left only for
# tests and commands run before any `outward serve`; `check --deploy` flags it.
SECRET_KEY_FILE = VAR_DIR / "secret_key"
DEVELOPMENT_SECRET_KEY = "django-insecure-outward-development-only-key-change-me-0123456789"
SECRET_KEY = envstr("SECRET_KEY") or stored_secret_key(SECRET_KEY_FILE) or DEVELOPMENT_SECRET_KEY

INSTALLED_APPS = [
    # First, so its registration/ templates (password reset) win over the admin's.
    "outward.core",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    # The areas, lowest layer first (docs/architecture.md). Import kinds are registered in
    # this order, which is the order of shared/spec/import-formats.md.
    "outward.exchange",
    "outward.partners",
    "outward.sales",
    "outward.targets",
    "outward.objectives",
    "outward.territories",
    "outward.plans",
    "outward.health",
    "outward.events",
    "outward.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "outward.core.characters.ControlCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "outward.core.tenancy.TenancyMiddleware",
    "outward.core.memo.RequestMemoMiddleware",
]

ROOT_URLCONF = "outward.urls"
WSGI_APPLICATION = "outward.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "outward.core.context_processors.navigation",
            ],
        },
    }
]

if not envstr("DATABASE_URL"):
    # The embedded default: a newcomer's first `make run` creates var/ on its own.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'outward.sqlite3'}"
    )
}
# Each server thread keeps its connection for a minute instead of opening one per request
# (a PostgreSQL connection costs a process start on the server); checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = envint("OUTWARD_CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets page reads continue while an import writes; IMMEDIATE takes the write lock at
    # the start of a transaction (no deadlocking lock upgrades); a writer waits up to `timeout`
    # seconds for the lock, then the request answers 503 (core/views.py).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        "PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("OUTWARD_SQLITE_TIMEOUT", 10),
    }
    # Sessions and log-in attempts in a file of their own, so that log-ins never wait for an
    # import's write lock (core/routers.py).
    _main = Path(DATABASES["default"]["NAME"])
    DATABASES["signin"] = {
        **DATABASES["default"],
        "NAME": str(_main.with_name(f"{_main.stem}-signin{_main.suffix}")),
        "OPTIONS": dict(DATABASES["default"]["OPTIONS"]),
    }
DATABASE_ROUTERS = ["outward.core.routers.SignInRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "outward.core.hashers.OwaspArgon2Hasher",  # core/hashers.py says why
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # hashes made before 2026-12
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling: five failures lock that username from that address for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# How many reverse proxies sit in front (docs/operations.md): the client's address is then read
# from X-Forwarded-For past them, so a lockout hits one client and not everyone.
OUTWARD_TRUSTED_PROXIES = envint("OUTWARD_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "outward.core.login.client_address"
AXES_USERNAME_CALLABLE = "outward.core.login.login_username"
# `outward import` lowers its CPU priority by this much (nice), so pages stay quick meanwhile.
OUTWARD_IMPORT_NICE = envint("OUTWARD_IMPORT_NICE", 10)
# Password-reset mails per hour, per account and per client address.
OUTWARD_RESET_PER_ACCOUNT = envint("OUTWARD_RESET_PER_ACCOUNT", 3)
OUTWARD_RESET_PER_ADDRESS = envint("OUTWARD_RESET_PER_ADDRESS", 10)

LANGUAGE_CODE = "en"
TIME_ZONE = envstr("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "media"
# What one input may cost (docs/operations.md): each refusal names its limit.
OUTWARD_UPLOAD_MAX_BYTES = envint("OUTWARD_UPLOAD_MAX_BYTES", 512 * 1024 * 1024)
OUTWARD_XLSX_MAX_UNZIPPED_BYTES = envint("OUTWARD_XLSX_MAX_UNZIPPED_BYTES", 1024 * 1024 * 1024)
OUTWARD_IMPORT_MAX_ROWS = envint("OUTWARD_IMPORT_MAX_ROWS", 5_000_000)
OUTWARD_IMPORT_MAX_COLUMNS = envint("OUTWARD_IMPORT_MAX_COLUMNS", 100)
OUTWARD_API_MAX_KEYS = envint("OUTWARD_API_MAX_KEYS", 1000)
# Where imports leave the lock that keeps a second one waiting (SQLite has one writer).
OUTWARD_LOCK_DIR = VAR_DIR

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "outward@localhost")

# A deployment (SECRET_KEY set, DEBUG off) is assumed to sit behind TLS: secure cookies, HTTPS
# redirect and HSTS default on, so `outward check --deploy` is clean. `make run` on a laptop uses
# the built-in development key and plain HTTP. Each setting can be overridden from the environment.
_DEPLOYED = bool(envstr("SECRET_KEY")) and not DEBUG
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", _DEPLOYED)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", _DEPLOYED)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", _DEPLOYED)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if _DEPLOYED else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", _DEPLOYED)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", _DEPLOYED)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere, so this policy holds for every page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "outward.core.api_auth.BearerTokenAuthentication",
        "outward.core.api_auth.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["outward.core.permissions.RulePermission"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "outward.core.api_schema.AutoSchema",
    "EXCEPTION_HANDLER": "outward.core.api_errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": [
        "outward.core.api_parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Outward API",
    "DESCRIPTION": "Partner relationship management: partners, deals, targets, objectives, health.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI served from our own static files, so the strict CSP holds on the docs page.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Background work: Celery on a broker when one is configured; without one, `outward serve` runs
# it in this many threads of each server process (imports, assignment, agenda solving), and a
# shell or the tests run it inline.
OUTWARD_BACKGROUND_THREADS = envint("OUTWARD_BACKGROUND_THREADS", 2)
CELERY_BROKER_URL = envstr("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
