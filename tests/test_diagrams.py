"""helpers/diagrams.py: thinned-network drawings show exactly the kept units and their connections."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from helpers import diagrams
from helpers.diagrams import count_connections, draw_network, layer_names, sample_masks

SIZES = (4, 6, 6, 2)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_sample_masks_shapes_and_fixed_output_layer() -> None:
    masks = sample_masks(SIZES, 0.5, rng=np.random.default_rng(0))
    assert [m.shape for m in masks] == [(4,), (6,), (6,), (2,)]
    assert all(m.dtype == np.bool_ for m in masks)
    assert masks[0].all() and masks[-1].all()  # input_rate 0: inputs kept; outputs never dropped


def test_sample_masks_follow_the_course_rule_on_the_same_stream() -> None:
    masks = sample_masks(SIZES, 0.3, rng=np.random.default_rng(1), input_rate=0.2)
    rng = np.random.default_rng(1)
    np.testing.assert_array_equal(masks[0], rng.random(4) >= 0.2)
    np.testing.assert_array_equal(masks[1], rng.random(6) >= 0.3)
    np.testing.assert_array_equal(masks[2], rng.random(6) >= 0.3)


def test_sample_masks_keep_fraction_over_many_draws() -> None:
    rng = np.random.default_rng(2)
    kept = np.concatenate([np.concatenate(sample_masks((1, 50, 50, 1), 0.25, rng=rng)[1:-1]) for _ in range(400)])
    p, n = 0.75, kept.size
    assert abs(kept.mean() - p) < 4 * np.sqrt(p * (1 - p) / n)


def test_count_connections() -> None:
    assert count_connections(SIZES) == 4 * 6 + 6 * 6 + 6 * 2
    masks = [np.ones(4, bool), np.array([1, 0, 1, 0, 0, 0], bool), np.array([1, 1, 1, 0, 0, 0], bool), np.ones(2, bool)]
    assert count_connections(SIZES, masks) == 4 * 2 + 2 * 3 + 3 * 2


def test_draw_network_draws_only_connections_between_kept_units() -> None:
    masks = sample_masks(SIZES, 0.5, rng=np.random.default_rng(3))
    ax = draw_network(SIZES, masks)
    segments = ax.collections[0].get_segments()
    assert len(segments) == count_connections(SIZES, masks)
    kept_points, dropped_points = ax.collections[1].get_offsets(), ax.collections[2].get_offsets()
    assert len(kept_points) == sum(int(m.sum()) for m in masks)
    assert len(dropped_points) == sum(int((~m).sum()) for m in masks)
    kept_set = {tuple(np.round(p, 6)) for p in kept_points}
    for start, end in segments:  # every connection joins two kept units
        assert tuple(np.round(start, 6)) in kept_set and tuple(np.round(end, 6)) in kept_set
    n_kept_hidden = int(masks[1].sum() + masks[2].sum())
    assert ax.get_title() == f"{n_kept_hidden} of 12 hidden units kept"
    assert [t.get_text() for t in ax.texts] == ["input", "hidden\n1", "hidden\n2", "output"]


def test_full_network_and_own_axes() -> None:
    _, ax = plt.subplots()
    returned = draw_network(SIZES, ax=ax, title="full network", label_layers=False)
    assert returned is ax and ax.get_title() == "full network" and not ax.texts
    assert len(ax.collections[0].get_segments()) == count_connections(SIZES)
    assert len(ax.collections[2].get_offsets()) == 0


def test_layer_names() -> None:
    assert layer_names(2) == ["input", "output"]
    assert layer_names(4) == ["input", "hidden 1", "hidden 2", "output"]
    with pytest.raises(ValueError, match="n_layers"):
        layer_names(1)


@pytest.mark.parametrize("bad", [(4,), (), "46", (4, 0, 2), (4, 65, 2), (4, 2.5, 2), None])
def test_bad_layer_sizes(bad: object) -> None:
    with pytest.raises(ValueError, match="layer_sizes"):
        draw_network(bad)
    with pytest.raises(ValueError, match="layer_sizes"):
        count_connections(bad)


def test_bad_masks() -> None:
    with pytest.raises(ValueError, match="one mask per layer"):
        draw_network(SIZES, [np.ones(4, bool)])
    with pytest.raises(ValueError, match=r"keep_masks\[1\]"):
        draw_network(SIZES, [np.ones(4, bool), np.ones(5, bool), np.ones(6, bool), np.ones(2, bool)])
    with pytest.raises(ValueError, match=r"keep_masks\[0\]"):
        draw_network(SIZES, [np.ones(4), np.ones(6, bool), np.ones(6, bool), np.ones(2, bool)])
    with pytest.raises(ValueError, match="keep_masks"):
        draw_network(SIZES, np.ones((4, 6), bool))


def test_bad_rates_and_rng() -> None:
    with pytest.raises(ValueError, match="rate"):
        sample_masks(SIZES, 1.0, rng=np.random.default_rng())
    with pytest.raises(ValueError, match="input_rate"):
        sample_masks(SIZES, 0.5, rng=np.random.default_rng(), input_rate=-0.1)
    with pytest.raises(TypeError, match="rng"):
        sample_masks(SIZES, 0.5, rng=0)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"label_layers": "False"}, "label_layers"),
        ({"label_layers": np.array([1, 2])}, "label_layers"),
        ({"title": np.array([1, 2])}, "title"),
        ({"title": 5}, "title"),
    ],
)
def test_draw_network_refuses_a_string_for_a_boolean_and_a_title_that_is_no_text(kwargs, name) -> None:
    with pytest.raises((ValueError, TypeError), match=name):
        draw_network(SIZES, **kwargs)


def test_public_names_exist() -> None:
    assert all(hasattr(diagrams, name) for name in diagrams.__all__)
