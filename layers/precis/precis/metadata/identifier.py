"""fastText's lid.176 model (176 languages), loaded on first use.

The compressed model (about 0.9 MB on disk, about 6 MB in memory, CC BY-SA 3.0: see
lid176/NOTICE.md) ships inside the package, so nothing is downloaded at run time; loading it
takes tens of milliseconds, which `import precis` and the API's cold start never pay: only
the first article whose language is asked for does. `fasttext-predict` is fastText's
prediction code alone (no numpy); one call costs about 10 µs per 100 characters.
"""

from __future__ import annotations

import functools
import os.path
from typing import Any

# os.path, not pathlib: nothing else on the API's cold path imports pathlib.
MODEL_PATH = os.path.join(os.path.dirname(__file__), "lid176", "lid.176.ftz")  # noqa: PTH118, PTH120

_LABEL_PREFIX = len("__label__")


def predict(text: str, k: int = 5) -> list[tuple[str, float]]:
    """The `k` likeliest labels of `text` (one line, no newline) with their probabilities."""
    model = _model()
    try:
        labels, probabilities = model.predict(text, k=k)
    except UnicodeEncodeError:
        # Lone surrogates (from a lenient JSON or HTML decoder) cannot go to the C++ side.
        cleaned = text.encode("utf-8", "replace").decode("utf-8")
        labels, probabilities = model.predict(cleaned, k=k)
    # The quantized model's softmax can exceed 1 by a hair.
    return [
        (label[_LABEL_PREFIX:], min(float(probability), 1.0))
        for label, probability in zip(labels, probabilities, strict=True)
    ]


def labels() -> frozenset[str]:
    """Every label the model knows (Wikipedia-style language codes)."""
    found, _ = _model().predict("", k=-1, threshold=-1.0)
    return frozenset(label[_LABEL_PREFIX:] for label in found)


@functools.cache
def _model() -> Any:
    # Two threads racing here at first use would each load a copy: harmless, and rare.
    import fasttext  # noqa: PLC0415 - loaded with the model, on first use

    return fasttext.load_model(MODEL_PATH)
