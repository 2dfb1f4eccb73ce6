"""`python -m aseantui` runs the command line."""

from aseantui.cli import main

raise SystemExit(main())
