"""The Problems page: problems, known errors (the KEDB) and major incidents, with the problem editor."""
