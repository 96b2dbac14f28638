"""helpers.progress: when the bar is drawn, what it shows, and that it leaves nothing behind."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from helpers import data, progress, training


@pytest.fixture(scope="module")
def tiny() -> tuple[data.Dataset, data.Dataset]:
    full = data.load_fashion_mnist("test")
    small = data.Dataset(full.images[:400], full.labels[:400])
    return data.split_off_validation(small, 100)


class FakeDisplay:
    """Stands in for IPython.display.display: records what is shown and every update of it."""

    def __init__(self) -> None:
        self.shown: list[object] = []
        self.updates: list[tuple[object, dict]] = []
        self.values: list[int] = []
        self.lines: list[str] = []

    def __call__(self, obj, *, display_id=None):
        assert display_id is True, "the bar must be displayed with a display id so that it can be removed"
        self.shown.append(obj)
        bar, line = obj.children
        bar.observe(lambda change: self.values.append(change["new"]), names="value")
        line.observe(lambda change: self.lines.append(change["new"]), names="value")
        fake = self

        class Handle:
            def update(self, new, **kwargs):
                fake.updates.append((new, kwargs))

        return Handle()


@pytest.fixture
def notebook(monkeypatch) -> FakeDisplay:
    """Pretend to run in a notebook kernel, not in a batch run, with a recording display()."""
    import IPython.display

    fake = FakeDisplay()
    monkeypatch.setattr(progress, "in_notebook", lambda: True)
    monkeypatch.setattr(IPython.display, "display", fake)
    monkeypatch.delenv(progress.BATCH_ENV, raising=False)
    return fake


def one_step_per_call(model: keras.Model) -> keras.Model:
    """Keras then reports every step (build_mlp runs 16 per call)."""
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


@pytest.mark.parametrize(
    ("value", "expected"), [("1", True), ("true", True), ("YES", True), ("0", False), ("", False), (None, False)]
)
def test_is_batch_run_reads_the_environment(monkeypatch, value, expected) -> None:
    if value is None:
        monkeypatch.delenv(progress.BATCH_ENV, raising=False)
    else:
        monkeypatch.setenv(progress.BATCH_ENV, value)
    assert progress.is_batch_run() is expected


def test_pytest_is_a_batch_run_and_not_a_notebook() -> None:
    assert progress.is_batch_run()  # conftest.py sets DROPOUT_COURSE_BATCH=1
    assert not progress.in_notebook()


def test_the_bar_fills_up_and_is_removed_at_the_end(notebook, tiny) -> None:
    train, validation = tiny
    model = one_step_per_call(training.build_mlp((8,), seed=0))
    callback = progress.TrainingProgress("run 2 of 5", min_interval=0.0)
    model.fit(
        train.images, train.labels, validation_data=(validation.images, validation.labels),
        epochs=2, batch_size=100, verbose=0, callbacks=[callback],
    )  # fmt: skip
    assert len(notebook.shown) == 1  # one bar, not one per epoch
    assert notebook.shown[0].children[0].description == "run 2 of 5"
    steps = 3  # 300 training images in batches of 100
    assert notebook.values == list(range(1, 2 * steps + 1))  # min_interval=0: every step is drawn
    assert notebook.lines[-1].startswith("epoch 2/2 · loss ")
    assert "val loss" in notebook.lines[-1] and notebook.lines[-1].endswith(" s")
    assert notebook.updates == [({}, {"raw": True})]  # replaced by an empty output
    assert callback.bar is None and callback.box is None
    box = notebook.shown[0]
    assert box.comm is None and box.children[0].comm is None  # widgets closed


def test_redraws_are_throttled_within_an_epoch(notebook, tiny) -> None:
    train, _ = tiny
    model = one_step_per_call(training.build_mlp((8,), seed=0))
    model.fit(train.images, train.labels, epochs=2, batch_size=10, verbose=0, callbacks=[progress.TrainingProgress()])
    # 60 steps run in far less than 0.25 s each: mostly the end-of-epoch redraws remain
    assert len(notebook.values) <= 10
    assert notebook.values[-1] == 60


def test_the_bar_never_runs_ahead_with_several_steps_per_execution(notebook, tiny) -> None:
    train, validation = tiny
    model = training.build_mlp((8,), seed=0)  # steps_per_execution=16: more than the 3 steps of an epoch
    model.fit(
        train.images, train.labels, validation_data=(validation.images, validation.labels),
        epochs=2, batch_size=100, verbose=0, callbacks=[progress.TrainingProgress(min_interval=0.0)],
    )  # fmt: skip
    assert notebook.values == sorted(notebook.values) and notebook.values[-1] == 6
    assert all(1 <= value <= 6 for value in notebook.values)


def test_train_model_draws_a_bar_in_a_notebook_and_results_do_not_change(notebook, monkeypatch, tiny) -> None:
    train, validation = tiny
    with_bar = training.train_model(training.build_mlp((8,), 0.5, seed=1), train, validation, epochs=2)
    assert len(notebook.shown) == 1 and len(notebook.updates) == 1
    monkeypatch.setenv(progress.BATCH_ENV, "1")
    without = training.train_model(training.build_mlp((8,), 0.5, seed=1), train, validation, epochs=2)
    assert len(notebook.shown) == 1  # a batch run: no second bar
    np.testing.assert_array_equal(with_bar["loss"], without["loss"])


def test_nothing_is_drawn_outside_a_notebook(tiny) -> None:
    train, _ = tiny
    callback = progress.TrainingProgress()
    training.build_mlp((8,), seed=0).fit(train.images, train.labels, epochs=1, verbose=0, callbacks=[callback])
    assert callback.bar is None
    callback.close()  # safe when nothing was drawn


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"label": None}, "label"),
        ({"label": 3}, "label"),
        ({"min_interval": -1}, "min_interval"),
        ({"min_interval": float("nan")}, "min_interval"),
        ({"min_interval": 10**400}, "min_interval"),
        ({"min_interval": "0.5"}, "min_interval"),
    ],
)
def test_bad_arguments_are_refused_by_name(kwargs: dict, name: str) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        progress.TrainingProgress(**kwargs)
    assert progress.TrainingProgress("run", np.float32(0.5)).min_interval == 0.5
