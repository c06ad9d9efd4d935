"""Mail out: the outgoing queue written with replies and events, message building, the SMTP sender."""
