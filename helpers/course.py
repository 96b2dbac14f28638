"""Notebook set-up: quiet TensorFlow, seeds, plot style, and the course's environment report."""

from __future__ import annotations

import logging
import os
import platform
import random
import warnings

import numpy as np

from helpers._checks import check_seed

__all__ = ["DEFAULT_SEED", "environment_report", "quiet_tensorflow", "seed_everything", "setup_notebook"]

#: The seed every notebook uses unless it says otherwise.
DEFAULT_SEED = 42


def quiet_tensorflow() -> None:
    """Silence TensorFlow's C++ and Python start-up logging (call before importing TensorFlow).

    The lines TensorFlow prints before its logging is initialised go to the kernel's own stderr;
    the course's kernel (see ``make lab``) does not copy those into the notebook.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    logging.getLogger("absl").setLevel(logging.ERROR)
    # Python 3.13 + protobuf: a harmless deprecation note some versions emit on import.
    warnings.filterwarnings("ignore", message=".*Protobuf gencode version.*")


def seed_everything(seed: int = DEFAULT_SEED, *, tensorflow: bool = True) -> int:
    """Seed Python's ``random``, NumPy's global generator and, if asked, Keras/TensorFlow.

    Course code takes its randomness from explicit generators (``np.random.default_rng(seed)``);
    this makes the remaining global state reproducible too. Returns the seed.
    """
    seed = check_seed(seed)
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 - the legacy global state, for code that still uses it
    if tensorflow:
        import keras

        keras.utils.set_random_seed(seed)
    return seed


def setup_notebook(seed: int = DEFAULT_SEED, *, tensorflow: bool = True, style: bool = True) -> str:
    """Prepare a notebook: quiet TensorFlow, seed everything, apply the course plot style.

    Returns a one-line summary of the versions and the seed, for the setup cell to print.
    """
    seed = check_seed(seed)
    versions = [f"NumPy {np.__version__}"]
    if tensorflow:
        quiet_tensorflow()
        import keras
        import tensorflow as tf

        tf.get_logger().setLevel(logging.ERROR)
        versions = [f"TensorFlow {tf.__version__}", f"Keras {keras.__version__}", *versions]
    seed_everything(seed, tensorflow=tensorflow)
    if style:
        from helpers.plots import use_course_style

        use_course_style()
    return f"{', '.join(versions)}; seed {seed}"


def environment_report() -> list[tuple[str, str]]:
    """Rows (what, value) describing this machine and the course's packages, for notebook 00."""
    import keras
    import tensorflow as tf

    from helpers.data import verify_subset_files

    try:
        data_status = ", ".join(f"{name} {status}" for name, status in verify_subset_files().items())
    except (OSError, ValueError) as error:
        data_status = f"PROBLEM: {error}"
    gpus = tf.config.list_physical_devices("GPU")
    return [
        ("Python", platform.python_version()),
        ("TensorFlow", tf.__version__),
        ("Keras", keras.__version__),
        ("NumPy", np.__version__),
        ("CPU threads", str(os.cpu_count())),
        ("GPU", ", ".join(gpu.name for gpu in gpus) if gpus else "none (the course runs on a CPU)"),
        ("Data files", data_status),
    ]
