"""WSGI middleware: what the application server must not send, whatever a view returned."""


class HeadWithoutBody:
    """Answers HEAD requests with the GET answer's status and headers but no body (RFC 9110).

    Django's test client and runserver drop the body themselves; gunicorn sends it, which
    desynchronises keep-alive clients and proxies. The body is never read, only closed (so
    Django's request_finished still runs and a streamed export does no work).
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        result = self.application(environ, start_response)
        if environ.get("REQUEST_METHOD") != "HEAD":
            return result
        close = getattr(result, "close", None)
        if close is not None:
            close()
        return []
