"""Record text made safe for the documents people read: links, Markdown, characters.

Every public HTML output (portal, brochure, meeting documents) builds its links and its
Markdown here, so one rule holds everywhere:

* ``safe_url(value)``: a record value becomes a link only when it is an absolute ``http``,
  ``https``, ``mailto`` or ``tel`` address; anything else (``javascript:``, ``data:``, a
  relative path) is shown as text.
* ``markdown_html(text, shift)``: Markdown with raw HTML off, links limited to the same
  schemes (and relative links), and a size limit: a text over ``MARKDOWN_LIMIT`` is shown as
  plain text, because markdown-it-py costs ~10 s and ~0.5 GB per MiB of hostile input.
* ``printable(text)``: text that every file encoding and every PDF engine can carry (a lone
  surrogate becomes U+FFFD; line and paragraph separators become a space in a PDF).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from markupsafe import Markup, escape

#: schemes a record value may link to
LINK_SCHEMES = ("http", "https", "mailto", "tel")
#: the longest text rendered as Markdown (~1 s); a longer one is shown as plain text
MARKDOWN_LIMIT = 128 * 1024
#: how many rendered texts are kept (a body is rendered once for every language tree)
_CACHE_SIZE = 256

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these anywhere in a URL
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def safe_url(value: Any) -> str | None:
    """``value`` as a URL a page may link to, or None. Cleaned the way a browser reads it
    (tabs and new lines dropped, control characters and spaces trimmed), so ``java\\tscript:``
    is seen for what it is."""
    if not isinstance(value, str):
        return None
    url = _URL_NOISE.sub("", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13"
        "\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \u00a0"
    )
    match = _SCHEME.match(url)
    if not match or match.group(1).lower() not in LINK_SCHEMES:
        return None
    if match.group(1).lower() in ("http", "https") and not url[match.end() :].startswith("//"):
        return None
    return printable(url)


def link(value: Any, scheme: str | None = None, text: Any = None) -> Markup:
    """``<a href=…>`` for a value that may be linked to, else the value as escaped text.
    ``scheme`` (``mailto``, ``tel``) is put in front of a bare e-mail address or phone number."""
    if value is None or value == "":
        return Markup("")
    shown = escape(value if text is None else text)
    target = value
    if scheme and isinstance(value, str):
        target = f"{scheme}:{value.replace(' ', '') if scheme == 'tel' else value.strip()}"
    url = safe_url(target)
    return Markup('<a href="%s">%s</a>') % (url, shown) if url else shown


def printable(text: str) -> str:
    """``text`` with every lone surrogate (which no UTF-8 file can hold) replaced by U+FFFD."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def _valid_link(url: str) -> bool:
    """markdown-it's check of a link or image in a body: our schemes, or a relative link."""
    cleaned = _URL_NOISE.sub("", url).strip().lower()
    scheme = _SCHEME.match(cleaned)
    return scheme is None or scheme.group(1) in LINK_SCHEMES


@functools.cache
def _parser():
    """One parser (making one costs ~0.3 ms; a brochure renders thousands of texts)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False, "maxNesting": 20})
    parser.enable("table")
    parser.validateLink = _valid_link
    return parser


@functools.lru_cache(maxsize=_CACHE_SIZE)
def markdown_html(text: str, shift: int = 0) -> Markup:
    """``text`` (Markdown) as HTML; headings go ``shift`` levels down (a page whose title is
    the h1 shows a body's ``#`` as h2). Over ``MARKDOWN_LIMIT`` the text is shown as plain text."""
    text = printable(text)
    if len(text) > MARKDOWN_LIMIT:
        return Markup('<pre class="plain-text">%s</pre>\n') % text
    parser = _parser()
    tokens = parser.parse(text)
    if shift:
        for token in tokens:
            if token.type in ("heading_open", "heading_close"):
                token.tag = f"h{min(int(token.tag[1]) + shift, 6)}"
    return Markup(parser.renderer.render(tokens, parser.options, {}))
