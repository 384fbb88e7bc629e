"""Helpers for the admin's CSV exports."""


def csv_safe(value: str) -> str:
    """Spreadsheets run cells starting with = + - @ as formulas: defuse them."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


class Echo:
    """A file-like object whose write() returns the line, for streaming CSV."""

    def write(self, value):
        return value
