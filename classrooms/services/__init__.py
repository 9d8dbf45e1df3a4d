"""Writes that touch several models, one module per concern: `staff` (schools, invitations, memberships),
`roster` (classes, pupils, codes, passwords, QR tokens, archive, delete, purge), `throttle` (sign-in
counters) and `audit` (the access record). Import from those modules; the names below are the same
functions, listed for the test factories (tests/factories.py) until they import the modules."""

from .roster import add_pupils, create_classroom

__all__ = ["add_pupils", "create_classroom"]
