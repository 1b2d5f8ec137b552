"""A file's text: UTF-8 or GBK as a whole, never a mixture decoded into mojibake."""

from __future__ import annotations

import pytest

from matrix.errors import InputError
from matrix.readers.files import decode_text

from ..conftest import seed_path


@pytest.mark.parametrize("seed", ["wutai-2021-2025.txt", "xinhuang-2021-2025.txt"])
def test_a_whole_seed_saved_as_gbk_is_never_taken_for_a_mixture(seed: str) -> None:
    text = seed_path(seed).read_text(encoding="utf-8")
    assert decode_text(text.encode("gb18030"), seed) == text


@pytest.mark.parametrize(
    ("data", "line", "message"),
    [
        ("一、任务\n".encode("gbk") + "县科协\n".encode() + "县妇联\n".encode("gbk"), 2, "此行是 UTF-8 编码"),
        ("一、任务\n县科协\n".encode() + "县妇联\n".encode("gbk"), 3, "此行不是 UTF-8 编码"),
        (b"\xef\xbb\xbfplan\n" + "县妇联\n".encode("gbk"), 2, "此行不是 UTF-8 编码"),
        ("一、任务\n".encode("gbk") + b"\x80\x80\n", 2, "既不是 UTF-8 也不是 GBK"),
    ],
)
def test_a_line_in_the_other_encoding_is_refused_at_that_line(data: bytes, line: int, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        decode_text(data, "plan.txt")
    assert str(caught.value.location) == f"plan.txt:{line}"


def test_gbk_that_happens_to_be_valid_utf8_outside_chinese_is_still_gbk() -> None:
    """Two GBK bytes such as C4 A3 are valid UTF-8 (a Latin letter), never a CJK ideograph."""
    data = "编号\n".encode("gbk") + b"\xc4\xa3\n"
    assert decode_text(data, "plan.csv") == "编号\n" + b"\xc4\xa3".decode("gbk") + "\n"
