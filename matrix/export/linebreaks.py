"""Where printed lines of Chinese text may break, decided before Word or LibreOffice lays them out.

A word processor breaks Chinese text between any two characters, so a title
comes out as ``…任务分解清单 / 的通知`` and a department name as ``县卫健 / 局``.
GB/T 9704-2012 (7.3.3) asks that a title's lines break between words,
balanced, none wider than the type area; an office reading a table expects
each department name on one line. Both are decided here, on widths measured
in characters of the font size (a Chinese character or full-width mark is
one, an ASCII digit or letter half: the fonts offices use draw them so), and
written into the document as explicit line breaks, so Word, WPS and
LibreOffice show the same lines.

Word boundaries inside a title come from a short list of the words titles of
implementation plans are made of (:data:`TITLE_WORDS`) and from punctuation:
a title may always break before 《 and （ and after 》 and ）, never inside a
number such as ``2021-2025年``, and between two characters the list does not
know only when nothing else fits.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

__all__ = ["TITLE_WORDS", "fitting_width", "text_width", "title_lines", "wrap_names"]

_WORD_LIST = """
    关于 印发 转发 的通知 通知 的意见 意见 的决定 决定 的函 调整 任务 分解 清单 任务分解 任务分解清单 分工
    任务分工 分工调整 总表 任务分解总表 工作 实施 方案 实施方案 工作方案 行动方案 建设方案 规划 纲要 规划纲要
    行动 行动计划 计划 办法 细则 实施意见 实施细则 要点 工作要点 全民 科学 素质 科学素质 全民科学素质 推进
    加快 加强 全面 深化 深入 乡村 振兴 乡村振兴 战略 高质量 发展 建设 体系 能力 提升 创建 文明 城市 县域 经济 生态
    环境 保护 治理 现代化 示范 专项 整治 三年 五年 十四五 领导 小组 领导小组 办公室 人民政府 自治县 自治州 县委
    县政府 科技 创新 科普 教育 卫生 健康 医疗 养老 服务 农业 农村 农民 产业 数字 营商 优化 安全 生产 应急 管理
    改革 考核 评价 督查 督办 进展 反馈 情况 变更 修订 年度 重点 攻坚 提质 增效 人才 队伍 基础 设施 基层 社会 公共
    文化 旅游 体育 交通 水利 住房 就业 社会保障 民生 党建 组织 宣传 统战 工会 妇联 共青团 青少年 老年人 产业工人
    领导干部 公务员 责任 分工 责任分工 矩阵 行动规划纲要
"""
#: Words of plan and notice titles, longest matched first. A title may break
#: between two of them; a break inside one is the last resort.
TITLE_WORDS: frozenset[str] = frozenset(_WORD_LIST.split())
_LONGEST_WORD = max(map(len, TITLE_WORDS))
#: A place name opening a title: 五台县, 新晃侗族自治县, 忻州市 … up to its first administrative suffix.
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:自治县|自治州|自治区|县|市|区|旗|州|省)")
#: Characters that may not start a line (closing marks) or end one (opening marks).
_NO_LINE_START = set("》）」』”’、，。：；！？)]%")
_NO_LINE_END = set("《（「『“‘([")
#: Penalties of a break, by what it falls between.
_FREE, _WORD, _UNKNOWN, _INSIDE_WORD = 0, 1, 8, 40


#: A digit or Latin letter beside a Chinese character: Word and LibreOffice put a quarter of a
#: character between the two (``w:autoSpaceDN``/``w:autoSpaceDE``, on by default).
_SCRIPT_CHANGE = re.compile(r"(?<=[0-9A-Za-z])(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])(?=[0-9A-Za-z])")


def text_width(text: str) -> float:
    """Width in characters of the font size: ASCII takes half, everything else one, and a change
    between Chinese and digits or Latin letters a quarter.

    Examples
    --------
    >>> text_width("2021-2025年")
    5.75
    """
    ascii_count = len(text.encode("ascii", "ignore"))  # counted in C: tables measure every cell
    if not ascii_count:
        return float(len(text))
    return len(text) - 0.5 * ascii_count + 0.25 * len(_SCRIPT_CHANGE.findall(text))


def fitting_width(texts: Iterable[str], *, cap: float | None = None) -> float:
    """The widest of ``texts`` in characters (each line of a text apart), at most ``cap``."""
    widest = max((text_width(line) for text in texts for line in text.split("\n")), default=0.0)
    return widest if cap is None else min(widest, cap)


def wrap_names(names: Sequence[str], width: float, *, separator: str = "、") -> str:
    """``names`` joined by ``separator``, with a line break wherever the next name would not fit.

    A name is never cut across lines unless it is longer than a whole line.
    The separator stays at the end of the line it follows.

    Examples
    --------
    >>> wrap_names(["县教科局", "县科协", "县卫健局"], 9)
    '县教科局、县科协、\\n县卫健局'
    """
    lines: list[str] = []
    line = ""
    for index, name in enumerate(names):
        piece = name + (separator if index < len(names) - 1 else "")
        if line and text_width(line + piece) > width:
            lines.append(line)
            line = ""
        line += piece
    if line:
        lines.append(line)
    return "\n".join(lines)


def _word_spans(text: str) -> list[tuple[int, int]]:
    """Spans of known words: a place name at the start (or just after 《), then longest matches."""
    spans: list[tuple[int, int]] = []
    for start in {0, text.find("《") + 1} - {-1}:
        place = _PLACE.match(text, start)
        if place and place.end() - start >= 2 and text[start : place.end()] not in TITLE_WORDS:
            spans.append((start, place.end()))
    covered = {i for a, b in spans for i in range(a, b)}
    i = 0
    while i < len(text):
        if i in covered:
            i += 1
            continue
        for length in range(min(_LONGEST_WORD, len(text) - i), 1, -1):
            if text[i : i + length] in TITLE_WORDS and not covered & set(range(i, i + length)):
                spans.append((i, i + length))
                i += length
                break
        else:
            i += 1
    return sorted(spans)


def _penalties(text: str) -> dict[int, int]:
    """The penalty of breaking before each position 1 … len-1; forbidden positions are absent."""
    inside: set[int] = set()
    edges: set[int] = set()
    for start, end in _word_spans(text):
        inside.update(range(start + 1, end))
        edges.update((start, end))
    penalties = {}
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if after in _NO_LINE_START or before in _NO_LINE_END or (before.isascii() and after.isascii()):
            continue
        if after in "《（" or before in "》）":
            penalties[i] = _FREE
        elif i in inside:
            penalties[i] = _INSIDE_WORD
        elif i in edges:
            penalties[i] = _WORD
        else:
            penalties[i] = _UNKNOWN
    return penalties


@lru_cache(maxsize=256)
def title_lines(title: str, width: float) -> tuple[str, ...]:
    """``title`` in as few lines as fit ``width`` characters, broken between words and balanced.

    Among the ways to break the title into the fewest lines, the one chosen
    breaks at the best places (punctuation, then between known words, then
    anywhere) and keeps the lines' lengths closest; a title that fits one
    line stays one line. Every notice of a run has the same title: the answer is cached.

    Examples
    --------
    >>> title_lines("关于印发《五台县全民科学素质行动规划纲要实施方案（2021-2025年）》任务分解清单的通知", 20)
    ('关于印发《五台县', '全民科学素质行动规划纲要实施方案', '（2021-2025年）》任务分解清单的通知')
    """
    title = title.strip()
    if text_width(title) <= width:
        return (title,)
    penalties = _penalties(title)
    positions = sorted(penalties)
    count = len(_greedy_cuts(title, positions, width)) + 1
    if count > _MOST_LINES:  # a title this long is not balanced by hand either: fill each line
        return _lines(title, _greedy_cuts(title, positions, width))
    best: tuple[float, tuple[int, ...]] | None = None
    for cuts in _fitting_cuts(title, positions, width, count, 0):
        widths = [text_width(line) for line in _lines(title, cuts)]
        cost = 4 * sum(penalties[c] for c in cuts) + max(widths) - min(widths) + _shape_penalty(widths)
        if best is None or cost < best[0]:
            best = (cost, cuts)
    return _lines(title, best[1]) if best is not None else (title,)


#: Titles of more lines than this are filled line by line rather than balanced: trying every
#: way to break them grows with the power of the line count.
_MOST_LINES = 4


def _lines(text: str, cuts: Sequence[int]) -> tuple[str, ...]:
    bounds = (0, *cuts, len(text))
    return tuple(text[a:b] for a, b in itertools.pairwise(bounds))


def _greedy_cuts(text: str, positions: Sequence[int], width: float) -> tuple[int, ...]:
    """Breaks that fill each line as far as it goes: the fewest lines the allowed breaks give."""
    cuts: list[int] = []
    start = 0
    while text_width(text[start:]) > width:
        fitting = [p for p in positions if p > start and text_width(text[start:p]) <= width]
        if not fitting:  # nothing allowed fits: break where the line is full
            fitting = [max(i for i in range(start + 1, len(text)) if text_width(text[start:i]) <= width)]
        start = fitting[-1]
        cuts.append(start)
    return tuple(cuts)


def _shape_penalty(widths: Sequence[float]) -> float:
    """GB/T 9704 lays a title out as a trapezoid or a diamond: a line shorter than both its neighbours is not."""
    pinched = any(b < min(a, c) - 1 for a, b, c in zip(widths, widths[1:], widths[2:], strict=False))
    return 2 * _UNKNOWN if pinched else 0


def _fitting_cuts(text: str, positions: list[int], width: float, lines: int, start: int):
    """Every choice of ``lines - 1`` break positions after ``start`` whose lines all fit ``width``."""
    if lines == 1:
        if text_width(text[start:]) <= width:
            yield ()
        return
    for position in positions:
        if position <= start:
            continue
        if text_width(text[start:position]) > width:
            break
        for rest in _fitting_cuts(text, positions, width, lines - 1, position):
            yield (position, *rest)
