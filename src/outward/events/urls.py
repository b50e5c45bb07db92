from django.urls import path

from outward.events import setup_views, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", setup_views.event_create, name="create"),
    path("<int:event_id>/", views.event_detail, name="detail"),
    path("<int:event_id>/edit/", setup_views.event_edit, name="edit"),
    path("<int:event_id>/rooms/", setup_views.rooms, name="rooms"),
    path("<int:event_id>/rooms/<int:room_id>/", setup_views.room_edit, name="room"),
    path(
        "<int:event_id>/rooms/<int:room_id>/delete/",
        setup_views.room_delete,
        name="room_delete",
    ),
    path("<int:event_id>/speakers/", setup_views.speakers, name="speakers"),
    path("<int:event_id>/speakers/<int:speaker_id>/", setup_views.speaker_edit, name="speaker"),
    path(
        "<int:event_id>/speakers/<int:speaker_id>/delete/",
        setup_views.speaker_delete,
        name="speaker_delete",
    ),
    path("<int:event_id>/sessions/", setup_views.sessions, name="sessions"),
    path("<int:event_id>/sessions/<int:session_id>/", setup_views.session_edit, name="session"),
    path(
        "<int:event_id>/sessions/<int:session_id>/delete/",
        setup_views.session_delete,
        name="session_delete",
    ),
    path("<int:event_id>/slots/", views.generate_slots, name="slots"),
    path("<int:event_id>/budget/", views.budget, name="budget"),
    path("<int:event_id>/requests/", views.topic_requests, name="requests"),
    path("<int:event_id>/requests/<int:request_id>/", views.topic_detail, name="request"),
    path("<int:event_id>/requests/<int:request_id>/vote/", views.vote, name="vote"),
    path("<int:event_id>/requests/<int:request_id>/merge/", views.merge, name="merge"),
    path(
        "<int:event_id>/requests/<int:request_id>/session/",
        views.make_session,
        name="make_session",
    ),
    path("<int:event_id>/registration/", views.registration, name="registration"),
    path("<int:event_id>/agenda/", views.agenda, name="agenda"),
    path("<int:event_id>/agenda/solve/", views.solve, name="solve"),
    path("<int:event_id>/agenda/stop/", views.stop, name="stop"),
    path("<int:event_id>/agenda/sessions/<int:session_id>/pin/", views.pin, name="pin"),
    path("<int:event_id>/agenda/sessions/<int:session_id>/place/", views.place, name="place"),
    path("<int:event_id>/agenda.ics", views.calendar, name="calendar"),
    path("<int:event_id>/my-agenda.ics", views.my_calendar, name="my_calendar"),
    path("<int:event_id>/agenda.csv", views.agenda_csv, name="agenda_csv"),
]
