# File name only.
