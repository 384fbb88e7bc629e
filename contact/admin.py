import csv

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.sites.admin import SiteAdmin as BaseSiteAdmin
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaks_filter
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cctvfocus.admin_filters import CountedStatusFilter
from cctvfocus.exports import Echo, csv_safe, export_queryset
from contact import services
from contact.models import Enquiry, EnquiryEvent, SiteDetails, SocialProfile, Topic


class SiteDetailsInline(admin.StackedInline):
    model = SiteDetails
    can_delete = False
    max_num = 1
    verbose_name_plural = _("contact details")


class SocialProfileInline(admin.TabularInline):
    model = SocialProfile
    extra = 0
    fields = ["network", "url", "label", "order"]


admin.site.unregister(Site)


@admin.register(Site)
class SiteAdmin(BaseSiteAdmin):
    """The site's name, address, contact details and social profiles, on one page."""

    inlines = [SiteDetailsInline, SocialProfileInline]
    fieldsets = [(None, {"fields": ["name", "domain"]})]


class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]


admin.site.register(Topic, TopicAdmin)


class EnquiryEventInline(admin.TabularInline):
    model = EnquiryEvent
    extra = 0
    can_delete = False
    fields = ["at", "by", "description"]
    readonly_fields = fields
    verbose_name_plural = _("history")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    """The contact inbox. Status and assignee changes are kept as history."""

    list_display = [
        "received_at",
        "name",
        "topic",
        "status",
        "assigned_to",
        "mail_state",
    ]
    list_display_links = ["received_at", "name"]
    list_filter = [
        CountedStatusFilter,
        "topic",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["topic", "assigned_to"]
    search_fields = ["name", "email", "phone", "message"]
    date_hierarchy = "received_at"
    show_full_result_count = False
    actions = ["mark_new", "mark_in_progress", "mark_closed", "retry_mail"]
    inlines = [EnquiryEventInline]
    readonly_fields = [
        "name",
        "email",
        "phone",
        "topic",
        "message_text",
        "contact_by",
        "received_at",
        "consent_at",
        "closed_at",
        "user",
        "staff_notified_at",
        "acknowledged_at",
        "mail_attempts",
        "mail_error",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "message_text",
                    ("name", "email", "phone"),
                    ("topic", "contact_by"),
                    ("received_at", "consent_at", "user"),
                ]
            },
        ),
        (_("Work"), {"fields": ["status", "assigned_to", "notes", "closed_at"]}),
        (
            _("Mail"),
            {
                "fields": [
                    ("staff_notified_at", "acknowledged_at"),
                    ("mail_attempts", "mail_error"),
                ]
            },
        ),
    ]
    change_list_template = "admin/contact/enquiry/change_list.html"

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("message"))
    def message_text(self, enquiry):
        return format_html(
            '<div class="enquiry-message">{}</div>',
            linebreaks_filter(enquiry.message, autoescape=True),
        )

    @admin.display(description=_("mail"), boolean=False)
    def mail_state(self, enquiry):
        if enquiry.mail_done:
            return _("sent")
        if enquiry.mail_error and (
            enquiry.mail_attempts >= settings.CONTACT_MAIL_MAX_ATTEMPTS
        ):
            return format_html(
                '<strong class="mail-failed">{}</strong>',
                _("failed: use “Send their mail again now”"),
            )
        if enquiry.mail_error:
            return format_html(
                '<strong class="mail-failed">{}</strong>', _("failing, retrying")
            )
        return _("queued")

    def save_model(self, request, obj, form, change):
        # Status and assignee go through the services so history is written.
        if change:
            new_status = obj.status
            new_assignee = obj.assigned_to
            obj.status = form.initial.get("status", obj.status)
            obj.assigned_to_id = form.initial.get("assigned_to")
            super().save_model(request, obj, form, change)
            if "status" in form.changed_data:
                services.change_status(
                    enquiries=[obj], status=new_status, by=request.user
                )
            if "assigned_to" in form.changed_data:
                services.assign(enquiry=obj, to=new_assignee, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def _set(self, request, queryset, status):
        count = services.change_status(
            enquiries=queryset, status=status, by=request.user
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d enquiry updated.", "%(count)d enquiries updated.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark selected as new"), permissions=["change"])
    def mark_new(self, request, queryset):
        self._set(request, queryset, Enquiry.Status.NEW)

    @admin.action(description=_("Mark selected as in progress"), permissions=["change"])
    def mark_in_progress(self, request, queryset):
        self._set(request, queryset, Enquiry.Status.IN_PROGRESS)

    @admin.action(description=_("Close selected"), permissions=["change"])
    def mark_closed(self, request, queryset):
        self._set(request, queryset, Enquiry.Status.CLOSED)

    @admin.action(description=_("Send their mail again now"), permissions=["change"])
    def retry_mail(self, request, queryset):
        from contact.tasks import send_enquiry_mail

        waiting = [e for e in queryset if not e.mail_done]
        for enquiry in waiting:
            send_enquiry_mail.enqueue(enquiry_id=enquiry.pk)
        self.message_user(request, _("%(count)d queued.") % {"count": len(waiting)})

    def get_urls(self):
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="contact_enquiry_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """CSV of the inbox as filtered on the change list (same query string)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        queryset = export_queryset(self, request)
        if queryset is None:
            return redirect(reverse("admin:contact_enquiry_changelist") + "?e=1")
        writer = csv.writer(Echo())

        def rows():
            yield writer.writerow(
                [
                    "received",
                    "name",
                    "email",
                    "phone",
                    "topic",
                    "status",
                    "assigned to",
                    "message",
                ]
            )
            for enquiry in queryset.order_by("pk").iterator(chunk_size=1000):
                yield writer.writerow(
                    [
                        enquiry.received_at.isoformat(),
                        *(
                            csv_safe(value)
                            for value in (
                                enquiry.name,
                                enquiry.email,
                                enquiry.phone,
                                str(enquiry.topic),
                                enquiry.get_status_display(),
                                enquiry.assigned_to.name if enquiry.assigned_to else "",
                                enquiry.message,
                            )
                        ),
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        stamp = timezone.now().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="enquiries-{stamp}.csv"'
        )
        return response


def new_enquiries(request):
    """For the admin index: how many enquiries nobody has picked up."""
    if not request.user.has_perm("contact.view_enquiry"):
        return None
    count = Enquiry.objects.filter(status=Enquiry.Status.NEW).count()
    return {
        "label": ngettext("%(count)d new enquiry", "%(count)d new enquiries", count)
        % {"count": count},
        "count": count,
        "url": reverse("admin:contact_enquiry_changelist") + "?status=new",
    }
