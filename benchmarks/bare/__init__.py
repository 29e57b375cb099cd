"""The bare comparison app (a package only so mypy names its modules apart from the real app's)."""
