"""Reading an Akismet request: query string + form body → fields, with limits and any encoding.

Clients differ: WordPress posts `application/x-www-form-urlencoded; charset=<blog_charset>` (which can be
ISO-8859-1), python-akismet sends `charset=utf-8` as a *field*, some clients send nothing at all, and the 1.2
endpoints are called with GET.  We parse the raw bytes ourselves (not via a multipart library) so that invalid
UTF-8, repeated fields and odd charsets give a clean answer instead of an exception.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import unquote_to_bytes

from starlette.requests import Request

from tamis.errors import InvalidAkismetRequest
from tamis.types import Comment


@dataclass(frozen=True)
class Form:
    comment: Comment
    charset: str
    decode_errors: int

    def get(self, name: str, default: str = "") -> str:
        return self.comment.fields.get(name, default)


def _charset_from_content_type(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.strip().lower() == "charset" and value:
            return value.strip().strip('"')
    return None


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


async def read_body(request: Request, limit: int) -> bytes:
    """The body, refusing (with a readable reason) anything over `limit` bytes without reading it all."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise InvalidAkismetRequest(f"Request body of {declared} bytes is larger than the {limit}-byte limit.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise InvalidAkismetRequest(f"Request body is larger than the {limit}-byte limit.")
        chunks.append(chunk)
    return b"".join(chunks)


def _split(raw: bytes, max_fields: int) -> list[tuple[bytes, bytes]]:
    """`a=1&b=2` as byte pairs, percent- and plus-decoded, without decoding text (that needs the charset)."""
    if not raw:
        return []
    parts = raw.split(b"&")
    if len(parts) > max_fields:
        raise InvalidAkismetRequest(f"Too many fields: at most {max_fields} are accepted.")
    out = []
    for part in parts:
        if not part:
            continue
        name, _, value = part.partition(b"=")
        out.append((unquote_to_bytes(name.replace(b"+", b" ")), unquote_to_bytes(value.replace(b"+", b" "))))
    return out


def parse_form(query: bytes, body: bytes, content_type: str, max_fields: int) -> Form:
    """Query-string fields, then body fields (the body wins on a repeated name, as PHP's $_REQUEST does)."""
    pairs = _split(query, max_fields) + _split(body, max_fields)
    if len(pairs) > max_fields:
        raise InvalidAkismetRequest(f"Too many fields: at most {max_fields} are accepted.")
    # The charset: Content-Type first, then the fields clients use for it, then UTF-8.
    declared = _codec(_charset_from_content_type(content_type))
    if declared is None:
        for k, v in pairs:
            if k in (b"blog_charset", b"charset"):
                declared = _codec(v.decode("ascii", "replace"))
                if declared:
                    break
    charset = declared or "utf-8"
    errors = 0
    fields: dict[str, str] = {}
    multi: dict[str, list[str]] = {}

    def dec(raw: bytes) -> str:
        nonlocal errors
        if charset != "utf-8" and not raw.isascii():
            # UTF-8 under a single-byte label (old WordPress sites with blog_charset ISO-8859-1 send UTF-8 text):
            # single-byte charsets decode anything, so try UTF-8 first; text really in Latin-1 is almost never
            # valid UTF-8.
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                pass
        try:
            return raw.decode(charset)
        except UnicodeDecodeError:
            errors += 1
            # Bytes that are not valid in the declared charset: try UTF-8 (clients that declare Latin-1 but send
            # UTF-8 are common), then keep what we can and mark the rest with U+FFFD.
            try:
                return raw.decode("utf-8")
            except UnicodeDecodeError:
                return raw.decode(charset, "replace")

    for k_raw, v_raw in pairs:
        key = dec(k_raw).replace("\x00", "")
        value = dec(v_raw).replace("\x00", "")
        if not key:
            continue
        fields[key] = value
        multi.setdefault(key, []).append(value)
    repeated = {k: tuple(v) for k, v in multi.items() if len(v) > 1 or k.endswith("[]")}
    comment = Comment(MappingProxyType(fields), MappingProxyType(repeated))
    return Form(comment, charset, errors)


_SLASHED = re.compile(r"\\(.)", re.DOTALL)


def wordpress_unslash(comment: Comment, user_agent: str) -> Comment:
    """Undo the backslash escaping WordPress adds to comment-check fields.

    WordPress's Akismet plugin (5.0.2, seen on the wire with a real WordPress 6.1.9) sends comment-check values as
    PHP has them after `wp_magic_quotes`: `Pat O\\'Brien`, `He said \\"hi\\"`.  Its submit-spam/ham values come from
    the database and are not escaped, and neither are rechecks (`recheck_reason`).  Unescaped, the stored text is
    what the commenter wrote, the classifier sees real words, and a report ties back to its check by content.
    """
    if not user_agent.startswith("WordPress/") or comment.fields.get("recheck_reason"):
        return comment
    fields = {k: _SLASHED.sub(r"\1", v) if "\\" in v else v for k, v in comment.fields.items()}
    multi = {k: tuple(_SLASHED.sub(r"\1", v) for v in vs) for k, vs in comment.multi.items()}
    return Comment(MappingProxyType(fields), MappingProxyType(multi))
