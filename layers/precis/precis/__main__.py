"""`python -m precis`: the same as the `precis` command."""

import sys

from precis.cli import main

sys.exit(main())
