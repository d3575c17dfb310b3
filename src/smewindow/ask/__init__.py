"""Ask the window (issue 16): a question in everyday Chinese or English answered from the
rules only, with its sources, or refused with the closest programs and the desk.

Layer: above the finder (it reads numbers and answers as the finder does) and below the
applications; the API and the pages call it. docs/ask.md describes it.
"""
