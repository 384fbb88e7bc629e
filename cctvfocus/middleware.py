from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.urls import reverse

# The admin's own widgets and the CKEditor 4 widget set inline styles, and the
# editor opens its dialogs in frames of our own origin: the admin gets a wider
# policy, under its own path only. Public pages keep the strict one in settings.
ADMIN_POLICY_UPDATE = {
    "style-src": [UNSAFE_INLINE],
    "img-src": ["blob:"],
    "frame-src": [SELF],
}
ADMIN_POLICY_REPLACE = {"frame-ancestors": [SELF]}


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a wider policy scoped to the admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(reverse("admin:index")):
            parts.update = {**ADMIN_POLICY_UPDATE, **(parts.update or {})}
            parts.replace = {**ADMIN_POLICY_REPLACE, **(parts.replace or {})}
        return parts


# CKEditor 4 wires its toolbar with inline event handlers, which no nonce or
# hash can allow. Only the admin forms that carry the editor get this.
RICH_TEXT_EDITOR_POLICY = {"script-src": [UNSAFE_INLINE]}
