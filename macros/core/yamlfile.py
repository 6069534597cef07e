"""Reading YAML strictly: libyaml's safe loader (PyYAML's when libyaml is missing)
that rejects a key given twice in one mapping, and reports a value that looks like
a date or a number but is not one (a 30th of February) as a YAML error with its
line, where PyYAML would let Python's ValueError out."""

from __future__ import annotations

import yaml

_KINDS = {"timestamp": "a date", "int": "a number", "float": "a number", "bool": "true/false"}


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, else PyYAML's


class StrictLoader(_SAFE_LOADER):
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


# --- the common case, fast -------------------------------------------------------------
# PyYAML spends most of a load building nodes and resolving every scalar's type through
# generic machinery. Our files are lists of mappings of text: built straight from the
# parser's events (libyaml's), they load several times faster (10,000 checklist items:
# about 0.45 s down to 0.15 s). Anything else PyYAML would treat specially (an anchor, an
# alias, a tag, a key that is not text, a key given twice, a scalar that resolves to
# something other than text, a second document, a syntax error) loads through the
# loader above instead, so results and messages are exactly PyYAML's.

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_PLAIN_TYPES = ("bool", "int", "float", "null", "timestamp")  # built here; merge keys and '=' are unusual
# What PyYAML might read as other than text: a plain scalar starting with one of these
# (a number, a date, null, '<<', '=') or, of at most five characters, with one of these
# (true/false, yes/no, on/off, null in their spellings: none is longer than 'false').
_MAYBE_NOT_TEXT = frozenset("0123456789-+.~=<")
_MAYBE_A_WORD = frozenset("nNtTfFyYoO")


class _Unusual(Exception):
    pass


def _scalar(event):
    if event.anchor is not None or (event.tag is not None and event.tag != "!"):
        raise _Unusual
    value = event.value
    if not event.style and event.implicit[0] and (not value or value[0] in _MAYBE_NOT_TEXT
                                                   or (value[0] in _MAYBE_A_WORD and len(value) <= 5)):
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        if tag != _STR:
            if tag.rsplit(":", 1)[-1] not in _PLAIN_TYPES:
                raise _Unusual
            try:
                return _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, value))
            except (ValueError, OverflowError, yaml.YAMLError):
                raise _Unusual from None  # PyYAML's loader gives the message, with its line
    return value


def _fast(text: str):
    stack: list = []  # containers being built; a mapping's pending key sits on a second stack
    keys: list = []
    result = None
    documents = 0
    loader = _SAFE_LOADER(text)
    next_event = loader.get_event  # (a loop on it, not yaml.parse's generator: a third faster)
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                value = event.value
                # text as written, unless PyYAML could read it as something else
                if not (event.anchor is None and event.tag is None
                        and (event.style or (value and value[0] not in _MAYBE_NOT_TEXT
                                             and (value[0] not in _MAYBE_A_WORD or len(value) > 5)))):
                    value = _scalar(event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                if event.anchor is not None or not event.implicit:
                    raise _Unusual
                value = {} if kind is yaml.MappingStartEvent else []
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                value = stack.pop()
                if kind is yaml.MappingEndEvent:
                    keys.pop()
                if stack:
                    continue
                result = value
                continue
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _Unusual
                continue
            elif kind in (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent):
                continue
            else:  # an alias
                raise _Unusual
            # place the value in the container being built
            if stack:
                top = stack[-1]
                if type(top) is list:
                    top.append(value)
                elif keys[-1] is None:
                    if type(value) is not str or value in top or value == "<<":
                        raise _Unusual
                    keys[-1] = value
                else:
                    top[keys[-1]] = value
                    keys[-1] = None
            else:
                result = value
            if type(value) in (dict, list):
                stack.append(value)
                if type(value) is dict:
                    keys.append(None)
    finally:
        loader.dispose()
    return result


def load_fast(text: str):
    """The same as :func:`load`, faster for plain lists and mappings of text."""
    try:
        return _fast(text)
    except (_Unusual, yaml.YAMLError):
        return load(text)
