"""The access record of pupil data: who saw, exported or deleted what, in Wagtail's audit log."""

from wagtail.log_actions import log


def audit(*, user, classroom, action, **data):
    """Record in Wagtail's audit log that a member of staff saw, exported or deleted pupil data."""
    log(instance=classroom, action=f"classrooms.{action}", user=user, data={"school": classroom.school_id, **data})
