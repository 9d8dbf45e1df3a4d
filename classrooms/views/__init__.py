"""Classroom screens by audience: `auth` (staff sign-in and out, invitations, password reset), `teacher`
(classes, pupils, cards, settings) and `pupil` (a pupil's sign-in). Thin: parse, call queries or services,
render."""
