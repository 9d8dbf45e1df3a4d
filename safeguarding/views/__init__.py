"""Safeguarding screens by audience: `pupil` (ask to talk), `staff` (the concern log), `school` (admin settings)."""
