"""Staff sign-in by email (or, for editors made on the command line, username) and password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from core.network import client_address

from . import throttle
from .models import Kind


class StaffBackend(ModelBackend):
    """Email and password for staff accounts only; a pupil account never signs in with a password.

    Every password sign-in (staff sign-in, Wagtail's admin, invitations, re-authentication) comes through here,
    so the throttle is asked first and told every failure. The same work is done whether or not the account
    exists, so a known address is not faster to reject."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        identifier = (email or username or "").strip()
        if not identifier or password is None:
            return None
        user = self.find(identifier)
        account, address = throttle.account_key(user=user, identifier=identifier), client_address(request)
        if throttle.locked(account=account, address=address):
            raise PermissionDenied  # stops every other backend too; Django sends user_login_failed
        if user is None:
            get_user_model()().set_password(password)  # the same hashing work for an unknown account
        elif user.check_password(password) and self.user_can_authenticate(user):
            throttle.clear(account=account, address=address)
            return user
        throttle.record_failure(account=account, address=address)
        return None

    def find(self, identifier):
        users = get_user_model().objects.filter(kind=Kind.STAFF)
        if "@" in identifier:
            return users.filter(email__iexact=identifier).first()
        return users.filter(username=identifier).first()


def sign_in_locked(request, identifier):
    """Whether sign-in for this email or username is locked from this request's address (for a clear message)."""
    identifier = (identifier or "").strip()
    user = StaffBackend().find(identifier) if identifier else None
    return throttle.locked(
        account=throttle.account_key(user=user, identifier=identifier), address=client_address(request)
    )
