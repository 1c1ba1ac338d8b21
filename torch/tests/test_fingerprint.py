from safetensors import safe_open

from mist_torch.fingerprint import dataset_fingerprint, fnv1a, hex16, split_fingerprint
from conftest import SAMPLE

# `mist validate sample-data` prints this fingerprint; the shipped checkpoint records it.
MIST_SAMPLE_FINGERPRINT = "3d359eb99fe936fe"


def test_fnv1a_reference_values():
    assert fnv1a(b"") == 0xCBF29CE484222325
    assert fnv1a(b"a") == 0xAF63DC4C8601EC8C


def test_sample_data_fingerprint_is_mists(sample):
    assert hex16(dataset_fingerprint(sample)) == MIST_SAMPLE_FINGERPRINT
    with safe_open(f"{SAMPLE}/model.safetensors", framework="numpy") as f:
        assert f.metadata()["dataset.fingerprint"] == MIST_SAMPLE_FINGERPRINT


def test_split_fingerprint_is_one_byte_per_role():
    assert split_fingerprint([0, 1, 5]) == hex16(fnv1a(bytes([0, 1, 5])))
    assert split_fingerprint([0, 1]) != split_fingerprint([1, 0])
