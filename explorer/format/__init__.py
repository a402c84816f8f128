"""The scenario format, version 1: models, expressions, probability words."""
