"""Checking functions for the notebooks' exercises: one module per notebook (``nb01``, ``nb02``, ...).

Each checker takes the learner's answer (a value or a function), prints feedback a learner can act
on, and returns True when the answer is right. Checkers never raise on a wrong answer.
"""

__all__: list[str] = []
