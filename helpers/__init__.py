"""Shared code for the dropout course notebooks.

Import the modules you need, for example ``from helpers import data, plots``. Importing this
package does nothing else: no TensorFlow import, no seeding, no file access.
"""

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
