"""Steps the contact tests take the way a reader's browser (or an editor's) would."""

from django.urls import reverse

from cctvfocus.abuse import issue_token
from tests.blog.pages import parse

ENQUIRY_URL = reverse("contact:enquiry")
THANKS_URL = reverse("contact:thanks")
MESSAGE = "We run a garden centre with two gates. Where should the cameras go?"


def form_data(*, topic, **fields):
    """What the form sends: a fresh form copy and what a person typed in it."""
    data = {
        "issued": issue_token(),
        "homepage": "",
        "name": "Harriet Lowe",
        "email": "harriet@example.com",
        "phone": "",
        "topic": getattr(topic, "pk", topic),
        "message": MESSAGE,
        "contact_by": "email",
        "consent": "on",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def send_enquiry(client, *, ip="127.0.0.1", **fields):
    """Post the form; ``fields`` (``topic`` among them) override what is typed."""
    return client.post(ENQUIRY_URL, form_data(**fields), REMOTE_ADDR=ip)


def field_errors(response, name):
    """The messages shown beside a form field."""
    errors = parse(response).find("ul", cls="field__errors", id=f"id_{name}_error")
    if errors is None:
        return []
    return [item.text().removeprefix("Error: ") for item in errors.find_all("li")]


def form_errors(response):
    """The messages at the top of the form (belonging to no field)."""
    box = parse(response).find("div", cls="form-errors")
    return [item.text() for item in box.find_all("li")] if box else []


def admin_form_data(response, form_id="enquiry_form"):
    """
    What the admin's change form would send back unchanged: every input,
    select and textarea of the form with its current value.
    """
    form = parse(response).find("form", id=form_id)
    assert form is not None, f"no form #{form_id} on the page"
    data = {}
    for element in form.iter():
        name = element.attrs.get("name")
        if not name or element.attrs.get("disabled") is not None:
            continue
        if element.tag == "input":
            kind = element.attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in element.attrs:
                    data[name] = element.attrs.get("value", "on")
                continue
            data[name] = element.attrs.get("value", "")
        elif element.tag == "textarea":
            data[name] = element.raw_text().removeprefix("\n")
        elif element.tag == "select":
            chosen = [
                option.attrs.get("value", "")
                for option in element.find_all("option")
                if "selected" in option.attrs
            ]
            data[name] = chosen[0] if chosen else ""
    return data
