"""The INI dialect Qt's QSettings writes, read and written without Qt.

Keys of the top-level group sit in ``[General]``; a value with a comma, semicolon or equals
sign, or with spaces at either end, is quoted; backslash escapes (``\\n``, ``\\x1f``, ``\\\\``,
``\\"``); a leading ``@`` is doubled, because ``@ByteArray(…)`` and ``@Variant(…)`` mark Qt's
own types. Lines are kept as they are, so what this program does not know survives a save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTION = "General"


@dataclass
class IniText:
    lines: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)  # of [General], unescaped
    unreadable_lines: list[int] = field(default_factory=list)  # numbered from 1
    typed_values: list[str] = field(default_factory=list)  # keys holding a Qt type


def parse(text: str) -> IniText:
    result = IniText(lines=text.splitlines())
    section = None
    for number, line in enumerate(result.lines, 1):
        stripped = line.strip()
        if not stripped or stripped[0] in ";#":
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped[1:-1]
            continue
        key, equals, value = stripped.partition("=")
        if not equals:
            result.unreadable_lines.append(number)
        elif section == SECTION:
            try:
                result.values[key.strip()] = unescape(value.strip())
            except ValueError:
                result.typed_values.append(key.strip())
    return result


def with_value(lines: list[str], key: str, value: str) -> list[str]:
    """``lines`` with ``key=value`` in our section: replaced where it is, else added."""
    section, start, end = None, None, len(lines)
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            if section == SECTION:
                end = number
                break
            section = stripped[1:-1]
            if section == SECTION:
                start = number
            continue
        if section == SECTION and stripped.partition("=")[0].strip() == key:
            return [*lines[:number], f"{key}={value}", *lines[number + 1 :]]
    if start is None:
        return [f"[{SECTION}]", f"{key}={value}", "", *lines]
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return [*lines[:end], f"{key}={value}", *lines[end:]]


_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_ESCAPE_RE = re.compile(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)", re.S)


def unescape(raw: str) -> str:
    """A value as QSettings wrote it: quoted parts, backslash escapes, ``@@`` for ``@``."""
    parts: list[str] = []
    quoted = False
    position = 0
    while position < len(raw):
        char = raw[position]
        if char == '"':
            quoted = not quoted
        elif char == "\\" and position + 1 < len(raw):
            match = _ESCAPE_RE.match(raw, position)
            assert match is not None
            code = match.group(1)
            if code[0] == "x":
                parts.append(chr(int(code[1:], 16)))
            elif code[0] in "01234567":
                parts.append(chr(int(code, 8)))
            else:
                parts.append(_ESCAPES.get(code, code))
            position = match.end()
            continue
        elif char == ";" and not quoted:
            break  # a comment follows
        else:
            parts.append(char)
        position += 1
    value = "".join(parts)
    if value.startswith("@") and not value.startswith("@@"):
        raise ValueError(value)  # a Qt type (@ByteArray, @Variant…): never one of our options
    return value[1:] if value.startswith("@@") else value


def escape(value: object) -> str:
    """A value the way QSettings writes it, so an older version still reads the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if text.startswith("@"):
        text = "@" + text
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char in "\n\r\t":
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}[char])
        elif ord(char) < 0x20:
            out.append(f"\\x{ord(char):x}")
        else:
            out.append(char)
    escaped = "".join(out)
    if any(c in text for c in ";,=") or text != text.strip():
        escaped = f'"{escaped}"'
    return escaped
