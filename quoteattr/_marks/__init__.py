"""Quotation marks: the scanner that finds quoted spans in raw text, before any parse."""
