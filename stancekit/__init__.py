"""stancekit: who supports, opposes or is neutral toward a target, from quoted statements."""

from .data import LABELS, load_corpus, load_user_file
from .errors import DataNotFoundError, InputError, ModelLoadError, StanceKitError
from .model import StanceDetector, StancePrediction

__version__ = "0.1.0"

__all__ = [
    "LABELS",
    "StanceDetector",
    "StancePrediction",
    "load_corpus",
    "load_user_file",
    "StanceKitError",
    "InputError",
    "DataNotFoundError",
    "ModelLoadError",
    "__version__",
]
