"""Language data: every Chinese literal the logic needs lives in this package."""
