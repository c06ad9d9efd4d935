"""The texts of outgoing mail per event and language: subjects and plain-text bodies with named fields."""
# Plain text only: the HTML part is made from the finished text by escaping it (compose.py), so no
# template, title or reply can put markup into a message.

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    subject: str   # fields: number, title
    body: str      # fields: number, title, name, text, agent, group (survey: text is the links)


TEMPLATES: dict[str, dict[str, Template]] = {
    "en": {
        "received": Template("[{number}] Received: {title}",
                             "Hello {name},\n\nwe have received your request and recorded it as {number}:\n"
                             "{title}\n\nWe will get back to you. Please keep {number} in the subject "
                             "when you write about it.\n\n{group}"),
        "reply": Template("Re: [{number}] {title}", "{text}\n\n{agent}\n{group}"),
        "waiting": Template("[{number}] Waiting for your answer: {title}",
                            "Hello {name},\n\nwe need more information from you to continue with {number}:\n"
                            "{title}\n\nPlease answer this message.\n\n{group}"),
        "resolved": Template("[{number}] Resolved: {title}",
                             "Hello {name},\n\n{number} has been resolved:\n{title}\n\n{text}\n\n"
                             "If the problem is not solved, answer this message.\n\n{group}"),
        # {text} is the list of rating links (compose's `links`): its own paragraph.
        "survey": Template("[{number}] How did we do? {title}",
                           "Hello {name},\n\n{number} has been resolved:\n{title}\n\nHow satisfied are you "
                           "with how we handled it? Choose a rating; on the page that opens you can add a "
                           "comment and send it.\n\n{text}\n\nYou can change your answer with these links "
                           "until they expire.\n\n{group}"),
    },
    "de": {
        "received": Template("[{number}] Eingegangen: {title}",
                             "Guten Tag {name},\n\nwir haben Ihre Anfrage erhalten und als {number} erfasst:\n"
                             "{title}\n\nWir melden uns bei Ihnen. Bitte behalten Sie {number} im Betreff, "
                             "wenn Sie dazu schreiben.\n\n{group}"),
        "reply": Template("Re: [{number}] {title}", "{text}\n\n{agent}\n{group}"),
        "waiting": Template("[{number}] Wir warten auf Ihre Antwort: {title}",
                            "Guten Tag {name},\n\nfür {number} brauchen wir weitere Angaben von Ihnen:\n"
                            "{title}\n\nBitte antworten Sie auf diese Nachricht.\n\n{group}"),
        "resolved": Template("[{number}] Gelöst: {title}",
                             "Guten Tag {name},\n\n{number} wurde gelöst:\n{title}\n\n{text}\n\n"
                             "Falls das Problem weiter besteht, antworten Sie auf diese Nachricht.\n\n{group}"),
        "survey": Template("[{number}] Wie zufrieden sind Sie? {title}",
                           "Guten Tag {name},\n\n{number} wurde gelöst:\n{title}\n\nWie zufrieden sind Sie "
                           "mit der Bearbeitung? Wählen Sie eine Bewertung; auf der Seite, die sich öffnet, "
                           "können Sie einen Kommentar ergänzen und die Antwort absenden.\n\n{text}\n\n"
                           "Mit diesen Links können Sie Ihre Antwort ändern, bis sie ablaufen.\n\n{group}"),
    },
}


def template(event: str, language: str | None) -> Template:
    """The event's template in the language, else in English."""
    return TEMPLATES.get(language or "en", TEMPLATES["en"]).get(event) or TEMPLATES["en"][event]
