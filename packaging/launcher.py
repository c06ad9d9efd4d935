"""Entry script for the PyInstaller bundles: runs Deskside's command line (app.main.main)."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
