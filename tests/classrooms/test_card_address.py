from django.test import override_settings
from django.urls import reverse


@override_settings(SITE_URL="https://safesteps.example.cn")
def test_login_cards_print_the_site_address_and_a_qr_code_of_it(client, teacher, classroom):
    """Every card says where to sign in, on the configured public address, with a QR code of the sign-in page."""
    client.force_login(teacher)
    html = client.get(reverse("classrooms:login_cards", kwargs={"pk": classroom.pk})).content.decode()
    address = "https://safesteps.example.cn" + reverse("classrooms:pupil_login")
    assert html.count(address) == classroom.pupils.count()
    assert html.count("login-card__qr--address") == classroom.pupils.count()
    assert "127.0.0.1" not in html


@override_settings(SITE_URL="https://safesteps.example.cn")
def test_quick_sign_in_qr_codes_use_the_site_address(client, teacher, classroom):
    """The QR codes that sign a pupil in point at the public address (segno encodes it in the SVG's data)."""
    client.force_login(teacher)
    client.post(reverse("classrooms:classroom_action", kwargs={"pk": classroom.pk, "action": "qr-on"}))
    cards = client.get(reverse("classrooms:login_cards", kwargs={"pk": classroom.pk}))
    assert all(pupil.qr_uri.startswith("data:image/svg+xml") for pupil in cards.context["pupils"])
    assert "login-card__qr--address" not in cards.content.decode()
