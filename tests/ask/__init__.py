"""Tests of the ask box (issue 16): reading a question, and answering it."""
