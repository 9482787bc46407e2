"""A real HTTP server that speaks the chat-completions protocol, for the LLM
engine's tests: it records each request, answers with a scripted reply (whole,
or streamed as Server-Sent Events), and can be told to fail or to be slow."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CHUNK_SIZE = 5  # small, so codes are split across chunks


class ChatStub:
    def __init__(self):
        self.requests: list[dict] = []  # {"path", "headers", "body"}
        self.reply = "Scripted reply."
        self.tool_calls: list[dict] = []
        self.status = 200
        self.delay = 0.0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def last_body(self) -> dict:
        return self.requests[-1]["body"]

    def start(self) -> ChatStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(stub: ChatStub):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep test output clean
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            stub.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
            if stub.delay:
                time.sleep(stub.delay)
            if self.path != "/v1/chat/completions":
                return self._send(404, {"error": {"message": f"no route {self.path}"}})
            if stub.status != 200:
                return self._send(stub.status, {"error": {"message": "the stub was told to fail"}})
            if body.get("stream"):
                return self._stream(body)
            message = {"role": "assistant", "content": stub.reply}
            if stub.tool_calls:
                message["tool_calls"] = stub.tool_calls
            self._send(200, {
                "id": "chatcmpl-stub",
                "object": "chat.completion",
                "model": body.get("model", ""),
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            })

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _stream(self, body: dict) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Connection", "close")
            self.end_headers()
            deltas = [{"role": "assistant"}]
            deltas += [{"content": stub.reply[i : i + CHUNK_SIZE]} for i in range(0, len(stub.reply), CHUNK_SIZE)]
            for index, call in enumerate(stub.tool_calls):
                arguments = call["function"]["arguments"]
                deltas.append({"tool_calls": [{"index": index, "id": call["id"], "type": "function",
                                               "function": {"name": call["function"]["name"], "arguments": ""}}]})
                deltas += [{"tool_calls": [{"index": index, "function": {"arguments": arguments[i : i + 4]}}]}
                           for i in range(0, len(arguments), 4)]
            self.wfile.write(b": a comment line, which clients skip\n\n")
            for delta in deltas:
                event = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "model": body.get("model", ""),
                         "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                self.wfile.write(f"data: {json.dumps(event)}\n\n".encode())
                self.wfile.flush()
            done = {"id": "chatcmpl-stub", "object": "chat.completion.chunk", "model": body.get("model", ""),
                    "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())
            self.wfile.flush()
            self.close_connection = True

    return Handler
