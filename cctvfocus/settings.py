"""
Settings for CCTV Focus, read from the environment.

Every value has a safe local default so that ``make run`` works on a fresh
machine; production (``DEBUG`` off) refuses to start without a secret key and
allowed hosts. The variables are listed in ``.env.example`` and the README.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY: it is required when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set ALLOWED_HOSTS: it is required when DEBUG is off."
        )
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django
    "cctvfocus.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    # Third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "ckeditor",
    "ckeditor_uploader",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "reversion",
    "reversion_compare",
    "taggit",
    # Ours
    "cctvfocus",
    "accounts",
    "contact",
    "blog",
    "comments",
    "newsletter",
]
# Social sign-in is off until an operator names providers, e.g.
# SOCIAL_PROVIDERS=github,google; their keys go in the admin ("Social applications").
SOCIAL_PROVIDERS = env.list("SOCIAL_PROVIDERS", default=[])
INSTALLED_APPS += [
    f"allauth.socialaccount.providers.{name}" for name in SOCIAL_PROVIDERS
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "cctvfocus.middleware.ContentSecurityPolicyMiddleware",
    # Cached pages are answered here, with the headers above and nothing below.
    "cctvfocus.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "cctvfocus.urls"
WSGI_APPLICATION = "cctvfocus.wsgi.application"
SITE_ID = 1

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
                "csp.context_processors.nonce",
                "cctvfocus.context_processors.site",
                "blog.context_processors.fragments",
                "contact.context_processors.company",
            ],
        },
    },
]

# Form widgets may be overridden in templates/ like any other template.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Data ----------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE avoids
    # "database is locked" on write upgrades.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA busy_timeout=20000;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cctvfocus"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cctvfocus",
        }
    }
# Parts of pages: each process keeps the ones it reads most in its own memory,
# in front of the shared cache (see cctvfocus/fragmentcache.py).
CACHES["template_fragments"] = {
    "BACKEND": "cctvfocus.fragmentcache.LayeredCache",
    "LOCATION": "cctvfocus-fragments",
    "OPTIONS": {
        "SHARED": "default",
        "LOCAL_ENTRIES": env.int("FRAGMENT_LOCAL_ENTRIES", default=200),
        "LOCAL_SECONDS": 60,
    },
}

TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
    }
}

# Users and sign-in -----------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, stated so that they are visible and reviewed.
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""

ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("SITE_NAME", default="CCTV Focus")

# Staff need two-factor authentication to use the admin. Always on when DEBUG
# is off; the local demo may switch it off so the demo editor logs straight in.
STAFF_MFA_REQUIRED = env.bool("STAFF_MFA_REQUIRED", default=True) or not DEBUG

# Mail ------------------------------------------------------------------------

# EMAIL_URL examples: smtp+tls://user:password@smtp.example.com:587,
# filemail:///var/mail (relative to the project), filemail:////srv/mail (absolute).
_email = env.email_url("EMAIL_URL", default="filemail:///var/mail")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_FILE_PATH = str(BASE_DIR / _email["EMAIL_FILE_PATH"])
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="CCTV Focus <hello@localhost>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = MANAGERS = [
    ("Managers", address) for address in env.list("MANAGERS", default=[])
]

# Static files and media --------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
STORAGES = {
    "default": {
        "BACKEND": env.str(
            "MEDIA_BACKEND", default="django.core.files.storage.FileSystemStorage"
        )
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# Uploads are served by Django itself on one machine; behind a CDN or object
# storage, switch it off.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
FILE_UPLOAD_PERMISSIONS = 0o644
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Rich text (django-ckeditor) -- loaded in the admin only; see
# docs/decisions/0001-rich-text-editor.md.
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_RESTRICT_BY_USER = False
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Editorial",
        # Only English is collected (cctvfocus.apps.EDITOR_LANGUAGES_NOT_COLLECTED).
        "language": "en-gb",
        "toolbar_Editorial": [
            ["Format", "Bold", "Italic", "Strike", "RemoveFormat"],
            ["NumberedList", "BulletedList", "Blockquote", "CodeSnippet"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo"],
            ["Source", "Maximize"],
        ],
        "format_tags": "p;h2;h3;h4;pre",
        # image2 gives <figure class="image"> with a real <figcaption>.
        "extraPlugins": "image2,uploadimage,codesnippet",
        "removePlugins": "image,exportpdf,flash,iframe,forms,smiley,scayt,wsc",
        "image2_captionedClass": "image",
        "image2_alignClasses": ["align-left", "align-center", "align-right"],
        "image2_disableResizer": True,
        "codeSnippet_theme": "default",
        "height": 420,
        "width": "100%",
        "disableNativeSpellChecker": False,
        "entities": False,
    }
}

# Security ----------------------------------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies sit in front of Django. Client addresses (rate
# limits, view counting) are read from X-Forwarded-For only when this is set.
TRUSTED_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "TRUSTED_PROXY_COUNT", default=0
)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool(
    "SECURE_COOKIES", default=not DEBUG
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Public pages: nothing inline, nothing from another host except the video
# embeds that post bodies may carry. The admin gets a wider policy (see
# cctvfocus.middleware).
EMBED_FRAME_SOURCES = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://giphy.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "frame-src": EMBED_FRAME_SOURCES,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if SECURE_SSL_REDIRECT:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True

# Site --------------------------------------------------------------------------

SITE_NAME = env.str("SITE_NAME", default="CCTV Focus")
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English"))]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

# Logs --------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.security.DisallowedHost": {"level": "ERROR"},
    },
}

# Checks run by /healthz: {name in the answer: function returning True if well}.
HEALTH_CHECKS = {
    "database": "cctvfocus.health.database",
    "cache": "cctvfocus.health.cache_roundtrip",
    "newsletter": "newsletter.health.no_overdue_issues",
}

# Uploaded images (avatars, covers, inline images).
IMAGE_UPLOAD_MAX_BYTES = env.int("IMAGE_UPLOAD_MAX_BYTES", default=8 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env.int("IMAGE_UPLOAD_MAX_PIXELS", default=40_000_000)

# django-ckeditor warns that CKEditor 4 is end-of-life. The decision to keep it,
# contained to the admin, is docs/decisions/0001-rich-text-editor.md; the warning
# stays visible wherever DEBUG is off (check --deploy, production commands).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"] if DEBUG else []

# Anonymous pages are cached this long at most (0 switches the page cache off;
# off by default with DEBUG, so template edits show at once).
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0 if DEBUG else 300)
# Parts of pages that are the same for every reader (a post's comment
# threads, its related posts) are kept this long, or until content changes.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=0 if DEBUG else 600)
# Readers holding one of these cookies (besides the session's) get fresh pages.
PAGE_CACHE_PRIVATE_COOKIES = ["messages", "cctvfocus_pending"]
# Query parameters that make a distinct cached page; others skip the cache.
PAGE_CACHE_QUERY_PARAMETERS = {"page", "q"}

# A reader's repeated views of one post count once in this window.
VIEW_DEDUP_SECONDS = env.int("VIEW_DEDUP_SECONDS", default=6 * 60 * 60)

# Anti-abuse on public forms (cctvfocus.abuse): a form sent back sooner than
# this is not from a person; one older than the second is asked for again.
ABUSE_FORM_MIN_SECONDS = env.int("ABUSE_FORM_MIN_SECONDS", default=3)
ABUSE_FORM_MAX_AGE = env.int("ABUSE_FORM_MAX_AGE", default=2 * 24 * 60 * 60)
# django-ratelimit reads the client's address the way the rest of the site does.
RATELIMIT_IP_META_KEY = "cctvfocus.clients.client_ip"
RATELIMIT_VIEW = "cctvfocus.abuse.too_many_requests"

# Links in e-mails are built from the site's domain (Sites admin) and this scheme.
SITE_SCHEME = env.str("SITE_SCHEME", default="http" if DEBUG else "https")

# Comments close this many days after a post is published (0: never).
COMMENTS_CLOSE_AFTER_DAYS = env.int("COMMENTS_CLOSE_AFTER_DAYS", default=0)
COMMENT_IP_RETENTION_DAYS = env.int("COMMENT_IP_RETENTION_DAYS", default=90)
COMMENT_RATE = env.str("COMMENT_RATE", default="5/m")
# How long the links in "a comment awaits moderation" e-mails keep working.
COMMENT_MODERATION_LINK_DAYS = env.int("COMMENT_MODERATION_LINK_DAYS", default=7)

# What the admin index lists under "Needs attention": functions taking the
# request and answering {label, count, url} or None.
ADMIN_ATTENTION = [
    "comments.admin.pending_comments",
    "newsletter.admin.overdue_issues",
    "contact.admin.new_enquiries",
]

# Newsletter. Sending speed is capped (messages per second; 0 for no cap), and
# each worker takes this many deliveries at a time over one SMTP connection.
NEWSLETTER_RATE_LIMIT = env.float("NEWSLETTER_RATE_LIMIT", default=0)
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=200)
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=5)
NEWSLETTER_CONFIRM_DAYS = 7
NEWSLETTER_OVERDUE_MINUTES = env.int("NEWSLETTER_OVERDUE_MINUTES", default=5)
NEWSLETTER_FROM_EMAIL = env.str("NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
NEWSLETTER_MESSAGE_ID_DOMAIN = env.str(
    "NEWSLETTER_MESSAGE_ID_DOMAIN", default="newsletter.cctvfocus.invalid"
)
NEWSLETTER_SIGNUP_RATE = env.str("NEWSLETTER_SIGNUP_RATE", default="10/h")
NEWSLETTER_ADDRESS_RATE = env.str("NEWSLETTER_ADDRESS_RATE", default="3/h")

# Contact: where enquiries are announced (default: MANAGERS), how long closed
# enquiries are kept, how often one address may send the form.
CONTACT_INBOX = env.list("CONTACT_INBOX", default=[])
ENQUIRY_RETENTION_MONTHS = env.int("ENQUIRY_RETENTION_MONTHS", default=12)
CONTACT_RATE = env.str("CONTACT_RATE", default="5/h")
CONTACT_MAIL_MAX_ATTEMPTS = env.int("CONTACT_MAIL_MAX_ATTEMPTS", default=6)

# Rich-text fields that may show editor uploads ("app.Model.field"); an
# upload none of them uses is deleted by `manage.py prune_uploads`.
RICH_TEXT_FIELDS = ["blog.Post.body", "newsletter.Issue.intro"]

# `make bench` only: serves /bench/bare/, the fixed page others are measured against.
BENCH_ENDPOINTS = env.bool("BENCH_ENDPOINTS", default=False)
