"""`python -m auditor` is `listing-audit`."""

from auditor.cli import main

main()
