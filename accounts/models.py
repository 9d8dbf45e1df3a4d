"""The one user model: members of staff and editors sign in with email and password; pupils never do."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    STAFF = "staff", _("staff")
    PUPIL = "pupil", _("pupil")


class AccountManager(UserManager):
    def staff(self):
        return self.filter(kind=Kind.STAFF)


class User(AbstractUser):
    """A teacher, school admin, editor or reviewer (kind staff), or a pupil's account (kind pupil).

    A pupil account has a random username, no email and an unusable password: pupils sign in through the
    classroom's own backends (class list + picture/word password, or the login card's token)."""

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices, default=Kind.STAFF)
    # Part of the session hash: raising it signs the account out everywhere (a pupil's new password or card,
    # an archived class, a member of staff removed from a school).
    session_version = models.PositiveIntegerField(default=0, editable=False)

    objects = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(kind="staff") & ~models.Q(email=""),
                name="unique_staff_email_any_case",
            )
        ]

    @property
    def is_pupil(self):
        return self.kind == Kind.PUPIL

    def get_session_auth_hash(self):
        """Django checks this on every request: a new session_version ends every existing session."""
        return f"{super().get_session_auth_hash()}:{self.session_version}"

    def end_sessions(self):
        """Sign this account out on every device (its sessions stop matching the auth hash)."""
        type(self).objects.filter(pk=self.pk).update(session_version=models.F("session_version") + 1)
        self.refresh_from_db(fields=["session_version"])

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower() if self.email else ""
        super().save(*args, **kwargs)
