"""HTML and Markdown to plain text plus the links they carry.

##############################################################################################################
# Parse HTML properly, or with regular expressions?
#
# Comments are short fragments, not documents: `<a href>`, `<br />`, `<p>`, `<strong>`, the odd `<img>`.  A real
# parser (html.parser) costs ~40 µs per comment and is lenient in the same places; regexes over the few tags
# that matter cost a few µs.  Decision: regexes for a, img, br/p/div/li (which become line breaks) and a
# generic tag stripper for the rest, then html.unescape.  Markdown: inline links `[t](u)`, reference links
# `[t][1]` with their `[1]: u` footnote lines (Stack Exchange), autolinks `<http://..>`, images `![a](u)`,
# and emphasis markers.  Every link keeps its anchor text; the anchor text stays in the body text.
#
# Why strip the markup rather than keep it as tokens?  The Stack Exchange corpus is all spam and all Markdown
# (STYLE.md §1.8): a classifier that sees "][1]" learns "Markdown = spam" and fails on any site whose genuine
# users write Markdown.  Cutting the markup out removes that confound; the links survive as links.
##############################################################################################################
"""

from __future__ import annotations

import html
import re

from .urls import Link, is_relative, make_link

# Every quantifier is bounded and every class excludes the delimiters it stops at, so that no input can make a
# pattern backtrack quadratically ("<a href=" x 5000 took 64 s with the first, unbounded version).
_A_TAG = re.compile(
    r"<a\b[^<>]{0,1000}?\bhref\s*=\s*(?:\"([^\"<>]{0,2000})\"|'([^'<>]{0,2000})'|([^\s<>\"']{1,2000}))[^<>]{0,1000}>"
    r"(?:((?:(?!</?a\b)[^\x00]){0,1000}?)</a\s*>)?",
    re.IGNORECASE | re.DOTALL)
_IMG_TAG = re.compile(r"<img\b[^<>]{0,1000}?\bsrc\s*=\s*(?:\"([^\"<>]{0,2000})\"|'([^'<>]{0,2000})'|([^\s<>\"']{1,2000}))"
                      r"[^<>]{0,1000}>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?ul|/?ol|/?h[1-6]|/?blockquote|/?tr)\b[^<>]{0,1000}>", re.IGNORECASE)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]{0,40}(?:\s[^<>]{0,2000})?/?>")
_MD_INLINE = re.compile(r"(!?)\[([^\[\]\n]{0,500})\]\(\s{0,5}<?([^\s()<>\[\]]{1,2000})>?"
                        r"(?:\s{1,5}[\"'(][^\n\"'()]{0,200}[\"')])?\s{0,5}\)")
_MD_REF = re.compile(r"(!?)\[([^\[\]\n]{0,500})\] ?\[([^\[\]\n]{1,40})\]")
_MD_DEF = re.compile(r"^[ \t]{0,3}\[([^\[\]\n]{1,40})\]:[ \t]{0,20}<?([^\s<>]{1,2000})>?(?:[ \t]+[\"'(][^\n]{0,200})?$",
                     re.MULTILINE)
_MD_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^\s<>]{1,2000})>", re.IGNORECASE)
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~|`{1,3})")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_SPACES = re.compile(r"[ \t\f\v\u00a0]+")
_SPACES_OTHER = "\t\f\v\u00a0"  # the characters of _SPACES but " "


def squeeze_spaces(s: str, others: str) -> str:
    """``re.sub("[ " + others + "]+", " ", s)``: every run of spaces and ``others`` becomes one space.

    The pattern matches every single space of the text, and sub replaces each: 72 µs on a comment of 1,000+
    characters.  Turning ``others`` into spaces and halving runs of spaces until none is left is the same text
    in a few passes of str.replace: 7 µs."""
    for c in others:
        if c in s:
            s = s.replace(c, " ")
    while "  " in s:
        s = s.replace("  ", " ")
    return s


def strip_markup(raw: str) -> tuple[str, list[Link], dict[str, int]]:
    """Return (plain text, links from markup, counts of markup kinds seen)."""
    links: list[Link] = []
    counts: dict[str, int] = {}
    s = raw
    if "<" in s:
        def a_tag(m: re.Match[str]) -> str:
            href = m.group(1) or m.group(2) or m.group(3) or ""
            anchor = _ANY_TAG.sub("", m.group(4) or "")
            anchor = html.unescape(anchor).strip()
            href = html.unescape(href)
            if not is_relative(href):
                links.append(make_link(href, "html", anchor))
                counts["html_link"] = counts.get("html_link", 0) + 1
            return " " + anchor + " "

        s = _A_TAG.sub(a_tag, s)

        def img_tag(m: re.Match[str]) -> str:
            src = m.group(1) or m.group(2) or m.group(3) or ""
            if not is_relative(html.unescape(src)):
                links.append(make_link(html.unescape(src), "html", "[image]"))
            counts["html_image"] = counts.get("html_image", 0) + 1
            return " "

        s = _IMG_TAG.sub(img_tag, s)
        s = _MD_AUTOLINK.sub(lambda m: (links.append(make_link(m.group(1), "markdown")), " ")[1], s)
        n_before = len(s)
        s = _BREAK_TAG.sub("\n", s)
        s, n = _ANY_TAG.subn(" ", s)
        if n or len(s) != n_before:
            counts["html_tag"] = counts.get("html_tag", 0) + n
    if "[" in s:
        defs: dict[str, str] = {}

        def md_def(m: re.Match[str]) -> str:
            defs[m.group(1).strip().lower()] = m.group(2)
            return ""

        s = _MD_DEF.sub(md_def, s)

        def md_inline(m: re.Match[str]) -> str:
            if not is_relative(m.group(3)):
                links.append(make_link(m.group(3), "markdown", m.group(2).strip()))
                counts["markdown_link"] = counts.get("markdown_link", 0) + 1
            return " " + m.group(2) + " "

        if "](" in s:  # in every _MD_INLINE match; the pattern scans slowly (40 µs on an e-mail with a "[")
            s = _MD_INLINE.sub(md_inline, s)

        def md_ref(m: re.Match[str]) -> str:
            url = defs.pop(m.group(3).strip().lower(), None)
            if url is None:
                return m.group(0)
            if is_relative(url):
                return " " + m.group(2) + " "
            links.append(make_link(url, "markdown", m.group(2).strip()))
            counts["markdown_link"] = counts.get("markdown_link", 0) + 1
            return " " + m.group(2) + " "

        if defs and ("][" in s or "] [" in s):  # without a footnote md_ref keeps every match as it is
            s = _MD_REF.sub(md_ref, s)
        for url in defs.values():  # footnotes never referenced are still links
            if is_relative(url):
                continue
            links.append(make_link(url, "markdown"))
            counts["markdown_link"] = counts.get("markdown_link", 0) + 1
    if "**" in s or "__" in s or "`" in s or "~~" in s:  # what _MD_EMPHASIS matches, tested first (cheaper)
        s = _MD_EMPHASIS.sub("", s)
    if "#" in s:
        s = _MD_HEADING.sub("", s)
    if "&" in s:
        s = html.unescape(s)
    s = squeeze_spaces(s, _SPACES_OTHER)  # _SPACES.sub(" ", s), faster
    return s.strip(), links, counts
