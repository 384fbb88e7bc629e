"""
Image uploads from the rich-text editor (staff only).

Replaces django-ckeditor's upload view: the file must pass the same image
validation as every other upload (a real JPEG, PNG, GIF or WebP within the
limits), gets a fresh name, and nothing is written when it is refused. The
editor's upload dialog expects a script calling back into the editor; that
script carries the page's CSP nonce, as every script must.
"""

import json
import uuid
from pathlib import PurePath

from csp.constants import NONCE
from csp.decorators import csp_update
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.html import escape
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cctvfocus.images import EXTENSIONS, validate_image_file
from cctvfocus.tasks import render_image


def _dialog_response(request, func_num: str, url: str = "", error: str = ""):
    arguments = ", ".join([func_num, json.dumps(url), json.dumps(error)])
    call = f"window.parent.CKEDITOR.tools.callFunction({arguments});"
    return HttpResponse(
        f'<!doctype html><script nonce="{escape(request.csp_nonce)}">{call}</script>'
    )


def _editor_token_matches(request) -> bool:
    """
    CKEditor's own CSRF defence: a random token in a cookie, sent back with
    the upload. A page of another origin can neither read nor set that cookie.
    """
    sent = request.POST.get("ckCsrfToken", "")
    kept = request.COOKIES.get("ckCsrfToken", "")
    return bool(sent) and constant_time_compare(sent, kept)


# The editor cannot send Django's CSRF token; it sends its own (checked below),
# and the session cookie is SameSite=Lax besides.
@csrf_exempt
@csp_update({"script-src": [NONCE]})  # the dialog's callback script
@xframe_options_sameorigin  # the upload dialog reads the answer in a frame
@require_POST
def upload_image(request):
    if not _editor_token_matches(request):
        return HttpResponseForbidden(
            "The upload was refused: reload the page and try again."
        )
    func_num = request.GET.get("CKEditorFuncNum", "")
    func_num = func_num if func_num.isdigit() else ""
    upload = request.FILES.get("upload")
    try:
        if upload is None:
            raise ValidationError("Choose an image to upload.")
        image_format = validate_image_file(upload)
    except ValidationError as error:
        message = " ".join(error.messages)
        if func_num:
            return _dialog_response(request, func_num, error=message)
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=400)
    # The name says what the file is, whatever the upload was called: an image
    # that is also valid script must never be served back as .js or .html.
    suffix = EXTENSIONS[image_format]
    name = default_storage.save(
        f"uploads/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}", upload
    )
    transaction.on_commit(lambda: render_image.enqueue(name=name))
    url = default_storage.url(name)
    if func_num:
        return _dialog_response(request, func_num, url=url)
    return JsonResponse({"uploaded": 1, "fileName": PurePath(name).name, "url": url})
