"""The Request Tracker 5 backend: REST2 over a session cookie, mapped onto Deskside's sync pages."""
