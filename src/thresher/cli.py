"""thresher's one entry point: subcommands, each in its own module under thresher.commands."""

from __future__ import annotations

import argparse
import importlib
import signal
import sys

from thresher import __version__

# Each module exposes add_parser(subparsers) and registers its handler with set_defaults(func=...).
COMMANDS = [
    "thresher.commands.demo",
    "thresher.commands.clean",
    "thresher.commands.explain",
    "thresher.commands.report",
    "thresher.commands.dedup_params",
    "thresher.commands.dedup_report",
    "thresher.commands.train_classifier",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thresher",
        description="Turn raw web-crawled pages into clean, unique, trustworthy text, and say what was done and why.",
    )
    parser.add_argument("--version", action="version", version=f"thresher {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command still being written: leave it out, don't break the rest
                continue
            raise
        module.add_parser(sub)
    return parser


class Terminated(BaseException):
    """SIGTERM (what `timeout`, systemd and docker send): unwinds like Ctrl-C, so workers are stopped."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("thresher: interrupted; completed shards are kept, re-run the same command to resume", file=sys.stderr)
        return 130
    except Terminated:
        print("thresher: terminated; completed shards are kept, re-run the same command to resume", file=sys.stderr)
        return 143
    except BrokenPipeError:
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
