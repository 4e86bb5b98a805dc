"""Random bytes and near-valid files: every reader either reads them or says what is wrong,
as one TallyInputError; counting whatever it read raises nothing else either."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rankfile.tally import TallyInputError, count
from rankfile.tally.cli import main
from rankfile.tally.readers import READERS
from tests.tally.fuzz import SAMPLES, near_valid

FORMATS = sorted(READERS)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_and_count(name: str, data: bytes) -> str:
    """ "refused" with a message naming the file, or "counted" with winners that are
    candidates of the file and no more of them than there are seats."""
    try:
        profile = READERS[name](data, f"fuzz.{name}")
        result = count(profile)
    except TallyInputError as exc:
        assert exc.source == f"fuzz.{name}" or exc.source is None
        assert str(exc)
        return "refused"
    assert set(result.winners) <= set(profile.candidates)
    assert len(result.winners) <= result.seats
    return "counted"


def test_every_reader_has_a_sample_it_reads():
    assert sorted(SAMPLES) == FORMATS
    for name, data in SAMPLES.items():
        assert READERS[name](data, f"sample.{name}").n_rows > 0, name


@pytest.mark.parametrize("name", FORMATS)
@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_give_an_input_error_or_a_profile(name: str, data: bytes):
    assert read_and_count(name, data) in {"refused", "counted"}


@pytest.mark.parametrize("name", FORMATS)
@FUZZ
@given(st.data())
def test_near_valid_files_give_an_input_error_or_a_profile(name: str, data: st.DataObject):
    assert read_and_count(name, data.draw(near_valid(SAMPLES[name]))) in {"refused", "counted"}


def test_a_weight_of_two_to_the_64_is_an_input_error_naming_the_line(tmp_path: Path, capsys):
    path = tmp_path / "huge.blt"
    path.write_text('2 1\n1 1 0\n18446744073709551616 2 0\n0\n"A"\n"B"\n')

    assert main(["tally", str(path)]) == 2

    err = capsys.readouterr().err
    assert f"{path}, line 3: weight 18446744073709551616 is more than" in err
    assert "Traceback" not in err


def test_weights_that_add_up_past_the_limit_are_refused_at_the_line_that_passes_it(tmp_path):
    path = tmp_path / "many.blt"
    path.write_text('2 1\n600000000000 1 0\n1 2 0\n600000000000 2 0\n0\n"A"\n"B"\n')

    with pytest.raises(TallyInputError, match="add up to more than") as caught:
        READERS["blt"](path.read_bytes(), "many.blt")

    assert caught.value.line == 4
