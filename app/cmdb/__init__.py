"""The desk's CMDB: configuration items, their relations and classes; impact analysis and CSV transfer."""
