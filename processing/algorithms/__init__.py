"""One module per Processing algorithm; the provider discovers them (see ``processing.provider``)."""
