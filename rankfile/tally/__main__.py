"""`python -m rankfile.tally tally FILE` / `python -m rankfile.tally verify BOARD.json`."""

import sys

from rankfile.tally.cli import main

sys.exit(main(sys.argv[1:]))
