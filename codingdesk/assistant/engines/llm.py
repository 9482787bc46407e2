"""The LLM engine (optional; ASSISTANT_ENGINE=llm with ASSISTANT_LLM_URL set):
any OpenAI-compatible chat-completions endpoint phrases the answer, and the
data still decides what it may say.

Retrieval first: the grounded engine answers the question from the tables,
guidelines and edits, and the model is given that answer (as untrusted data,
see prompts.py) to phrase clearly. Then the model's text is verified: every
code-shaped token is checked against the code tables as of the date of
service, and a code that is not valid then, or that the grounded answer did
not support, is removed and flagged. The sources are the grounded answer's;
the model cannot add any. When the endpoint fails, the grounded answer is
returned as it is.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterator

from codingdesk.assistant import prompts
from codingdesk.assistant.llm_client import ChatClient, LlmUnavailable
from codingdesk.assistant.verification import CODE_TOKEN, ICD10CM_SHAPE, code_mention, code_shaped
from codingdesk.codesets.models import CodeSystem
from codingdesk.lib.codes import icd10cm_printed, normalize_code

from .base import Answer, AnswerKind, Citation, CodeMention, Engine, Question
from .grounded import GroundedEngine

logger = logging.getLogger(__name__)

TEMPERATURE = 0.2
CITATION_MARK = re.compile(r"\[(\d{1,3})\](?!\()")
# The model's own sources list, cut off: the grounded one replaces it.
MODELS_SOURCES = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?(?:sources|references)(?:\*\*)?\s*:?\s*(?:\*\*)?\s*$", re.I | re.M)
GROUNDED_SOURCES = "\n**Sources:**"


class LlmEngine:
    name = "llm"

    def __init__(self, *, client: ChatClient | None = None, grounded: Engine | None = None):
        self.client = client or ChatClient.from_settings()
        self.grounded = grounded or GroundedEngine()

    def answer(self, question: Question) -> Answer:
        grounded = self.grounded.answer(question)
        if grounded.kind == AnswerKind.DECLINE:
            return grounded  # nothing retrieved: the model would have nothing to phrase but guesses
        try:
            reply = self.client.complete(self._messages(question, grounded), temperature=TEMPERATURE)
        except LlmUnavailable as error:
            logger.warning("LLM engine unavailable, answering from the grounded engine: %s", error)
            return grounded
        if not reply.content.strip():
            logger.warning("LLM engine gave an empty reply, answering from the grounded engine")
            return grounded
        return _Verifier(grounded, question.as_of).answer(reply.content)

    def stream(self, question: Question) -> Iterator[str | Answer]:
        """Yields text chunks, each already checked for codes, then the final
        verified Answer. The final Answer is authoritative: its markdown (with
        the sources list) replaces the streamed text."""
        grounded = self.grounded.answer(question)
        if grounded.kind == AnswerKind.DECLINE:
            yield grounded.markdown
            yield grounded
            return
        verifier = _Verifier(grounded, question.as_of)
        parts: list[str] = []
        pending = ""
        try:
            for chunk in self.client.stream(self._messages(question, grounded), temperature=TEMPERATURE):
                parts.append(chunk)
                pending += chunk
                # A code never holds whitespace: text up to the last space can be checked now.
                cut = max(pending.rfind(" "), pending.rfind("\n"))
                if cut >= 0:
                    yield verifier.checked(pending[: cut + 1])
                    pending = pending[cut + 1 :]
        except LlmUnavailable as error:
            logger.warning("LLM engine unavailable, answering from the grounded engine: %s", error)
            if not parts:
                yield grounded.markdown
            yield grounded
            return
        if not "".join(parts).strip():
            yield grounded.markdown
            yield grounded
            return
        if pending:
            yield verifier.checked(pending)
        yield verifier.answer("".join(parts))

    def _messages(self, question: Question, grounded: Answer) -> list[dict]:
        content = prompts.user_message(
            question=question.text,
            tool_results=_tool_results(grounded, question.as_of),
            as_of=f"{question.as_of:%Y-%m-%d}",
            history=question.history,
        )
        return [{"role": "system", "content": prompts.SYSTEM_PROMPT}, {"role": "user", "content": content}]


def _tool_results(grounded: Answer, as_of: datetime.date) -> str:
    lines = [_without_sources(grounded.markdown)]
    if grounded.codes:
        lines.append(f"\nCodes named, checked against the code tables in force on {as_of:%Y-%m-%d}:")
        lines += [f"- {mention.code}: {_status(mention)}" for mention in grounded.codes]
    if grounded.citations:
        lines.append("\nNumbered sources (cite as [1], [2]…):")
        lines += [f"[{number}] {citation.label}" for number, citation in enumerate(grounded.citations, start=1)]
    if grounded.follow_up_questions:
        lines.append("\nDetail is missing; ask the coder:")
        lines += [f"- {text}" for text in grounded.follow_up_questions]
    return "\n".join(lines)


def _status(mention: CodeMention) -> str:
    return (mention.title or "valid") if mention.valid else "NOT valid on this date"


def _without_sources(markdown: str) -> str:
    return markdown.split(GROUNDED_SOURCES, 1)[0].rstrip()


def _sources_list(citations: list[Citation]) -> str:
    """The same numbered list services._with_sources writes."""
    return "**Sources:**\n" + "\n".join(
        f"{number}. [{citation.label}]({citation.url})" if citation.url else f"{number}. {citation.label}"
        for number, citation in enumerate(citations, start=1)
    )



class _Verifier:
    """Checks the model's text against the grounded answer and the tables as of one date."""

    def __init__(self, grounded: Answer, as_of: datetime.date):
        self.grounded = grounded
        self.as_of = as_of
        self.supported = {normalize_code(mention.code) for mention in grounded.codes if mention.valid}
        for text in [grounded.markdown, *(citation.label for citation in grounded.citations)]:
            self.supported |= {normalize_code(token) for token in CODE_TOKEN.findall(text) if code_shaped(token)}
        self.checked_codes: dict[str, tuple[CodeMention, str]] = {}  # token -> (mention, why removed or "")

    def checked(self, text: str) -> str:
        """``text`` with every invalid or unsupported code replaced by a marker."""
        return CODE_TOKEN.sub(self._replacement, text)

    def answer(self, content: str) -> Answer:
        text = MODELS_SOURCES.split(content, 1)[0].rstrip()
        text = CITATION_MARK.sub(self._citation_mark, self.checked(text))
        flagged = [(mention, why) for mention, why in self.checked_codes.values() if why]
        if flagged:
            text += "\n\n_Removed from this answer: " + "; ".join(f"{m.code} ({why})" for m, why in flagged) + "._"
        if self.grounded.citations:
            text += "\n\n" + _sources_list(self.grounded.citations) + "\n"
        return Answer(
            markdown=text,
            kind=self.grounded.kind,
            codes=[*self.grounded.codes, *(mention for mention, _ in flagged)],
            citations=list(self.grounded.citations),
            follow_up_questions=list(self.grounded.follow_up_questions),
        )

    def _replacement(self, match: re.Match) -> str:
        token = match.group(1)
        if not code_shaped(token):
            return token
        if token not in self.checked_codes:
            self.checked_codes[token] = self._check(token)
        mention, why = self.checked_codes[token]
        return f"[code removed: {why}]" if why else token

    def _check(self, token: str) -> tuple[CodeMention, str]:
        mention = self._lookup(token)
        if not mention.valid:
            return CodeMention(code=token, system=mention.system, title="", valid=False), (
                f"not valid on {self.as_of:%Y-%m-%d}"
            )
        if normalize_code(mention.code) not in self.supported:
            flagged = CodeMention(code=mention.code, system=mention.system, title=mention.title, valid=False)
            return flagged, "not supported by the sources"
        return mention, ""

    def _lookup(self, token: str) -> CodeMention:
        mention = code_mention(token, as_of=self.as_of)
        if mention.valid:
            return mention
        # An ICD-10-CM code written without its dot (S134XXA), or one of the U codes.
        printed = icd10cm_printed(normalize_code(token))
        if printed != token:
            if ICD10CM_SHAPE.match(printed):
                found = code_mention(printed, as_of=self.as_of, system=CodeSystem.ICD10CM)
                if found.valid:
                    return found
        return mention

    def _citation_mark(self, match: re.Match) -> str:
        # A source number the grounded answer does not have is the model's invention.
        return match.group(0) if 1 <= int(match.group(1)) <= len(self.grounded.citations) else ""
