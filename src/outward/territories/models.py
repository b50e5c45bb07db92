"""Territories: a tree (World > EMEA > DACH > DE) whose nodes carry assignment criteria."""

from django.db import models

from outward.core.tenancy import PartnerScopedManager, current_partner_scope
from outward.sales.models import Account


class Territory(models.Model):
    territory_id = models.CharField("territory key", max_length=64, unique=True)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    priority = models.IntegerField(default=0)
    countries = models.JSONField(default=list, blank=True)
    subdivisions = models.JSONField(default=list, blank=True)
    postal_prefixes = models.JSONField(default=list, blank=True)
    industries = models.JSONField(default=list, blank=True)
    min_employees = models.PositiveIntegerField(null=True, blank=True)
    max_employees = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["territory_id"]
        verbose_name_plural = "territories"

    def __str__(self) -> str:
        return f"{self.name} ({self.territory_id})"


class PartnerTerritory(models.Model):
    """The partner covers this territory and everything below it."""

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="partner_territories"
    )
    territory = models.ForeignKey(Territory, on_delete=models.CASCADE, related_name="partner_links")

    objects = PartnerScopedManager()
    part_of = "partners.Partner"  # deleted with its partner (see exchange.api)

    class Meta:
        ordering = ["partner__partner_id", "territory__territory_id"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "territory"], name="partner_territory_key")
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} → {self.territory_id}"


class AssignmentManager(models.Manager):
    """Assignments of the accounts the current scope sees (see `sales.models.AccountManager`)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if current_partner_scope() is None:  # vendor staff see every account: no subquery
            return queryset
        return queryset.filter(account__in=Account.objects.all())


class Assignment(models.Model):
    """The one territory an account is assigned to (spec/territories.md, "Assignment")."""

    account = models.OneToOneField(
        Account, on_delete=models.CASCADE, primary_key=True, related_name="assignment"
    )
    # Indexed once, by the named index below (a second, Django's own, doubled every write).
    territory = models.ForeignKey(
        Territory, on_delete=models.CASCADE, related_name="assignments", db_index=False
    )

    objects = AssignmentManager()
    # Derived data: it never keeps its account or territory from being deleted (exchange.api);
    # the accounts of a deleted territory are assigned again.
    part_of = ("sales.Account", "territories.Territory")

    class Meta:
        indexes = [models.Index(fields=["territory"], name="assignment_territory")]

    def __str__(self) -> str:
        return f"{self.account_id} → {self.territory_id}"
