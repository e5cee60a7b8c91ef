"""Core components of the project."""
