"""jalin's settings: one file, driven by environment variables, SQLite by default.

Every variable is listed once, with its default and meaning, in ``SETTINGS`` below; the
README's table and the docs test are checked against it. Absent ``DATABASE_URL`` means SQLite in
the data directory (WAL, a busy timeout and IMMEDIATE transactions); ``postgresql://…`` means
PostgreSQL.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import platformdirs
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


SETTINGS = (
    Setting("JALIN_DATA_DIR", "the user's data directory", "where the database and keys live"),
    Setting("DATABASE_URL", "SQLite in the data directory", "postgresql://user@host/db for PG"),
    Setting("JALIN_SECRET_KEY", "generated in the data directory", "signing key; or _FILE"),
    Setting("JALIN_DEBUG", "false", "show Django's debug pages"),
    Setting("JALIN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]", "host names the app answers"),
    Setting("JALIN_TIME_ZONE", "the system's time zone", "where 'today' begins and ends"),
    Setting("JALIN_PHONE_REGION", "ID", "region for phone numbers written without +"),
    Setting("JALIN_LANGUAGE", "en", "language before a user chooses one (en or id)"),
    Setting("JALIN_TASKS_IMMEDIATE", "false", "run background work inline (tests, debugging)"),
    Setting("JALIN_SMTP_HOST", "none: digests go to the log", "mail server for the digests"),
    Setting("JALIN_SMTP_PORT", "587", "its port"),
    Setting("JALIN_SMTP_USER", "none", "its user name, with JALIN_SMTP_PASSWORD"),
    Setting("JALIN_SMTP_TLS", "true", "STARTTLS (JALIN_SMTP_SSL=true for implicit TLS)"),
    Setting("JALIN_FROM_EMAIL", "jalin <jalin@localhost>", "the digests' sender"),
    Setting("JALIN_BASE_URL", "http://127.0.0.1:8000", "the app's address, for links in mail"),
)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_secret(name: str) -> str | None:
    """Read ``NAME`` or the file named by ``NAME_FILE`` (container secrets)."""
    if os.environ.get(name):
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    return Path(path).read_text().strip() if path else None


def _system_time_zone() -> str:
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # no zone configured at all: fall back to jalin's home
        name = None
    return name if name and name != "UTC" else "Asia/Jakarta"


def _secret_key(data_dir: Path) -> str:
    given = env_secret("JALIN_SECRET_KEY")
    if given:
        return given
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DATA_DIR = Path(os.environ.get("JALIN_DATA_DIR") or platformdirs.user_data_dir("jalin"))
DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = _secret_key(DATA_DIR)
DEBUG = env_bool("JALIN_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("JALIN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
PHONE_REGION = os.environ.get("JALIN_PHONE_REGION", "ID").upper()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "huey.contrib.djhuey",
    "jalin.core",
    "jalin.web",
    "django.forms",
]

# Form widgets render with the project's templates, so that jalin.web can write Django's
# select faster (templates/django/forms/widgets/select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jalin.web.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "jalin.urls"
WSGI_APPLICATION = "jalin.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # Django's {% url %}, each address kept once reversed (lists write many).
            "builtins": ["jalin.web.templatetags.kept_url"],
        },
    }
]


def _database(url: str | None) -> dict:
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = _SQLITE_OPTIONS
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "jalin.sqlite3",
        "OPTIONS": _SQLITE_OPTIONS,
        "CONN_MAX_AGE": 60,  # as for a database URL: a request reuses its thread's connection
    }


# WAL lets pages read while an import writes; IMMEDIATE transactions take the write lock at
# BEGIN, so two writers wait on the busy timeout instead of failing with "database is locked".
# A 64 MB page cache keeps the indexes an import writes to in memory; reads go through a
# memory map of the file's first GiB, which spares a fresh connection (each request) a copy
# of every page it reads.
_SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        " PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;"
        " PRAGMA mmap_size=1073741824;"
    ),
    "transaction_mode": "IMMEDIATE",
}

DATABASES = {"default": _database(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = os.environ.get("JALIN_LANGUAGE", "en")
LANGUAGES = [("en", _("English")), ("id", _("Bahasa Indonesia"))]
LOCALE_PATHS = [Path(__file__).parent / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("JALIN_TIME_ZONE") or _system_time_zone()

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work (imports, digests) runs on huey with its queue in its own SQLite file, so it
# needs no broker and never contends with the app's database for the write lock. `jalin serve`
# starts the workers itself; `jalin worker` runs them apart on a server.
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "jalin",
    "filename": str(DATA_DIR / "tasks.sqlite3"),
    "immediate": env_bool("JALIN_TASKS_IMMEDIATE"),
    "results": True,
    "utc": False,  # periodic tasks (the nightly rescore) follow the machine's own clock
    "consumer": {"workers": 2, "worker_type": "thread"},
}
# The digests go by SMTP when a server is named; without one they are written to the log, so
# a fresh install shows what it would send.
if os.environ.get("JALIN_SMTP_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["JALIN_SMTP_HOST"]
    EMAIL_PORT = int(os.environ.get("JALIN_SMTP_PORT") or 587)
    EMAIL_HOST_USER = os.environ.get("JALIN_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("JALIN_SMTP_PASSWORD", "")
    EMAIL_USE_SSL = env_bool("JALIN_SMTP_SSL")
    EMAIL_USE_TLS = not EMAIL_USE_SSL and env_bool("JALIN_SMTP_TLS", default=True)
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("JALIN_FROM_EMAIL") or "jalin <jalin@localhost>"
BASE_URL = (os.environ.get("JALIN_BASE_URL") or "http://127.0.0.1:8000").rstrip("/")

UPLOAD_DIR = DATA_DIR / "uploads"
DATA_UPLOAD_MAX_NUMBER_FILES = 50
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
# Django's database sessions and sign-in, each with its read on every request as SQL; the
# model backend stays for the sessions it signed in before.
SESSION_ENGINE = "jalin.web.signin"
AUTHENTICATION_BACKENDS = [
    "jalin.web.signin.OwnerBackend",
    "django.contrib.auth.backends.ModelBackend",
]
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
