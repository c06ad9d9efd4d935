"""Problem management on the desk: problems, incident links, similar incidents, known errors, major incidents."""
