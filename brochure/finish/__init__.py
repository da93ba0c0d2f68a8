"""The finish stage: a painted PDF made tagged and standard (structure tree, outline, metadata, fonts)."""
