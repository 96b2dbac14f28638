"""A quiet progress bar for long training cells: one updating bar in JupyterLab, nothing in batch runs.

``train_model(..., progress=None)`` in :mod:`helpers.training` adds :class:`TrainingProgress` when
:func:`progress_wanted` says so. While ``fit`` runs, the cell shows a single bar and one line of text
(epoch, loss); when training ends the bar is closed and its output replaced by an empty one, so a
learner's notebook is left without progress noise.

Nothing is shown (and no widget message is sent) when the run is a batch run: the environment
variable ``DROPOUT_COURSE_BATCH=1`` is set by ``scripts/execute_notebooks.py`` and by ``conftest.py``
(pytest, nbval), so the stored notebooks stay deterministic. Nothing is shown outside a Jupyter
kernel either (a plain ``python`` script, the IPython terminal).
"""

from __future__ import annotations

import os
import time
from typing import Any

import keras

__all__ = ["BATCH_ENV", "TrainingProgress", "in_notebook", "is_batch_run", "progress_wanted"]

#: Environment variable that marks a batch run (stored outputs, tests): "1" means show no progress.
BATCH_ENV = "DROPOUT_COURSE_BATCH"


def is_batch_run() -> bool:
    """True when ``DROPOUT_COURSE_BATCH`` is set to a true value ("1", "true", "yes")."""
    return os.environ.get(BATCH_ENV, "").strip().lower() in {"1", "true", "yes"}


def in_notebook() -> bool:
    """True inside a Jupyter kernel (JupyterLab, Notebook, VS Code, Colab), False in scripts and terminals."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the course
        return False
    shell = get_ipython()
    if shell is None:
        return False
    try:
        from ipykernel.zmqshell import ZMQInteractiveShell
    except ImportError:  # pragma: no cover
        return False
    return isinstance(shell, ZMQInteractiveShell)


def progress_wanted(progress: bool | None = None) -> bool:
    """Whether to show a progress bar: ``progress`` if it is a bool, else automatic.

    Automatic (None): only in a notebook kernel and not in a batch run. ``True`` still shows nothing
    outside a notebook kernel (there is nowhere to draw a widget); ``False`` never shows one.
    """
    if progress is not None and not isinstance(progress, bool):
        raise TypeError(f"progress must be True, False or None (automatic); got {progress!r}")
    if progress is False or not in_notebook():
        return False
    return progress is True or not is_batch_run()


class TrainingProgress(keras.callbacks.Callback):
    """A Keras callback that draws one ``IntProgress`` bar with a label, and removes it at the end.

    Args:
        min_interval: seconds between two redraws within an epoch (the bar is always redrawn at the
            end of an epoch), so a fast ``fit`` does not flood the front end with messages.
        description: the text left of the bar.
    """

    def __init__(self, *, min_interval: float = 0.25, description: str = "training") -> None:
        super().__init__()
        if isinstance(min_interval, bool) or not isinstance(min_interval, (int, float)) or not min_interval >= 0:
            raise ValueError(f"min_interval must be a number of seconds >= 0; got {min_interval!r}")
        if not isinstance(description, str):
            raise TypeError(f"description must be a string; got {type(description).__name__}")
        self.min_interval = float(min_interval)
        self.description = description
        self.bar: Any = None
        self.label: Any = None
        self.box: Any = None
        self._handle: Any = None
        self._epochs = 1
        self._steps: int | None = None
        self._epoch = 0
        self._last_draw = 0.0
        self._start = 0.0

    # -- the widget --------------------------------------------------------------------------

    def _open(self) -> None:
        import ipywidgets as widgets
        from IPython.display import display

        total = self._epochs * self._steps if self._steps else self._epochs
        self.bar = widgets.IntProgress(
            value=0, min=0, max=max(total, 1), description=self.description, bar_style="info"
        )
        self.label = widgets.Label(value="starting…")
        self.box = widgets.HBox([self.bar, self.label])
        self._handle = display(self.box, display_id=True)

    def close(self) -> None:
        """Replace the bar's output with an empty one and close its widgets (safe to call twice)."""
        if self._handle is not None:
            self._handle.update({}, raw=True)  # an empty output: nothing left in the cell
            self._handle = None
        for widget in (self.box, self.bar, self.label):
            if widget is not None:
                for part in (getattr(widget, "layout", None), getattr(widget, "style", None), widget):
                    if part is not None:
                        part.close()
        self.box = self.bar = self.label = None

    def _draw(self, value: int, text: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if self.bar is None or (not force and now - self._last_draw < self.min_interval):
            return
        self._last_draw = now
        self.bar.value = min(value, self.bar.max)
        self.label.value = text

    def _text(self, logs: dict | None) -> str:
        parts = [f"epoch {min(self._epoch + 1, self._epochs)}/{self._epochs}"]
        for key in ("loss", "val_loss", "accuracy", "val_accuracy"):
            if logs and key in logs:
                parts.append(f"{key.replace('_', ' ')} {float(logs[key]):.3f}")
        parts.append(f"{time.monotonic() - self._start:.0f} s")
        return " · ".join(parts)

    # -- Keras hooks ---------------------------------------------------------------------------

    def on_train_begin(self, logs: dict | None = None) -> None:
        params = self.params or {}
        self._epochs = int(params.get("epochs") or 1)
        steps = params.get("steps")
        self._steps = int(steps) if steps else None
        self._epoch = 0
        self._start = time.monotonic()
        self._last_draw = 0.0
        self.close()
        self._open()

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._epoch = epoch

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if self._steps:
            # with steps_per_execution > 1 Keras reports the last index of a chunk of steps, which can
            # pass the epoch's end: never draw beyond it (the bar must not jump ahead and back)
            self._draw(self._epoch * self._steps + min(batch + 1, self._steps), self._text(logs))

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        done = (epoch + 1) * self._steps if self._steps else epoch + 1
        self._draw(done, self._text(logs), force=True)

    def on_train_end(self, logs: dict | None = None) -> None:
        self.close()
