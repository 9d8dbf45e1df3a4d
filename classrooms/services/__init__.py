"""Writes that touch several models, one module per concern: `staff` (schools, invitations, memberships),
`roster` (classes, pupils, codes, passwords, QR tokens, archive, delete, purge), `throttle` (sign-in
counters) and `audit` (the access record)."""
