"""``python -m kg.source``: print the source format's reference (from the schemas), or with
``--readme README.md`` rewrite the README's copy of it in place."""

from kg.source.schema import main

raise SystemExit(main())
