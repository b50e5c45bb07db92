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


def close_day() -> models.Func:
    """`date(close_date)`: the close date as the running month's sums filter on it, and the
    only query that does, so that their index serves no other. With a plain (stage, close
    date) index SQLite, having no statistics, also chose it for date-filtered deal lists in key
    order and sorted half a million deals (`GET /api/v1/deals/?stage=won&closed_to=…`: 4 s)."""
    return models.Func(models.F("close_date"), function="date", output_field=models.DateField())


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
            # The deals of some days, all partners' (a running month's revenue; see `close_day`).
            models.Index(
                close_day(), "stage", "partner", "amount", "close_date", name="deal_close_day"
            ),
            # Covering a partner's earliest win on an account (the won accounts' triggers).
            models.Index(
                fields=["account", "partner", "stage", "close_date"], name="deal_account_first_won"
            ),
        ]

    def __str__(self) -> str:
        return self.deal_id


class DealSummary(models.Model):
    """A partner's summary of its deals that triggers on the deals table keep exact, whatever
    writes a deal — the ORM, bulk SQL, the admin, a restore. Never written by the application
    (`sales.summaries.rebuild_summaries` repairs it)."""

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="+", db_index=False
    )

    objects = PartnerScopedManager()
    part_of = "partners.Partner"  # deleted with its partner (see exchange.api)
    derived_from = "sales.Deal"  # by the database: left out of backups (core.backup)

    class Meta:
        abstract = True


class MonthlySales(DealSummary):
    """A partner's won deals in one month: their revenue and count.

    Kept by triggers (migration 0003), so reports add up months instead of reading a million
    deals.
    """

    month = models.PositiveIntegerField(help_text="year * 12 + month - 1")
    revenue = models.DecimalField(max_digits=18, decimal_places=2)
    deals_won = models.PositiveIntegerField()

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


class WonAccount(models.Model):
    """An account a partner has won: the day of the partner's first won deal on it.

    Kept exact by triggers on the deals table (migration 0005), as `MonthlySales` is, so that a
    partner's new customers in a period are the accounts whose first win falls inside it: a
    count over a range of this table's index rather than a look back over every deal.
    """

    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    account = models.ForeignKey(Account, on_delete=models.CASCADE, related_name="+", db_index=False)
    first_won = models.DateField()

    objects = PartnerScopedManager()
    part_of = "partners.Partner"  # deleted with its partner (see exchange.api)
    derived_from = "sales.Deal"  # by the database: left out of backups (core.backup)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partner", "account"], name="won_account_key"),
        ]
        indexes = [
            # Covering the count of a partner's first wins in a range of days.
            models.Index(fields=["partner", "first_won"], name="won_account_first_won"),
        ]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.account_id}"
