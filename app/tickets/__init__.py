"""Tickets on the desk: operations, queries, the queue, search, links, worklog, attachments."""
