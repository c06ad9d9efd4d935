"""Qt-free rules and records shared by the desk and the server."""
