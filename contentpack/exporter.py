"""Writing the site's content back out as a content pack, in the format `import_content` reads."""

from pathlib import Path

import yaml

from .codecs import CODECS
from .common import Exporter


def collect_pack():
    """The whole pack as {relative path: data}, in a fixed order so that equal content exports equally."""
    exporter = Exporter()
    for codec in CODECS:
        codec.export(exporter)
    return exporter.files


def export_pack(root):
    """Write the pack under `root`; returns the paths written."""
    root = Path(root)
    written = []
    for relative, data in collect_pack().items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
        written.append(path)
    return written
