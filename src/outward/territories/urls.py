from django.urls import path

from outward.territories import views

app_name = "territories"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("coverage/", views.coverage, name="coverage"),
    path("map/", views.map_page, name="map"),
    path("map.svg", views.map_svg, name="map_svg"),
    path("new/", views.create, name="create"),
    path("test/", views.test_account, name="test"),
    path("assign/", views.assign, name="assign"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts.csv", views.conflicts_csv, name="conflicts_csv"),
    path("partners/", views.partner_search, name="partner_search"),
    path("<str:territory_id>/edit/", views.edit, name="edit"),
    path("<str:territory_id>/partners/", views.cover, name="cover"),
    path(
        "<str:territory_id>/partners/<str:partner_id>/remove/",
        views.uncover,
        name="uncover",
    ),
]
