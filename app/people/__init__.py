"""People on the desk: reference lists and the signed-in account."""
