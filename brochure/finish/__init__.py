"""The finish stage: a painted PDF made tagged and standard (PDF/UA-1 with PDF/A-2 or PDF/X-4)."""
