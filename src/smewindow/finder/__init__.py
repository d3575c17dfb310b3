"""The finder: the home page, the interview, the results and the program pages."""
