from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import RedirectView

from jalin.web import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="today", permanent=False), name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("today/", views.today, name="today"),
    path("people/", views.people, name="people"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:person_id>/log/", views.person_log, name="person_log"),
    path("language/", views.language, name="language"),
]
