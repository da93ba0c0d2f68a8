"""Checks of a decided layout and its words: the build's preflight and the proofing advice."""
