"""Forms of the event pages; each field's label names it in error messages."""

from django import forms

from outward.events.models import Event, Room, Session, SessionKind, Speaker, TimeSlot, TopicRequest


class SlotGeneratorForm(forms.Form):
    days = forms.TypedMultipleChoiceField(coerce=str, widget=forms.CheckboxSelectMultiple)
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial="09:00")
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial="17:00")
    length = forms.IntegerField(
        label="Session length (minutes)",
        min_value=1,
        initial=45,
        help_text="One slot alone, such as a long workshop beside two talks: give one day, its "
        "start and end, and the minutes between them as the length.",
    )
    gap = forms.IntegerField(label="Break between slots (minutes)", min_value=0, initial=15)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        days = []
        day = event.starts_on
        while day <= event.ends_on:
            days.append((day.isoformat(), f"{day:%a %d %b %Y}"))
            day = day.fromordinal(day.toordinal() + 1)
        self.fields["days"].choices = days
        self.fields["days"].initial = [value for value, _ in days]


class TopicRequestForm(forms.ModelForm):
    class Meta:
        model = TopicRequest
        fields = ["title", "why"]
        labels = {"title": "Topic", "why": "Why we need it"}
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}


class CommentForm(forms.Form):
    body = forms.CharField(label="Comment", widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(label="Merge into", queryset=TopicRequest.objects.none())

    def __init__(self, *args, request_obj, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = TopicRequest.objects.filter(
            event_id=request_obj.event_id, merged_into__isnull=True
        ).exclude(pk=request_obj.pk)


class DraftPlacementForm(forms.Form):
    slot = forms.ModelChoiceField(queryset=TimeSlot.objects.none(), required=False)
    room = forms.ModelChoiceField(queryset=Room.objects.none(), required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = event.slots.all()
        self.fields["room"].queryset = event.rooms.all()


class EventForm(forms.ModelForm):
    """The event and, per kind of session, its composition limits (shares 0–1)."""

    class Meta:
        model = Event
        fields = [
            "name",
            "starts_on",
            "ends_on",
            "venue",
            "speaker_budget",
            "votes_per_user",
            "solve_seconds",
        ]
        labels = {
            "starts_on": "First day",
            "ends_on": "Last day",
            "speaker_budget": "Speaker-fee budget",
            "votes_per_user": "Votes per partner user",
            "solve_seconds": "Solve time (seconds)",
        }
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, limits: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        limits = limits or {}
        for kind, label in SessionKind.choices:
            least, most = limits.get(kind, (None, None))
            for prefix, word, value in (("min", "at least", least), ("max", "at most", most)):
                self.fields[f"{prefix}_{kind}"] = forms.DecimalField(
                    label=f"{label}: {word}",
                    required=False,
                    min_value=0,
                    max_value=1,
                    decimal_places=4,
                    initial=value,
                    widget=forms.NumberInput(attrs={"step": "0.01"}),
                )

    def _get_validation_exclusions(self):
        # The domain checks the dates' order and names the field; the model's check
        # constraint would only name itself.
        return super()._get_validation_exclusions() | {"ends_on"}

    def limit_rows(self):
        """(kind label, least field, largest field) for the template."""
        return [
            (label, self[f"min_{kind}"], self[f"max_{kind}"]) for kind, label in SessionKind.choices
        ]

    def limits(self) -> dict:
        data = self.cleaned_data
        return {kind: (data[f"min_{kind}"], data[f"max_{kind}"]) for kind in SessionKind.values}


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name", "capacity"]
        labels = {"capacity": "Capacity (seats)"}

    def __init__(self, *args, event, **kwargs):
        # Every set-up form takes the event (the others choose among its slots or speakers).
        super().__init__(*args, **kwargs)


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "kind", "fee", "unavailable"]
        labels = {"unavailable": "Slots they cannot make"}
        widgets = {"unavailable": forms.CheckboxSelectMultiple}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unavailable"].queryset = event.slots.all()


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            "title",
            "abstract",
            "track",
            "kind",
            "optional",
            "expected_attendance",
            "speakers",
            "answers",
        ]
        labels = {
            "optional": "Optional (the optimiser may leave it out)",
            "answers": "Topic requests it answers",
        }
        help_texts = {"optional": "Unticked: the session is mandatory and always runs."}
        widgets = {
            "abstract": forms.Textarea(attrs={"rows": 3}),
            "speakers": forms.CheckboxSelectMultiple,
            "answers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speakers"].queryset = event.speakers.all()
        self.fields["answers"].queryset = TopicRequest.objects.filter(
            event=event, merged_into__isnull=True
        ).order_by("title")
