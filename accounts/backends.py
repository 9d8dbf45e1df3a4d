"""Staff sign-in by email (or, for editors made on the command line, username) and password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .models import Kind


class StaffBackend(ModelBackend):
    """Email and password for staff accounts only; a pupil account never signs in with a password.

    The same work is done whether or not the account exists, so a known address is not faster to reject."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        identifier = (email or username or "").strip()
        if not identifier or password is None:
            return None
        users = get_user_model().objects.filter(kind=Kind.STAFF)
        user = (
            users.filter(email__iexact=identifier).first()
            if "@" in identifier
            else users.filter(username=identifier).first()
        )
        if user is None:
            get_user_model()().set_password(password)  # the same hashing work for an unknown account
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
