"""Data entry for organisers in the admin: rooms, slots, speakers and sessions of an event."""

from django.contrib import admin

from outward.events.models import Event, KindLimit, Room, Session, Speaker, TimeSlot


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


class KindLimitInline(admin.TabularInline):
    model = KindLimit
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("name", "starts_on", "ends_on", "venue", "speaker_budget")
    inlines = [RoomInline, KindLimitInline]
    exclude = (
        "agenda_status",
        "agenda_votes",
        "agenda_clashes",
        "agenda_lower_bound",
        "agenda_solved_at",
        "agenda_stop_requested",
    )


@admin.register(TimeSlot)
class TimeSlotAdmin(admin.ModelAdmin):
    list_display = ("__str__", "event")
    list_filter = ("event",)


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "fee", "event")
    list_filter = ("event", "kind")
    filter_horizontal = ("unavailable",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "track", "optional", "event")
    list_filter = ("event", "kind", "optional")
    filter_horizontal = ("speakers", "answers")
    exclude = ("fixed_slot", "fixed_room")
