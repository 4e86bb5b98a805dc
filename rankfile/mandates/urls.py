from django.urls import path

from rankfile.mandates import views

app_name = "mandates"

urlpatterns = [
    path("c/<slug:slug>/mandates/", views.coming_up, name="coming_up"),
    path("c/<slug:slug>/mandates/propose/", views.mandate_propose, name="propose"),
    path(
        "c/<slug:slug>/report-backs/<int:report_id>/",
        views.report_back,
        name="report_back",
    ),
]
