"""The ``kg draft`` subcommand: its options and what it does (kg/cli.py delegates here)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kg.errors import EXIT_OK, KGError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "draft",
        help="draft a statement from its text (a corpus file), for review; or --report, --evaluate",
        description="Draft statements/<id>/{text.txt, capture.txt, statement.yaml} from a statement's text, "
                    "rule-based, marked `review: draft`, every doubt a `# DRAFT:` comment. The input is a corpus "
                    "file (header lines title/date/source/partial/language, a blank line, the text) or plain "
                    "text with --title. An existing folder is replaced only with --force; a reviewed statement never.",
    )
    p.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the statement's text (e.g. ../shared/corpus/ncg-1.txt)")
    p.add_argument("--statements", type=Path, metavar="DIR",
                   help="the statements folder to write into and link to (default: the bundled statements/)")
    p.add_argument("--title", help="the statement's title (plain text without a header)")
    p.add_argument("--date", help="the date the header would give (outside knowledge: kept as a note)")
    p.add_argument("--source", help="the URL the text comes from")
    p.add_argument("--force", action="store_true", help="replace an existing draft")
    p.add_argument("--report", metavar="ID", help="list what the drafter was unsure of in the draft ID")
    p.add_argument("--evaluate", action="store_true",
                   help="re-draft every reviewed statement with a registry of the others only and compare")
    p.add_argument("--held-out", type=Path, metavar="DIR",
                   help="with --evaluate: draft the held-out texts DIR/<id>.txt with the registry of all reviewed "
                        "statements and compare each with its gold DIR/<id>/ (e.g. tests/draft/unseen)")
    p.add_argument("--out", type=Path, default=Path("build/eval"), metavar="DIR",
                   help="where --evaluate writes its JSON (default: build/eval/)")


def run(args: argparse.Namespace) -> int:
    from kg.resources import statements_dir

    root = args.statements or statements_dir()
    if args.evaluate:
        from kg.draft.evaluate import evaluate, evaluate_held_out, format_table, write_json

        if args.held_out is not None:
            result, name = evaluate_held_out(root, args.held_out), "draft-held-out.json"
        else:
            result, name = evaluate(root), "draft.json"
        print(format_table(result))
        print(f"\nwrote {write_json(result, args.out, name)}")
        return EXIT_OK
    if args.held_out is not None:
        raise KGError("--held-out DIR goes with --evaluate (kg draft --evaluate --held-out DIR).")
    if args.report:
        from kg.draft import report

        sys.stdout.write(report(root, args.report))
        return EXIT_OK
    if args.file is None:
        raise KGError("give the FILE to draft (or --report ID, or --evaluate).")
    from kg.draft import draft

    try:
        folder = draft(args.file, root, title=args.title, date_=args.date, source=args.source, force=args.force)
    except KGError:
        raise
    except Exception as exc:  # a rule that breaks on a text it was not written for: said, not a traceback
        raise KGError(f"the drafter failed on this text ({type(exc).__name__}: {exc}); nothing was written. This is a "
                      "fault of the drafter, not of the text: please report it with the file.", str(args.file)) from None
    print(f"wrote {folder}/text.txt, capture.txt, statement.yaml (review: draft)")
    print(f"next: kg build --statements {root} --statement {folder.name}; kg draft --statements {root} --report {folder.name}")
    return EXIT_OK
