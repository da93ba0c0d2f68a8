"""Batch builds: one leaflet per data row."""
