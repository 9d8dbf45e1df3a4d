"""Reading the content pack: YAML files with both languages side by side (docs/content-pack.md).

The reader only reads the files; each codec (contentpack/codecs/) checks its own part."""

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .codecs import CODECS
from .common import LOCALES, PackError, tidy_html

__all__ = ["LOCALES", "STARTER_PACK", "Pack", "PackError", "load_pack", "read_pack"]

# libyaml's loader when PyYAML was built with it (the wheels are): the same data, ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STARTER_PACK = Path(
    os.environ.get("SAFESTEPS_CONTENT_PACK") or Path(__file__).resolve().parent.parent / "content" / "starter"
)


@dataclass
class Pack:
    root: Path
    site: dict = field(default_factory=dict)
    help_contacts: dict = field(default_factory=dict)
    reporting: dict = field(default_factory=dict)
    bands: list = field(default_factory=list)
    strands: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    guidance: dict = field(default_factory=dict)
    lessons: list = field(default_factory=list)
    guides: list = field(default_factory=list)


def _read(path):
    try:
        with path.open(encoding="utf-8") as handle:
            return tidy_html(yaml.load(handle, Loader=SAFE_LOADER))  # noqa: S506 (CSafeLoader or SafeLoader)
    except FileNotFoundError as error:
        raise PackError(path, "file", "is missing") from error
    except yaml.YAMLError as error:
        raise PackError(path, "file", f"is not valid YAML ({error})") from error


def _read_list(path):
    data = _read(path) or []
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise PackError(path, "file", "should be a list of mappings")
    return data


def _read_each(folder):
    """Every YAML file of a folder, in name order, each a mapping that remembers its file as `_path`."""
    items = []
    for path in sorted(folder.glob("*.yaml")):
        item = _read(path)
        if not isinstance(item, dict):
            raise PackError(path, "file", "should be a mapping")
        items.append({**item, "_path": path})
    return items


def read_pack(root=STARTER_PACK):
    """Read every file of the pack, unchecked; a missing or malformed file raises PackError."""
    root = Path(root)
    pack = Pack(root=root)
    pack.site = _read(root / "site.yaml") or {}
    pack.help_contacts = _read(root / "help_contacts.yaml") or {}
    pack.reporting = _read(root / "reporting.yaml") or {}
    pack.bands = _read_list(root / "bands.yaml")
    pack.strands = _read_list(root / "strands.yaml")
    for path in sorted((root / "outcomes").glob("*.yaml")):
        pack.outcomes.extend({**outcome, "_path": path} for outcome in _read_list(path))
    if (root / "guidance.yaml").exists():  # optional: a pack may carry no official-guidance references
        pack.guidance = _read(root / "guidance.yaml") or {}
    pack.lessons = _read_each(root / "lessons")
    pack.guides = _read_each(root / "guides")
    return pack


def load_pack(root=STARTER_PACK):
    """Read and check the whole pack before anything is written; raise PackError on the first problem."""
    pack = read_pack(root)
    for codec in CODECS:
        codec.check(pack)
    return pack
