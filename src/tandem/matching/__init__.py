"""Matching mentees with mentors. ``engine`` is pure Python + numpy/scipy (no Django)."""
