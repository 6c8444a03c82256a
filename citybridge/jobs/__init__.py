"""Background jobs: work that runs in the worker process, with the progress its page shows."""
