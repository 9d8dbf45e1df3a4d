"""The access record of pupil data and of who has access: in Wagtail's audit log, append-only in the app.

Every entry names the school (so the school admin can see it), who did it (None for a failed sign-in or
the scheduled purge) and, when there was a request, the address it came from."""

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from core.network import client_address

# name: (label, message); written as "classrooms.<name>", registered in classrooms/wagtail_hooks.py.
ACCESS_RECORD_ACTIONS = {
    "view_progress": (_("View class progress"), _("Viewed class progress")),
    "view_pupils": (_("View pupil list"), _("Viewed the pupil list")),
    "view_pupil": (_("View pupil"), _("Viewed one pupil")),
    "print_cards": (_("Print login cards"), _("Opened the login cards")),
    "export_class": (_("Export class"), _("Exported class progress (CSV)")),
    "export_pupil": (_("Export pupil"), _("Exported one pupil's data (JSON)")),
    "rename_pupil": (_("Rename pupil"), _("Renamed a pupil")),
    "reset_password": (_("New pupil password"), _("Gave a pupil a new password and card")),
    "cards_on": (_("QR cards on"), _("Switched QR login cards on")),
    "cards_off": (_("QR cards off"), _("Switched QR login cards off")),
    "new_code": (_("New class code"), _("Gave the class a new code")),
    "archive": (_("Archive class"), _("Archived a class")),
    "restore": (_("Restore class"), _("Restored an archived class")),
    "unlock_pupil": (_("Unlock pupil"), _("Unlocked a pupil's sign-in")),
    "unlock_class": (_("Unlock class"), _("Unlocked the class's sign-in")),
    "delete_pupil": (_("Delete pupil"), _("Deleted a pupil and their work")),
    "delete_class": (_("Delete class"), _("Deleted a class and its pupils")),
    "purge": (_("Retention purge"), _("Deleted an archived class after the retention period")),
    "sign_in": (_("Staff sign-in"), _("Signed in")),
    "sign_in_failed": (_("Failed staff sign-in"), _("A sign-in with a wrong password")),
    "pupil_sign_in": (_("Pupil sign-in"), _("A pupil signed in")),
    "pupil_sign_in_failed": (_("Failed pupil sign-in"), _("A pupil's sign-in failed")),
    "invite": (_("Invite staff"), _("Invited a member of staff")),
    "revoke_invitation": (_("Revoke invitation"), _("Revoked an invitation")),
    "remove_member": (_("Remove staff"), _("Removed a member of staff from the school")),
    "remove_teacher": (_("Take teacher off class"), _("Took a teacher off a class")),
    "add_teacher": (_("Add teacher to class"), _("Added a teacher to a class")),
    "devices_only_on": (_("Class devices only"), _("Let pupils sign in with the class list only on class devices")),
    "devices_only_off": (_("Any device in the room"), _("Let pupils sign in on any device in the room")),
    "second_factor_required": (_("Two-step sign-in required"), _("Required two-step sign-in for every teacher")),
    "second_factor_optional": (_("Two-step sign-in optional"), _("Made two-step sign-in optional for teachers")),
}


def audit(*, action, user=None, classroom=None, school=None, request=None, instance=None, **data):
    """Record one action on pupil data or on a school's staff."""
    data = {"school": school.pk if school is not None else classroom.school_id, **data}
    if request is not None:
        data["address"] = client_address(request)
    target = instance if instance is not None else classroom if classroom is not None else school
    log(instance=target, action=f"classrooms.{action}", user=user, data=data)
