"""What thresher's exit status says. The README's "Exit codes" table is this one."""

OK = 0
#: The job ran, but an input named on the command line could not be used (missing, unreadable);
#: each is named on stderr. Files of a kind no reader knows (a LICENSE, a README) are not inputs:
#: they are left out with a note, and do not make a run fail.
SOME_INPUTS_UNUSABLE = 1
#: Nothing ran: a bad option or config, nothing to read, an output folder that cannot be written
#: or that holds another job.
USAGE = 2
#: A worker process died mid-run (killed, out of memory); completed shards are kept, and running
#: the same command again resumes.
WORKER_DIED = 3
#: The job ran, but what it read looks wrong: nothing was kept, or more than --max-input-errors of
#: the records were rejected as bad input (input:*), which a wrong --text-field does to all of them.
BAD_DATA = 4
#: The output could not be written mid-run: the disk filled up, the folder became read-only, a
#: write to object storage was denied (a bucket policy, credentials that may read but not write)
#: or still failed after every retry. One line says which; completed shards are kept (a shard
#: counts only through its marker, written last), nothing half written is visible; fix it and run
#: the same command again to resume.
OUTPUT_FAILED = 5
INTERRUPTED = 130  # Ctrl-C (128 + SIGINT); completed shards are kept
TERMINATED = 143  # SIGTERM (128 + SIGTERM), as `timeout`, systemd and docker send; completed shards are kept
