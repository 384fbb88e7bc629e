from ckeditor_uploader import views as ckeditor_views
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from cctvfocus import editor, views

urlpatterns = [
    path("", include("blog.urls")),
    path("", include("comments.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("contact/", include("contact.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    # The editor's endpoints sit behind the admin's own gate (staff + MFA).
    path(
        "admin/ckeditor/upload/",
        admin.site.admin_view(editor.upload_image),
        name="ckeditor_upload",
    ),
    path(
        "admin/ckeditor/browse/",
        admin.site.admin_view(ckeditor_views.browse),
        name="ckeditor_browse",
    ),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("favicon.ico", views.favicon),
]

handler500 = "cctvfocus.views.server_error"

if settings.BENCH_ENDPOINTS:
    # Only for `make bench`, which switches it on in its own environment.
    urlpatterns += [path("bench/bare/", views.bench_bare, name="bench-bare")]

if settings.SERVE_MEDIA:
    # One-machine setups serve uploads from Django; production uses its storage.
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
