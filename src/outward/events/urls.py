from django.urls import path

from outward.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("<int:event_id>/", views.event_detail, name="detail"),
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
