"""Checking functions for the notebooks' exercises: one module per notebook (``nb00``, ``nb01``, ...).

Every checker is built on :mod:`helpers.exercises._harness` (read its docstring to write one): it
prints "Correct." or "Not quite." with an explanation, or "Not yet: replace None ..." while the
answer is still the placeholder, returns None, and never raises on a learner's input.
"""

__all__: list[str] = []
