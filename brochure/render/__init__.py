"""The render stage: a decided layout painted for one edition with ReportLab's canvas."""
