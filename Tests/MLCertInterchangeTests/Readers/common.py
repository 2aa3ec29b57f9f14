"""Helpers shared by the readers: HTML fragments to plain text the way a person reads them."""
import html
import re


def html_to_text(fragment):
    """Paragraphs joined by a blank line, <br> as a line break, other tags removed, entities decoded."""
    if fragment is None:
        return ""
    text = re.sub(r"(?i)<br\s*/?>", "\n", fragment)
    text = re.sub(r"(?i)</p>\s*<p[^>]*>", "\n\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).strip()
