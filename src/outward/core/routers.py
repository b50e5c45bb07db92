"""The sign-in database: on SQLite, sessions and log-in attempts live in a file of their own.

SQLite has one writer at a time, and an import holds the write lock for its whole transaction
(all or nothing: half a minute for 300,000 deals). Every log-in writes a session and django-axes'
records of the attempt; in the main file, each log-in during an import would wait for the
lock and then answer 503. In their own file (`<database>-signin.sqlite3`, beside the main one)
they never wait for an import. They hold nothing that refers to the main file's records, so
nothing is lost by the split. On PostgreSQL, which has row locks, everything stays in one
database and this router does nothing.
"""

from django.conf import settings

SIGNIN = "signin"
SIGNIN_APPS = frozenset({"sessions", "axes"})


def _alias(app_label: str) -> str | None:
    if SIGNIN in settings.DATABASES:
        return SIGNIN if app_label in SIGNIN_APPS else "default"
    return None


class SignInRouter:
    def db_for_read(self, model, **hints):
        return _alias(model._meta.app_label)

    def db_for_write(self, model, **hints):
        return _alias(model._meta.app_label)

    def allow_relation(self, first, second, **hints):
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        alias = _alias(app_label)
        return None if alias is None else db == alias
