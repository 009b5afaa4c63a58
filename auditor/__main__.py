"""`python -m auditor` is `listing-audit`."""

from auditor.cli import main

if __name__ == "__main__":  # extraction workers are spawned processes, which import this module again
    main()
