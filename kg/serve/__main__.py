"""``python -m kg.serve [options]`` is ``kg serve [options]``."""

from kg.serve.command import main

raise SystemExit(main())
