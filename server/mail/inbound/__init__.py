"""Mail in: collect mail from IMAP mailboxes and turn it into tickets and requester entries (docs/MAIL.md)."""
