"""The pure core: content, understanding, crisis rules, the model (no Flask, no Twilio)."""
