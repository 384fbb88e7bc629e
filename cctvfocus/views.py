import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """Database and cache (and any app's checks): 200 when all pass, else 503."""
    checks = {}
    for name, path in settings.HEALTH_CHECKS.items():
        try:
            ok = import_string(path)()
        except Exception:
            logger.exception("Health check %s failed", path)
            ok = False
        checks[name] = "ok" if ok else "failing"
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": checks},
        status=200 if healthy else 503,
    )


@require_safe
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; point them to ours."""
    return redirect(static("img/favicon.svg"), permanent=True)


def server_error(request):
    """The 500 page, rendered without anything that could fail again."""
    return HttpResponseServerError(render_to_string("500.html"))


# A fixed 20 KB page: the yardstick `make bench` measures every page against.
BARE_PAGE = ("<p>" + "CCTV Focus benchmark baseline. " * 20 + "</p>\n") * 32


def bench_bare(request):
    """The benchmark's baseline: as little Django work as a page can take."""
    return HttpResponse(BARE_PAGE)
