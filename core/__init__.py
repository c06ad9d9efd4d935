"""The shared core: domain rules both the desk and the server import (Qt-free, store-free)."""
