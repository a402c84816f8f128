"""A stand-in for a Textual app under textual-serve: it speaks the packet protocol and reports what
it was given. Run as `python serve_app_fake.py [ARGS...]`.

On start it sends one data packet `start COLUMNSxROWS ARGS`; for each resize it is sent, one data
packet `resize WxH`; it ends when its input ends or it is told to quit.
"""

from __future__ import annotations

import json
import os
import sys


def send(text: str) -> None:
    payload = text.encode("utf-8")
    sys.stdout.buffer.write(b"D" + len(payload).to_bytes(4, "big") + payload)
    sys.stdout.buffer.flush()


def main() -> None:
    sys.stdout.buffer.write(b"__GANGLION__\n")
    send(f"start {os.environ.get('COLUMNS')}x{os.environ.get('ROWS')} {' '.join(sys.argv[1:])}")
    stdin = sys.stdin.buffer
    while True:
        kind = stdin.read(1)
        size = stdin.read(4)
        if not kind or len(size) < 4:
            return
        payload = stdin.read(int.from_bytes(size, "big"))
        if kind == b"M":
            meta = json.loads(payload)
            if meta.get("type") == "quit":
                return
            if meta.get("type") == "resize":
                send(f"resize {meta['width']}x{meta['height']}")
        elif kind == b"D":
            send(f"stdin {payload.decode('utf-8', 'replace')}")


if __name__ == "__main__":
    main()
