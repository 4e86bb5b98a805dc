from django.urls import path

from rankfile.strikes.views import actions, pages

app_name = "strikes"

urlpatterns = [
    path("campaigns/", pages.campaign_list, name="list"),
    path("c/<slug:slug>/campaigns/start/", actions.campaign_start, name="start"),
    path("campaigns/<int:campaign_id>/", pages.campaign_detail, name="detail"),
    path("campaigns/<int:campaign_id>/in/<slug:slug>/", pages.campaign_detail, name="detail_in"),
    path("campaigns/<int:campaign_id>/strong/", pages.strong, name="strong"),
    path("campaigns/<int:campaign_id>/in/<slug:slug>/strong/", pages.strong, name="strong_in"),
    path("campaigns/<int:campaign_id>/figures.json", pages.figures_json, name="figures"),
    path(
        "campaigns/<int:campaign_id>/in/<slug:slug>/figures.json",
        pages.figures_json,
        name="figures_in",
    ),
    path("campaigns/<int:campaign_id>/pledge/", actions.pledge, name="pledge"),
    path("campaigns/<int:campaign_id>/withdraw/", actions.withdraw, name="withdraw"),
    path("campaigns/<int:campaign_id>/endorse/", actions.endorse, name="endorse"),
    path("campaigns/<int:campaign_id>/report/<slug:slug>/", actions.report, name="report"),
]
