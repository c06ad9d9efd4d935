"""People screens: the caller lookup of the ticket form, New caller, the people directory page."""
