"""The bare comparison app's page scripts."""
