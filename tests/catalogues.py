"""Reading gettext catalogues (.po files) in tests."""

import ast


def po_entries(path):
    """Every entry of a .po file as a dict of its fields (msgid, msgid_plural, msgstr, msgstr[0] …), obsolete
    entries and comments left out."""
    entries, current, field = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current.get("msgid"):
                entries.append(current)
            current, field = {}, None
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        else:
            field, _space, value = line.partition(" ")
            current[field] = ast.literal_eval(value)
    return entries
