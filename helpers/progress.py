"""Training progress: ``model.fit(..., verbose=0, callbacks=[progress.TrainingProgress("run 2 of 5")])``.

The callback draws a bar and a line (epoch, loss, seconds) in JupyterLab during ``fit`` and removes
both at the end; nothing in a batch run (``DROPOUT_COURSE_BATCH=1``, set by the scripts that store the
notebooks and by ``conftest.py``) nor outside a Jupyter kernel.
"""

from __future__ import annotations

import os
import time

import keras

from helpers._checks import is_real_number

__all__ = ["BATCH_ENV", "TrainingProgress", "in_notebook", "is_batch_run"]

#: Environment variable that marks a batch run (stored outputs, tests): "1" means draw nothing.
BATCH_ENV = "DROPOUT_COURSE_BATCH"


def is_batch_run() -> bool:
    return os.environ.get(BATCH_ENV, "").strip().lower() in {"1", "true", "yes"}


def in_notebook() -> bool:
    """True inside a Jupyter kernel (JupyterLab, VS Code, Colab); False in scripts and terminals."""
    from ipykernel.zmqshell import ZMQInteractiveShell
    from IPython import get_ipython

    return isinstance(get_ipython(), ZMQInteractiveShell)


class TrainingProgress(keras.callbacks.Callback):
    """One progress bar with a line of text during ``fit``, removed at the end.

    label: the text left of the bar, for example "run 3 of 6"; min_interval: seconds between two
    redraws within an epoch (each epoch's end is drawn).
    """

    def __init__(self, label: str = "", min_interval: float = 0.25) -> None:
        super().__init__()
        if not isinstance(label, str):
            raise TypeError(f"label must be a string such as 'run 3 of 6'; got {type(label).__name__} {label!r:.40}")
        if not is_real_number(min_interval) or not 0 <= min_interval <= 60:
            raise ValueError(f"min_interval must be a number of seconds from 0 to 60; got {min_interval!r:.40}")
        self.label, self.min_interval = label, float(min_interval)
        self.bar = self.text = self.box = self._handle = None

    def on_train_begin(self, logs=None) -> None:
        self.close()
        if is_batch_run() or not in_notebook():
            return
        import ipywidgets as widgets
        from IPython.display import display

        self._epochs = int(self.params.get("epochs") or 1)
        self._steps = int(self.params.get("steps") or 1)  # mini-batches per epoch
        self._epoch, self._start, self._last = 0, time.monotonic(), 0.0
        self.bar = widgets.IntProgress(
            max=self._epochs * self._steps, description=self.label, style={"description_width": "initial"}
        )
        self.text = widgets.Label("starting…")
        self.box = widgets.HBox([self.bar, self.text])
        self._handle = display(self.box, display_id=True)

    def on_epoch_begin(self, epoch, logs=None) -> None:
        self._epoch = epoch

    def on_train_batch_end(self, batch, logs=None) -> None:
        self._draw(batch + 1, logs)

    def on_epoch_end(self, epoch, logs=None) -> None:
        self._draw(None, logs)

    def on_train_end(self, logs=None) -> None:
        self.close()

    def _draw(self, steps_done: int | None, logs: dict | None) -> None:
        """Redraw after ``steps_done`` steps of the current epoch (None: the epoch's end, always drawn)."""
        now = time.monotonic()
        if self.bar is None or (steps_done is not None and now - self._last < self.min_interval):
            return
        self._last = now
        # with steps_per_execution > 1 Keras reports the last step of a chunk, which can lie past the
        # epoch's end: never draw beyond it
        self.bar.value = self._epoch * self._steps + min(steps_done or self._steps, self._steps)
        parts = [f"epoch {self._epoch + 1}/{self._epochs}"]
        parts += [f"{key.replace('_', ' ')} {logs[key]:.3f}" for key in ("loss", "val_loss") if key in (logs or {})]
        self.text.value = " · ".join([*parts, f"{now - self._start:.0f} s"])

    def close(self) -> None:
        """Empty the bar's output and close its widgets, layouts and styles (safe to call twice)."""
        if self._handle is not None:
            self._handle.update({}, raw=True)
            for widget in (self.box, self.bar, self.text):
                for part in (widget.layout, getattr(widget, "style", None), widget):
                    if part is not None:
                        part.close()
        self.bar = self.text = self.box = self._handle = None
