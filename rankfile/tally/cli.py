"""`rankfile tally FILE`, `rankfile verify BOARD.json` and `rankfile export FILE --to FORMAT`.

`main(argv)` takes the command as argv[0] ("tally", "verify" or "export"), as the project's
`rankfile` script passes it. Exit status: 0 counted (and verified), 1 a board that does not verify,
2 bad input or usage, always with a message on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from rankfile.tally.board import board_verify
from rankfile.tally.errors import TallyInputError
from rankfile.tally.export import EXPORT_FORMATS, profile_export
from rankfile.tally.methods import METHODS, count
from rankfile.tally.readers import FORMATS, read_profile
from rankfile.tally.report import format_result
from rankfile.tally.ties import TIE_RULES, read_tie_order, tie_order_ranks

EXIT_OK = 0
EXIT_NOT_VERIFIED = 1
EXIT_BAD_INPUT = 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rankfile", description="Count ballots and verify bulletin boards.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    tally = commands.add_parser("tally", help="count a ballot file")
    tally.add_argument("file")
    tally.add_argument("--method", choices=METHODS)
    tally.add_argument("--seats", type=int)
    tally.add_argument("--format", choices=FORMATS)
    tally.add_argument("--json", action="store_true", help="print the result as JSON")
    tally.add_argument(
        "--batch-elimination",
        action="store_true",
        help="IRV: eliminate all hopeless lowest candidates at once (Burlington)",
    )
    tally.add_argument(
        "--ties",
        choices=TIE_RULES,
        help="tie rule: lookback (earlier counts, then lot; the default), order, lot",
    )
    tally.add_argument(
        "--tie-order",
        metavar="FILE",
        help="one candidate name per line, highest first (default for --ties order: file order)",
    )
    tally.add_argument("--seed", help="lot seed (default: SHA-256 digest of the ballots)")
    tally.add_argument("--majority", choices=("simple", "two-thirds"), help="yes/no polls")
    tally.add_argument(
        "--abstentions-count",
        action="store_true",
        help="yes/no: abstentions count in the denominator",
    )
    tally.add_argument(
        "--default-option", help="Schulze: drop options that do not beat this one (Debian)"
    )
    export = commands.add_parser("export", help="write a ballot file in another format")
    export.add_argument("file")
    export.add_argument("--to", choices=EXPORT_FORMATS, required=True)
    export.add_argument("--format", choices=FORMATS, help="the input's format (default: guessed)")
    verify = commands.add_parser("verify", help="check and recount a bulletin board")
    verify.add_argument("board")
    verify.add_argument("--json", action="store_true")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "tally":
            return _tally(args)
        if args.command == "export":
            sys.stdout.write(profile_export(read_profile(args.file, args.format), args.to))
            return EXIT_OK
        return _verify(args)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    except TallyInputError as exc:
        print(f"rankfile: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SystemExit as exc:  # --help
        return exc.code if isinstance(exc.code, int) else EXIT_OK


def _tally(args: argparse.Namespace) -> int:
    if args.tie_order and args.ties not in (None, "order"):
        raise _UsageError(
            f"rankfile tally: --tie-order is the order of --ties order, not {args.ties}"
        )
    profile = read_profile(args.file, args.format)
    tie_order = None
    if args.tie_order:
        tie_order = read_tie_order(args.tie_order)
        try:
            tie_order_ranks(profile.candidates, profile.eligible, tie_order)
        except TallyInputError as exc:
            raise TallyInputError(exc.reason, source=args.tie_order) from exc
    result = count(
        profile,
        args.method,
        seats=args.seats,
        seed=args.seed,
        ties="order" if tie_order is not None else args.ties,
        tie_order=tie_order,
        batch_elimination=args.batch_elimination,
        majority=args.majority,
        abstentions_count=True if args.abstentions_count else None,
        default_option=args.default_option,
    )
    if args.json:
        print(result.to_json())
    else:
        print(format_result(result, title=profile.title))
    return EXIT_OK


def _verify(args: argparse.Namespace) -> int:
    verification = board_verify(args.board)
    if args.json:
        print(
            json.dumps(
                {
                    "ok": verification.ok,
                    "problems": verification.problems,
                    "published_sha256": verification.published_hash,
                    "computed_sha256": verification.computed_hash,
                    "result": verification.result.to_dict() if verification.result else None,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        if verification.result is not None:
            print(format_result(verification.result))
            print()
        print(f"Board sha256: {verification.computed_hash}")
    if not verification.ok:
        for problem in verification.problems:
            print(f"rankfile: {args.board}: NOT VERIFIED: {problem}", file=sys.stderr)
        return EXIT_NOT_VERIFIED
    if not args.json:
        print("Verified: the hash matches and votes cast equal the ballots on the board.")
    return EXIT_OK
