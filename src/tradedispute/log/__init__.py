"""The log: `EventLog` validates appends by replay and answers questions.

Internal: import `EventLog` and `History` from `tradedispute`. The parts:
`eventlog` (validate, append, answer), `keeper` (the checkpoints kept on
disk and when to write them) and `history` (the record as it stood at past
moments, for ``known_at`` questions).
"""
