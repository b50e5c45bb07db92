"""Partners: the resellers, integrators and distributors of the channel."""

from django.db import models

from outward.core.tenancy import PartnerScopedManager


class Partner(models.Model):
    partner_id = models.CharField("partner key", max_length=64, unique=True)
    name = models.CharField(max_length=200)
    tier = models.CharField(max_length=64, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    manager_email = models.EmailField(blank=True, help_text="The vendor's partner manager")
    joined_on = models.DateField(null=True, blank=True)

    objects = PartnerScopedManager("pk")

    class Meta:
        ordering = ["partner_id"]
        constraints = [
            models.CheckConstraint(name="partner_id_not_empty", condition=~models.Q(partner_id="")),
        ]
        indexes = [models.Index(fields=["tier"]), models.Index(fields=["country"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.partner_id})"


class PartnerDomain(models.Model):
    """An email domain of a partner; one domain belongs to at most one partner."""

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True)

    objects = PartnerScopedManager()
    part_of = "partners.Partner"  # deleted with its partner (see exchange.api)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain
