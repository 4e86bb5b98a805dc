"""Amendments to a motion's text: replace words, insert words, delete words; and the final
text with the changes highlighted, word by word."""

from __future__ import annotations

import difflib
import re

from django.utils.translation import gettext as _

from rankfile.motions.models import AmendmentKind


def _occurrences(text: str, words: str) -> int:
    return text.count(words) if words else 0


def amendment_text_refusal(*, text: str, kind: str, target_text: str, new_text: str) -> str | None:
    """Why the amendment cannot apply to `text`, or None when it can."""
    if kind not in AmendmentKind.values:
        return _("Choose to replace, insert or delete words.")
    if kind in (AmendmentKind.REPLACE, AmendmentKind.INSERT) and not new_text.strip():
        return _("Give the new words.")
    if kind in (AmendmentKind.REPLACE, AmendmentKind.DELETE) and not target_text.strip():
        return _("Copy the words to change from the motion.")
    if kind == AmendmentKind.INSERT and not target_text:
        return None  # at the end
    found = _occurrences(text, target_text)
    if found == 0:
        return _("The words “%(words)s” are not in the motion's text.") % {"words": target_text}
    if found > 1:
        return _(
            "The words “%(words)s” appear %(n)d times in the motion: copy a longer passage so "
            "that it is found once."
        ) % {"words": target_text, "n": found}
    return None


def amended_text(*, text: str, kind: str, target_text: str, new_text: str) -> str:
    """The text once the amendment is applied (the caller checked the refusal first)."""
    new_text = new_text.strip()
    if kind == AmendmentKind.INSERT and not target_text:
        separator = "" if not text or text.endswith((" ", "\n")) else " "
        return f"{text}{separator}{new_text}"
    start = text.index(target_text)
    before, after = text[:start], text[start + len(target_text) :]
    if kind == AmendmentKind.REPLACE:
        return f"{before}{new_text}{after}"
    if kind == AmendmentKind.DELETE:
        if before.endswith(" ") and (after.startswith(" ") or after[:1] in {"", ".", ",", ";"}):
            before = before[:-1]
        return f"{before}{after}"
    lead = "" if target_text.endswith((" ", "\n")) else " "
    return f"{before}{target_text}{lead}{new_text}{after}"


def highlighted(original: str, final: str) -> list[tuple[str, str]]:
    """(kind, text) segments, kind "same", "ins" or "del", that show `final` against
    `original` word by word. Templates escape the text as usual."""
    # Each word with the spaces after it, so that a change of several words is one segment.
    old = re.findall(r"\S+\s*|\s+", original)
    new = re.findall(r"\S+\s*|\s+", final)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("same", "".join(old[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            segments.append(("del", "".join(old[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(("ins", "".join(new[j1:j2])))
    return [segment for segment in segments if segment[1]]
