from django.urls import path

from sportloket.clubcheck.views import answer, results, rounds

app_name = "clubcheck"

D = "<slug:loket_slug>/clubcheck/"
R = D + "<int:year>/"

urlpatterns = [
    path("mijn/check/<str:token>/", answer.AnswerFormView.as_view(), name="answer-form"),
    path("national/clubcheck/<int:year>/", results.NationalView.as_view(), name="national"),
    path(
        "national/clubcheck/<int:year>/results.<str:fmt>",
        results.NationalView.as_view(),
        name="national-file",
    ),
    path(D, rounds.RoundListView.as_view(), name="list"),
    path(R, rounds.RoundView.as_view(), name="round"),
    path(f"{R}results/", results.ResultsView.as_view(), name="results"),
    path(f"{R}results.<str:fmt>", results.DeskOpenDataView.as_view(), name="open-data"),
    path(
        f"{R}questions/<int:pk>/remove/",
        rounds.QuestionRemoveView.as_view(),
        name="question-remove",
    ),
    path(f"{R}answers/<int:pk>/", rounds.AnswerView.as_view(), name="answer"),
]
