"""``python -m tracker.cli``: the command, as ``growth-tracker``."""

import sys

from tracker.cli.run import main

sys.exit(main())
