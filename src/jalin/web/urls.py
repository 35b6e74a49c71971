from django.contrib.auth import views as auth_views
from django.urls import path

from jalin.web import (
    views,
    views_dashboard,
    views_imports,
    views_needs,
    views_network,
    views_person,
    views_settings,
)

urlpatterns = [
    path("", views_dashboard.dashboard, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("today/", views.today, name="today"),
    path("people/", views.people, name="people"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/bulk/", views.people_bulk, name="people_bulk"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:person_id>/log/", views.person_log, name="person_log"),
    path("people/<int:person_id>/timeline/", views.person_timeline, name="person_timeline"),
    path(
        "people/<int:person_id>/strength.json",
        views_person.strength_chart,
        name="person_strength_chart",
    ),
    path("people/<int:person_id>/links/", views_person.person_link_add, name="person_link_add"),
    path(
        "people/<int:person_id>/links/remove/",
        views_person.person_link_remove,
        name="person_link_remove",
    ),
    path("language/", views.language, name="language"),
]

urlpatterns += [
    path("imports/", views_imports.imports, name="imports"),
    path("imports/jobs/<int:job_id>/", views_imports.import_job, name="import_job"),
    path("imports/<int:batch_id>/undo/", views_imports.import_undo, name="import_undo"),
    path("review/", views_imports.review, name="review"),
    path("review/<int:a>/<int:b>/", views_imports.review_decide, name="review_decide"),
    path("review/merges/<int:merge_id>/undo/", views_imports.merge_undo, name="merge_undo"),
]

urlpatterns += [
    path("needs/", views_needs.needs, name="needs"),
    path("needs/<int:need_id>/", views_needs.need_detail, name="need_detail"),
    path("needs/<int:need_id>/ask/<int:person_id>/", views_needs.need_ask, name="need_ask"),
    path(
        "needs/<int:need_id>/intro/<int:by_id>/<int:to_id>/",
        views_needs.need_intro,
        name="need_intro",
    ),
    path("needs/<int:need_id>/close/", views_needs.need_close, name="need_close"),
    path("people/<int:person_id>/favours/", views_needs.person_favour, name="person_favour"),
]

urlpatterns += [
    path("reminders/<int:reminder_id>/done/", views_dashboard.reminder_done, name="reminder_done"),
    path(
        "reminders/<int:reminder_id>/snooze/",
        views_dashboard.reminder_snooze,
        name="reminder_snooze",
    ),
    path("people/<int:person_id>/snooze/", views_dashboard.person_snooze, name="person_snooze"),
    path("settings/", views_settings.settings_page, name="settings"),
    path("settings/calendar/", views_settings.calendar_address, name="calendar_address"),
    path("calendar/<str:token>.ics", views_settings.calendar_feed, name="calendar_feed"),
    path("network/", views_network.network, name="network"),
    path("network/graph.json", views_network.network_graph, name="network_graph"),
]
