"""The outbox: audit and outbox rows every edit writes, and the server's refusals of them."""
