"""Exporters to other inference engines, kept out of the core's way."""
