"""Alerts: when an audit is worse than the previous one in the history, one message to each `--notify` webhook
(plain JSON, Slack or Teams), delivered with a timeout and retries; a failed delivery never fails the audit."""
