"""Helper components of the project."""
