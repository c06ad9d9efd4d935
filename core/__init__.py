"""The shared core: domain rules and change records both the desk and the server import (Qt-free, store-free)."""
