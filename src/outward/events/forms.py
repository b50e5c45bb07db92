"""Forms of the event pages; each field's label names it in error messages."""

from django import forms

from outward.events.models import Room, TimeSlot, TopicRequest


class SlotGeneratorForm(forms.Form):
    days = forms.TypedMultipleChoiceField(coerce=str, widget=forms.CheckboxSelectMultiple)
    start = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial="09:00")
    end = forms.TimeField(widget=forms.TimeInput(attrs={"type": "time"}), initial="17:00")
    length = forms.IntegerField(label="Session length (minutes)", min_value=1, initial=45)
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
