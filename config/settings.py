"""The one settings file. Everything a site changes comes from the environment;
the README lists each variable."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from csp.constants import NONE, SELF

from codingdesk.lib.env import (
    env_bool,
    env_int,
    env_list,
    env_str,
    plan_defaults_from_env,
    read_or_create_secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CODINGDESK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# A single-machine site need not invent a key: one is made once and kept in var/.
SECRET_KEY = env_str("SECRET_KEY") or read_or_create_secret_key(VAR_DIR / "secret_key")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The address people reach the site at; links in emails are built from it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "allauth",
    "allauth.account",
    "codingdesk.accounts",
    "codingdesk.codesets",
    "codingdesk.search",
    "codingdesk.edits",
    "codingdesk.fees",
    "codingdesk.coverage",
    "codingdesk.claims",
    "codingdesk.assistant",
    "codingdesk.consultant",
    "codingdesk.jobs",
    "codingdesk.background",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "codingdesk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "codingdesk.accounts.context_processors.account",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'codingdesk.sqlite3'}",
        conn_max_age=600,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web workers read while an import writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The database cache works on one machine with no extra service and is shared
# by every web worker (login throttling and API rate limits live here). A site
# with Redis sets CACHE_URL=redis://127.0.0.1:6379/0.
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "codingdesk_cache"}
}

# Accounts: email and password through django-allauth.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Sign-up and password reset answer alike whether or not the email is known.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
# Changing the email address asks for the password again, so a stolen session
# cannot move the account to another address.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CodingDesk] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
# Failed logins: 10 a minute from one address, 5 in 5 minutes for one account.
ACCOUNT_RATE_LIMITS = {"login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key")}

# Outbound mail. Without EMAIL_HOST, messages are printed to the console.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CodingDesk <noreply@localhost>")

# Security. Cookies are Secure when the site is served over HTTPS (SITE_URL
# starts with https://); behind a proxy that terminates TLS, set
# TRUST_X_FORWARDED_PROTO=true so Django knows the request was secure.
SECURE_COOKIES = env_bool("SECURE_COOKIES", SITE_URL.startswith("https://"))
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere: every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "codingdesk" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# A file missing from the manifest (say, before collectstatic) is served
# under its plain name rather than failing the page.
WHITENOISE_MANIFEST_STRICT = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Where the official release files live (ICD-10-PCS, HCPCS, ...). ICD-10-CM
# comes from the simple-icd-10-cm package and needs no file here.
# Each app node keeps its own search index, built from the database.
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "search")))

# CPT descriptors belong to the AMA: they show only where a site holds a
# licence (true here) and has imported its licensed CPT file.
CPT_LICENSED = env_bool("CPT_LICENSED", False)

# The coding assistant. "grounded" (the default) answers from the data with
# no external service; "llm" phrases answers with any OpenAI-compatible
# endpoint, from the same tools and through the same code verification.
ASSISTANT_ENGINE = env_str("ASSISTANT_ENGINE", "grounded")
ASSISTANT_LLM_URL = env_str("ASSISTANT_LLM_URL")  # e.g. http://127.0.0.1:11434/v1
ASSISTANT_LLM_API_KEY = env_str("ASSISTANT_LLM_API_KEY")
ASSISTANT_LLM_MODEL = env_str("ASSISTANT_LLM_MODEL")
ASSISTANT_LLM_TIMEOUT = env_int("ASSISTANT_LLM_TIMEOUT", 60)

# `codingdesk data fetch`: where the official release ZIPs come from. Empty
# values take the defaults in codingdesk/codesets/fetch/sources.py, and
# FETCH_ZIP_<DATASET> replaces one dataset's ZIP name template.
FETCH_CMS_BASE_URL = env_str("FETCH_CMS_BASE_URL")
FETCH_CDC_BASE_URL = env_str("FETCH_CDC_BASE_URL")
FETCH_MIRROR_DIR = env_str("FETCH_MIRROR_DIR")
FETCH_TIMEOUT = env_int("FETCH_TIMEOUT", 60)
FETCH_NCCI_PTP_PARTS = env_int("FETCH_NCCI_PTP_PARTS", 4)
FETCH_ZIP_ICD10CM = env_str("FETCH_ZIP_ICD10CM")
FETCH_ZIP_ICD10PCS = env_str("FETCH_ZIP_ICD10PCS")
FETCH_ZIP_HCPCS = env_str("FETCH_ZIP_HCPCS")
FETCH_ZIP_NCCI_PTP_PRACTITIONER = env_str("FETCH_ZIP_NCCI_PTP_PRACTITIONER")
FETCH_ZIP_NCCI_PTP_HOSPITAL = env_str("FETCH_ZIP_NCCI_PTP_HOSPITAL")
FETCH_ZIP_MUE_PRACTITIONER = env_str("FETCH_ZIP_MUE_PRACTITIONER")
FETCH_ZIP_MUE_HOSPITAL = env_str("FETCH_ZIP_MUE_HOSPITAL")
FETCH_ZIP_MUE_DME = env_str("FETCH_ZIP_MUE_DME")
FETCH_ZIP_PPRRVU = env_str("FETCH_ZIP_PPRRVU")
FETCH_ZIP_GPCI = env_str("FETCH_ZIP_GPCI")

CODINGDESK_DATA_DIR = Path(env_str("CODINGDESK_DATA_DIR", str(BASE_DIR / "data"))).resolve()

# Plans and metering (see README, "Plans and metering"). METERING_ENABLED=false
# switches off every allowance: code pages, gated sections and API quotas.
METERING_ENABLED = env_bool("METERING_ENABLED", True)
# Code page views are counted over a rolling window of this many days.
METERING_WINDOW_DAYS = env_int("METERING_WINDOW_DAYS", 30)
# Code page sections a guest (not signed in) sees only after registering.
METERING_GUEST_GATED_SECTIONS = env_list("METERING_GUEST_GATED_SECTIONS", "notes,related,edits,fees,assistant")
# Guests are also recognized by a keyed hash of their address. Behind a proxy,
# say how many proxies add themselves to X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# The limits each plan starts with. They seed the plan rows, which staff then
# change in the admin; PLAN_<PLAN>_<LIMIT> (e.g. PLAN_FREE_CODE_PAGE_VIEWS=10,
# or "unlimited") overrides one default. None means unlimited.
PLAN_DEFAULTS = plan_defaults_from_env(
    {
        "guest": {
            "code_page_views": 1,
            "assistant_questions_per_day": 3,
            "email_consultations_per_month": 0,
            "api_requests_per_minute": 10,
            "api_requests_per_month": 100,
        },
        "free": {
            "code_page_views": 5,
            "assistant_questions_per_day": 10,
            "email_consultations_per_month": 0,
            "api_requests_per_minute": 30,
            "api_requests_per_month": 1_000,
        },
        "pro": {
            "code_page_views": None,
            "assistant_questions_per_day": 200,
            "email_consultations_per_month": 100,
            "api_requests_per_minute": 120,
            "api_requests_per_month": 100_000,
        },
        "team": {
            "code_page_views": None,
            "assistant_questions_per_day": 500,
            "email_consultations_per_month": 300,
            "api_requests_per_minute": 300,
            "api_requests_per_month": 500_000,
        },
    }
)
TEAM_DEFAULT_SEATS = env_int("TEAM_DEFAULT_SEATS", 5)

# Background work: django-tasks with its database backend, run by
# `codingdesk worker` (no broker). The worker also enqueues the periodic tasks
# below, each at most once per interval across all workers.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# (dotted path of a task, interval in seconds, keyword arguments)
PERIODIC_TASKS = [
    ("codingdesk.background.tasks.task_results_prune_task", 24 * 3600, {}),
    ("codingdesk.consultant.tasks.consultant_recover_task", env_int("CONSULTANT_RECOVER_SECONDS", 60), {}),
    ("codingdesk.consultant.tasks.inbound_messages_prune_task", 24 * 3600, {}),
]

# The email consultant (README, "Email consultant"). Mail to these addresses is
# accepted by `codingdesk mail-smtpd` or fetched by `codingdesk mail-fetch`;
# every other recipient is refused.
CONSULTANT_ADDRESSES = [address.lower() for address in env_list("CONSULTANT_ADDRESSES", "ask@localhost")]
SMTP_RECEIVER_HOST = env_str("SMTP_RECEIVER_HOST", "127.0.0.1")
SMTP_RECEIVER_PORT = env_int("SMTP_RECEIVER_PORT", 2525)
# Bigger messages are refused with 552 (the size is announced in EHLO).
CONSULTANT_MAX_MESSAGE_BYTES = env_int("CONSULTANT_MAX_MESSAGE_BYTES", 10 * 1024 * 1024)
# Answers wait for a staff coder's approval before they are sent.
CONSULTANT_REVIEW_FIRST = env_bool("CONSULTANT_REVIEW_FIRST", False)
# An unknown sender gets one invitation to register per 30 days (off by default:
# the address may be forged).
CONSULTANT_INVITE_UNKNOWN_SENDERS = env_bool("CONSULTANT_INVITE_UNKNOWN_SENDERS", False)
# A message still unanswered, or a reply still sending, this long after it was
# queued is taken to be a crashed worker's and is queued again.
CONSULTANT_STALE_SECONDS = env_int("CONSULTANT_STALE_SECONDS", 300)
CONSULTANT_SEND_MAX_ATTEMPTS = env_int("CONSULTANT_SEND_MAX_ATTEMPTS", 8)
CONSULTANT_PROCESS_MAX_ATTEMPTS = env_int("CONSULTANT_PROCESS_MAX_ATTEMPTS", 6)
# The authserv-id your inbound MTA writes in Authentication-Results (RFC 8601),
# e.g. mx.example.com. When set, only that header's SPF/DMARC results are read,
# and mail is answered only when one of them passes: a From address alone is
# easy to forge. Leave empty only when mail-smtpd is reached through such an
# MTA that rejects failing mail, or for local use.
CONSULTANT_AUTHSERV_ID = env_str("CONSULTANT_AUTHSERV_ID").lower()
# Rejected messages (unknown senders, robots) are kept this many days, then deleted.
CONSULTANT_REJECTED_RETENTION_DAYS = env_int("CONSULTANT_REJECTED_RETENTION_DAYS", 90)
# Messages one envelope sender may deliver to mail-smtpd per hour; more get a 4xx.
CONSULTANT_MAX_MESSAGES_PER_SENDER_HOUR = env_int("CONSULTANT_MAX_MESSAGES_PER_SENDER_HOUR", 60)
# Outbound SMTP gives up well before a reply would count as stale.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 60)
# `codingdesk mail-fetch`: a hosted mailbox polled over IMAP.
IMAP_HOST = env_str("IMAP_HOST")
IMAP_PORT = env_int("IMAP_PORT", 993)
IMAP_USER = env_str("IMAP_USER")
IMAP_PASSWORD = env_str("IMAP_PASSWORD")
IMAP_USE_TLS = env_bool("IMAP_USE_TLS", True)
# A private CA (PEM) that issued the IMAP server's certificate; empty: the system's CAs.
IMAP_CA_FILE = env_str("IMAP_CA_FILE")
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")
IMAP_POLL_SECONDS = env_int("IMAP_POLL_SECONDS", 60)

# Job board
# A published posting expires after this many days (30 or 60); its employer is
# emailed JOBS_RENEWAL_NOTICE_DAYS before, with a link to renew it.
JOBS_POSTING_DAYS = env_int("JOBS_POSTING_DAYS", 30)
if JOBS_POSTING_DAYS not in (30, 60):
    raise ImproperlyConfigured(f"JOBS_POSTING_DAYS must be 30 or 60, not {JOBS_POSTING_DAYS}.")
JOBS_RENEWAL_NOTICE_DAYS = 3
# New postings an employer may create in 24 hours (site form and API together).
JOBS_POSTS_PER_DAY = env_int("JOBS_POSTS_PER_DAY", 10)
# An employer whose profile is younger than this is flagged as brand-new.
JOBS_NEW_EMPLOYER_DAYS = env_int("JOBS_NEW_EMPLOYER_DAYS", 14)
# Open reports that send a published posting back to the staff queue.
JOBS_REPORTS_TO_HIDE = env_int("JOBS_REPORTS_TO_HIDE", 3)
# Company logos are stored here, resized to fit JOBS_LOGO_MAX_PIXELS square.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
JOBS_LOGO_MAX_PIXELS = 400
JOBS_LOGO_MAX_BYTES = 2 * 1024 * 1024
# Résumés uploaded with applications: outside MEDIA_ROOT, served only through
# a view that checks the user is the applicant or one of the employer's users.
JOBS_RESUME_DIR = Path(env_str("JOBS_RESUME_DIR", str(VAR_DIR / "private" / "resumes")))
JOBS_RESUME_MAX_BYTES = env_int("JOBS_RESUME_MAX_BYTES", 5 * 1024 * 1024)
# Expiry and the renewal emails run hourly.
PERIODIC_TASKS += [("codingdesk.jobs.tasks.job_postings_expire_task", 3600, {})]
# Saved-search alert digests: the task checks hourly which are due.
PERIODIC_TASKS += [("codingdesk.jobs.tasks.saved_search_alerts_send_task", 3600, {})]
# Résumé files of deleted applications are removed daily.
PERIODIC_TASKS += [("codingdesk.jobs.tasks.resumes_orphaned_delete_task", 24 * 3600, {})]
