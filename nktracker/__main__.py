"""`python -m nktracker` runs the command line."""

import sys

from nktracker.cli import main

sys.exit(main())
