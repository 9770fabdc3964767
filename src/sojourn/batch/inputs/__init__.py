"""The batch evaluator's input: a CSV or Parquet file of stays or crossing events, read into
:data:`frames.STAYS` (one checked stay per row) and :data:`frames.REJECTS` (every row that was not
evaluated, with why).

Everything here is column-wise Polars: no Python loop runs per row or per person, so millions of
rows normalize in seconds. The checks are those of :func:`sojourn.history.presence.build_history`
and the history file readers, applied to every person of the file at once:

* each row on its own: person_id present, country and citizenship ISO 3166-1 alpha-2 codes,
  strict ISO dates, exit not before entry, direction ``in``/``out``;
* each person: one citizenship, overlapping stays in one country merged, never two countries at
  once beyond a shared crossing day, at most one open stay; crossing events paired into stays,
  with a missing crossing never guessed; a citizenship, when the rules to apply need one;
* a person with any rejected row has *all* rows rejected, because an answer from part of a
  history would be silently wrong.

Every result depends only on the rows of each person, so :func:`normalize` gives the same answer
on any partition of the rows that keeps each person's rows together; the union over partitions
equals the answer on the whole file. A partitioner must key on ``person_id`` as
:func:`scan_input` gives it (text, stripped), which is the key :func:`normalize` uses.
"""

from sojourn.batch.inputs._cells import BLANKS
from sojourn.batch.inputs._forms import REQUIRED, SUFFIXES, Form
from sojourn.batch.inputs._normalize import NormalizedInput, normalize, read_input
from sojourn.batch.inputs._scan import RawInput, collect_raw, scan_input
from sojourn.batch.inputs._unreadable import unreadable

__all__ = [
    "BLANKS",
    "REQUIRED",
    "SUFFIXES",
    "Form",
    "NormalizedInput",
    "RawInput",
    "collect_raw",
    "normalize",
    "read_input",
    "scan_input",
    "unreadable",
]
