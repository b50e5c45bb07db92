"""`outward serve`: the application behind gunicorn, static files through whitenoise."""

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError
from gunicorn.app.base import BaseApplication

from outward.core.commands import OutwardCommand
from outward.core.runs import fail_abandoned_runs, run_in_server_threads
from outward.env import ensure_secret_key


class _Gunicorn(BaseApplication):
    def __init__(self, application, options: dict):
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


class Command(OutwardCommand):
    help = "Serve Outward over HTTP with gunicorn (static files included) until stopped."
    requires_schema = False

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
        parser.add_argument(
            "--threads", type=int, default=4, help="threads per process (default 4)"
        )

    def handle(self, *args, host, port, workers, threads, **options):
        if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
            # Never serve with the public key: make one, keep it for every later start.
            settings.SECRET_KEY = ensure_secret_key(settings.SECRET_KEY_FILE)
            self.stderr.write(f"Using the secret key stored in {settings.SECRET_KEY_FILE}")
        try:  # runs of an earlier start have no worker any more
            abandoned = fail_abandoned_runs(at_start=True)
        except DatabaseError:  # no schema yet: nothing ran before
            abandoned = 0
        if abandoned:
            self.stderr.write(f"Marked {abandoned} runs of an earlier start as failed")
        if not settings.CELERY_BROKER_URL:  # the server's own threads do the background work
            run_in_server_threads()
        # Collected and compressed once at start, so WhiteNoise serves them efficiently.
        call_command("collectstatic", interactive=False, verbosity=0)
        # The application loads once the static files are collected.
        from outward.wsgi import application  # noqa: PLC0415

        self.stdout.write(f"Outward is serving on http://{host}:{port}/ (Ctrl+C stops it)")
        self.stdout.flush()
        _Gunicorn(
            application,
            {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "accesslog": "-",
                "timeout": 120,
                # Longer than a person's pause between two clicks, so a browser rarely meets a
                # connection the server is closing (gunicorn's default is 2 s).
                "keepalive": 5,
            },
        ).run()
