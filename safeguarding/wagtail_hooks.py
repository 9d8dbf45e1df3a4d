from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_safeguarding_actions(actions):
    """The access record of safeguarding concerns: every view, edit, print and deletion, never their content."""
    actions.register_action("safeguarding.view_queue", _("View concerns"), _("Viewed the list of concerns"))
    actions.register_action("safeguarding.view", _("View concern"), _("Viewed a concern"))
    actions.register_action("safeguarding.create", _("Record concern"), _("Recorded a concern"))
    actions.register_action("safeguarding.add_note", _("Add to concern"), _("Added to a concern"))
    actions.register_action("safeguarding.update", _("Update concern"), _("Changed a concern's status"))
    actions.register_action("safeguarding.record_referral", _("Record report"), _("Recorded a report or referral"))
    actions.register_action("safeguarding.print", _("Print concern"), _("Printed a concern's chronology"))
    actions.register_action("safeguarding.view_chronology", _("View chronology"), _("Viewed a pupil's chronology"))
    actions.register_action("safeguarding.delete", _("Delete concern"), _("Deleted a concern (recorded decision)"))
    actions.register_action("safeguarding.designate", _("Designate staff"), _("Changed the designated staff"))
    actions.register_action(
        "safeguarding.view_access_record", _("View access record"), _("Viewed the safeguarding access record")
    )
