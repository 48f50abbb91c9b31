"""thresher's one entry point: subcommands, each in its own module under thresher.commands."""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys

from thresher import __version__
from thresher import exit_codes

# Subcommand -> (its module, the line `thresher --help` shows for it). Each module exposes
# add_parser(subparsers), which registers its handler with set_defaults(func=...). Only the module of
# the command being run is imported: the others' imports (pyarrow, rich, numba...) would cost a
# second of start-up, and `thresher --help` needs nothing but these lines.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("thresher.commands.demo", "clean a built-in sample corpus and show what was done"),
    "clean": ("thresher.commands.clean", "clean pages: one to stdout, or many to an output folder"),
    "explain": ("thresher.commands.explain", "show what was done to one document and why"),
    "report": ("thresher.commands.report", "write an HTML report of a job: charts of signals, languages, dedup; sampled documents"),
    "dedup-params": (
        "thresher.commands.dedup_params",
        "show LSH bands/rows for a near-duplicate threshold, with false positive/negative odds",
    ),
    "dedup-report": (
        "thresher.commands.dedup_report",
        "cluster sizes, sampled duplicate pairs with true similarity, false-positive estimate",
    ),
    "train-classifier": (
        "thresher.commands.train_classifier",
        "train a fastText quality classifier from positive and negative examples",
    ),
}


def chosen_command(argv: list[str]) -> str | None:
    """The subcommand ``argv`` runs: its first argument that is not an option, if it names one."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser for ``command`` (its module imported); every other subcommand is only its
    name and help line, which is all that `thresher --help` and a mistyped command need."""
    parser = argparse.ArgumentParser(
        prog="thresher",
        description="Turn raw web-crawled pages into clean, unique, trustworthy text, and say what was done and why.",
    )
    parser.add_argument("--version", action="version", version=f"thresher {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        if name == command:
            importlib.import_module(module).add_parser(sub)
        else:
            sub.add_parser(name, help=summary, add_help=False)
    return parser


class Terminated(BaseException):
    """SIGTERM (what `timeout`, systemd and docker send): unwinds like Ctrl-C, so workers are stopped."""


def _on_sigterm_in(main_pid: int):
    """The SIGTERM handler of process ``main_pid``. A forked worker inherits it until its pool's
    initializer resets it; a SIGTERM in that window (the pool stopping its workers) ends the
    worker as the default would, not with a traceback of Terminated."""

    def on_sigterm(signum, frame) -> None:
        if os.getpid() != main_pid:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        raise Terminated()

    return on_sigterm


def _reader_gone() -> int:
    """Whoever read stdout stopped (`| head -1`): the output ends there, which is not a failure.
    stdout now points at /dev/null, so the interpreter's last flush has nowhere to fail."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no real stdout (captured): nothing left to flush there
        pass
    return exit_codes.OK


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(chosen_command(argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return exit_codes.USAGE
    previous = signal.signal(signal.SIGTERM, _on_sigterm_in(os.getpid()))
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("thresher: interrupted; completed shards are kept, re-run the same command to resume", file=sys.stderr)
        return exit_codes.INTERRUPTED
    except Terminated:
        print("thresher: terminated; completed shards are kept, re-run the same command to resume", file=sys.stderr)
        return exit_codes.TERMINATED
    except BrokenPipeError:
        return _reader_gone()
    except SystemExit as exc:
        if isinstance(exc.__context__, BrokenPipeError):  # rich's Console exits 1 on a closed pipe
            return _reader_gone()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":
    sys.exit(main())
