"""Components related to external operations (inputs and outputs)."""
