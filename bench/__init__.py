"""Benchmarks: how the project scales from a county plan to a province-wide merge.

``python bench/run.py`` measures the workbook, the notices and the command
line against bare-library baselines on synthetic plans from
:mod:`bench.synthetic`; see the README's "Performance" section.
"""
