"""The partner's own objectives and their dated check-ins."""

from django.db import models
from simple_history.models import HistoricalRecords

from outward.core.models import PeriodManager, PeriodModel
from outward.core.tenancy import PartnerScopedManager


class Direction(models.TextChoices):
    INCREASE = "increase"
    DECREASE = "decrease"


class Source(models.TextChoices):
    MANUAL = "manual", "Manual (check-ins)"
    VENDOR_REVENUE = "vendor_revenue", "Revenue with the vendor"
    VENDOR_DEALS_WON = "vendor_deals_won", "Deals won with the vendor"
    VENDOR_NEW_CUSTOMERS = "vendor_new_customers", "New customers with the vendor"


class Objective(PeriodModel):
    """A goal the partner set for itself for a period, in any unit."""

    objective_id = models.CharField("objective key", max_length=64, unique=True)
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="objectives"
    )
    title = models.CharField(max_length=200)
    unit = models.CharField(max_length=32, blank=True)
    direction = models.CharField(
        max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    baseline = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(max_digits=18, decimal_places=4)
    weight = models.DecimalField(max_digits=10, decimal_places=4, default=1)
    source = models.CharField(max_length=24, choices=Source.choices, default=Source.MANUAL)
    # Optimistic concurrency: an edit names the version it started from.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["version"])
    objects = PartnerScopedManager(manager_class=PeriodManager)

    class Meta:
        ordering = ["objective_id"]
        constraints = [
            models.CheckConstraint(
                name="objective_weight_positive", condition=models.Q(weight__gt=0)
            ),
            models.CheckConstraint(
                name="objective_direction_valid",
                condition=models.Q(direction__in=Direction.values),
            ),
            models.CheckConstraint(
                name="objective_source_valid",
                condition=models.Q(source__in=Source.values),
            ),
        ]
        indexes = [models.Index(fields=["partner", "first_month", "last_month"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.objective_id})"


class CheckIn(models.Model):
    """The objective's value as of a date (a level, not an increment)."""

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField()
    value = models.DecimalField(max_digits=18, decimal_places=4)
    comment = models.TextField(blank=True)

    history = HistoricalRecords()
    objects = PartnerScopedManager("objective__partner_id")

    class Meta:
        ordering = ["objective__objective_id", "date"]
        constraints = [
            models.UniqueConstraint(fields=["objective", "date"], name="checkin_key"),
        ]
        # An objective's latest check-in, value included, without reading the table: the
        # health report looks it up for each of 17,000 objectives.
        indexes = [models.Index(fields=["objective", "date", "value"], name="checkin_latest_value")]

    def __str__(self) -> str:
        return f"{self.objective_id} {self.date}"


class CheckInReminder(models.Model):
    """A reminder e-mail sent to a partner user on a day; at most one a user a day."""

    user = models.ForeignKey(
        "core.User", on_delete=models.CASCADE, related_name="checkin_reminders"
    )
    sent_on = models.DateField()
    objectives = models.PositiveIntegerField(help_text="How many objectives it named")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_on}"
