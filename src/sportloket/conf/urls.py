from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from sportloket.core import views as core_views

# The admin signs in through allauth too, so the second factor and the lockout apply there.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Sportloket"
admin.site.site_title = "Sportloket"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("sportloket.offerings.national_urls")),
    path("", include("sportloket.portal.urls")),
    path("", include("sportloket.clubcheck.urls")),
    path("", include("sportloket.scan.urls")),
    path("", include("sportloket.dashboard.urls")),
    path("", include("sportloket.helprequests.urls")),
    path("", include("sportloket.decisions.urls")),
    path("", include("sportloket.funds.urls")),
    path("", include("sportloket.quality.urls")),
    path("", include("sportloket.meetings.urls")),
    path("", include("sportloket.cooperation.urls")),
    path("", include("sportloket.contacts.urls")),
    path("", include("sportloket.knowledge.urls")),
    path("", include("sportloket.registry.urls")),
    path("", include("sportloket.jobs.urls")),
    path("", include("sportloket.offerings.urls")),
    path("", include("sportloket.core.urls")),
]

handler400 = "sportloket.core.errors.bad_request"
handler403 = "sportloket.core.errors.permission_denied"
handler404 = "sportloket.core.errors.page_not_found"
handler500 = "sportloket.core.errors.server_error"

# Uploaded files (intent declarations, import files) are never served from a media address,
# not even in development: only the desk-scoped views hand them out.
