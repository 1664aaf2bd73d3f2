"""Cross-cutting helpers: settings, logging, translation, network, atomic file writes."""
