"""The team's tools: CLI commands, content lint, model figures, the stand-in phone."""
