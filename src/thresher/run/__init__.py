"""The runner: job description and planning, executors, the output layout and its reader."""
