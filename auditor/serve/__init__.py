"""`listing-audit serve`: a dashboard and an API over the audit history, for people who do not use a terminal.

app.py puts the pieces together; auth.py (token, session cookie, CSRF), guard.py (which targets may be audited),
jobs.py (the bounded queue and its worker processes), worker.py (one audit in a worker), listings.py (the history
read for the pages and the API), api.py (JSON) and pages.py (HTML) each do one job.
"""
