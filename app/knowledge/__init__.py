"""Knowledge articles on the desk: validated writes, named operations and reads, search and safe rendering."""
