"""A small client for an OpenAI-compatible chat-completions endpoint
(POST {base}/chat/completions), used by the LLM engine. Plain urllib, so the
optional engine adds no dependency.

Replies come whole (JSON) or streamed (Server-Sent Events: ``data: {...}``
lines ending with ``data: [DONE]``). Every failure is an ``LlmUnavailable``
naming the URL and the HTTP status or connection error; the API key is sent
only in the Authorization header and never appears in an error message.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings

ERROR_BODY_SHOWN = 200  # characters of an error reply kept in the message


class LlmUnavailable(Exception):
    """The endpoint could not be reached or gave no usable reply."""


@dataclass
class ChatReply:
    content: str
    tool_calls: list[dict] = field(default_factory=list)
    finish_reason: str | None = None
    model: str = ""


class ChatClient:
    def __init__(self, *, base_url: str, api_key: str = "", model: str = "", timeout: float = 60):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.api_key = api_key or ""
        self.model = model or ""
        self.timeout = timeout

    @classmethod
    def from_settings(cls) -> ChatClient:
        return cls(
            base_url=settings.ASSISTANT_LLM_URL,
            api_key=settings.ASSISTANT_LLM_API_KEY,
            model=settings.ASSISTANT_LLM_MODEL,
            timeout=settings.ASSISTANT_LLM_TIMEOUT,
        )

    def complete(self, messages: list[dict], **options) -> ChatReply:
        with self._post(messages, stream=False, **options) as response:
            raw = self._read(response)
        try:
            data = json.loads(raw)
            choice = data["choices"][0]
            message = choice["message"]
        except (ValueError, KeyError, IndexError, TypeError) as error:
            raise LlmUnavailable(f"{self._shown_url()} gave no chat-completions reply ({error!r})") from None
        return ChatReply(
            content=message.get("content") or "",
            tool_calls=message.get("tool_calls") or [],
            finish_reason=choice.get("finish_reason"),
            model=data.get("model", ""),
        )

    def stream(self, messages: list[dict], **options) -> Iterator[str]:
        """Yields the text as it arrives; returns the whole ChatReply, so
        ``reply = yield from client.stream(...)`` passes the text on and keeps the reply."""
        reply = ChatReply(content="")
        parts: list[str] = []
        calls: dict[int, dict] = {}
        with self._post(messages, stream=True, **options) as response:
            for data in self._events(response):
                if data == "[DONE]":
                    break
                try:
                    event = json.loads(data)
                except ValueError:
                    raise LlmUnavailable(f"{self._shown_url()} sent an event that is not JSON") from None
                reply.model = event.get("model", reply.model)
                for choice in event.get("choices") or []:
                    delta = choice.get("delta") or {}
                    reply.finish_reason = choice.get("finish_reason") or reply.finish_reason
                    _merge_tool_calls(calls, delta.get("tool_calls") or [])
                    if delta.get("content"):
                        parts.append(delta["content"])
                        yield delta["content"]
        reply.content = "".join(parts)
        reply.tool_calls = [calls[index] for index in sorted(calls)]
        return reply

    def _post(self, messages: list[dict], *, stream: bool, **options):
        body = {"model": self.model, "messages": messages, "stream": stream, **options}
        headers = {"Content-Type": "application/json", "Accept": "text/event-stream" if stream else "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(self.url, data=json.dumps(body).encode(), headers=headers, method="POST")
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            detail = error.read(ERROR_BODY_SHOWN).decode("utf-8", "replace").strip()
            error.close()
            raise LlmUnavailable(self._clean(f"{self._shown_url()} answered HTTP {error.code}: {detail}")) from None
        except (TimeoutError, socket.timeout):
            raise LlmUnavailable(f"{self._shown_url()} did not answer within {self.timeout} seconds") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise LlmUnavailable(self._clean(f"cannot reach {self._shown_url()}: {reason}")) from None
        except ValueError:
            raise LlmUnavailable(f"{self._shown_url()} is not an http(s) URL (ASSISTANT_LLM_URL)") from None

    def _read(self, response) -> bytes:
        try:
            return response.read()
        except (TimeoutError, socket.timeout):
            raise LlmUnavailable(f"{self._shown_url()} did not finish within {self.timeout} seconds") from None
        except OSError as error:
            raise LlmUnavailable(self._clean(f"{self._shown_url()} broke off its reply: {error}")) from None

    def _events(self, response) -> Iterator[str]:
        """The ``data:`` payloads of an SSE stream; comments and other fields are skipped."""
        while True:
            try:
                line = response.readline()
            except (TimeoutError, socket.timeout):
                raise LlmUnavailable(f"{self._shown_url()} stopped streaming for {self.timeout} seconds") from None
            except OSError as error:
                raise LlmUnavailable(self._clean(f"{self._shown_url()} broke off its stream: {error}")) from None
            if not line:
                return
            line = line.decode("utf-8", "replace").strip()
            if line.startswith("data:"):
                yield line[len("data:") :].strip()

    def _shown_url(self) -> str:
        """The URL without any user:password part."""
        parts = urllib.parse.urlsplit(self.url)
        host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        return urllib.parse.urlunsplit(parts._replace(netloc=host))

    def _clean(self, message: str) -> str:
        # An error page or proxy could echo the request headers back.
        return message.replace(self.api_key, "[key]") if self.api_key else message


def _merge_tool_calls(calls: dict[int, dict], deltas: list[dict]) -> None:
    """Streamed tool calls come in pieces by index: the id and name first, then
    the arguments a few characters at a time."""
    for delta in deltas:
        call = calls.setdefault(
            delta.get("index", len(calls)), {"id": "", "type": "function", "function": {"name": "", "arguments": ""}}
        )
        call["id"] = delta.get("id") or call["id"]
        call["type"] = delta.get("type") or call["type"]
        function = delta.get("function") or {}
        call["function"]["name"] += function.get("name") or ""
        call["function"]["arguments"] += function.get("arguments") or ""
