"""End customers (accounts), partners' deals on them, and the vendor's targets."""

from django.db import models

from outward.core.tenancy import PartnerScopedManager, current_partner_scope


class AccountManager(models.Manager):
    """Accounts are the vendor's; a partner user sees the accounts its partner has deals on."""

    def get_queryset(self):
        queryset = super().get_queryset()
        partner = current_partner_scope()
        if partner is None:
            return queryset
        partners = partner if isinstance(partner, list) else [partner]
        deal_accounts = Deal.objects.filter(partner_id__in=partners).values("account_id")
        return queryset.filter(pk__in=deal_accounts)


class Account(models.Model):
    account_id = models.CharField("account key", max_length=64, unique=True)
    name = models.CharField(max_length=200)
    country = models.CharField(max_length=2, blank=True)
    subdivision = models.CharField(max_length=6, blank=True, help_text="ISO 3166-2, e.g. DE-BY")
    postal_code = models.CharField(max_length=32, blank=True)
    industry = models.CharField(max_length=100, blank=True)
    employees = models.PositiveIntegerField(null=True, blank=True)

    objects = AccountManager()

    class Meta:
        ordering = ["account_id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.account_id})"


class Stage(models.TextChoices):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


class Deal(models.Model):
    deal_id = models.CharField("deal key", max_length=64, unique=True)
    # No single-column indexes on the two keys: the composite indexes below start with them and
    # serve the same lookups, and every index costs time on million-row imports.
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="deals", db_index=False
    )
    account = models.ForeignKey(
        Account,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deals",
        db_index=False,
    )
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    stage = models.CharField(max_length=8, choices=Stage.choices)
    close_date = models.DateField()
    product_line = models.CharField(max_length=100, blank=True)

    objects = PartnerScopedManager()

    class Meta:
        ordering = ["deal_id"]
        constraints = [
            models.CheckConstraint(
                name="deal_amount_not_negative", condition=models.Q(amount__gte=0)
            ),
            models.CheckConstraint(
                name="deal_stage_valid", condition=models.Q(stage__in=Stage.values)
            ),
        ]
        indexes = [
            models.Index(
                # `amount` and `account` last make it covering for the health report's revenue
                # sums and for the accounts an objective's new customers are counted from.
                fields=["partner", "stage", "close_date", "amount", "account"],
                name="deal_partner_won_sums",
            ),
            # Covering "was this account won by the partner before?" (new customers).
            models.Index(
                fields=["account", "partner", "stage", "close_date"], name="deal_account_first_won"
            ),
        ]

    def __str__(self) -> str:
        return self.deal_id


class MonthlySales(models.Model):
    """A partner's won deals in one month: their revenue and count.

    Kept exact by triggers on the deals table (migration 0003), whatever writes a deal — the
    ORM, bulk SQL, the admin, a restore — so reports add up months instead of reading a million
    deals. Never written by the application (`sales.monthly.rebuild_monthly_sales` repairs it).
    """

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    month = models.PositiveIntegerField(help_text="year * 12 + month - 1")
    revenue = models.DecimalField(max_digits=18, decimal_places=2)
    deals_won = models.PositiveIntegerField()

    objects = PartnerScopedManager()
    part_of = "partners.Partner"  # deleted with its partner (see exchange.api)
    derived_from = "sales.Deal"  # by the database: left out of backups (core.backup)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "month"], name="monthly_sales_key"),
        ]
        indexes = [
            # Covering the reports' sums over a range of months.
            models.Index(
                fields=["partner", "month", "revenue", "deals_won"], name="monthly_sales_sums"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.month}"
