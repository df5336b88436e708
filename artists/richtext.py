"""Plain text ↔ Wagtail rich text for the studio, where artists write without an editor toolbar."""
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.text import normalize_newlines

_BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def rich_text_from_plain(text: str) -> str:
    """Paragraphs from blank-line separated text, line breaks kept, everything escaped."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", normalize_newlines(text or "")) if p.strip()]
    return "".join(f"<p>{'<br/>'.join(escape(line) for line in p.splitlines())}</p>" for p in paragraphs)


def plain_from_rich_text(html: str) -> str:
    """The text of rich text, one blank line between blocks (what the studio form shows)."""
    marked = _BLOCK_END.sub(lambda m: "\n" if m.group(0).lower().startswith("<br") else "\n\n", html or "")
    text = strip_tags(marked)
    return re.sub(r"\n{3,}", "\n\n", unescape(text)).strip()
