"""The base class of Outward's background tasks: each runs in the scope it was queued in."""

from celery import Task

from outward.core.tenancy import partner_scope


class ScopedTask(Task):
    """Carries the tenancy scope: call with `scope_partner=` (None for the vendor's scope).

    A task queued without it fails loudly instead of running unscoped.
    """

    def __call__(self, *args, **kwargs):
        if "scope_partner" not in kwargs:
            raise TypeError(f"{self.name} needs scope_partner= (None for the vendor's scope)")
        scope_value = kwargs.pop("scope_partner")
        with partner_scope(scope_value):
            return self.run(*args, **kwargs)
