"""督办: following up what departments report back, period after period, and chasing what is late.

After the notices go out, the office sends each lead department a feedback
form (:mod:`.forms`), collects the returned sheets (:mod:`.feedback`,
:mod:`.collect`) into an SQLite store (:mod:`.store`), draws up the ledger
(:mod:`.ledger`) against the deadlines read as dates (:mod:`.deadlines`), and
writes the ledger workbook, the reminders and the progress report from it.
The values passed between these are in :mod:`.records` and :mod:`.periods`.
"""

__all__: list[str] = []
