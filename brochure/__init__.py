"""brochure: one content.yaml in, a folded leaflet out, for the copier, the print shop and the phone."""

__version__ = "0.1.0"
