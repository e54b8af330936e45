"""Offline translation and alignment workbench for the labour press."""

__version__ = "0.1.0"
