"""The second factor (TOTP apps, with one-time recovery codes) through django-otp.

Required for editors, reviewers, the operator and school admins (STAFF_MFA_ENFORCED, on in production);
offered to teachers. A signed-in member of staff who has a device, or must have one, reaches nothing but
the second-factor screens until the code is given. A higher layer adds who else must enrol through
`requirements` (classrooms adds school admins), so this module knows nothing about schools."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect, resolve_url
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
# Functions user -> bool; any true means the user must enrol. Apps add theirs in AppConfig.ready().
requirements = [lambda user: user.is_superuser or user.has_perm("wagtailadmin.access_admin")]


def required(user):
    return settings.STAFF_MFA_ENFORCED and any(check(user) for check in requirements)


def enrolled(user):
    return user_has_device(user, confirmed=True)


def enrolled_ids(user_ids):
    """Which of these users have a confirmed authenticator app, in one query."""
    return set(TOTPDevice.objects.filter(user_id__in=user_ids, confirmed=True).values_list("user_id", flat=True))


def exempt(view):
    """Mark a view the second-factor gate lets through (the second-factor screens and sign-out)."""
    view.mfa_exempt = True
    return view


class SecondFactorMiddleware:
    """After django_otp's OTPMiddleware: an unverified session of someone who has (or needs) a device is sent
    to give the code (or to enrol) before any other view runs, the Wagtail admin included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_pupil or getattr(view_func, "mfa_exempt", False):
            return None
        if user.is_verified():
            return None
        if enrolled(user):
            target = settings.STAFF_MFA_VERIFY_URL
        elif required(user):
            target = settings.STAFF_MFA_ENROL_URL
        else:
            return None
        return redirect(f"{resolve_url(target)}?{urlencode({'next': request.get_full_path()})}")


def pending_device(user):
    """The user's TOTP device being set up (made once, unconfirmed until a first code matches)."""
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=False, defaults={"name": "app"})
    return device


def readable_secret(device):
    """The key in base32, in groups of four, for typing into an app that cannot scan."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device):
    """The otpauth:// address of the device as an SVG data URI for the authenticator app to scan."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2)


@transaction.atomic
def confirm_enrolment(request, *, device, token):
    """The first code from the app confirms the device; returns fresh recovery codes (shown once), or None."""
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(request.user)
    otp_login(request, device)
    return codes


def new_recovery_codes(user):
    """Replace the user's recovery codes with RECOVERY_CODES new ones, each good once."""
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify(request, token):
    """Check a code from the app or a recovery code; on success the session is verified. True if it matched."""
    token = "".join((token or "").split())
    for device in devices_for_user(request.user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False
