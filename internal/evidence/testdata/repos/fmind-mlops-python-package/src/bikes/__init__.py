"""Predict the number of bikes available."""
