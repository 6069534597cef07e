"""Reading YAML: libyaml's safe loader, strict about duplicate keys, and big lists
parsed on two cores.

A data file of thousands of items (10,000 checklist items is 2.6 MB) takes PyYAML
about a second, most of a large build's data loading. A file that is a plain list
at the top level splits cleanly between two items, so the second half is parsed in
a forked process while this one parses the first, and the halves are joined. The
result is the same list; whenever the split cannot be trusted (no fork, other
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

SPLIT_FROM = 256 * 1024  # characters: below this a second process costs more than it saves


class UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe loader (libyaml's when available: several times faster) that rejects
    a key given twice in one mapping."""


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
    """The YAML document in ``text``; raises yaml.YAMLError as ``yaml.load`` would."""
    halves = _halves(text) if len(text) >= SPLIT_FROM else None
    if halves is not None:
        first, (offset, second) = halves
        joined = _in_parallel(first, offset, second)
        if joined is not None:
            return joined
    return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 (safe loader subclass)


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
        head = yaml.load(first, Loader=UniqueKeyLoader)  # noqa: S506 (safe loader subclass)
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
                result = ("ok", yaml.load(text, Loader=UniqueKeyLoader))  # noqa: S506
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
