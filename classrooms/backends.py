"""How pupils sign in: never with an account password, only through their class or their login card."""

from django.contrib.auth.backends import ModelBackend

from . import passwords
from .models import Pupil
from .services.signin import take_handoff, well_formed_token


class PupilBackend(ModelBackend):
    """Pupils have no permissions of their own; only the way they prove who they are differs."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and user.is_pupil


class PupilSecretBackend(PupilBackend):
    """The pupil the child tapped in the class list, with the picture or word password from their card.

    The answer comes as `password`, so `user_login_failed` receivers see it masked, as for staff."""

    def authenticate(self, request, pupil=None, password=None, **kwargs):
        if pupil is None or password is None:
            return None
        if passwords.matches(pupil.secret, password) and self.user_can_authenticate(pupil.user):
            return pupil.user
        return None


class PupilCardBackend(PupilBackend):
    """The long random token printed as a QR code on a login card (revocable; archived classes never),
    or the teacher's one-time hand-off link for one pupil (used up here)."""

    def authenticate(self, request, login_token=None, handoff_token=None, **kwargs):
        if handoff_token:
            pupil_id = take_handoff(handoff_token)
            pupil = (
                Pupil.objects.select_related("user").filter(pk=pupil_id, classroom__archived_at__isnull=True).first()
            )
            if pupil is not None and self.user_can_authenticate(pupil.user):
                return pupil.user
            return None
        if not well_formed_token(login_token):
            return None
        pupil = (
            Pupil.objects.select_related("user")
            .filter(login_token=login_token, classroom__archived_at__isnull=True)
            .first()
        )
        if pupil is not None and self.user_can_authenticate(pupil.user):
            return pupil.user
        return None
