import sys

from egov_desktop.cli import main

sys.exit(main())
