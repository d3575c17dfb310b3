"""Net-zero tools backed by the database: the directory of ESCOs (能源技術服務業者)."""
