"""The content pack's entry in Wagtail's audit log. There is no import view: importing is the operator's
command (`import_content`), never an admin screen."""

from wagtail import hooks

from .importer import IMPORT_ACTION, ImportLogFormatter


@hooks.register("register_log_actions")
def register_import_action(actions):
    """Who imported which content pack, and what it created or changed."""
    actions.register_action(IMPORT_ACTION)(ImportLogFormatter)
