"""Run the command line: ``python -m tradedispute``."""

import sys

from tradedispute.cli import main

if __name__ == "__main__":
    sys.exit(main())
