"""The CMDB page: configuration items, their relations on a map, and what an outage touches."""
