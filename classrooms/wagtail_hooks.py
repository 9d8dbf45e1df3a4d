from wagtail import hooks

from .services.audit import ACCESS_RECORD_ACTIONS


@hooks.register("register_log_actions")
def register_classroom_actions(actions):
    """Who viewed, exported, changed or deleted pupil data, who signed in, and who changed who has access."""
    for name, (label, message) in ACCESS_RECORD_ACTIONS.items():
        actions.register_action(f"classrooms.{name}", label, message)
