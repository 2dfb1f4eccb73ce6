"""`python -m aseantui` runs the command line."""

from aseantui.cli import main

# Guarded: the index's writer processes are spawned, and spawning imports this
# module again (as __mp_main__); unguarded, each would run the command line.
if __name__ == "__main__":
    raise SystemExit(main())
