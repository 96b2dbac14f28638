"""Notebook set-up: quiet TensorFlow, seeds, plot style, and the course's environment report."""

from __future__ import annotations

import logging
import os
import platform
import random
import warnings

import numpy as np

from helpers._checks import check_bool, check_seed

__all__ = ["environment_report", "setup_notebook"]


def setup_notebook(seed: int = 0, *, tensorflow: bool = True, style: bool = True) -> str:
    """Quiet TensorFlow (call before importing it), seed everything, apply the course's plot style.

    Seeds Python's ``random``, NumPy's global generator and (with ``tensorflow``) Keras: course code
    draws from explicit generators, this makes the remaining global state reproducible too. Returns
    one line with the versions and the seed, for the setup cell to print. TensorFlow's lines printed
    before its logging starts go to the kernel's stderr, which the course's kernel spec keeps out of
    notebooks (scripts/install_kernel.py).
    """
    seed = check_seed(seed)
    tensorflow, style = check_bool(tensorflow, "tensorflow"), check_bool(style, "style")
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 - the legacy global state, for code that still uses it
    versions = [f"NumPy {np.__version__}"]
    if tensorflow:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        for name in ("tensorflow", "absl"):
            logging.getLogger(name).setLevel(logging.ERROR)
        warnings.filterwarnings("ignore", message=".*Protobuf gencode version.*")  # harmless, some versions
        import keras
        import tensorflow as tf

        tf.get_logger().setLevel(logging.ERROR)
        keras.utils.set_random_seed(seed)
        versions = [f"TensorFlow {tf.__version__}", f"Keras {keras.__version__}", *versions]
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
