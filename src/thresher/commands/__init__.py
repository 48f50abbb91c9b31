"""CLI subcommands, one module each (see thresher.cli.COMMANDS)."""
