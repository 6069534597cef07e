"""Reading YAML: libyaml's safe loader, strict about duplicate keys and about values
it cannot build (a 30th of February), and fast for the shapes our data files have.

PyYAML builds a document in Python from nodes: resolving each scalar's type by
regular expression and constructing it through generic machinery costs about 80 %
of a load (10,000 checklist items, a 2.6 MB file, took about a second). Our files
are plain lists of mappings of text, so :func:`_read_events` builds them straight
from libyaml's events, asking PyYAML's resolver and constructors only about
scalars that could be something other than text (those starting with a digit,
``y``, ``n``, ``~`` and so on). Anything else PyYAML would treat specially (an
anchor, an alias, a tag, a merge key, a key that is not a scalar, a duplicate
key, a second document, a syntax error) sends the whole text to PyYAML's own
loader, so the result and every error message are exactly what it gives.

A big file that is a plain list at the top level is also split between two items:
the second half is parsed in a forked process while this one parses the first,
and the halves are joined. Whenever the split cannot be trusted (no fork, other
threads running as under ``mkdocs serve``, a file that is not a plain list, any
error in either half) the whole text is parsed here instead, which also gives
errors their usual messages and line numbers.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable

import yaml
from yaml.events import (
    DocumentEndEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

SPLIT_FROM = 256 * 1024  # characters: below this a second process costs more than it saves


_KINDS = {"timestamp": "a date", "int": "a number", "float": "a number", "bool": "true/false"}


class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (libyaml's when available: several times faster) that rejects
    a key given twice in one mapping, and reports a value that looks like a date or
    a number but is not one (PyYAML lets Python's ValueError out) as a YAML error
    with its line."""

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, OverflowError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            raise yaml.constructor.ConstructorError(
                None, None, f"{node.value!r} is not {_KINDS.get(kind, 'a valid ' + kind)} ({exc})", node.start_mark
            ) from None


def _construct_mapping(loader: UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
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


UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(text: str):
    """The YAML document in ``text``; raises yaml.YAMLError as ``yaml.load`` with
    :class:`UniqueKeyLoader` would."""
    halves = _halves(text) if len(text) >= SPLIT_FROM else None
    if halves is not None:
        first, (offset, second) = halves
        joined = _in_parallel(first, offset, second)
        if joined is not None:
            return joined
    return _parse(text)


def _parse(text: str):
    try:
        return _read_events(text)
    except (_Unusual, yaml.YAMLError):
        return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (safe loader subclass)


class _Unusual(Exception):
    """The text uses something :func:`_read_events` leaves to PyYAML's loader."""


_STR = "tag:yaml.org,2002:str"
_NO_KEY = object()


def _read_events(text: str):
    """The document in ``text`` built from libyaml's events; raises _Unusual (or a
    YAMLError) where PyYAML's loader must answer instead."""
    loader = UniqueKeyLoader(text)
    try:
        return _build(loader)
    finally:
        loader.dispose()


def _build(loader: UniqueKeyLoader):
    resolvers = loader.yaml_implicit_resolvers
    if None in resolvers or loader.yaml_path_resolvers:
        raise _Unusual  # resolvers for any scalar, or by position: ask PyYAML every time
    firsts = frozenset(resolvers)  # a plain scalar starting with anything else is text
    get = loader.get_event
    get()  # the stream's start
    if loader.check_event(StreamEndEvent):
        return None  # an empty text
    get()  # the document's start
    root = None
    stack: list[list] = []  # open collections: [the list or dict, the key awaiting a value, keys seen]
    keys: dict[str, str] = {}  # one string per key name, shared by every mapping that has the key
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise _Unusual
            tag, value = event.tag, event.value
            if tag is None or tag == "!":  # as PyYAML's composer resolves it
                tag = loader.resolve(ScalarNode, value, event.implicit) \
                    if event.implicit[0] and value[:1] in firsts else _STR
            elif tag != _STR:
                raise _Unusual
            if tag != _STR:
                node = ScalarNode(tag, value, event.start_mark, event.end_mark, style=event.style)
                value = loader.construct_object(node)
        elif kind is SequenceStartEvent or kind is MappingStartEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise _Unusual
            value = [] if kind is SequenceStartEvent else {}
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            stack.pop()
            continue
        elif kind is DocumentEndEvent:
            if not loader.check_event(StreamEndEvent):
                raise _Unusual  # a second document, which PyYAML reports
            return root
        else:  # an alias
            raise _Unusual
        if not stack:
            root = value
        else:
            top = stack[-1]
            if type(top[0]) is list:
                top[0].append(value)
            elif top[1] is not _NO_KEY:
                top[0][top[1]] = value
                top[1] = _NO_KEY
            else:  # the value is a key
                if kind is not ScalarEvent or tag.endswith((":merge", ":value")):
                    raise _Unusual
                written = (tag, event.value)  # compared as written, as _construct_mapping does
                if written in top[2]:
                    raise _Unusual  # a duplicate, which PyYAML reports with its line
                top[2].add(written)
                top[1] = keys.setdefault(value, value) if type(value) is str else value
                continue
        if kind is not ScalarEvent:
            stack.append([value, _NO_KEY, set()])


def _halves(text: str) -> tuple[str, tuple[int, str]] | None:
    """The text cut before the top-level item nearest its middle, with the line the
    second part starts on; None unless the text is a plain top-level list."""
    body = [line for line in text[:4096].splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not body or not body[0].startswith("- ") or any(line.startswith(("%", "---", "...")) for line in body):
        return None
    cut = text.find("\n- ", len(text) // 2)
    if cut < 0 or "\n---" in text or "\n..." in text:
        return None
    cut += 1
    return text[:cut], (text.count("\n", 0, cut), text[cut:])


def _in_parallel(first: str, offset: int, second: str) -> list | None:
    """Parse ``second`` in a forked process and ``first`` here; None if that fails."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return None
    wait = _fork_parse("\n" * offset + second)
    try:
        head = _parse(first)
    except yaml.YAMLError:
        head = None
    tail = wait()
    if not isinstance(head, list) or not isinstance(tail, list):
        return None
    return head + tail


def _fork_parse(text: str) -> Callable[[], object]:
    """Start parsing ``text`` in a child process; the function returned waits for the
    result (None if the child failed)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send the result back, leave without cleanup
        try:
            os.close(read_end)
            try:
                result = ("ok", _parse(text))
            except Exception:  # noqa: BLE001 (the parent parses the whole text again and reports it)
                result = ("failed", None)
            with os.fdopen(write_end, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        finally:
            os._exit(0)
    os.close(write_end)

    def wait() -> object:
        try:
            with os.fdopen(read_end, "rb") as got:
                status, value = pickle.load(got)  # noqa: S301 (our own child's output)
        except Exception:  # noqa: BLE001 (a child that died leaves a short pipe)
            status, value = "failed", None
        finally:
            os.waitpid(pid, 0)
        return value if status == "ok" else None

    return wait
