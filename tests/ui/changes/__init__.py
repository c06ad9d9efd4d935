"""UI tests of the Changes page, the change editor and the windows dialog."""
