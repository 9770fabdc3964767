"""Load YAML or JSON keeping the line of every node, and turn pydantic errors into Problems.

Both history profiles and rule packs are structured documents validated by pydantic; this module
is the one place where parser and schema errors become :class:`~sojourn.errors.Problem` objects
with a file, a line, a field path, the offending value and the accepted form.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
import re
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import yaml

from sojourn.dates import ISO_FORM
from sojourn.errors import InputError, Problem, shown
from sojourn.files import check_file
from sojourn.words import noun

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=pydantic.BaseModel)

TEXT_FILE = "a UTF-8 text file (CSV, YAML or JSON)"


# libyaml's parser when PyYAML was built with it (its wheels are): it reads the rule pack in a
# tenth of the pure-Python parser's time (0.01 s against 0.11 s), into the same nodes and lines
# for every document both read (it also reads a few the pure-Python parser refuses).
try:
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # a PyYAML built without libyaml
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

_BOOL = "tag:yaml.org,2002:bool"


def strict_loader(base: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> type[_SafeLoader]:
    """``base`` (a safe loader) that leaves dates as strings, so one strict parser judges every
    date, and reads only true/false as booleans: YAML 1.1 would turn Norway's code NO into
    False."""
    resolvers = {first: [(tag, rx) for tag, rx in found
                         if tag not in ("tag:yaml.org,2002:timestamp", _BOOL)]
                 for first, found in base.yaml_implicit_resolvers.items()}
    loader: type[_SafeLoader] = type("StrictLoader", (base,),
                                     {"yaml_implicit_resolvers": resolvers})
    loader.add_implicit_resolver(
        _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return loader


_StrictLoader = strict_loader(_SafeLoader)
_PureLoader = strict_loader(yaml.SafeLoader)


class _DuplicateKey(Exception):
    """A mapping names the same key twice: the parser would silently keep the last one."""

    def __init__(self, path: Loc, line: int, first: int) -> None:
        super().__init__(path)
        self.path, self.line, self.first = path, line, first


class _KeyNotText(Exception):
    """A mapping key YAML reads as a number, date, boolean or null: no field is named so, and
    pydantic would say "keys should be strings" at a path that reads like a list index."""

    def __init__(self, path: Loc, key: Any, line: int) -> None:
        super().__init__(path)
        self.path, self.key, self.line = path, key, line


class _NotDecimal(Exception):
    """A plain number YAML 1.1 reads in another base than the decimal one it looks like (030 is
    octal 24, 1:30 base-60 90, 9_0 is 90) or not as a number at all (090): never reinterpreted."""

    def __init__(self, path: Loc, line: int, text: str, message: str, expected: str) -> None:
        super().__init__(path)
        self.path, self.line, self.text = path, line, text
        self.message, self.expected = message, expected


_INT, _FLOAT, _STR = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                      "tag:yaml.org,2002:str")
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
                            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_ZERO_PADDED = re.compile(r"([-+]?)0+([0-9]+)")
_QUOTE = "or the value in quotes if it is text"


def _not_decimal(node: yaml.ScalarNode, read: Any) -> tuple[str, str] | None:
    """(message, accepted form) for a plain scalar YAML 1.1 would read as a number in another
    form than plain decimal, or that is a zero-padded number it reads as text; else None."""
    text = node.value
    if node.style or node.tag not in (_INT, _FLOAT, _STR):
        return None
    padded = _ZERO_PADDED.fullmatch(text)
    if padded:
        meant = f"{padded[1].replace('+', '')}{padded[2]}"
        octal = f", which YAML 1.1 reads as the octal number {read}" if node.tag == _INT else ""
        return f"has a leading zero{octal}", f"{meant}, {_QUOTE}"
    if node.tag == _INT and not _DECIMAL.fullmatch(text):
        bare = text.lstrip("+-")
        if ":" in text:
            what = f"is read by YAML 1.1 as a base-60 number ({read})"
        elif "_" in text:
            what = f"has an underscore, which YAML 1.1 drops ({read})"
        else:
            base = {"0x": "hexadecimal", "0b": "binary"}.get(bare[:2].lower(), "non-decimal")
            what = f"is a {base} number ({read})"
        return what, f"a plain decimal number such as {read}, {_QUOTE}"
    if node.tag == _FLOAT and not _DECIMAL_FLOAT.fullmatch(text):
        what = ("is read by YAML 1.1 as a base-60 number" if ":" in text
                else "has an underscore, which YAML 1.1 drops")
        return f"{what} ({read})", f"a plain decimal number such as {read}, {_QUOTE}"
    return None


# More values than any profile or pack file holds (the largest built-in pack file has 700):
# beyond it a document is refused, as aliases of aliases can expand a few lines into billions.
MAX_VALUES = 200_000


# Python refuses to read an integer of more digits (sys.get_int_max_str_digits), as a guard
# against the quadratic time that converting it takes
TOO_MANY_DIGITS = "has more than 4,300 digits, more than sojourn reads in a number"
_TAGGED = {_INT: "a whole number", _FLOAT: "a number", "tag:yaml.org,2002:timestamp": "a date"}


def _read_scalar(node: yaml.Node, loader: _SafeLoader) -> Any:
    """The value of a scalar, as PyYAML's constructors read it; a YAMLError when they cannot.
    Their errors for a text its tag does not fit are not YAMLErrors: a number of more than
    4,300 digits is a ValueError, and so is ``!!int 1x``; ``!!float`` with no text is an
    IndexError, a ``!!timestamp`` that is no date an AttributeError."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, IndexError, AttributeError) as exc:
        what = _TAGGED.get(node.tag, f"!!{node.tag.removeprefix('tag:yaml.org,2002:')}")
        reason = TOO_MANY_DIGITS if "digits" in str(exc) else f"cannot be read as {what}"
        raise yaml.constructor.ConstructorError(
            None, None, f"{shown(node.value) or repr('')} {reason}", node.start_mark) from None


# the tags of a plain mapping and list, the only ones :func:`_construct` reads them as
_COLLECTIONS: dict[type[yaml.Node], tuple[str, str]] = {
    yaml.MappingNode: ("tag:yaml.org,2002:map", "mapping"),
    yaml.SequenceNode: ("tag:yaml.org,2002:seq", "list")}
TAG_NOT_READ = ("leave the tag out: sojourn reads no tag but YAML's own on a single value, "
                "such as !!str")


def _untagged(node: yaml.Node) -> None:
    """Refuse a mapping or list with a tag of its own (``!!python/object:x {...}``, ``!!str
    [RU]``, ``!!set``, ``!custom``): :func:`_construct` builds each as a plain one, so the tag
    would go unread and unsaid, where a tagged scalar's is refused by PyYAML."""
    plain_tag, kind = _COLLECTIONS.get(type(node), (node.tag, ""))
    if node.tag != plain_tag:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!", 1)
        raise yaml.constructor.ConstructorError(
            None, None, f"found the tag {tag!r} on a {kind}", node.start_mark)


def _construct(node: yaml.Node, loader: _SafeLoader, path: Loc, lines: dict[Loc, int]) -> Any:
    lines.setdefault(path, node.start_mark.line + 1)  # a key's line wins over its value's
    if len(lines) > MAX_VALUES:
        raise yaml.constructor.ConstructorError(
            None, None, f"holds more than {MAX_VALUES:,} values (aliases of aliases?)",
            node.start_mark)
    _untagged(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):  # refused unread: it may not read
                raise yaml.constructor.ConstructorError(
                    None, None, "found a list or mapping used as a key", key_node.start_mark)
            key: Any = _read_scalar(key_node, loader)
            here = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise _KeyNotText(path, key, here)
            if key in out:
                raise _DuplicateKey((*path, key), here, lines[(*path, key)])
            lines[(*path, key)] = here
            out[key] = _construct(value_node, loader, (*path, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(n, loader, (*path, i), lines) for i, n in enumerate(node.value)]
    value = _read_scalar(node, loader)
    if isinstance(node, yaml.ScalarNode):
        odd = _not_decimal(node, value)
        if odd is not None:
            raise _NotDecimal(path, node.start_mark.line + 1, node.value, *odd)
    return value


def _yaml_with_lines(text: str, parser: type[_SafeLoader] = _StrictLoader
                     ) -> tuple[Any, dict[Loc, int]]:
    loader = parser(text)
    try:
        node = loader.get_single_node()
        lines: dict[Loc, int] = {}
        data = None if node is None else _construct(node, loader, (), lines)
        return data, lines
    finally:
        loader.dispose()


def _parse_yaml(text: str) -> tuple[Any, dict[Loc, int]]:
    """:func:`_yaml_with_lines`; a document libyaml cannot parse is parsed again by the
    pure-Python parser, whose words for the fault are the ones sojourn explains (libyaml says
    "did not find expected '-' indicator" where it says "expected <block end>" of a line
    indented one space too far)."""
    try:
        return _yaml_with_lines(text)
    except yaml.YAMLError:
        return _yaml_with_lines(text, _PureLoader)


def _duplicate(name: str, dup: _DuplicateKey) -> InputError:
    return InputError(Problem(
        name, dup.line, dotted(dup.path), dup.path[-1],
        f"is given twice in one mapping (first on line {dup.first})",
        "each field at most once; delete or rename one of them"))


def _key_not_text(name: str, bad: _KeyNotText) -> InputError:
    key = bad.key
    written = ("null" if key is None else ("true" if key else "false") if isinstance(key, bool)
               else key.isoformat() if isinstance(key, dt.date) else str(key))
    what = ("null" if key is None else "true or false" if isinstance(key, bool)
            else "a date" if isinstance(key, dt.date) else "a number")
    return InputError(Problem(
        name, bad.line, dotted(bad.path) or None, written, f"is a key read as {what}, not text",
        "a field name, as text; put the key in quotes if it is one"))


def _json_lines(name: str, text: str) -> dict[Loc, int]:
    """Lines of the nodes of a valid JSON document, read through YAML's node marks.

    Valid JSON is YAML but for tabs, which JSON allows between tokens and YAML does not; inside
    JSON strings a tab must be escaped, so turning every tab into a space changes no value and
    no line. libyaml refuses a character escaped as a surrogate pair ("\\ud83d\\udcdd", as
    json.dumps writes one), which the pure-Python parser reads (see :func:`_parse_yaml`).
    """
    try:
        return _parse_yaml(text.replace("\t", " "))[1]
    except _DuplicateKey as dup:
        raise _duplicate(name, dup) from None
    except yaml.YAMLError:
        return {}


def _no_duplicate_keys(name: str) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InputError(Problem(name, None, None, key, "is given twice in one object",
                                         "each field at most once"))
            out[key] = value
        return out
    return hook


def load_document(path: Path, text: str) -> tuple[Any, dict[Loc, int]]:
    """Parse ``text`` as YAML or JSON (by ``path``'s suffix) into data and a node-line map.

    A key given twice in one mapping is an error, not a silent choice of the last value; so is
    nesting deeper than Python's recursion allows, or a YAML alias inside its own anchor; so is
    a text value holding a control character (:func:`_control_characters`).
    """
    try:
        data, lines = _load_document(path, text)
    except RecursionError:
        raise InputError(Problem(str(path), None, None, None,
                                 "nests too deeply, or holds a YAML alias inside its own anchor",
                                 "mappings and lists a few levels deep, as the examples are"
                                 )) from None
    problems = _control_characters(str(path), data, lines)
    if problems:
        raise InputError(problems)
    return data, lines


# A character a terminal obeys instead of printing it: ESC begins a sequence that recolours,
# moves the cursor or clears the screen, a carriage return or a backspace writes over what was
# printed. YAML's escapes ("\e", "\x1b", "\r") and JSON's ("\u001b") give them. A profile's
# and a rule pack's text is printed in answers as it is written, so that a file holding one
# (a pack from someone else, under --pack) could rewrite what an answer shows. A line break
# and a tab are no such character: fields printed within one line refuse them on their own.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_FORM = ("text with no control character in it: leave out the escape (\\e, \\x1b, "
                "\\u001b, \\r) that wrote it")


def _control_characters(name: str, data: Any, lines: dict[Loc, int]) -> list[Problem]:
    """A problem for each text value of ``data`` that holds a control character (not a line
    break or a tab), at its line, naming the first such character."""
    problems: list[Problem] = []
    stack: list[tuple[Loc, Any]] = [((), data)]
    while stack:
        loc, node = stack.pop()
        if isinstance(node, str):
            found = _CONTROL.search(node)
            if found is not None:
                problems.append(Problem(
                    name, line_of(lines, loc), dotted(loc) or None, node,
                    f"holds the control character {found.group()!r} (character "
                    f"{found.start() + 1}), which a terminal would obey instead of printing",
                    CONTROL_FORM))
        elif isinstance(node, dict):
            stack.extend(((*loc, k), v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend(((*loc, i), v) for i, v in reversed(list(enumerate(node))))
    return problems


def _load_document(path: Path, text: str) -> tuple[Any, dict[Loc, int]]:
    name = str(path)
    if path.suffix.lower() == ".json":
        try:
            json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                Problem(name, exc.lineno, None, None,
                        f"is not valid JSON: {exc.msg} at column {exc.colno}{_json_hint(exc)}",
                        "a JSON object: {\"key\": value, ...} with commas between items")
            ) from exc
        except ValueError as exc:  # an integer of more than 4,300 digits, say
            what = f"holds a number that {TOO_MANY_DIGITS}" if "digits" in str(exc) else (
                f"cannot be read: {exc}")
            raise InputError(Problem(name, None, None, None, what,
                                     "a JSON object of the fields a profile has")) from None
        lines = _json_lines(name, text)
        if not lines:  # no line map: still refuse duplicate keys, without a line
            return json.loads(text, object_pairs_hook=_no_duplicate_keys(name)), lines
        return json.loads(text), lines
    try:
        return _parse_yaml(text)
    except _DuplicateKey as dup:
        raise _duplicate(name, dup) from None
    except _KeyNotText as bad:
        raise _key_not_text(name, bad) from None
    except _NotDecimal as odd:
        raise InputError(Problem(name, odd.line, dotted(odd.path) or None, odd.text,
                                 odd.message, odd.expected)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        where = f" at column {mark.column + 1}" if mark is not None else ""
        hint = _yaml_hint(reason, getattr(exc, "context", None) or "")
        raise InputError(
            Problem(name, line, None, None, f"is not valid YAML: {reason}{where}{hint}",
                    "YAML 'key: value' lines, nested by indenting with spaces")
        ) from exc


def _json_hint(exc: json.JSONDecodeError) -> str:
    """What most likely causes a JSON syntax error, for the message: a comma after the last
    item of an object or a list, which JSON allows none of (and JavaScript, Python and many
    editors do), told where the comma is; the parser's own words name only what it wanted."""
    before = exc.doc[:exc.pos].rstrip()
    if before.endswith(",") and exc.doc[exc.pos:exc.pos + 1] in ("}", "]"):
        comma = len(before) - 1
        line = exc.doc.count("\n", 0, comma) + 1
        column = comma - (exc.doc.rfind("\n", 0, comma) + 1) + 1
        return (f"; a comma before '{exc.doc[exc.pos]}'? line {line}, column {column} ends "
                "the last item with one, which JSON does not allow: remove it")
    return ""


def _yaml_hint(reason: str, context: str) -> str:
    """What most often causes a YAML syntax error of these words, for the message."""
    indentation = "; check the indentation of this line and the ones above"
    if "mapping values" in reason:  # "title: TEST: a title" is one too
        return f"{indentation}, or put a value that holds ': ' in quotes"
    if "block" in reason:
        return indentation
    # citizenships: [*] or [*RU]; not "holds more than 200,000 values (aliases of aliases?)"
    if "alias" in context or reason.startswith("found undefined alias"):
        return '; an unquoted * starts a YAML alias: write "*" in quotes, as in ["*"]'
    if "cannot be read as" in reason:  # only an explicit !!tag asks for a type
        return "; leave out the !!tag, or write a value of the type it names"
    if "'\\t'" in reason:
        return "; indent with spaces, not tabs"
    if "tag:yaml.org,2002:merge" in reason:  # PyYAML's words name the tag, not the key
        return "; a merge key (<<: *anchor) is not read: write the fields out in each mapping"
    # PyYAML's words for a scalar's tag, or _untagged's for a mapping's or list's
    if "constructor for the tag" in reason or reason.startswith("found the tag"):
        return f"; {TAG_NOT_READ}"
    return ""


def line_of(lines: dict[Loc, int], loc: Sequence[str | int]) -> int | None:
    """The line of the deepest node on ``loc`` that the document has."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def dotted(loc: Sequence[str | int]) -> str:
    """('trips', 2, 'entry') -> 'trips[2].entry'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# Checks that span several fields of a model (pydantic model validators) cannot name a field
# themselves: they may put it in their error context as ``field``; these are the known ones.
_CHECK_FIELD = {
    "date_order": "valid_to",
    "variant_default": "variants",
    "variant_names": "variants",
    "topic_kind": "topic",
}
_LIST = "a list (YAML lines starting with '- ', or a JSON [...] array)"
_MAPPING = "a mapping of field: value"


def _node(data: Any, loc: Sequence[str | int]) -> tuple[bool, Any]:
    """(found, value) of the node at ``loc`` in ``data``."""
    for part in loc:
        in_list = isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data)
        if not (in_list or (isinstance(data, dict) and part in data)):
            return False, None
        data = data[part]
    return True, data


def _real_loc(loc: Sequence[str | int], data: Any, kind: str) -> Loc:
    """``loc`` as a path into ``data``, without the steps pydantic adds of its own.

    Pydantic puts in the path the tag of a discriminated union (constraints.0.rolling.max),
    the branch of a plain union (x.str, x.Rolling) and validator steps (function-after[...]):
    none is a key of the document. A name is kept when the node holds it, and as the last step
    of a missing or unknown field, which the node lacks by definition.
    """
    out: list[str | int] = []
    node = data
    for i, part in enumerate(loc):
        named = i == len(loc) - 1 and kind in ("missing", "extra_forbidden")
        if isinstance(part, str) and not named and not (isinstance(node, dict) and part in node):
            continue
        out.append(part)
        _, node = _node(node, (part,))
    return tuple(out)


def _models_in(annotation: Any) -> list[type[pydantic.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _pick(models: list[type[pydantic.BaseModel]], node: Any) -> type[pydantic.BaseModel] | None:
    """The model among ``models`` that ``node`` is meant to be (by a literal discriminator)."""
    if len(models) <= 1:
        return models[0] if models else None
    if not isinstance(node, dict):
        return None
    for model in models:
        for fname, info in model.model_fields.items():
            args = typing.get_args(info.annotation)
            if typing.get_origin(info.annotation) is typing.Literal and node.get(
                    info.alias or fname) in args:
                return model
    return None


def _field_info(model: type[pydantic.BaseModel], key: str | int) -> Any:
    for fname, info in model.model_fields.items():
        if (info.alias or fname) == key:
            return info
    return None


def _model_at(model: type[pydantic.BaseModel] | None, loc: Sequence[str | int], data: Any
              ) -> type[pydantic.BaseModel] | None:
    """The pydantic model that validates the node at ``loc`` (None when unsure)."""
    candidates = [model] if model is not None else []
    node = data
    for part in loc:
        if isinstance(part, str):
            current = _pick(candidates, node)
            info = _field_info(current, part) if current else None
            if info is None:
                return None
            candidates = _models_in(info.annotation)
        _, node = _node(node, (part,))
    return _pick(candidates, node)


def _describe(annotation: Any) -> str | None:
    """A reader's name for the values ``annotation`` accepts, when one is clear."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType) and len(args) == 1:
        return _describe(args[0])
    if origin is list and args:
        models = _models_in(args[0])
        if models:
            return f"{_LIST}, each with {_field_names(models[0])}"
        return _LIST
    if annotation is dt.date:
        return ISO_FORM
    if annotation is bool:
        return "true or false"
    if annotation is int:
        return "a whole number"
    if annotation is str:
        return "text"
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return f"a mapping with {_field_names(annotation)}"
    return None


def _field_names(model: type[pydantic.BaseModel]) -> str:
    names = [info.alias or name for name, info in model.model_fields.items()]
    return "fields " + ", ".join(names)


def _explain(kind: str, ctx: dict[str, Any], value: Any, msg: str) -> tuple[str, str | None]:
    """(message, accepted form) for one pydantic error, in the words the CLI prints."""
    expected = ctx.get("expected")
    simple: dict[str, tuple[str, str]] = {
        "list_type": ("is not a list", _LIST),
        "dict_type": ("is not a mapping", _MAPPING),
        "model_type": ("is not a mapping", _MAPPING),
        "model_attributes_type": ("is not a mapping", _MAPPING),
        "string_type": ("is not text", "text"),
        "int_type": ("is not a whole number", "a whole number such as 90"),
        "int_parsing": ("is not a whole number", "a whole number such as 90"),
        "int_from_float": ("is not a whole number", "a whole number such as 90"),
        "float_type": ("is not a number", "a number such as 9.5"),
        "float_parsing": ("is not a number", "a number such as 9.5"),
        "finite_number": ("is not a finite number", "a finite number such as 9"),  # .nan, .inf
        "bool_type": ("is not true or false", "true or false"),
        "bool_parsing": ("is not true or false", "true or false"),
    }
    if kind in simple:
        message, form = simple[kind]
        shape = "a mapping" if isinstance(value, dict) else "a list"
        if value is None:
            message = "is empty"
        elif kind == "string_type" and isinstance(value, int | float | bool):
            # YAML reads 338, 1.10 or true unquoted as a number or a boolean, and the value
            # shown is what it read (1.1), not what was written: quoting is all it takes
            what = "true or false" if isinstance(value, bool) else "a number"
            message, form = f"is read as {what}, not text", "text: put the value in quotes"
        elif isinstance(value, list) or (isinstance(value, dict) and kind != "model_type"
                                         and kind != "dict_type"):
            message = f"is {shape}, {message.removeprefix('is ')}"
        return message, str(expected or form)
    if kind == "literal_error":
        return ("is empty" if value is None else "is not an accepted value"), f"one of {expected}"
    bounds = {"greater_than": ("gt", "greater than"), "greater_than_equal": ("ge", "at least"),
              "less_than": ("lt", "less than"), "less_than_equal": ("le", "at most")}
    if kind in bounds and isinstance(value, float) and math.isnan(value):
        return simple["finite_number"]  # pydantic checks a bound before finiteness: NaN fails it
    if kind in bounds:
        key, words = bounds[kind]
        return "is out of range", f"a number {words} {ctx.get(key)}"
    if kind == "too_short":
        n = ctx.get("min_length")
        return ("is empty" if not ctx.get("actual_length") else "has too few items",
                f"at least {n} {noun(n, 'item')}")
    if kind == "too_long":
        n = ctx.get("max_length")
        return "has too many items", f"at most {n} {noun(n, 'item')}"
    if kind == "string_too_long":
        n = ctx.get("max_length")
        return "is too long", f"at most {n} {noun(n, 'character')}"
    if kind == "string_too_short":
        n = ctx.get("min_length")
        return "is too short", f"at least {n} {noun(n, 'character')}"
    if kind == "string_pattern_mismatch":
        return "does not have the accepted form", f"text matching {ctx.get('pattern')}"
    return _clean(msg), (str(expected) if expected else None)


def problems_from_validation(
    exc: pydantic.ValidationError, name: str, data: Any, lines: dict[Loc, int],
    base: Loc = (), model: type[pydantic.BaseModel] | None = None,
) -> list[Problem]:
    """One Problem per pydantic error, with the line, the field path and the offending value.

    ``data`` is what was validated (found at ``base`` in the document) and ``model`` the model
    that validated it; with ``model`` an unknown field lists the accepted ones.
    """
    problems = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        ctx = dict(err.get("ctx") or {})
        loc = _real_loc(err["loc"], data, kind)
        value = err.get("input") if kind != "missing" else None
        field = ctx.get("field") or _CHECK_FIELD.get(kind)
        if field and field not in loc:  # a check across fields: point at the one it blames;
            loc = (*loc, str(field))      # its message states the values it compared
            value = None
        if kind == "extra_forbidden":
            message = "is not a known field"
            value = loc[-1] if loc else None
            parent = _model_at(model, loc[:-1], data)
            if parent is not None:
                names = [info.alias or n for n, info in parent.model_fields.items()]
                close = difflib.get_close_matches(str(value), names, n=1)
                expected: str | None = "one of " + ", ".join(names)
                if close:
                    message += f" (did you mean '{close[0]}'?)"
            else:
                expected = "only the fields the format documents"
        elif kind == "missing":
            message = "is required but missing"
            info = _field_at(model, loc, data)
            expected = info and (info.description or _describe(info.annotation))
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            key = str(ctx.get("discriminator", "kind")).strip("'")
            tags = ctx.get("expected_tags") or _tags(_field_at(model, loc, data), key)
            loc = (*loc, key)
            value = ctx.get("tag")
            message = "is not a known " + key if value is not None else "is required but missing"
            expected = f"one of {tags}" if tags else None
        else:
            message, expected = _explain(kind, ctx, value, err["msg"])
        if isinstance(value, dict | list) or message == "is empty":
            value = None  # never echo a whole sub-document; '' says nothing
        full = (*base, *loc)
        problem = Problem(name, line_of(lines, full), dotted(full) or None, value, message,
                          str(expected) if expected else None)
        if problem not in problems:  # each branch of a union may report the same thing
            problems.append(problem)
    return problems


def _field_at(model: type[pydantic.BaseModel] | None, loc: Loc, data: Any) -> Any:
    """The pydantic FieldInfo of the field holding the node at ``loc`` (list items included)."""
    path = list(loc)
    while path and isinstance(path[-1], int):
        path.pop()
    if not path:
        return None
    parent = _model_at(model, path[:-1], data)
    return _field_info(parent, path[-1]) if parent is not None else None


def _tags(info: Any, key: str) -> str | None:
    """The accepted values of the discriminator ``key`` of the union field ``info``."""
    if info is None:
        return None
    tags = [a for m in _models_in(info.annotation) if (f := _field_info(m, key)) is not None
            for a in typing.get_args(f.annotation)]
    return ", ".join(repr(t) for t in tags) or None


def _clean(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    return msg[0].lower() + msg[1:] if msg else msg


def validate(model: type[M], data: Any, name: str, lines: dict[Loc, int], base: Loc = ()) -> M:
    """Validate ``data`` against ``model`` or raise InputError listing every problem."""
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        raise InputError(problems_from_validation(exc, name, data, lines, base, model)) from exc


def wide_encoding(raw: bytes) -> str | None:
    """"UTF-16" or "UTF-32" for text saved so (Windows editors offer "Unicode" for UTF-16):
    by its byte-order mark, or, without one, by the NUL bytes that pad each ASCII character
    of UTF-16 text; else None."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:512]
    half = len(head) // 2
    zeros = sorted((head[0::2].count(0), head[1::2].count(0)))
    if half >= 2 and zeros[1] >= half * 3 // 4 and zeros[0] <= half // 4:
        return "UTF-16"
    return None


def read_text(path: Path) -> str:
    """Read a user file as UTF-8 text; a missing, unreadable or binary file is an InputError,
    and so is anything but a regular file (:func:`sojourn.files.not_a_file`): a named pipe
    or a device is never opened."""
    check_file(path, TEXT_FILE)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(Problem(str(path), None, None, None, f"cannot be read: {exc.strerror}")
                         ) from None
    wide = wide_encoding(raw)
    if wide is not None:  # "binary data" would send the user looking for the wrong fault
        raise InputError(Problem(str(path), None, None, None, f"is {wide} text, not UTF-8",
                                 f"{TEXT_FILE}; re-save it as UTF-8"))
    # anywhere, not only near the start: past it a NUL in a column not read went through
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw[:nul].count(b"\n") + 1
        raise InputError(Problem(str(path), line, None, None,
                                 "holds binary data (a NUL byte), not text", TEXT_FILE))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        raise InputError(Problem(
            str(path), line, None, None,
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {column})",
            f"{TEXT_FILE}; re-save it as UTF-8")) from None
