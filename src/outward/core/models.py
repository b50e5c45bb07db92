"""Users, their roles, API tokens, background runs, and the period columns areas share."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from outward.core.periods import Period


class Role(models.TextChoices):
    ADMIN = "admin", "Vendor admin"
    MANAGER = "manager", "Partner manager"
    PARTNER = "partner", "Partner user"


class OutwardUserManager(UserManager):
    def get_by_natural_key(self, username):
        """User names are e-mail addresses: `Cam@Vendor.example` logs in as cam@vendor.example."""
        found = self.filter(username=username).first()
        found = found or self.filter(username__iexact=username).order_by("pk").first()
        if found is None:
            raise self.model.DoesNotExist(f"no user {username!r}")
        return found

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in: vendor staff (admin, manager) or a partner's employee."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MANAGER)
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )

    objects = OutwardUserManager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="user_partner_iff_partner_role",
                condition=(models.Q(role=Role.PARTNER, partner__isnull=False))
                | (~models.Q(role=Role.PARTNER) & models.Q(partner__isnull=True)),
            ),
            models.CheckConstraint(
                name="user_role_valid", condition=models.Q(role__in=Role.values)
            ),
        ]

    @property
    def is_vendor(self) -> bool:
        return self.role in (Role.ADMIN, Role.MANAGER)

    @property
    def is_partner_user(self) -> bool:
        return self.role == Role.PARTNER


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A revocable API token. Only its SHA-256 hash is stored; the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8, help_text="The first characters, to tell tokens apart")
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user: User) -> tuple["ApiToken", str]:
        raw = "ow_" + secrets.token_urlsafe(32)
        while raw[3] == "-":  # a prefix must not read as an option: `tokens revoke --prefix P`
            raw = "ow_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, key_hash=hash_token(raw), prefix=raw[3:11])
        return token, raw

    def revoke(self) -> None:
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])


class TaskRun(models.Model):
    """Progress and outcome of a long job (core/runs.py), shown on its page and polled."""

    class State(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        SUCCESS = "success"
        FAILED = "failed"

    kind = models.CharField(max_length=64, help_text="The job (core/runs.py), e.g. exchange.import")
    label = models.CharField(max_length=200, blank=True, help_text="What it works on, for people")
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="task_runs")
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    done = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.state})"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))

    @property
    def finished(self) -> bool:
        return self.state in (self.State.SUCCESS, self.State.FAILED)


class PeriodQuerySet(models.QuerySet):
    """Records by how their period relates to another one."""

    def within(self, period: Period) -> "PeriodQuerySet":
        """Records whose period lies within `period`."""
        return self.filter(first_month__gte=period.first, last_month__lte=period.last)

    def overlapping(self, period: Period) -> "PeriodQuerySet":
        return self.filter(first_month__lte=period.last, last_month__gte=period.first)

    def exactly(self, period: Period) -> "PeriodQuerySet":
        return self.filter(first_month=period.first, last_month=period.last)


PeriodManager = models.Manager.from_queryset(PeriodQuerySet)


class PeriodModel(models.Model):
    """A record for a period: its text and its months as month numbers, so SQL can pro-rate."""

    period = models.CharField(max_length=7)
    first_month = models.PositiveIntegerField()
    last_month = models.PositiveIntegerField()

    class Meta:
        abstract = True

    @property
    def parsed_period(self) -> Period:
        return Period(self.first_month, self.last_month, self.period)

    def set_period(self, period: Period) -> None:
        self.period, self.first_month, self.last_month = period.text, period.first, period.last
