"""YAML parsed with libyaml's C safe loader when PyYAML has it: the bundled rule and word files
are read at every start, and the pure-Python scanner made that most of a cold ``check``."""

from __future__ import annotations

import yaml

# Safe either way: CSafeLoader and SafeLoader build only plain data, never arbitrary objects.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """What ``yaml.safe_load`` returns, with the C loader when there is one."""
    loader = LOADER(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
