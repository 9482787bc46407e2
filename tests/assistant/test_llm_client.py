import socket

import pytest

from codingdesk.assistant.llm_client import ChatClient, LlmUnavailable
from tests.assistant.conftest import API_KEY

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello"}]


@pytest.fixture
def client(chat_stub):
    return ChatClient.from_settings()


def test_it_posts_a_chat_completion_and_reads_the_reply(chat_stub, client):
    chat_stub.reply = "Hi there."
    reply = client.complete(MESSAGES, temperature=0)
    assert (reply.content, reply.finish_reason, reply.model) == ("Hi there.", "stop", "stub-model")
    request = chat_stub.requests[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["body"] == {"model": "stub-model", "messages": MESSAGES, "stream": False, "temperature": 0}
    assert request["headers"]["Authorization"] == f"Bearer {API_KEY}"


def test_it_sends_no_authorization_without_a_key(chat_stub, settings):
    settings.ASSISTANT_LLM_API_KEY = ""
    ChatClient.from_settings().complete(MESSAGES)
    assert "Authorization" not in chat_stub.requests[-1]["headers"]


def test_it_streams_the_text_and_assembles_the_reply(chat_stub, client):
    chat_stub.reply = "A longer reply, sent a few characters at a time."

    chunks = list(client.stream(MESSAGES))
    assert len(chunks) > 5
    assert "".join(chunks) == chat_stub.reply
    assert chat_stub.last_body["stream"] is True
    reply = _drained(client.stream(MESSAGES))
    assert (reply.content, reply.finish_reason) == (chat_stub.reply, "stop")


def test_streamed_tool_calls_are_assembled(chat_stub, client):
    chat_stub.reply = ""
    arguments = '{"query": "type 2 diabetes", "as_of": "2026-07-15"}'
    chat_stub.tool_calls = [{"id": "call_1", "type": "function", "function": {"name": "code_search", "arguments": arguments}}]
    assert _drained(client.stream(MESSAGES)).tool_calls == chat_stub.tool_calls
    assert client.complete(MESSAGES).tool_calls == chat_stub.tool_calls


def test_an_http_error_names_the_url_and_status_but_not_the_key(chat_stub, client):
    chat_stub.status = 500
    with pytest.raises(LlmUnavailable) as error:
        client.complete(MESSAGES)
    assert f"{chat_stub.url}/chat/completions answered HTTP 500" in str(error.value)
    assert API_KEY not in str(error.value)
    with pytest.raises(LlmUnavailable, match="HTTP 500"):
        list(client.stream(MESSAGES))


def test_a_refused_connection_is_unavailable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = ChatClient(base_url=f"http://127.0.0.1:{port}/v1", api_key=API_KEY, model="m", timeout=2)
    with pytest.raises(LlmUnavailable, match=f"cannot reach http://127.0.0.1:{port}/v1/chat/completions") as error:
        client.complete(MESSAGES)
    assert API_KEY not in str(error.value)


def test_a_slow_endpoint_times_out(chat_stub):
    chat_stub.delay = 1.5
    client = ChatClient(base_url=chat_stub.url, model="m", timeout=0.5)
    with pytest.raises(LlmUnavailable, match="within 0.5 seconds"):
        client.complete(MESSAGES)


def test_a_reply_that_is_not_a_chat_completion_is_unavailable(chat_stub):
    client = ChatClient(base_url=chat_stub.url.removesuffix("/v1") + "/other", model="m", timeout=2)
    with pytest.raises(LlmUnavailable, match="HTTP 404"):
        client.complete(MESSAGES)


def test_credentials_in_the_url_are_not_shown():
    client = ChatClient(base_url="http://user:hunter2@127.0.0.1:9/v1", timeout=1)
    with pytest.raises(LlmUnavailable) as error:
        client.complete(MESSAGES)
    assert "hunter2" not in str(error.value)


def _drained(generator):
    """The ChatReply a stream returns once its text is read."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
