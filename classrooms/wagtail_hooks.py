from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_classroom_actions(actions):
    """Who viewed, exported or deleted pupil data: shown to the school admin."""
    actions.register_action("classrooms.view_progress", _("View class progress"), _("Viewed class progress"))
    actions.register_action("classrooms.view_pupils", _("View pupil list"), _("Viewed the pupil list"))
    actions.register_action("classrooms.print_cards", _("Print login cards"), _("Opened the login cards"))
    actions.register_action("classrooms.export_class", _("Export class"), _("Exported class progress (CSV)"))
    actions.register_action("classrooms.export_pupil", _("Export pupil"), _("Exported one pupil's data (JSON)"))
    actions.register_action("classrooms.delete_pupil", _("Delete pupil"), _("Deleted a pupil and their work"))
    actions.register_action("classrooms.delete_class", _("Delete class"), _("Deleted a class and its pupils"))
