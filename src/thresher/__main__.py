"""`python -m thresher`: the same as the `thresher` command."""

import sys

from thresher.cli import main

sys.exit(main())
