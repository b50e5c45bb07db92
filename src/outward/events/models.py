"""Partner conferences: the event, its rooms, slots, speakers and sessions, the partners'
topic requests and votes, their registrations and interests, and the stored agenda."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from outward.core.tenancy import PartnerScopedManager

SHARE = [MinValueValidator(0), MaxValueValidator(1)]


class SessionKind(models.TextChoices):
    """The kinds of shared/spec/agenda.md, in its order."""

    PARTNER_REQUESTED = "partner_requested", "Partner requested"
    PRODUCT = "product", "Product"
    KEYNOTE = "keynote", "Keynote"
    TRAINING = "training", "Training"
    NETWORKING = "networking", "Networking"


class SpeakerKind(models.TextChoices):
    INTERNAL_EXECUTIVE = "internal_executive", "Internal executive"
    PARTNER = "partner", "Partner"
    EXTERNAL_HEADLINE = "external_headline", "External headline"


class Event(models.Model):
    """A partner conference: when, where, what speakers may cost, and how partners vote."""

    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    venue = models.CharField(max_length=200, blank=True)
    speaker_budget = models.DecimalField(
        "speaker-fee budget",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text="Empty: no limit on speaker fees.",
    )
    votes_per_user = models.PositiveSmallIntegerField(
        default=5, help_text="How many topic requests each partner user may vote for."
    )
    solve_seconds = models.PositiveSmallIntegerField(
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="How long the optimiser may search for the agenda.",
    )
    # The last stored agenda's figures (the placements are AgendaPlacement rows).
    agenda_status = models.CharField(max_length=16, blank=True)
    agenda_votes = models.PositiveIntegerField(null=True, blank=True)
    agenda_clashes = models.PositiveIntegerField(null=True, blank=True)
    agenda_lower_bound = models.PositiveIntegerField(null=True, blank=True)
    agenda_solved_at = models.DateTimeField(null=True, blank=True)
    # Set by "Stop and keep the best" while a solve runs (possibly in another process).
    agenda_stop_requested = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                name="event_dates_ordered", condition=models.Q(ends_on__gte=models.F("starts_on"))
            ),
        ]

    def __str__(self) -> str:
        return self.name


class KindLimit(models.Model):
    """A composition limit: a kind's share of the agenda's session-minutes (0–1)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="kind_limits")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    min_share = models.DecimalField(
        max_digits=5, decimal_places=4, null=True, blank=True, validators=SHARE
    )
    max_share = models.DecimalField(
        max_digits=5, decimal_places=4, null=True, blank=True, validators=SHARE
    )

    class Meta:
        ordering = ["event", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["event", "kind"], name="kind_limit_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.min_share or 0}–{self.max_share or 1}"


class Room(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=100)
    capacity = models.PositiveIntegerField()

    class Meta:
        ordering = ["event", "-capacity", "name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "name"], name="room_name_once"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.capacity})"


class TimeSlot(models.Model):
    """A period of the conference day, in the venue's local time; lengths may differ."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots")
    day = models.DateField()
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["event", "day", "start", "end"]
        constraints = [
            models.UniqueConstraint(fields=["event", "day", "start", "end"], name="slot_once"),
            models.CheckConstraint(
                name="slot_end_after_start", condition=models.Q(end__gt=models.F("start"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%a %d %b} {self.start:%H:%M}–{self.end:%H:%M}"

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SpeakerKind.choices)
    fee = models.DecimalField(
        max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    unavailable = models.ManyToManyField(TimeSlot, blank=True, related_name="unavailable_speakers")

    class Meta:
        ordering = ["event", "name"]

    def __str__(self) -> str:
        return self.name


class TopicRequest(models.Model):
    """What a partner needs from the conference, and why; others vote and comment on it.

    Everyone may read the topic; the partner who asked is shown to vendor staff and to that
    partner's own users only.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="topic_requests")
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="topic_requests"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(max_length=200)
    why = models.TextField("why we need it")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["event", "-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Comment(models.Model):
    request = models.ForeignKey(TopicRequest, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The author's partner (None for vendor staff): who may see who wrote it.
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["request", "created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:40]


class Vote(models.Model):
    """One partner user's vote for a topic request (each may cast the event's votes_per_user)."""

    request = models.ForeignKey(TopicRequest, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="+")

    objects = PartnerScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["request", "user"], name="vote_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.request_id}"


class Session(models.Model):
    """A candidate session; optional ones run only if the optimiser chooses them."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    abstract = models.TextField(blank=True)
    track = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="sessions")
    optional = models.BooleanField(
        default=True, help_text="The optimiser may leave an optional session out."
    )
    expected_attendance = models.PositiveIntegerField(
        null=True, blank=True, help_text="Empty: the number of registered partners interested."
    )
    answers = models.ManyToManyField(TopicRequest, blank=True, related_name="sessions")
    # A pinned session runs exactly here whatever the optimiser does.
    fixed_slot = models.ForeignKey(
        TimeSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fixed_room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["event", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                name="session_fixed_both_or_neither",
                condition=models.Q(fixed_slot__isnull=True, fixed_room__isnull=True)
                | models.Q(fixed_slot__isnull=False, fixed_room__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Registration(models.Model):
    """A partner user's registration for the event; their interests say what they will attend."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="event_registrations"
    )
    interests = models.ManyToManyField(Session, blank=True, related_name="interested")
    created_at = models.DateTimeField(default=timezone.now)

    objects = PartnerScopedManager()

    class Meta:
        ordering = ["event", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.event_id}"


class AgendaPlacement(models.Model):
    """Where a session runs: in the solved agenda, or in the organiser's hand draft."""

    class Plan(models.TextChoices):
        SOLVED = "solved", "Solved"
        DRAFT = "draft", "Hand draft"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="placements")
    plan = models.CharField(max_length=8, choices=Plan.choices)
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="placements")
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="placements")
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="placements")

    class Meta:
        ordering = ["event", "plan", "slot__day", "slot__start", "room__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "session"], name="placement_once_per_plan"),
            models.CheckConstraint(
                name="placement_plan_valid", condition=models.Q(plan__in=["solved", "draft"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.slot_id} {self.room_id}"
