#!/usr/bin/env python3
"""Differential oracle: moto's EventBridge pattern matcher.

Usage: match.py CORPUS.jsonl
Each input line is {"pattern": {...}, "event": {...}}. Prints one line per input line,
"true" or "false" (moto's verdict), or "error: <message>" when moto rejects the pattern.
Exits 3 with the install command when moto is not importable.
"""
import json
import sys

REQUIRED_MOTO = "5.2.1"
INSTALL = f"pip install moto[server]=={REQUIRED_MOTO}"


def load_moto():
    try:
        import moto
        from moto.events.models import EventPattern
    except ImportError as error:
        sys.stderr.write(f"moto is not importable ({error}); install it with: {INSTALL}\n")
        sys.exit(3)
    if moto.__version__ != REQUIRED_MOTO:
        sys.stderr.write(f"moto {moto.__version__} found, the oracle is pinned to {REQUIRED_MOTO}: {INSTALL}\n")
        sys.exit(3)
    return EventPattern


def main() -> int:
    if len(sys.argv) != 2:
        sys.stderr.write("usage: match.py CORPUS.jsonl\n")
        return 2
    event_pattern = load_moto()
    out = []
    with open(sys.argv[1], encoding="utf-8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            case = json.loads(line)
            try:
                pattern = event_pattern.load(json.dumps(case["pattern"]))
                out.append("true" if pattern.matches_event(case["event"]) else "false")
            except Exception as error:  # moto's own validation errors are reported, not fatal
                out.append(f"error: {type(error).__name__}: {error}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
