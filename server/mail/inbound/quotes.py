"""Collapse quoted history in a requester's text: what they wrote stays, the earlier messages go.

The original (.eml) keeps everything; the entry gets the new text and a note that history was left out."""

from __future__ import annotations

import re

# A line that starts the quoted history: a reply header in a few languages, or Outlook's separators.
_HEADERS = [
    re.compile(r"^\s*On\b.{0,300}\bwrote:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Am\b.{0,300}\bschrieb\b.{0,200}:\s*$", re.IGNORECASE),
    re.compile(r"^\s*Le\b.{0,300}\ba écrit\s*:\s*$", re.IGNORECASE),
    re.compile(r"^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Forwarded message)"
               r"\s*-{2,}\s*$", re.IGNORECASE),
    re.compile(r"^\s*_{20,}\s*$"),  # Outlook's rule above "From: ... Sent: ..."
]
_OUTLOOK_FROM = re.compile(r"^\s*\*?(From|Von|De)\s*:\*?\s+\S", re.IGNORECASE)
_OUTLOOK_NEXT = re.compile(r"^\s*\*?(Sent|Date|Gesendet|Envoyé|To|An)\s*:", re.IGNORECASE)
HISTORY_NOTE = "[Earlier messages quoted below the reply are left out here; they are in the original mail.]"


def _starts_history(lines: list[str], n: int) -> bool:
    line = lines[n]
    if any(p.match(line) for p in _HEADERS):
        return True
    # "On Mon, 1 Jan 2026 at 10:00, Someone <a@b>" / "wrote:" split over two lines by the client.
    if re.match(r"^\s*On\b", line, re.IGNORECASE) and n + 1 < len(lines) and \
            re.match(r"^.{0,200}\bwrote:\s*$", lines[n + 1], re.IGNORECASE):
        return True
    return bool(_OUTLOOK_FROM.match(line) and n + 1 < len(lines) and _OUTLOOK_NEXT.match(lines[n + 1])
                and (n == 0 or not lines[n - 1].strip()))


def collapse(text: str) -> str:
    """The text without its quoted history: from the first reply header or Outlook separator on, and
    every "> " line. Text made only of quotes is kept whole (there would be nothing left to show)."""
    lines = text.split("\n")
    cut = len(lines)
    for n in range(len(lines)):
        if _starts_history(lines, n):
            cut = n
            break
    kept = [line for line in lines[:cut] if not line.lstrip().startswith(">")]
    dropped = cut < len(lines) or len(kept) < cut
    fresh = "\n".join(kept).strip()
    if not dropped:
        return text.strip()
    if not fresh:
        return text.strip()
    return f"{fresh}\n\n{HISTORY_NOTE}"
