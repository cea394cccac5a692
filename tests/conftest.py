"""Fixtures in the style of Flask's tutorial, plus a phone that talks to the line as Twilio would."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ivr import create_app
from ivr.config import DEFAULT_CONTENT_PATH
from ivr.core.content import load_pack
from ivr.line import line_of
from ivr.tools.phone import Phone

# The usage counts of every app the tests build go to one scratch database, not instance/.
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp(prefix='insight-')}/insight.db")
# So do the answered texts' claims of the apps built here (each app hashes with its own random
# SECRET_KEY unless a test sets one, so no test meets another's claims).
SCRATCH_ANSWERED = {"ANSWERED_DB": f"{tempfile.mkdtemp(prefix='answered-')}/answered.db"}

# The default pack, loaded once: tests read its sentences from here, not from copies. The
# safety sentences below stay literal, so that a pack that drops or changes them fails.
PACK = load_pack(DEFAULT_CONTENT_PATH, "911")
ENGLISH, SPANISH = PACK.languages["en"], PACK.languages["es"]

EMERGENCY_SMS_LINE = "Emergency? Call 911 now."
SPANISH_SMS_LINE = "¿Emergencia? Llame al 911 ya."
EMERGENCY_VOICE_SHORT = "If this is an emergency, hang up and call 9 1 1."
EMERGENCY_VOICE = ("In an emergency, hang up now and call 9 1 1. If someone may be overdosing and you have "
                   "naloxone, also called Narcan, give it, and stay with them. "
                   "If you are thinking about suicide, call or text 9 8 8.")


# The image's tests need podman (make image-test), the attacks minutes (make test-attacks).
collect_ignore_glob = [*([] if os.environ.get("IMAGE_TEST") else ["image/*"]),
                       *([] if os.environ.get("ATTACK_TEST") else ["attacks/*"])]

# A test that uses one of these starts a server or a browser: it is slow, whatever else it does.
SLOW_FIXTURES = {"serve_line", "postgres_server", "redis_server", "hung_store", "browser"}


def pytest_collection_modifyitems(items):
    for item in items:
        if SLOW_FIXTURES.intersection(item.fixturenames):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def show(request):
    """Lines a test shows: its figures, printed at the end of the run from whichever process
    ran it (make test runs three)."""
    return lambda text: request.node.user_properties.append(("shown", text.strip("\n")))


def pytest_terminal_summary(terminalreporter):
    shown = [text for report in terminalreporter.stats.get("passed", []) if report.when == "call"
             for name, text in report.user_properties if name == "shown"]
    if shown:
        terminalreporter.section("what the tests measured")
        for text in shown:
            terminalreporter.write_line(text)


SHARED_LINE = []  # the session's line, once a test has asked for it


@pytest.fixture(scope="session")
def line_as_it_starts():
    """The line with its default settings, built once for the whole run. Tests send many texts
    from one number; the rate limit has tests of its own."""
    app = create_app({**SCRATCH_ANSWERED, "TESTING": True, "SMS_RATE_LIMIT": "1000000 per hour"})
    SHARED_LINE.append(app)
    yield app
    line_of(app).insight.stop()


@pytest.fixture
def app(line_as_it_starts):
    """The shared line: a test that changes a setting or the line itself builds its own with make_app."""
    return line_as_it_starts


@pytest.fixture
def make_app():
    """Build the line with settings of the test's own; each app's usage-count writer stops at teardown."""
    built = []

    def make(settings: dict):
        app = create_app({**SCRATCH_ANSWERED, **settings})
        built.append(app)
        return app

    yield make
    for app in built:
        line_of(app).insight.stop()


@pytest.fixture(autouse=True)
def no_thread_left_behind():
    """Every thread a test starts has ended when it is over (the shared line's writer runs on)."""
    before = set(threading.enumerate())
    yield
    shared = {line_of(app).insight.flusher for app in SHARED_LINE}
    for thread in set(threading.enumerate()) - before - shared:
        thread.join(timeout=5)
        assert not thread.is_alive(), f"the test left the thread {thread.name!r} running"


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def english(app):
    pack = line_of(app).pack
    return pack.languages["en"]


@pytest.fixture
def text(client):
    """Send one SMS; get the reply text, or None when the line sends no reply."""

    def send(body=None):
        data = {"From": "+15555550100", "To": "+15555550199"}
        if body is not None:
            data["Body"] = body
        response = client.post("/sms", data=data)
        assert response.status_code == 200
        assert response.mimetype == "text/xml"
        root = ET.fromstring(response.data)
        assert root.tag == "Response"
        messages = root.findall("Message")
        assert len(messages) <= 1
        return messages[0].text if messages else None

    return send


@pytest.fixture
def phone(app):
    """ivr.tools.phone's stand-in for Twilio (flask call and /try use it too), on the test app."""
    return Phone(app)


@pytest.fixture
def phone_without_handoff(make_app):
    """HANDOFF_NUMBER=off: no caller is put through, and key 7 is not an option."""
    return Phone(make_app({"TESTING": True, "HANDOFF_NUMBER": "off"}))


def wait_until_healthy(base_url: str, server: subprocess.Popen | None = None, seconds: float = 60) -> bool:
    """Poll GET /healthz until it answers (for the tests and benchmarks that start the line
    under gunicorn); False if the server exits first or the time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            return False
        try:
            urllib.request.urlopen(f"{base_url}/healthz", timeout=2).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


ROOT = Path(__file__).resolve().parent.parent
SERVED_TOKEN = "test-auth-token-not-a-real-one"  # the TWILIO_AUTH_TOKEN of the line serve_line starts


class Served:
    """The line running under gunicorn, as `make serve` runs it (serve.py)."""

    def __init__(self, settings: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        environment = {"PATH": os.environ.get("PATH", ""), "DATABASE_URL": os.environ["DATABASE_URL"],
                       "TWILIO_AUTH_TOKEN": SERVED_TOKEN, "SECRET_KEY": "k" * 32, "BIND": f"127.0.0.1:{self.port}",
                       **settings}
        self._log = tempfile.TemporaryFile("w+")  # a file, not a pipe: a full pipe would stall the server
        self.process = subprocess.Popen([sys.executable, "serve.py"], cwd=ROOT,
                                        env={name: value for name, value in environment.items() if value is not None},
                                        stdout=self._log, stderr=subprocess.STDOUT, text=True)

    def stop(self) -> str:
        """Stop it as a deploy does (SIGTERM); everything it logged."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.exited()

    def exited(self) -> str:
        """Everything it logged, once it has exited by itself."""
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        self._log.seek(0)
        return self._log.read()


@pytest.fixture
def serve_line():
    """Start the line as `make serve` does (gunicorn with gunicorn.conf.py) on a free loopback port,
    signing with SERVED_TOKEN, with the settings given (None unsets one); ready once /healthz answers."""
    started = []

    def serve(**settings) -> Served:
        served = Served(settings)
        started.append(served)
        if not wait_until_healthy(served.url, served.process):
            pytest.fail("gunicorn did not start:\n" + served.stop()[-3000:])
        return served

    yield serve
    for served in started:
        served.stop()


@pytest.fixture
def hung_store():
    """The port of a server that accepts connections and never answers: a hung Redis."""
    listener = socket.create_server(("127.0.0.1", 0), backlog=500)
    held = []

    def accept():
        while True:
            try:
                held.append(listener.accept()[0])
            except OSError:
                return

    accepting = threading.Thread(target=accept, daemon=True)
    accepting.start()
    yield listener.getsockname()[1]
    listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() waiting in the thread, which then ends
    listener.close()
    accepting.join()
    for connection in held:
        connection.close()


@pytest.fixture
def redis_server():
    """A real redis-server on a loopback port, stopped by the test or at its end."""
    if not shutil.which("redis-server"):
        message = "no redis-server (apt-get install redis-server): the shared rate-limit store is not tested"
        if os.environ.get("CI"):
            pytest.fail(message)  # .ci/run installs it: CI must not pass without these tests
        pytest.skip(message)
    port = free_port()
    server = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                               "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                if connection.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            time.sleep(0.05)
    else:
        server.kill()
        pytest.fail("redis-server did not start")
    server.uri = f"redis://127.0.0.1:{port}"
    yield server
    server.kill()
    server.wait()


class PostgresServer:
    """A PostgreSQL server of the test's own (Debian's binaries, a throwaway data folder),
    which the test can stop, start again, or hang."""

    def __init__(self, binaries: Path):
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="postgres-"))
        self.port = free_port()
        self.url = f"postgresql://line@127.0.0.1:{self.port}/postgres"
        self.as_owner = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as Debian's postgres user
            shutil.chown(self.folder, "postgres")
            self.as_owner = ["runuser", "-u", "postgres", "--"]
        self._run("initdb", "-D", "data", "-A", "trust", "-U", "line", "--no-sync", "-E", "UTF8")

    def _run(self, program: str, *arguments: str) -> None:
        subprocess.run(self.as_owner + [str(self.binaries / program), *arguments], cwd=self.folder, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        self._run("pg_ctl", "-D", "data", "-l", "log", "-w", "start", "-o",
                  f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off")

    def stop(self) -> None:
        """As if the machine lost power: no goodbye to the connections."""
        self._run("pg_ctl", "-D", "data", "-m", "immediate", "-w", "stop")

    def _processes(self) -> list[int]:
        postmaster = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        children = [int(stat.parent.name) for stat in Path("/proc").glob("[0-9]*/stat")
                    if _parent_of(stat) == postmaster]
        return [postmaster, *children]

    def hang(self) -> None:
        """The server and its connections stop answering, with every socket left open."""
        for pid in self._processes():
            os.kill(pid, signal.SIGSTOP)

    def resume(self) -> None:
        for pid in self._processes():
            os.kill(pid, signal.SIGCONT)

    def remove(self) -> None:
        try:
            self.resume()
            self.stop()
        except (OSError, subprocess.CalledProcessError):
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


def _parent_of(stat: Path) -> int:
    try:
        return int(stat.read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return -1  # the process has gone


@pytest.fixture
def postgres_server():
    """A running PostgreSQL server the test owns. .ci/run installs Debian's PostgreSQL; without
    it this is skipped here, and fails in CI."""
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not binaries:
        if os.environ.get("CI") == "true":
            pytest.fail("Debian's PostgreSQL is not installed in CI: .ci/run installs it")
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql; .ci/run does it)")
    server = PostgresServer(binaries[-1].parent)
    server.start()
    yield server
    server.remove()


def write_pack(folder, text: str, name: str = "pack.toml"):
    """A copy of a content pack with the given text, its examples file beside it."""
    shutil.copy(DEFAULT_CONTENT_PATH.with_name("naltrexone-examples.tsv"), folder)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing in CI: .ci/run installs Debian's chromium package")
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium) for the browser test")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def eight_topic_pack(folder: Path) -> Path:
    """The real pack with two of its not-covered subjects, alcohol and cost, made topics 7 and 8
    (their examples keep their labels): a pack past six topics, for the tests of the second page."""
    text = DEFAULT_CONTENT_PATH.read_text(encoding="utf-8")
    for subject in ("alcohol", "cost"):
        start = text.index(f'[[not_covered]]\nid = "{subject}"')
        text = text[:start] + text[text.index("[[not_covered]]", start + 1):]
    topics = ""
    for key, topic, en, es in (("7", "alcohol", "alcohol and drinking", "el alcohol"),
                               ("8", "cost", "cost and insurance", "el costo y el seguro")):
        keywords = {"alcohol": (["alcohol", "drinking"], ["beber"]), "cost": (["cost", "insurance"], ["costo", "seguro"])}
        phrases = {"alcohol": (["drink", "beer", "wine", "liquor", "booze", "drunk"], ["cerveza", "vino", "trago"]),
                   "cost": (["price", "pay", "afford", "copay", "expensive", "money"], ["precio", "pagar", "dinero"])}
        topics += (f'[[topics]]\nid = "{topic}"\nkey = "{key}"\nsource = "a test topic"\n'
                   f'[topics.en]\ntitle = "{en}"\nkeywords = {keywords[topic][0]}\nphrases = {phrases[topic][0]}\n'
                   f'sms = "The answer about {en}."\nvoice = "The spoken answer about {en}."\n'
                   f'[topics.es]\ntitle = "{es}"\nkeywords = {keywords[topic][1]}\nphrases = {phrases[topic][1]}\n'
                   f'sms = "La respuesta sobre {es}."\nvoice = "La respuesta hablada sobre {es}."\n\n')
        topics = topics.replace("'", '"')
    marker = "# ---------------------------------------------------------------- Not covered"
    return write_pack(folder, text.replace(marker, topics + marker), "eight.toml")
