"""``isnad serve`` (the newsroom app) and ``isnad corpus export claimreview|claims``.

Exit status as the rest of the CLI: 0 done; 2 for a run that cannot start (no store, not a store,
an address that cannot be listened on, the ``web`` extra missing, an output that cannot be written).
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from pathlib import Path

from isnad.argtypes import positive_int
from isnad.corpus.cli import DEFAULT_DB
from isnad.outfile import AtomicOutput, OutputError

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def _error(message: str) -> int:
    print(f"isnad: error: {message}", file=sys.stderr)
    return 2


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db or os.environ.get("ISNAD_DB") or DEFAULT_DB)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (bound here, so a taken port is one clear error, not a log line)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)  # connections wait from now on, while the server starts
    except OSError:
        sock.close()
        raise
    return sock


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from isnad.web.app import create_app
        from isnad.web.security import LOOPBACK_HOSTS, is_loopback
    except ImportError as err:
        return _error(f"isnad serve needs the web extra ({err.name} is missing): pip install 'isnad[web]'")
    from isnad.web.corpus import StoreError, prepare_store

    path = _db_path(args)
    if path.exists():
        try:
            prepare_store(path)
        except StoreError as err:
            return _error(str(err))
    else:
        print(f"isnad: warning: no store at {path} yet; the pages say how to make one"
              f" (isnad corpus add --db {path} …)", file=sys.stderr)
    loopback = is_loopback(args.host)
    token = args.token or os.environ.get("ISNAD_WEB_TOKEN") or (None if loopback else secrets.token_urlsafe(24))
    try:
        sock = _listen(args.host, args.port)
    except (OSError, UnicodeError) as err:
        return _error(f"cannot listen on {args.host}:{args.port}: {getattr(err, 'strerror', None) or err}")
    port = sock.getsockname()[1]
    app = create_app(path, token=token, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    shown_host = f"[{args.host}]" if ":" in args.host else args.host
    address = f"http://{shown_host}:{port}/" + (f"?token={token}" if token else "")
    print(f"isnad: serving {path} at {address} (Ctrl-C stops)", file=sys.stderr, flush=True)
    if not loopback:
        print("isnad: listening beyond this machine: the pages need the token in that address", file=sys.stderr)
    server = uvicorn.Server(uvicorn.Config(app, log_level=args.log_level, server_header=False, proxy_headers=False))
    server.run(sockets=[sock])
    return 0


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0 to 65535): {value!r}")
    return port


def add_serve_parser(sub: argparse._SubParsersAction) -> None:
    """``isnad serve``."""
    p = sub.add_parser("serve", help="the newsroom app: browse the store, review claims, export ClaimReview")
    p.add_argument("--db", help="the store, an SQLite file (default: $ISNAD_DB, else ./isnad.db)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; any other needs a token)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000; 0: any free port)")
    p.add_argument("--token", help="access token when listening beyond this machine (default: $ISNAD_WEB_TOKEN,"
                                   " else a new random one, printed)")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"],
                   help="the server's log on stderr (default info: one line per request)")
    p.set_defaults(func=cmd_serve)


def cmd_export(args: argparse.Namespace) -> int:
    from isnad.web.claimreview import export_claimreviews, export_claims_csv
    from isnad.web.corpus import StoreError, connect, prepare_store

    if args.event is not None and args.what != "claims":
        return _error("--event applies to the claims export only")
    path = _db_path(args)
    if not path.exists():
        return _error(f"{path}: no store here (isnad corpus add --db {path} ... creates one)")
    try:
        prepare_store(path)
    except StoreError as err:
        return _error(str(err))
    db = connect(path)
    sink = AtomicOutput(args.output) if args.output != "-" else None
    try:
        out = sink.open() if sink is not None else sys.stdout
        if args.what == "claimreview":
            count = export_claimreviews(db, out, args.base_url)
            what = f"{count:,} published ClaimReview{'s' if count != 1 else ''}"
        else:
            if args.event is not None and db.execute("SELECT 1 FROM events WHERE id = ?", (args.event,)).fetchone() is None:
                return _error(f"no event {args.event} in {path}")
            count = export_claims_csv(db, out, args.base_url, args.event)
            what = f"{count:,} claim{'s' if count != 1 else ''}"
        if sink is not None:
            sink.commit()
    except OutputError as err:
        return _error(str(err))
    except OSError as err:
        return _error(f"cannot write {args.output}: {err.strerror or err}")
    finally:
        if sink is not None:
            sink.discard()
        db.close()
    print(f"isnad: exported {what} to {args.output if args.output != '-' else 'stdout'}", file=sys.stderr)
    return 0


def add_export_parser(commands: argparse._SubParsersAction, db_help: str) -> None:
    """``isnad corpus export claimreview|claims``."""
    p = commands.add_parser("export", help="published verdicts as ClaimReview JSON Lines; the claim table as CSV")
    p.add_argument("what", choices=["claimreview", "claims"],
                   help="claimreview: one schema.org ClaimReview per published verdict (.jsonl);"
                        " claims: one row per mention of every claim (.csv)")
    p.add_argument("--db", help=db_help)
    p.add_argument("--output", "-o", required=True, help="file to write (- for stdout)")
    p.add_argument("--event", type=positive_int, metavar="ID", help="claims: only this event's claims")
    p.add_argument("--base-url", default=DEFAULT_BASE_URL,
                   help=f"the app's public address, for the links in the export (default {DEFAULT_BASE_URL})")
    p.set_defaults(func=cmd_export)
