"""Reading YAML strictly: libyaml's safe loader (PyYAML's when libyaml is missing)
that rejects a key given twice in one mapping, and reports a value that looks like
a date or a number but is not one (a 30th of February) as a YAML error with its
line, where PyYAML would let Python's ValueError out."""

from __future__ import annotations

import yaml

_KINDS = {"timestamp": "a date", "int": "a number", "float": "a number", "bool": "true/false"}


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not {_KINDS.get(kind, 'a valid ' + kind)} ({exc})", node.start_mark
            ) from None


def _construct_mapping(loader: StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: set = set()
    for key_node, _value in node.value:
        # keys are plain scalars in our files: compare them as written, without building them
        key = (key_node.tag, key_node.value) if isinstance(key_node, yaml.ScalarNode) else id(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key_node.value!r} (a key may appear once per item)", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str):
    """The YAML document in ``text``; raises yaml.YAMLError with a line on anything wrong."""
    return yaml.load(text, Loader=StrictLoader)  # noqa: S506 (a safe loader)
