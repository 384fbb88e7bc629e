import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from blog.models import Post
from tests.accounts.factories import DEFAULT_PASSWORD, AuthorFactory, EditorFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Doorbell cameras that respect the street"


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.STAFF_MFA_REQUIRED = False


@pytest.fixture
def diagram(tmp_path):
    path = tmp_path / "diagram.png"
    Image.new("RGB", (640, 360), (20, 90, 140)).save(path)
    return path


def sign_in(page, user):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("sign in", re.I)).click()


def sign_out(page):
    page.goto("/accounts/logout/")
    page.locator("main").get_by_role(
        "button", name=re.compile("sign out", re.I)
    ).click()


def write_in_editor(page, text):
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    body.press_sequentially(text)


def upload_image_in_editor(page, path):
    page.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog")
    dialog.locator("a.cke_dialog_tab", has_text="Upload").click()
    upload = page.frame_locator("iframe.cke_dialog_ui_input_file")
    upload.locator("input[type=file]").set_input_files(path)
    dialog.locator("a.cke_dialog_ui_fileButton").click()
    source = dialog.locator("input.cke_dialog_ui_input_text").first
    expect(source).to_have_value(re.compile(r"^/media/uploads/.+\.png$"))
    dialog.locator("input.cke_dialog_ui_input_text").nth(1).fill("A doorbell's view")
    dialog.locator("a.cke_dialog_ui_button_ok").click()


# Headless Chromium names itself in its User-Agent and is not counted as a
# reader (bots run it); the reader here browses as the desktop browser would.
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0 Safari/537.36"
)


def test_author_writes_editor_publishes_reader_finds_and_counts(
    page, browser, site_over_http, diagram
):
    author, editor = AuthorFactory(), EditorFactory()

    # The author writes the post in the real editor, with an uploaded image.
    sign_in(page, author)
    page.goto("/admin/blog/post/add/")
    page.get_by_label("Title:", exact=True).fill(TITLE)
    write_in_editor(page, "Point the lens at your own path, not the pavement. ")
    upload_image_in_editor(page, diagram)
    page.get_by_label("Tags:", exact=True).fill("doorbells, privacy")
    page.get_by_label("Status:", exact=True).select_option("review")
    expect(page.get_by_label("Status:", exact=True).locator("option")).to_have_count(2)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # The preview shows it as readers will see it, image included.
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Preview").click()
    preview = popup.value
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.locator(".post__body img")).to_have_attribute(
        "alt", "A doorbell's view"
    )
    expect(preview.locator("[data-view-beacon]")).to_have_count(0)
    preview.close()
    sign_out(page)

    # The editor publishes it from the list.
    sign_in(page, editor)
    page.goto("/admin/blog/post/")
    row = page.locator("#result_list tr", has_text=TITLE)
    row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 post published.")
    sign_out(page)

    # A reader finds it on the home page, by tag and by search.
    context = browser.new_context(base_url=site_over_http.url, user_agent=READER_AGENT)
    page = context.new_page()
    page.goto("/")
    expect(page.locator("main")).to_contain_text(TITLE)
    page.goto("/blog/tag/doorbells/")
    expect(page.locator("main")).to_contain_text(TITLE)
    page.goto("/search/?q=pavement")
    expect(page.locator(".search-results")).to_contain_text(TITLE)
    page.locator(".search-results").get_by_role("link", name=TITLE).click()

    # Reading it counts one view; reading it again does not.
    counter = page.locator(".post__header [data-view-count]")
    expect(counter).to_have_text("1")
    page.reload()
    expect(counter).to_have_text("1")
    context.close()
    assert Post.objects.get(title=TITLE).view_count == 1
