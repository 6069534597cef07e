"""Reading YAML strictly: libyaml's safe loader (PyYAML's when libyaml is missing)
that rejects a key given twice in one mapping, and reports a value that looks like
a date or a number but is not one (a 30th of February) as a YAML error with its
line, where PyYAML would let Python's ValueError out."""

from __future__ import annotations

import functools
import re

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


# --- a list of flat records of text, line by line ---------------------------------------
# checklist.yml, by far the largest file, is a list of flat records written the way
# yaml.safe_dump writes one: "- key: value" and "  key: value" lines, each value plain
# (long ones folded onto deeper lines), quoted on one line, a [flow, list] or a block list
# of such scalars. Read line by line, that shape loads several times faster again than
# from libyaml's events (10,000 items: about 0.17 s down to 0.08 s). Any line outside it,
# and any scalar PyYAML could read as other than text, sends the whole text to the event
# reader above, so the result is always what PyYAML would give.

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain scalar starts with none of these
# Characters PyYAML refuses or treats specially (line breaks other than '\n', tabs, a BOM,
# anything its reader calls unprintable): a text holding any is read the usual way.
_NOT_PLAIN_TEXT = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _plain(value: str, flow: bool = False) -> str:
    """``value`` (a plain scalar as written on one line) when it is surely text as it
    stands, else raise _Unusual."""
    if (not _surely_text(value) or value[0] in _INDICATORS or value[0] == " " or value[-1] in " :"
            or ": " in value or " #" in value or (flow and any(c in value for c in ",[]{}:#?"))):
        raise _Unusual
    return value


def _surely_text(word: str) -> bool:
    """Whether PyYAML reads ``word``, written plain, as the text it is: not a number, a
    date, null or '<<', nor a short word it takes for true/false, yes/no or on/off."""
    return bool(word) and word[0] not in _MAYBE_NOT_TEXT and (
        word[0] not in _MAYBE_A_WORD or len(word) > 5 or _is_text(word))


@functools.lru_cache(maxsize=1024)
def _is_text(word: str) -> bool:
    """Whether PyYAML reads a short plain word as text (not true/false, yes/no, on/off, null)."""
    return _RESOLVER.resolve(yaml.ScalarNode, word, (True, False)) == _STR


def _quoted(value: str) -> str | None:
    """A one-line quoted scalar's text, or None when ``value`` is not quoted."""
    first = value[:1]
    if first == "'":
        end = _lone_quote(value, 1)
        if end != len(value) - 1:
            raise _Unusual  # runs onto further lines, or text follows it
        return value[1:-1].replace("''", "'")
    if first == '"':
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != '"' or '"' in inner or "\\" in inner:
            raise _Unusual
        return inner
    return None


def _lone_quote(text: str, start: int) -> int:
    """Where the single-quoted scalar in ``text`` from ``start`` ends (its first quote
    that is not two), or -1."""
    at = text.find("'", start)
    while at >= 0 and text.startswith("''", at):
        at = text.find("'", at + 2)
    return at


def _scalar_text(value: str, flow: bool = False) -> str:
    quoted = _quoted(value)
    return _plain(value, flow) if quoted is None else quoted


def _records(text: str) -> list[dict]:
    """The list of flat records ``text`` holds, read line by line (see above)."""
    records: list[dict] = []
    record: dict = {}
    key = ""  # the key whose plain value deeper lines continue (when folding)
    listing: list | None = None  # the block list being read
    list_indent = 0  # how deep its dashes are (0 until its first item)
    folding = False
    broken = False  # a blank or comment line since the last line of a value
    quoting: list[str] | None = None  # the lines so far of a single-quoted value that runs on
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        if quoting is not None:  # each line break is a space; ends at the closing quote
            if len(line) - len(stripped) <= 2 or not stripped or stripped[-1] == " ":
                raise _Unusual
            quoting.append(stripped)
            end = _lone_quote(stripped, 0)
            if end < 0:
                continue
            if end != len(stripped) - 1:
                raise _Unusual
            joined = " ".join(quoting)
            record[key] = joined[:-1].replace("''", "'")
            quoting = None
            continue
        if not stripped or stripped[0] == "#":
            broken = True
            continue
        indent = len(line) - len(stripped)
        if indent == 0:  # "- key: value": a record starts
            if not line.startswith("- ") or line[2:3] in (" ", "-", ""):
                raise _Unusual
            record = {}
            records.append(record)
            indent, stripped = 2, line[2:]
        elif not records:
            raise _Unusual
        if listing is not None and stripped.startswith("- ") and indent in (2, 4) \
                and list_indent in (0, indent):
            list_indent = indent
            listing.append(_scalar_text(stripped[2:]))
            continue
        if indent > 2:  # a plain value folded onto a deeper line
            # (a line of a plain value may start with any character but '#'; ': ' or ' #'
            # would end it, as would a line ending in ':')
            if not folding or broken or ": " in stripped or " #" in stripped or stripped[-1] in " :":
                raise _Unusual
            record[key] += " " + stripped
            continue
        if indent != 2:
            raise _Unusual
        name, colon, value = stripped.partition(":")
        if (not colon or not name.isascii() or not name.isidentifier() or len(name) > 128 or name in record
                or not _surely_text(name)):
            raise _Unusual
        if listing is not None and not listing:
            raise _Unusual  # 'key:' with nothing under it is null, not a list
        key, folding, broken, listing, list_indent = name, False, False, None, 0
        if not value:
            listing = record[name] = []
            continue
        if value[0] != " ":
            raise _Unusual
        value = value[1:]
        if not value:
            raise _Unusual  # 'key: ' is null
        if value[:1] == "[":
            if value[-1] != "]":
                raise _Unusual
            inner = value[1:-1].strip(" ")
            record[name] = [_scalar_text(v.strip(" "), flow=True) for v in inner.split(",")] if inner else []
            continue
        if value[0] == "'" and _lone_quote(value, 1) < 0:
            if value[-1] == " ":
                raise _Unusual
            quoting = [value[1:]]
            continue
        quoted = _quoted(value)
        if quoted is None:
            record[name] = _plain(value)
            folding = True
        else:
            record[name] = quoted
    if not records or (listing is not None and not listing) or quoting is not None:
        raise _Unusual
    if _NOT_PLAIN_TEXT.search(text):  # (last: most texts that are not records leave early)
        raise _Unusual
    return records


# Where a list of records starts: past blank and comment lines, at a top-level dash.
_RECORDS_START = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*- ")


def load_fast(text: str):
    """The same as :func:`load`, faster for plain lists and mappings of text."""
    if _RECORDS_START.match(text):  # (a page's front matter, a mapping, goes straight on)
        try:
            return _records(text)
        except Exception:  # _Unusual, or a slip in the line reader: the readers below are PyYAML's
            pass
    try:
        return _fast(text)
    except (_Unusual, yaml.YAMLError):
        return load(text)
