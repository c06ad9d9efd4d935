"""Problem management rules shared by the desk and the server: problem fields, known errors, major incidents."""
