"""What the line keeps: usage counts and rate limits."""
