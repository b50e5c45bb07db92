from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "outward.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from outward.core.bookkeeping import record_last_login  # noqa: PLC0415
        from outward.core.sections import menu_entry  # noqa: PLC0415 - needs the app registry

        # A log-in records its time only if SQLite's write lock is free (core/bookkeeping.py).
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(record_last_login, dispatch_uid="update_last_login")

        menu_entry("Home", "home", order=0, permission="core.signed_in", audience="everyone")
        menu_entry("API docs", "api-docs", order=90, permission="core.use_api", audience="vendor")
        menu_entry(
            "Admin site", "admin:index", order=95, permission="core.admin_site", audience="vendor"
        )
        # Each area adds its page sections and menu entries in its `sections` module, and
        # its tracked background jobs (core/runs.py) in its `jobs` module.
        autodiscover_modules("sections")
        autodiscover_modules("jobs")
