"""Finish: what ReportLab cannot write (structure, metadata, standards), added with pikepdf."""
