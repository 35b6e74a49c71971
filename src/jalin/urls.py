from django.urls import include, path

urlpatterns = [path("", include("jalin.web.urls"))]
