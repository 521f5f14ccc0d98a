"""A warm spaCy: a background process that keeps the pipeline loaded between one-shot builds.

A one-shot ``briefing build`` that parses one new article spends most of its time importing
spaCy and loading the model. ``briefing build --keep-warm SECONDS`` (or ``BRIEFING["keep_warm"]``)
leaves a server behind after a build that had to parse articles; a later build that keeps spaCy
warm too (:class:`WarmAnalyser`, the opt-in adapter of the analysis seam) and finds one sends it
the articles missing from its cache and caches the answers as usual. The server runs
the same :func:`briefing.nlp.analyse_each` on the same pipeline and answers in the JSON the
cache stores, so a build gets the same result to the byte. It exits after SECONDS without a
request, or when asked (``briefing warm --stop``).

There is one server per code and model: its name is a hash of the pipeline's name and version,
spaCy's version, the Python executable and the briefing package's files, so an edited briefing
never talks to an older server. Its files are in a private folder (``$XDG_RUNTIME_DIR/briefing``,
else ``/tmp/briefing-<uid>``, mode 0700): ``<name>.sock`` (the socket, present while it
serves), ``<name>.key`` (a random key, mode 0600, that a client proves it knows before it is
served), ``<name>.lock`` (locked by the server for as long as it lives, so that two builds never
start two servers) and ``<name>.log``.

Messages are JSON objects, each after its length in 4 bytes: the server greets with a challenge,
the client answers with the challenge's HMAC under the key in a message of at most
:data:`MAX_PROOF` bytes (nothing larger is read from a client that has not proven it knows the
key), then sends its request (``analyse``, ``status`` or ``stop``); the server answers
``analyse`` with one message per article, and while it parses, with a ``working`` message every
second. A client waits at most :data:`CONNECT_TIMEOUT` seconds for any message, and at most a
bound proportional to its text for each article, so a stalled server is abandoned within seconds
and the build parses the articles itself.
"""

from __future__ import annotations

import argparse
import contextlib
import hmac
import json
import logging
import os
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .analysers import LocalAnalyser, processes_for
from .cache import analysis_from_record, analysis_record, code_version, digest
from .errors import BriefingError
from .models import ArticleAnalysis, SourceArticle
from .nlp import resolve_model

logger = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5.0  # seconds for any message: a server busy with another build does not keep us
HEARTBEAT = 1.0  # seconds between the server's "working" messages while it parses
# Each article's answer is abandoned after 5 s plus a second for each 2,000 characters of text
# (spaCy parses about 25,000 a second here): a server that sends heartbeats but never answers.
REPLY_CHARS_PER_SECOND = 2_000
MAX_PROOF = 1024  # bytes
STOP_TIMEOUT = 10.0  # seconds a stopped server has to go
MAX_SOCKET_PATH = 100  # characters; the system's limit is 108
MAX_MESSAGE = 1 << 30  # bytes

_starting: list[subprocess.Popen] = []  # first processes of the servers this process started


class WarmServerError(BriefingError):
    """The warm spaCy server cannot be used; the build analyses the articles itself."""


@dataclass(frozen=True, slots=True)
class WarmServer:
    """Where the warm server of one code and model lives, whether it runs or not."""

    folder: Path
    name: str

    @property
    def socket(self) -> Path:
        return self.folder / f"{self.name}.sock"

    @property
    def key_file(self) -> Path:
        return self.folder / f"{self.name}.key"

    @property
    def lock_file(self) -> Path:
        return self.folder / f"{self.name}.lock"

    @property
    def log_file(self) -> Path:
        return self.folder / f"{self.name}.log"


def runtime_folder(create: bool = False) -> Path:
    """The private folder of this user's warm servers: ``$XDG_RUNTIME_DIR/briefing``, else
    ``/tmp/briefing-<uid>``; made (mode 0700) when missing and ``create``.

    Raises :class:`WarmServerError` when it exists but is not private (another owner, or open to
    others): a socket there could be anybody's.
    """
    if os.name != "posix":
        raise WarmServerError("a warm spaCy server needs a POSIX system (Unix sockets, flock)")
    base = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(base) / "briefing" if base else Path(tempfile.gettempdir()) / f"briefing-{os.getuid()}"
    if create:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    try:
        info = folder.lstat()
    except FileNotFoundError:
        return folder
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise WarmServerError(
            f"{folder}: not a private folder of this user (a folder owned by uid {os.getuid()}, "
            "mode 0700, is needed); remove it or set XDG_RUNTIME_DIR"
        )
    return folder


def server_name(models: Sequence[str]) -> str:
    """A short hash of everything an analysis depends on: model, spaCy, Python and briefing's code."""
    model, model_version = resolve_model(tuple(models))
    return digest(code_version(), f"{model}|{model_version}|spacy-{version('spacy')}|{sys.executable}")[:16]


def server_for(models: Sequence[str], create: bool = False) -> WarmServer:
    """The warm server of this code and model (its folder made when ``create``)."""
    server = WarmServer(runtime_folder(create), server_name(models))
    if len(str(server.socket)) > MAX_SOCKET_PATH:
        raise WarmServerError(
            f"{server.socket}: socket path longer than {MAX_SOCKET_PATH} characters; "
            "set XDG_RUNTIME_DIR to a shorter folder"
        )
    return server


def servers() -> list[WarmServer]:
    """Every warm server of this user that is alive (ready or still loading), whatever its code."""
    folder = runtime_folder()
    return [WarmServer(folder, p.stem) for p in sorted(folder.glob("*.lock")) if _lock_is_held(p)]


# --- client ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WarmAnalyser:
    """The opt-in adapter of the warm server (``--keep-warm``): articles go to the warm server
    of this code and model when one is ready, else (and for those it has not answered for when
    it fails) to ``fallback``. A batch big enough for ``fallback``'s processes is parsed by it
    directly: the load the server saves is then small beside the parsing it would do alone."""

    models: tuple[str, ...]
    keep_warm: int
    fallback: LocalAnalyser

    def analyse(self, articles: Sequence[SourceArticle]) -> Iterator[ArticleAnalysis]:
        if not articles:
            return
        answered = 0
        parallel = processes_for(len(articles), self.fallback.jobs) > 1
        remote = None if parallel else analyse_remotely(articles, self.models, self.keep_warm)
        if remote is not None:
            try:
                for analysis in remote:
                    answered += 1
                    yield analysis
            except WarmServerError as error:
                logger.warning(
                    "%s; analysing the %d articles left here instead", error, len(articles) - answered
                )
            else:
                logger.info("articles analysed by the warm spaCy server: %d", answered)
        yield from self.fallback.analyse(articles[answered:])


def analyse_remotely(
    articles: Sequence[SourceArticle], models: Sequence[str], keep_warm: int = 0
) -> Iterator[ArticleAnalysis] | None:
    """The analysis of each article by the warm server of this code and model, in their order;
    ``None`` when no server is ready (nothing is started here).

    ``keep_warm`` > 0 becomes the server's idle time from now on. Iterating raises
    :class:`WarmServerError` when the server fails midway.
    """
    try:
        server = server_for(models)
        connection = _connect(server)
    except WarmServerError as error:
        logger.debug("no warm spaCy server: %s", error)
        return None
    if connection is None:
        return None
    request = {
        "op": "analyse",
        "keep_warm": keep_warm or None,
        "articles": [{"id": a.id, "path": a.path, "story": a.story, "text": a.text} for a in articles],
    }
    return _analyses(server, connection, request, articles)


def _analyses(
    server: WarmServer, connection: socket.socket, request: dict, articles: Sequence[SourceArticle]
) -> Iterator[ArticleAnalysis]:
    with connection:
        try:
            _request(server, connection, request)
            for article in articles:
                article_id = article.id
                deadline = time.monotonic() + CONNECT_TIMEOUT + len(article.text) / REPLY_CHARS_PER_SECOND
                reply = _reply(connection, deadline)
                if "error" in reply:
                    raise WarmServerError(f"warm spaCy server {server.socket}: {reply['error']}")
                record = reply["analysis"]
                if record["article_id"] != article_id:
                    raise WarmServerError(
                        f"warm spaCy server {server.socket}: answered for {record['article_id']!r} "
                        f"instead of {article_id!r}"
                    )
                yield analysis_from_record(record, article_id)
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise WarmServerError(
                f"warm spaCy server {server.socket}: {error or type(error).__name__}"
            ) from error


def _reply(connection: socket.socket, deadline: float) -> dict[str, Any]:
    """The server's next answer, past its heartbeats; :class:`TimeoutError` when none comes
    within :data:`CONNECT_TIMEOUT` of the last message or by ``deadline``."""
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("no answer in time")
        connection.settimeout(min(CONNECT_TIMEOUT, left))
        reply = _receive(connection)
        if "working" not in reply:
            return reply


def server_status(server: WarmServer) -> dict[str, Any] | None:
    """What a ready server says of itself (pid, model, idle time, memory…); ``None`` when it does
    not answer: not running, still loading, or busy with a build."""
    return _ask(server, {"op": "status"})


def stop_server(server: WarmServer) -> bool:
    """Stop the server and wait until it is gone; whether one was running.

    A server that does not answer (busy or hung) is ended by its process id, from its lock file.
    """
    if not _lock_is_held(server.lock_file):
        _remove_stale(server)
        return False
    deadline = time.monotonic() + STOP_TIMEOUT
    told = False
    while _lock_is_held(server.lock_file):
        if time.monotonic() > deadline:
            raise WarmServerError(f"warm spaCy server {server.name} did not stop; see {server.log_file}")
        if not told:  # until it has answered or been signalled (a server just started has no pid yet)
            told = _ask(server, {"op": "stop"}) is not None or _terminate(server)
        time.sleep(0.05)
    _remove_stale(server)
    return True


def _terminate(server: WarmServer) -> bool:
    """Send SIGTERM to the server by its process id; whether it has one yet."""
    pid = _server_pid(server)
    if pid is None:
        return False
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    return True


def start_server(models: Sequence[str], keep_warm: int) -> bool:
    """Start the warm server of this code and model in the background, unless one is running or
    starting; whether one was started. Returns at once: the server loads spaCy on its own.

    The server is fully detached: a new session, no terminal, standard input from ``/dev/null``,
    output to its log file, and no file descriptor of the build but its lock.
    """
    import fcntl

    _reap()
    server = server_for(models, create=True)
    lock = os.open(server.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a server for this code and model is running or starting
        os.ftruncate(lock, 0)  # the server writes its process id here
        model, _ = resolve_model(tuple(models))
        package_parent = str(Path(__file__).resolve().parent.parent)  # also when briefing is not installed
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [package_parent, os.environ.get("PYTHONPATH")])),
        }
        argv = [sys.executable, "-m", "briefing.warm", "--folder", str(server.folder), "--name", server.name]
        argv += ["--model", model, "--keep-warm", str(keep_warm), "--lock-fd", str(lock)]
        log = os.open(server.log_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            # not waited for: the first process forks the server and exits, so the server is
            # nobody's child; it is reaped at the next start or when the build ends
            _starting.append(
                subprocess.Popen(
                    argv,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                    pass_fds=(lock,),  # the server inherits the lock and holds it while it lives
                    start_new_session=True,
                    cwd=server.folder,
                    env=env,
                )
            )
        finally:
            os.close(log)
    finally:
        os.close(lock)
    logger.info("starting a warm spaCy server (%s); it exits after %s s idle", server.socket, keep_warm)
    return True


def _reap() -> None:
    """Forget the first processes of servers started earlier once they have exited."""
    _starting[:] = [process for process in _starting if process.poll() is None]


def _connect(server: WarmServer) -> socket.socket | None:
    """A connection to the server, or ``None`` when none listens; a stale socket is removed."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.settimeout(CONNECT_TIMEOUT)
    try:
        connection.connect(str(server.socket))
    except FileNotFoundError:
        connection.close()
        return None
    except ConnectionRefusedError:
        connection.close()
        _remove_stale(server)
        return None
    except OSError as error:
        connection.close()
        raise WarmServerError(f"{server.socket}: cannot connect ({error})") from error
    return connection


def _request(server: WarmServer, connection: socket.socket, request: dict) -> None:
    """Answer the server's challenge, then send the request."""
    greeting = _receive(connection, MAX_PROOF)
    proof = hmac.new(server.key_file.read_bytes(), bytes.fromhex(greeting["challenge"]), "sha256")
    _send(connection, {"proof": proof.hexdigest()})
    _send(connection, request)


def _ask(server: WarmServer, request: dict) -> dict[str, Any] | None:
    """The server's one reply to a request; ``None`` when it does not answer."""
    try:
        connection = _connect(server)
        if connection is None:
            return None
        with connection:
            _request(server, connection, request)
            return _receive(connection)
    except (OSError, ValueError, KeyError, WarmServerError) as error:
        logger.debug("warm spaCy server %s does not answer: %s", server.name, error)
        return None


def _remove_stale(server: WarmServer) -> None:
    """Remove the socket and key of a server that is gone (its lock is free)."""
    import fcntl

    if not server.socket.exists() and not server.key_file.exists():
        return
    lock = os.open(server.lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return  # its server is alive: loading, or about to listen
        if server.socket.exists():
            logger.info("removed the stale socket %s (its server had stopped)", server.socket)
        server.socket.unlink(missing_ok=True)
        server.key_file.unlink(missing_ok=True)
    finally:
        os.close(lock)


def _lock_is_held(path: Path) -> bool:
    """Whether a process holds the lock of ``path`` (a live server, ready or loading)."""
    import fcntl

    try:
        lock = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(lock)
    return False


def _server_pid(server: WarmServer) -> int | None:
    """The process id a server wrote in its lock file, when that process is still this server."""
    try:
        pid = int(server.lock_file.read_text().strip())
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except (OSError, ValueError):
        return None
    return pid if b"briefing.warm" in command and server.name.encode() in command else None


def _send(connection: socket.socket, message: dict) -> None:
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()
    connection.sendall(struct.pack("!I", len(data)) + data)


def _receive(connection: socket.socket, limit: int = MAX_MESSAGE) -> dict:
    (size,) = struct.unpack("!I", _read(connection, 4))
    if size > limit:
        raise ValueError(f"message of {size} bytes is too long")
    message = json.loads(_read(connection, size))
    if not isinstance(message, dict):
        raise ValueError("message is not a JSON object")
    return message


def _read(connection: socket.socket, size: int) -> bytes:
    data = bytearray()
    while len(data) < size:
        chunk = connection.recv(min(size - len(data), 1 << 20))
        if not chunk:
            raise ConnectionError("connection closed by the other side")
        data += chunk
    return bytes(data)


# --- server ------------------------------------------------------------------------------------


class _Server:
    """The server's loop: accept one client at a time until ``keep_warm`` seconds pass idle."""

    def __init__(self, server: WarmServer, model: str, keep_warm: int) -> None:
        from .nlp import load_pipeline

        self.server = server
        self.model = model
        self.keep_warm = keep_warm
        self.nlp = load_pipeline((model,))
        self.key = os.urandom(32)
        self.started = time.time()
        self.last_request = time.time()
        self.builds = 0
        self.articles = 0

    def run(self) -> None:
        _write_private(self.server.key_file, self.key)
        self.server.socket.unlink(missing_ok=True)  # a socket left by a server that was killed
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            listener.bind(str(self.server.socket))
            listener.listen()
            logger.info("ready: %s, pid %d, exits after %d s idle", self.model, os.getpid(), self.keep_warm)
            while True:
                listener.settimeout(self.keep_warm)
                try:
                    connection, _ = listener.accept()
                except TimeoutError:
                    logger.info("no request for %d s: exiting", self.keep_warm)
                    return
                with connection:
                    if not self.answer(connection):
                        logger.info("stopped on request")
                        return
                self.last_request = time.time()
        finally:
            listener.close()
            self.server.socket.unlink(missing_ok=True)
            self.server.key_file.unlink(missing_ok=True)

    def answer(self, connection: socket.socket) -> bool:
        """Serve one client; whether to go on serving."""
        connection.settimeout(CONNECT_TIMEOUT)
        challenge = os.urandom(32)
        try:
            _send(connection, {"challenge": challenge.hex()})
            proof = _receive(connection, MAX_PROOF)  # nothing larger before the key is proven
            expected = hmac.new(self.key, challenge, "sha256").hexdigest()
            if not hmac.compare_digest(str(proof.get("proof", "")), expected):
                logger.warning("refused a client that does not know the key")
                return True
            request = _receive(connection)
            operation = request.get("op")
            if operation == "stop":
                _send(connection, {"stopping": os.getpid()})
                return False
            if operation == "status":
                _send(connection, self.status())
            elif operation == "analyse":
                self.analyse(connection, request)
            else:
                _send(connection, {"error": f"unknown request {operation!r}"})
        except (OSError, ValueError) as error:
            logger.warning("request failed: %s", error)
        return True

    def analyse(self, connection: socket.socket, request: dict) -> None:
        from .nlp import analyse_each

        if request.get("keep_warm"):
            self.keep_warm = int(request["keep_warm"])
        try:
            articles = [SourceArticle(**record) for record in request["articles"]]
        except (KeyError, TypeError) as error:
            _send(connection, {"error": f"malformed request: {error}"})
            return
        analyses = analyse_each(articles, self.nlp)
        with _Heartbeat(connection) as heartbeat:
            while True:
                try:
                    analysis = next(analyses, None)
                except Exception as error:  # a failure of spaCy is the client's to report; the server goes on
                    logger.exception("analysis failed")
                    heartbeat.send({"error": f"analysis failed: {type(error).__name__}: {error}"})
                    return
                if analysis is None:
                    break
                heartbeat.send({"analysis": analysis_record(analysis)})
        self.builds += 1
        self.articles += len(articles)
        logger.info("analysed a build's articles: %d", len(articles))

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "model": f"{self.model} {self.nlp.meta.get('version', '?')}",
            "spacy": version("spacy"),
            "python": sys.executable,
            "keep_warm": self.keep_warm,
            "idle": round(time.time() - self.last_request),
            "up": round(time.time() - self.started),
            "builds": self.builds,
            "articles": self.articles,
            "memory_mb": _memory_mb(),
        }


class _Heartbeat:
    """While the server parses, a "working" message every :data:`HEARTBEAT` seconds, so that the
    client can tell a busy server from a stalled one; :meth:`send` sends between them."""

    def __init__(self, connection: socket.socket) -> None:
        self.connection = connection
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join()

    def send(self, message: dict) -> None:
        with self.lock:
            _send(self.connection, message)

    def _beat(self) -> None:
        while not self.done.wait(HEARTBEAT):
            try:
                self.send({"working": True})
            except OSError:  # the client went away; the main loop finds out when it answers
                return


def _write_private(path: Path, data: bytes) -> None:
    """Write ``path`` readable by this user only, whole or not at all."""
    temporary = path.with_suffix(".tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    os.replace(temporary, path)


def _memory_mb() -> int:
    """This process's resident memory in MB (10**6 bytes)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) * 1024 / 1e6)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m briefing.warm``: the server, as :func:`start_server` starts it."""
    parser = argparse.ArgumentParser(prog="python -m briefing.warm", description=main.__doc__)
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--keep-warm", type=int, metavar="SECONDS", required=True)
    parser.add_argument("--lock-fd", type=int, required=True)
    args = parser.parse_args(argv)
    if args.keep_warm < 1:
        parser.error("--keep-warm must be at least 1 second")
    if os.fork() > 0:
        os._exit(0)  # the first process ends at once: the server is nobody's child
    logging.basicConfig(format="%(asctime)s %(levelname)s: %(message)s", level=logging.INFO)
    server = WarmServer(args.folder, args.name)
    if server_name((args.model,)) != args.name:
        logger.error("the briefing code or the model changed since the build started; not serving")
        return 1
    os.ftruncate(args.lock_fd, 0)
    os.pwrite(args.lock_fd, str(os.getpid()).encode(), 0)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # leave through the clean-up of run()
    try:
        _Server(server, args.model, args.keep_warm).run()
    except BriefingError as error:
        logger.error("%s", error)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
