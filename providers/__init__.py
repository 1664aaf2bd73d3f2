"""Clients of the data services and the common dataset model (no widgets, no Processing)."""
