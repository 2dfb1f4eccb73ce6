"""Long Markdown documents: cut into pieces, parsed and laid out off the UI thread."""
