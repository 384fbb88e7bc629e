import pytest
from django.urls import reverse

from contact.models import SiteDetails, SocialProfile
from tests.contact.factories import SiteDetailsFactory, SocialProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def details(site):
    return SiteDetailsFactory(site=site)


def page(client):
    """Any page in the site's layout; the footer is the same everywhere."""
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    return response.content.decode()


def test_footer_offers_the_phone_as_a_tap_to_call_link(client, details):
    html = page(client)
    assert '<a href="tel:+442079460321">+44 20 7946 0321</a>' in html


def test_footer_shows_the_email_address_as_a_mail_link(client, details):
    html = page(client)
    assert '<a href="mailto:hello@cctvfocus.example">hello@cctvfocus.example</a>' in (
        html
    )


def test_footer_shows_address_and_opening_hours(client, details):
    html = page(client)
    assert "Unit 4, Foundry Yard<br>Leeds LS1 4AB" in html
    assert "Monday to Friday, 8:30 to 17:30" in html


def test_footer_links_social_profiles_in_their_order(client, details):
    SocialProfileFactory(
        network=SocialProfile.Network.YOUTUBE,
        url="https://www.youtube.com/@cctvfocus",
        order=2,
    )
    SocialProfileFactory(
        network=SocialProfile.Network.MASTODON,
        url="https://mastodon.example/@cctvfocus",
        label="Our Mastodon",
        order=1,
    )
    html = page(client)
    mastodon = html.index('href="https://mastodon.example/@cctvfocus"')
    youtube = html.index('href="https://www.youtube.com/@cctvfocus"')
    assert mastodon < youtube
    assert "Our Mastodon</a>" in html
    assert "YouTube</a>" in html  # no label: the network's name


def test_changed_details_show_on_the_next_page(client, details, commit):
    assert "+44 20 7946 0321" in page(client)
    details.phone = "0113 496 0000"
    details.email = "office@cctvfocus.example"
    with commit():
        details.save()
    html = page(client)
    assert '<a href="tel:01134960000">0113 496 0000</a>' in html
    assert "office@cctvfocus.example" in html
    assert "+44 20 7946 0321" not in html


def test_new_and_removed_social_profiles_show_on_the_next_page(client, details, commit):
    with commit():
        profile = SocialProfileFactory(url="https://www.linkedin.com/company/cctv")
    assert "https://www.linkedin.com/company/cctv" in page(client)
    with commit():
        profile.delete()
    assert "https://www.linkedin.com/company/cctv" not in page(client)


def test_renamed_site_shows_on_the_next_page(client, site, details, commit):
    assert "CCTV Focus" in page(client)
    site.name = "Lens & Lock"
    with commit():
        site.save()
    html = page(client)
    assert "Lens &amp; Lock" in html
    assert "CCTV Focus" not in html


def test_pages_work_before_any_contact_details_are_entered(client, site):
    assert not SiteDetails.objects.exists()
    html = page(client)
    assert "CCTV Focus" in html
    assert "tel:" not in html
    assert "mailto:" not in html


def test_company_details_are_read_once_then_served_from_cache(
    client, details, django_assert_num_queries
):
    client.get("/no-such-page/")
    # The 404 page asks nothing else of the database: the footer comes from cache.
    with django_assert_num_queries(0):
        response = client.get("/no-such-page/")
    assert "tel:+442079460321" in response.content.decode()


def test_changed_details_show_on_cached_public_pages(
    client, details, django_capture_on_commit_callbacks
):
    client.get("/")
    assert client.get("/").headers["X-Page-Cache"] == "hit"  # anonymous home page
    details.phone = "0113 496 0000"
    with django_capture_on_commit_callbacks(execute=True):
        details.save()
    assert "0113 496 0000" in client.get("/").content.decode()
