"""Widgets and dialogs (they call providers and run algorithms; nothing else depends on them)."""
