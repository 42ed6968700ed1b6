"""Models of filings."""
