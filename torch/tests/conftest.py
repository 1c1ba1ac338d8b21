import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
SAMPLE = os.path.join(os.path.dirname(os.path.dirname(HERE)), "sample-data")


@pytest.fixture(scope="session")
def sample():
    from mist_torch import dataset
    return dataset.load(SAMPLE)
