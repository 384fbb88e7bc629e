import csv
import io

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse, HttpResponseNotAllowed, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cctvfocus.admin_filters import CountedStatusFilter
from cctvfocus.admin_mixins import RichTextEditorAdminMixin
from cctvfocus.exports import Echo, csv_safe, export_queryset
from newsletter import consent, sending, services
from newsletter.health import stalled_issues
from newsletter.models import Delivery, Issue, IssuePost, Subscriber
from newsletter.rendering import render_issue
from newsletter.tasks import send_test_copy


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "source", "signed_up_at", "confirmed_at"]
    list_filter = [CountedStatusFilter, "source"]
    search_fields = ["email"]
    date_hierarchy = "confirmed_at"
    show_full_result_count = False
    list_per_page = 100
    readonly_fields = [
        "email",
        "source",
        "user",
        "signed_up_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_version",
        "consent_ip_hash",
    ]
    fields = ["email", "status", *readonly_fields[1:]]
    actions = ["unsubscribe_selected"]
    change_list_template = "admin/newsletter/subscriber/change_list.html"

    def has_add_permission(self, request):
        return False  # people join themselves, or staff import with proof of consent

    @admin.action(description=_("Unsubscribe selected addresses"))
    def unsubscribe_selected(self, request, queryset):
        count = queryset.filter(status=Subscriber.Status.CONFIRMED).update(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
        )
        self.message_user(
            request, ngettext("%d unsubscribed.", "%d unsubscribed.", count) % count
        )

    def get_urls(self):
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="newsletter_subscriber_export",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="newsletter_subscriber_import",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """CSV of the list as filtered on the change list (same query string)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = export_queryset(self, request)
        if queryset is None:
            return redirect(reverse("admin:newsletter_subscriber_changelist") + "?e=1")
        writer = csv.writer(Echo())
        header = [
            "email",
            "status",
            "source",
            "signed_up_at",
            "confirmed_at",
            "unsubscribed_at",
            "consent_version",
        ]

        def rows():
            yield writer.writerow(header)
            for subscriber in queryset.order_by("pk").iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        csv_safe(subscriber.email),
                        subscriber.status,
                        subscriber.source,
                        subscriber.signed_up_at.isoformat(),
                        subscriber.confirmed_at.isoformat(),
                        subscriber.unsubscribed_at.isoformat()
                        if subscriber.unsubscribed_at
                        else "",
                        subscriber.consent_version,
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="subscribers-{stamp}.csv"'
        )
        return response

    def import_view(self, request):
        """Check a CSV, say what it would do, and do it only when asked."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            report = plan_import(form.cleaned_data["rows"])
            if form.cleaned_data["confirm"] and not report["errors"]:
                created = apply_import(report, request=request)
                self.message_user(
                    request,
                    ngettext(
                        "%d subscriber imported.", "%d subscribers imported.", created
                    )
                    % created,
                    messages.SUCCESS,
                )
                return redirect("admin:newsletter_subscriber_changelist")
        return TemplateResponse(
            request,
            "admin/newsletter/subscriber/import.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Import subscribers"),
                "form": form,
                "report": report,
            },
        )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("One address per row, in the first column (a header row is fine)."),
    )
    prior_consent = forms.BooleanField(
        label=_(
            "Everyone in this file has agreed to receive the newsletter, and we "
            "can show when and how."
        ),
        error_messages={
            "required": _("Importing as confirmed needs proof of consent.")
        },
    )
    confirm = forms.BooleanField(
        required=False,
        label=_("Import now (leave unticked to check the file first)"),
    )

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("The file is larger than 10 MB; split it up."))
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("Save the file as UTF-8 CSV and try again.")
            ) from error
        self.cleaned_data["rows"] = list(csv.reader(io.StringIO(text)))
        return upload

    def clean(self):
        cleaned = super().clean()
        cleaned.setdefault("rows", [])
        return cleaned


def plan_import(rows: list[list[str]]) -> dict:
    """What an import would do, row by row: nothing is written here."""
    new, existing, errors, seen = [], [], [], set()
    known = {}
    addresses = [
        services.normalise_email(row[0]) for row in rows if row and row[0].strip()
    ]
    for subscriber in Subscriber.objects.filter(email__in=addresses).only(
        "email", "status"
    ):
        known[subscriber.email] = subscriber.status
    for number, row in enumerate(rows, start=1):
        if not row or not row[0].strip():
            continue
        email = services.normalise_email(row[0])
        if number == 1 and "@" not in email:
            continue  # a header row
        try:
            validate_email(email)
        except ValidationError:
            errors.append((number, row[0], _("not an e-mail address")))
            continue
        if email in seen:
            continue
        seen.add(email)
        if email in known:
            existing.append((email, known[email]))
        else:
            new.append(email)
    return {"new": new, "existing": existing, "errors": errors}


def apply_import(report: dict, *, request) -> int:
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=email,
                source=Subscriber.Source.IMPORT,
                signed_up_at=now,
                confirmed_at=now,
                consent_version=f"import:{consent.VERSION}",
            )
            for email in report["new"]
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return len(report["new"])


class IssuePostInline(admin.TabularInline):
    model = IssuePost
    extra = 1
    autocomplete_fields = ["post"]
    fields = ["post", "order"]


@admin.register(Issue)
class IssueAdmin(RichTextEditorAdminMixin, admin.ModelAdmin):
    list_display = [
        "subject",
        "status_label",
        "scheduled_at",
        "finished_at",
        "progress_bar",
    ]
    list_filter = ["status", "is_public"]
    search_fields = ["subject"]
    prepopulated_fields = {"slug": ["subject"]}
    inlines = [IssuePostInline]
    readonly_fields = ["status", "started_at", "finished_at", "progress_bar"]
    fieldsets = [
        (None, {"fields": ["subject", "slug", "preheader", "intro", "is_public"]}),
        (
            _("Sending"),
            {
                "fields": [
                    "status",
                    "scheduled_at",
                    "started_at",
                    "finished_at",
                    "progress_bar",
                ]
            },
        ),
    ]
    change_form_template = "admin/newsletter/issue/change_form.html"

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status in (Issue.Status.SENDING, Issue.Status.SENT):
            return False  # what went out stays as it went out
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if obj.status == Issue.Status.SCHEDULED and "scheduled_at" in form.changed_data:
            # A new time replaces the old; no time at all cancels the schedule.
            if obj.scheduled_at is None:
                obj.status = Issue.Status.DRAFT
            super().save_model(request, obj, form, change)
            if obj.scheduled_at is not None:
                sending.schedule_issue(obj)
            return
        super().save_model(request, obj, form, change)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, issue):
        grace = timezone.timedelta(minutes=settings.NEWSLETTER_OVERDUE_MINUTES)
        overdue = (
            issue.status == Issue.Status.SCHEDULED
            and issue.scheduled_at
            and issue.scheduled_at < timezone.now() - grace
        )
        if overdue:
            return format_html(
                '<strong class="overdue">{}</strong>',
                _("Overdue: is the worker running?"),
            )
        return issue.get_status_display()

    @admin.display(description=_("progress"))
    def progress_bar(self, issue):
        if issue.status not in (Issue.Status.SENDING, Issue.Status.SENT):
            return "—"
        progress = sending.progress_of(issue)
        total = progress["total"] or 1
        failed_url = (
            reverse("admin:newsletter_delivery_changelist")
            + f"?issue__id__exact={issue.pk}&state__exact=failed"
        )
        return format_html(
            '<progress max="{}" value="{}"></progress> {} sent, '
            '<a href="{}">{} failed</a>, {} in all',
            total,
            progress["sent"] + progress["failed"],
            progress["sent"],
            failed_url,
            progress["failed"],
            progress["total"],
        )

    def get_urls(self):
        def view(function, name):
            return path(
                f"<int:object_id>/{name}/",
                self.admin_site.admin_view(function),
                name=f"newsletter_issue_{name}",
            )

        return [
            view(self.preview_view, "preview"),
            view(self.send_test_view, "send-test"),
            view(self.send_view, "send"),
            view(self.schedule_view, "schedule"),
            view(self.unschedule_view, "unschedule"),
            view(self.resume_view, "resume"),
            *super().get_urls(),
        ]

    def _issue_for(self, request, object_id, *, send=False):
        issue = get_object_or_404(Issue, pk=object_id)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        if send and not request.user.has_perm("newsletter.send_issue"):
            raise PermissionDenied
        return issue

    def preview_view(self, request, object_id):
        """The issue exactly as it will be mailed."""
        issue = self._issue_for(request, object_id)
        html, _text = render_issue(issue).for_subscriber("#unsubscribe")
        response = HttpResponse(html)
        response["X-Robots-Tag"] = "noindex"
        return response

    def send_test_view(self, request, object_id):
        issue = self._issue_for(request, object_id, send=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        send_test_copy.enqueue(issue_id=issue.pk, email=request.user.email)
        self.message_user(
            request,
            _("A test copy is on its way to %(email)s.")
            % {"email": request.user.email},
        )
        return redirect("admin:newsletter_issue_change", object_id)

    def send_view(self, request, object_id):
        issue = self._issue_for(request, object_id, send=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if issue.status in (Issue.Status.SENDING, Issue.Status.SENT):
            self.message_user(
                request, _("This issue is already going out."), messages.WARNING
            )
        else:
            created = sending.start_issue(issue)
            self.message_user(
                request,
                ngettext(
                    "Sending to %d subscriber.", "Sending to %d subscribers.", created
                )
                % created,
                messages.SUCCESS,
            )
        return redirect("admin:newsletter_issue_change", object_id)

    def schedule_view(self, request, object_id):
        issue = self._issue_for(request, object_id, send=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if issue.status not in (Issue.Status.DRAFT, Issue.Status.SCHEDULED):
            raise PermissionDenied
        when = issue.scheduled_at
        if when is None or when <= timezone.now():
            self.message_user(
                request,
                _("Set a future “send at” time and save first."),
                messages.ERROR,
            )
        else:
            sending.schedule_issue(issue)
            self.message_user(
                request,
                _("Scheduled for %(when)s.")
                % {"when": timezone.localtime(when).strftime("%d %b %Y %H:%M")},
            )
        return redirect("admin:newsletter_issue_change", object_id)

    def unschedule_view(self, request, object_id):
        issue = self._issue_for(request, object_id, send=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        changed = Issue.objects.filter(
            pk=issue.pk, status=Issue.Status.SCHEDULED
        ).update(status=Issue.Status.DRAFT)
        if changed:
            self.message_user(request, _("Not scheduled any more: back to draft."))
        return redirect("admin:newsletter_issue_change", object_id)

    def resume_view(self, request, object_id):
        """Queue sending again, e.g. after a worker was stopped mid-issue."""
        issue = self._issue_for(request, object_id, send=True)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if issue.status == Issue.Status.SENDING:
            sending.queue_sending(issue)
            self.message_user(request, _("Sending is queued again."))
        return redirect("admin:newsletter_issue_change", object_id)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Who an issue went to, and why any copy failed. Read only."""

    list_display = ["subscriber", "issue", "state", "attempts", "sent_at", "last_error"]
    list_filter = ["state", "issue"]
    list_select_related = ["subscriber", "issue"]
    search_fields = ["subscriber__email"]
    show_full_result_count = False
    list_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def overdue_issues(request):
    """For the admin index: scheduled issues that should have started by now."""
    if not request.user.has_perm("newsletter.view_issue"):
        return None
    count = (
        Issue.objects.overdue(settings.NEWSLETTER_OVERDUE_MINUTES).count()
        + stalled_issues().count()
    )
    if not count:
        return None
    return {
        "label": ngettext(
            "%(count)d newsletter issue is late or stalled: is the worker running?",
            "%(count)d newsletter issues are late or stalled: is the worker running?",
            count,
        )
        % {"count": count},
        "count": count,
        "url": reverse("admin:newsletter_issue_changelist"),
    }
