"""The command line: the GUI, `serve`, and headless create, get and update."""

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return the process exit code."""
    args = sys.argv[1:] if argv is None else argv
    print(f"not built yet: {args}", file=sys.stderr)
    return 2
