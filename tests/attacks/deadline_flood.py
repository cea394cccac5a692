"""Connections that obey every deadline (issue "Stays up, third pass"): `count` kept-alive
connections, each sending a POST's headers (any X-Twilio-Signature) 1.8 s after it opened or
got its last answer, and its body 2.9 s after them, again and again on the same connection;
or, with --get, a GET every 1.8 s. From one loopback address (127.0.0.2), or spread over
--sources of them (127.0.0.2 and up). A connection the line closes opens again.

Runs until it gets SIGTERM, then prints what it saw as one line of key=value pairs.
usage: python deadline_flood.py PORT COUNT [--sources N] [--get]
"""
import argparse
import heapq
import random
import resource
import selectors
import signal
import socket
import time

HEADERS_AFTER = 1.8  # seconds after opening, or after an answer
BODY_AFTER = 2.9  # seconds after the headers


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("--sources", type=int, default=1)
    parser.add_argument("--get", action="store_true")
    args = parser.parse_args()
    _, most_files = resource.getrlimit(resource.RLIMIT_NOFILE)  # a file per connection, and a few more
    resource.setrlimit(resource.RLIMIT_NOFILE, (most_files, most_files))
    if most_files != resource.RLIM_INFINITY and most_files < args.count + 100:
        raise SystemExit(f"this process may open {most_files} files, fewer than {args.count} connections")
    body = b"From=%2B15555550100&Body=hello"
    post = (f"POST /sms HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Twilio-Signature: {'A' * 27}=\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    get = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    selector = selectors.DefaultSelector()
    timers: list[tuple[float, int, socket.socket, str]] = []  # (when, tie-break, connection, what to send)
    seen = {"opened": 0, "failed_to_open": 0, "closed_by_line": 0, "answers": 0, "requests": 0}
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))

    def schedule(connection, what, after):
        heapq.heappush(timers, (time.monotonic() + after, id(connection), connection, what))

    def open_one(number):
        source = f"127.0.0.{2 + number % args.sources}"
        try:
            connection = socket.create_connection(("127.0.0.1", args.port), timeout=2, source_address=(source, 0))
        except OSError:
            seen["failed_to_open"] += 1
            heapq.heappush(timers, (time.monotonic() + 0.5, number, None, f"open {number}"))
            return
        connection.setblocking(False)
        selector.register(connection, selectors.EVENT_READ, number)
        seen["opened"] += 1
        schedule(connection, "get" if args.get else "headers", random.uniform(0, HEADERS_AFTER))

    for number in range(args.count):
        open_one(number)
    while not stopping:
        timeout = max(0.0, timers[0][0] - time.monotonic()) if timers else 0.2
        for key, _ in selector.select(timeout=min(timeout, 0.2)):
            connection, number = key.fileobj, key.data
            try:
                answer = connection.recv(65536)
            except OSError:
                answer = b""
            if answer:
                answers = answer.count(b"HTTP/1.1 ")
                seen["answers"] += answers
                if answers:
                    schedule(connection, "get" if args.get else "headers", HEADERS_AFTER)
            else:  # the line closed it: open another
                seen["closed_by_line"] += 1
                selector.unregister(connection)
                connection.close()
                open_one(number)
        while timers and timers[0][0] <= time.monotonic():
            _, number, connection, what = heapq.heappop(timers)
            if connection is None:
                open_one(int(what.split()[1]))
                continue
            if connection.fileno() < 0:
                continue
            try:
                connection.send({"headers": post, "body": body, "get": get}[what])
            except OSError:
                continue  # closed: the selector sees it
            if what == "headers":
                schedule(connection, "body", BODY_AFTER)
            else:
                seen["requests"] += 1
    print(" ".join(f"{name}={value}" for name, value in seen.items()), flush=True)


if __name__ == "__main__":
    main()
