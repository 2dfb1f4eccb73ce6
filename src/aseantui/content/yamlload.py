"""YAML for front matter and the registries: safe, bounded, and free of control characters.

PyYAML's safe loader still accepts two things a content file never needs and
a hostile one can use: anchors and aliases (`&a` / `*a`), which can make a
self-referencing list or an exponentially large one ("billion laughs"), and
unbounded nesting, which exhausts the recursion limit of its composer. Both
are refused here as YAML errors with a line number. Every string in the
result must then be sanitized: YAML escapes ("\\e", "\\u202e") only become control
characters once parsed, after any check of the file's text: callers pass the
result through `aseantui.text.sanitize_data`.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError

from aseantui.text import is_safe

MAX_DEPTH = 20
"""Deepest nesting of lists and mappings (front matter needs 2)."""


class _BoundedLoader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise ComposerError(None, None, "anchors and aliases (*name) are not allowed", mark)
        if self.depth >= MAX_DEPTH:
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


_FastLoader: Any = getattr(yaml, "CSafeLoader", None)
"""libyaml's safe loader, ten times faster than the pure-Python one, when installed."""


def _check_events(text: str) -> None:
    """Refuse aliases and deep nesting by reading libyaml's event stream."""
    depth = 0
    for event in yaml.parse(text, Loader=_FastLoader):
        mark: Any = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise ComposerError(None, None, "anchors and aliases (*name) are not allowed",
                                mark)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                    mark)
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def load_yaml(text: str) -> Any:
    """Parse `text` like `yaml.safe_load`, within the bounds above; raises yaml.YAMLError.

    The data is as written: pass it through `sanitize_data` before use.
    """
    if _FastLoader is not None:
        try:
            _check_events(text)
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - libyaml's SafeLoader
        except yaml.YAMLError:
            pass  # report it in the pure-Python loader's words, the same on every machine
    return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506 - a SafeLoader


def all_safe(value: Any) -> bool:
    """True when no string in `value` holds anything `sanitize` would remove."""
    if isinstance(value, str):
        return is_safe(value)
    if isinstance(value, list):
        return all(all_safe(v) for v in value)
    if isinstance(value, dict):
        return all(all_safe(k) and all_safe(v) for k, v in value.items())
    return True
