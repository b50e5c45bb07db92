"""Joint business plans: one partner, one period, actions, sign-off by both sides, revisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from outward.core.models import PeriodManager, PeriodModel
from outward.core.tenancy import PartnerScopedManager


class PlanState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    CLOSED = "closed", "Closed"


class Side(models.TextChoices):
    PARTNER = "partner", "Partner"
    VENDOR = "vendor", "Vendor"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class JointBusinessPlan(PeriodModel):
    """What a partner and the vendor agree to do together in a period."""

    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="plans")
    state = models.CharField(max_length=8, choices=PlanState.choices, default=PlanState.DRAFT)
    notes = models.TextField(blank=True)
    # The revision being drafted or signed; agreed revisions are frozen in PlanRevision.
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = PartnerScopedManager(manager_class=PeriodManager)

    class Meta:
        ordering = ["partner__partner_id", "first_month", "period"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "period"], name="plan_partner_period"),
            models.CheckConstraint(
                name="plan_state_valid",
                condition=models.Q(state__in=PlanState.values),
            ),
            models.CheckConstraint(
                name="plan_revision_positive", condition=models.Q(revision__gte=1)
            ),
        ]
        indexes = [models.Index(fields=["state", "first_month"], name="plan_state_month")]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.period}"


class PlanObjective(models.Model):
    """A link from a plan to one of the partner's own objectives for the period."""

    plan = models.ForeignKey(
        JointBusinessPlan, on_delete=models.CASCADE, related_name="objective_links"
    )
    objective = models.ForeignKey(
        "objectives.Objective", on_delete=models.CASCADE, related_name="plan_links"
    )

    objects = PartnerScopedManager("plan__partner_id")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["plan", "objective"], name="plan_objective_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} → {self.objective_id}"


class PlanAction(models.Model):
    """Something one side committed to do by a date."""

    plan = models.ForeignKey(JointBusinessPlan, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(max_length=200)
    owner_side = models.CharField(max_length=8, choices=Side.choices)
    owner_name = models.CharField(max_length=200, blank=True)
    owner_email = models.EmailField(blank=True)
    due_date = models.DateField()
    status = models.CharField(max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PartnerScopedManager("plan__partner_id")

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                name="plan_action_side_valid",
                condition=models.Q(owner_side__in=Side.values),
            ),
            models.CheckConstraint(
                name="plan_action_status_valid",
                condition=models.Q(status__in=ActionStatus.values),
            ),
            models.CheckConstraint(
                name="plan_action_title_not_empty", condition=~models.Q(title="")
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="plan_action_status_due")]

    def __str__(self) -> str:
        return self.title


class PlanSignoff(models.Model):
    """One side's signature under one revision of a plan."""

    plan = models.ForeignKey(JointBusinessPlan, on_delete=models.CASCADE, related_name="signoffs")
    side = models.CharField(max_length=8, choices=Side.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(default=timezone.now)
    revision = models.PositiveIntegerField()

    objects = PartnerScopedManager("plan__partner_id")

    class Meta:
        ordering = ["revision", "signed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "revision", "side"], name="plan_signoff_once_a_side"
            ),
            models.CheckConstraint(
                name="plan_signoff_side_valid", condition=models.Q(side__in=Side.values)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.revision} {self.side}"


class PlanRevision(models.Model):
    """A frozen copy of an agreed revision: objectives, targets, actions, notes, sign-offs."""

    plan = models.ForeignKey(JointBusinessPlan, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = PartnerScopedManager("plan__partner_id")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_revision_number"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} r{self.number}"
