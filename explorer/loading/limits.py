"""Fixed bounds that keep hostile or huge input from hanging or exhausting memory."""

MAX_FILE_BYTES = 256 * 1024 * 1024
"""Largest scenario file read (a 1M-node scenario is about 160 MB)."""

MAX_QUICK_READ_CHARS = 64 * 1024 * 1024
"""Largest file read quickly (`quick_reader`): its plain tree shares no texts, so it takes about 1.5x
the memory of the marked read's while it exists; past this size (about 300k nodes) memory matters
more than speed, and a 1M-node scenario must load within 2 GB."""

MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences; real scenarios need about 8."""

MAX_YAML_NODES = 32_000_000
"""Most YAML values (scalars, mappings, sequences; keys count) one file may hold: a 1M-node scenario
whose options carry effects, requires, sources and indicators holds about 28M."""

MAX_ALIAS_EXPANSION = 100_000
"""Most values that aliases (`*name`) may repeat in one file, counted expanded."""

MAX_UNKNOWN_KEYS = 100
"""Unknown top-level keys reported one by one; more are reported in one line."""

MAX_SCENARIO_NODES = 1_000_000
"""Most scenario nodes after includes are merged."""

MAX_INCLUDES = 200
"""Most files one scenario may pull in through `include`."""

MAX_EXPRESSION_CHARS = 2_000
MAX_EXPRESSION_DEPTH = 50

MAX_STATE_POSITIONS = 2_000_000
"""Most (node, metric-state) positions the state-aware checks explore."""

MAX_ROUND_JOINT_MOVES = 1_000_000
"""Most joint moves (one move per class of look-alike moves, per actor) the state-aware checks resolve
at rounds, across the whole check, counted before any is resolved: a round of 20 actors with two kinds
of move each has 1,048,576 and would take about 5 s; 30 such actors, hours."""
