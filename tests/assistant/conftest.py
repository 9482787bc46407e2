"""Fixtures for the assistant tests: a chat-completions server on loopback."""

import pytest

from tests.assistant.chat_stub import ChatStub

API_KEY = "sk-test-secret-0123456789"


@pytest.fixture
def chat_stub(settings):
    """A running stub endpoint, with the LLM engine configured to use it."""
    stub = ChatStub().start()
    settings.ASSISTANT_ENGINE = "llm"
    settings.ASSISTANT_LLM_URL = stub.url
    settings.ASSISTANT_LLM_API_KEY = API_KEY
    settings.ASSISTANT_LLM_MODEL = "stub-model"
    settings.ASSISTANT_LLM_TIMEOUT = 5
    yield stub
    stub.stop()
