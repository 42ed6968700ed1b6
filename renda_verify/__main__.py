"""``python -m renda_verify EXPORT.json``: print OK and exit 0, or the fault and exit 1."""

from __future__ import annotations

import json
import sys

from . import VerificationError, verify


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m renda_verify EXPORT.json", file=sys.stderr)
        return 2
    try:
        with open(args[0], encoding="utf-8") as handle:
            export = json.load(handle)
    except (OSError, ValueError) as exc:
        print(f"cannot read export: {exc}")
        return 1
    try:
        verify(export)
    except VerificationError as exc:
        print(exc)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
