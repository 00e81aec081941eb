from django.urls import path

from sportloket.portal import views

app_name = "portal"

urlpatterns = [
    path("mijn/", views.HomeView.as_view(), name="home"),
    path("mijn/inloggen/", views.SignInView.as_view(), name="sign-in"),
    path("mijn/inloggen/code/", views.CodeView.as_view(), name="code"),
    path("mijn/uitloggen/", views.SignOutView.as_view(), name="sign-out"),
    path("mijn/<int:pk>/", views.OrganisationView.as_view(), name="organisation"),
    path("mijn/<int:pk>/gegevens/", views.DataView.as_view(), name="data"),
    path("mijn/<int:pk>/vraag/", views.AskView.as_view(), name="ask"),
    path("mijn/<int:pk>/rollen/", views.RoleAddView.as_view(), name="role-add"),
    path("mijn/<int:pk>/rollen/<int:role_pk>/einde/", views.RoleEndView.as_view(), name="role-end"),
]
