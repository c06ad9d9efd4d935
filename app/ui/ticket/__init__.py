"""The ticket editor, its tabs (worklog, attachments, links, history) and the new ticket dialog."""
