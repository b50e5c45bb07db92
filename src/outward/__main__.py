"""The `outward` command: every management command under one entry point."""

import os
import sys


def _print_overview() -> None:
    """`outward --help`: every command with the first line of its help."""
    # Imported here: DJANGO_SETTINGS_MODULE is set first, in main().
    import django  # noqa: PLC0415
    from django.core.management import get_commands, load_command_class  # noqa: PLC0415

    django.setup()
    print("usage: outward COMMAND [options]   (outward help COMMAND for a command's options)\n")
    commands = get_commands()
    width = max(len(name) for name in commands)
    for name in sorted(commands):
        try:
            summary = (load_command_class(commands[name], name).help or "").strip()
        except Exception:  # a broken third-party command must not hide the list
            summary = ""
        print(f"  {name.ljust(width)}  {summary.splitlines()[0] if summary else ''}")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outward.settings")
    # Imported once DJANGO_SETTINGS_MODULE is set, on the line above.
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    argv = ["outward", *sys.argv[1:]]
    if argv[1:] in ([], ["--help"], ["-h"], ["help"]):
        try:
            _print_overview()
        except BrokenPipeError:  # `outward --help | head`: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
