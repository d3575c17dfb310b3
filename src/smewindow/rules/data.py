"""The data files shipped inside ``smewindow.rules`` (questions, guidance, sources, synonyms)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def package_text(name: str) -> str:
    """The text of the rules package's file ``name``."""
    return (resources.files("smewindow.rules") / name).read_text("utf-8")


def package_yaml(name: str) -> Any:
    """The rules package's YAML file ``name``, parsed."""
    return yaml.safe_load(package_text(name))
