"""Reading the text of an implementation plan (实施方案) into a :class:`~matrix.model.Plan`.

The modules here are pure: they take lines that a reader has already taken
out of a file (:mod:`matrix.readers.text` for plain text,
:mod:`matrix.readers.docx` for Word) and return values. Each knows one
thing about how such plans are written:

- :mod:`.source`: the lines and table rows a reader hands over, and what the
  parser hands back (:class:`~.source.Problem`, :class:`~.source.ImportResult`);
- :mod:`.headings`: the numbering of chapters, sections and items, and where the
  plan's body ends;
- :mod:`.brackets`: assignment brackets such as ``（县教科局牵头，县科协等单位配合）``;
- :mod:`.clauses`: lead phrases, quantitative targets and deadlines in a measure;
- :mod:`.front`: title, period and issuing body;
- :mod:`.stages`: the timeline (进度安排);
- :mod:`.tasktable`: task tables (任务分工表) with 牵头单位 / 配合单位 columns;
- :mod:`.parser`: puts the above together.
"""

__all__: list[str] = []
