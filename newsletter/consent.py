"""
What readers agree to when they join. Changing the wording means a new
version: each subscriber's record keeps the version they agreed to.
"""

from django.utils.translation import gettext_lazy as _

VERSION = "2026-11"
WORDING = _(
    "Yes, e-mail me the newsletter, about once a month. I can leave with one "
    "click from any issue. My address is used for nothing else."
)
