"""Checks of graded functions that are not value comparisons (numerical gradients, oracles), one module per assignment."""
