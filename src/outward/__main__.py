"""The `outward` command: every management command under one entry point."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outward.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "outward"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
