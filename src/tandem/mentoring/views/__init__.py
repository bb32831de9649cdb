"""Mentoring views, thin: form → one service or selector → template."""
