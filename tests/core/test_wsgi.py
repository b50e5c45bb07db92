"""HEAD answers carry no body, checked on a raw socket against a real server thread."""

import socket
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):  # the test reads the socket, not the access log
        pass


@pytest.fixture
def server():
    # Imported here, not at collection: building the application loads the middleware, which
    # needs the tests' STATIC_ROOT (set by conftest's session fixture) to exist.
    from outward.wsgi import application  # noqa: PLC0415

    httpd = make_server("127.0.0.1", 0, application, handler_class=_QuietHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _raw(address, method: str, path: str) -> bytes:
    with socket.create_connection(address, timeout=10) as conn:
        request = f"{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        conn.sendall(request.encode())
        received = b""
        while chunk := conn.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize("path", ["/login/", "/api/v1/deals/"])
def test_head_answer_is_the_get_answers_headers_without_a_body(server, path):
    get_head, get_body = _raw(server, "GET", path).split(b"\r\n\r\n", 1)
    head, body = _raw(server, "HEAD", path).split(b"\r\n\r\n", 1)
    status = head.split(b"\r\n", 1)[0]
    assert (status, body, len(get_body) > 20) == (get_head.split(b"\r\n", 1)[0], b"", True)
