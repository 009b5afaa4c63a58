"""The errors the CLI maps to exit codes; each carries a one-line message for the user."""


class AuditError(Exception):
    """Base of every error the CLI reports as one line."""

    exit_code = 2


class UsageError(AuditError):
    """Bad input from the user: a malformed target, an unwritable output folder, a bad flag value."""

    exit_code = 2


class ConfigError(AuditError):
    """A configuration or check-pack problem."""

    exit_code = 2


class TargetUnreachable(AuditError):
    """The target could not be fetched, or is not an HTML page."""

    exit_code = 3


class BrowserUnavailable(AuditError):
    """No Chromium could be found or launched."""

    exit_code = 3
