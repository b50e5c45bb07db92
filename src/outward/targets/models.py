"""The vendor's targets: a number for a partner, a period and a metric."""

from django.db import models
from simple_history.models import HistoricalRecords

from outward.core.models import PeriodManager, PeriodModel
from outward.core.tenancy import PartnerScopedManager


class Metric(models.TextChoices):
    REVENUE = "revenue"
    DEALS_WON = "deals_won"
    NEW_CUSTOMERS = "new_customers"


class Target(PeriodModel):
    """The vendor's number for a partner, a period and a metric."""

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="targets"
    )
    metric = models.CharField(max_length=16, choices=Metric.choices)
    value = models.DecimalField(max_digits=18, decimal_places=4)

    history = HistoricalRecords()
    objects = PartnerScopedManager(manager_class=PeriodManager)

    class Meta:
        ordering = ["partner__partner_id", "period", "metric"]
        indexes = [
            # Covers the reports' pro-rated sums (targets_by_partner) without reading the rows;
            # the metric first, so a report reads only its metric's third of the index.
            models.Index(
                fields=["metric", "partner", "first_month", "last_month", "value"],
                name="target_metric_sums",
            )
        ]
        constraints = [
            models.UniqueConstraint(fields=["partner", "period", "metric"], name="target_key"),
            models.CheckConstraint(
                name="target_value_not_negative", condition=models.Q(value__gte=0)
            ),
            models.CheckConstraint(
                name="target_metric_valid",
                condition=models.Q(metric__in=Metric.values),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.period} {self.metric}"
