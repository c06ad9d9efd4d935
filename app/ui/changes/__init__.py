"""The Changes page: the change queue, the change editor and the windows / holidays dialog."""
