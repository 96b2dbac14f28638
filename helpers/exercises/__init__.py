"""Exercise checkers, one module per notebook (``nb00``, ``nb01``, ...), all built on ``_harness``."""

__all__: list[str] = []
