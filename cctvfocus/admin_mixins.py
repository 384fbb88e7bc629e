from csp.decorators import csp_update

from cctvfocus.middleware import RICH_TEXT_EDITOR_POLICY


class RichTextEditorAdminMixin:
    """
    For admin forms with the CKEditor widget: widen the CSP on those pages only.

    See docs/decisions/0001-rich-text-editor.md.
    """

    def changeform_view(self, *args, **kwargs):
        view = csp_update(RICH_TEXT_EDITOR_POLICY)(super().changeform_view)
        return view(*args, **kwargs)
