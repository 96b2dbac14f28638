"""Shared code for the dropout course notebooks: ``from helpers import data, plots`` imports what you need.

Importing the package itself does nothing: no TensorFlow import, no seeding, no file access."""

__all__ = [
    "ablation",
    "claims",
    "course",
    "data",
    "diagrams",
    "dropout",
    "exercises",
    "experiments",
    "layers",
    "mask_speed",
    "plots",
    "progress",
    "quiz",
    "tables",
    "team",
    "training",
    "widgets",
]
__version__ = "1.0.0"
