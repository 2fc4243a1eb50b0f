"""Renderers: reports out as JSON, JSONL, CSV, terminal text and an HTML audit page."""
