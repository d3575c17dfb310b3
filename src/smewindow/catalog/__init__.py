"""The training catalogue of 配套1.1: approved providers, their courses and sessions, and the
software list; importers for the official lists and the demo data (docs/catalog.md)."""
