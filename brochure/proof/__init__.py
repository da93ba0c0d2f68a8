"""Proofing and authoring: check, preview, watch and new, the loop from a first draft to print."""
