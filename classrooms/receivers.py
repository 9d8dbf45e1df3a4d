"""Sign-ins and failed sign-ins go to the access record of the schools concerned."""

from accounts.backends import StaffBackend
from core.models import HELP_LANGUAGE_SESSION_KEY

from .queries import pupil_for
from .services.audit import audit


def record_sign_in(sender, request, user, **kwargs):
    """`user_logged_in`: a pupil's sign-in in their class's record; a member of staff's in each of their schools.

    A pupil's session also learns where their school is, for the help contacts (core.models.HelpContacts)."""
    pupil = pupil_for(user)
    if pupil is not None:
        request.session[HELP_LANGUAGE_SESSION_KEY] = pupil.classroom.school.help_language
        audit(action="pupil_sign_in", user=user, classroom=pupil.classroom, request=request, pupil=pupil.pk)
        return
    for membership in user.memberships.select_related("school"):
        audit(action="sign_in", user=user, school=membership.school, request=request, instance=user)


def record_sign_in_failure(sender, credentials, request=None, **kwargs):
    """`user_login_failed`: a pupil's in their class's record; a known staff account's in each of its schools.

    A failure for an address nobody has is recorded nowhere (it concerns no school)."""
    pupil = credentials.get("pupil")
    if pupil is not None:
        request.session[HELP_LANGUAGE_SESSION_KEY] = pupil.classroom.school.help_language
        audit(action="pupil_sign_in_failed", classroom=pupil.classroom, request=request, pupil=pupil.pk)
        return
    identifier = (credentials.get("email") or credentials.get("username") or "").strip()
    account = StaffBackend().find(identifier) if identifier else None
    if account is None:
        return
    for membership in account.memberships.select_related("school"):
        audit(action="sign_in_failed", school=membership.school, request=request, instance=account)
