"""What the quiz announces to the layers above it (which know about classes and assignments)."""

from django.dispatch import Signal

# Sent when a quiz's result is shown; sender=the page class; lesson, request. A receiver may return a dict
# of links for the result page: "next_lesson" ({"url", "title"}: a signed-in pupil's next assigned lesson,
# or None when there is none) and "my_lessons_url" (the pupil's own lesson list).
result_shown = Signal()
