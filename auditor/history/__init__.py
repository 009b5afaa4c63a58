"""The audit history: every audit kept in a SQLite file (`--history`), read back by `listing-audit history`, the
alerts and the trend charts. It reads finished reports (report.json's data); it never reaches into a crawl."""
