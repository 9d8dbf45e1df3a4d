"""Events a lesson announces; higher layers (progress) listen. Lessons know nothing of pupils."""

from django.dispatch import Signal

# Sent when someone opens a pupil step: request, lesson, number (1-based), total.
step_viewed = Signal()
