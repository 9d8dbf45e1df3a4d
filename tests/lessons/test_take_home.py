from django.test import override_settings

from core.addresses import absolute_url


@override_settings(SITE_URL="https://safesteps.example.cn/")
def test_letter_prints_the_configured_site_address_and_its_qr_code(client, lesson_en):
    """The take-home letter prints the SITE_URL address of the lesson and a QR code of it, not the request's host."""
    html = client.get(f"{lesson_en.url}take-home/", HTTP_HOST="127.0.0.1").content.decode()
    assert f"https://safesteps.example.cn{lesson_en.url}" in html
    assert 'class="letter-qr" src="data:image/svg+xml' in html
    assert "127.0.0.1" not in html
    assert "localhost" not in html


@override_settings(SITE_URL="")
def test_without_the_setting_the_letter_prints_the_requests_host(client, lesson_en):
    """With no SITE_URL (development), the address is the one the request came to."""
    html = client.get(f"{lesson_en.url}take-home/", HTTP_HOST="school.example.org").content.decode()
    assert f"http://school.example.org{lesson_en.url}" in html


@override_settings(SITE_URL="https://safesteps.example.cn")
def test_a_full_url_keeps_only_its_path():
    """A page URL carrying Wagtail's site host is printed on the public address."""
    assert absolute_url(None, "http://localhost/en/lessons/") == "https://safesteps.example.cn/en/lessons/"
