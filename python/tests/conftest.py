import os
import sys

# The repository's committed results and fixtures, found from this file.
REPOSITORY = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RESULTS = os.path.join(REPOSITORY, "results")
FIXTURES = os.path.join(REPOSITORY, "Tests", "RNNLabEngineTests", "Fixtures", "torch")

# Test the installed package (pip install ./python); fall back to the source
# next to the tests when it is not installed.
try:
    import rnnlab  # noqa: F401
except ImportError:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def trial(folder, trial_id):
    return os.path.join(RESULTS, folder, "trials", trial_id)
