from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.synth.brief import StoryInput
from newsprism.synth.guard import FaithfulnessGuard
from newsprism.synth.llm import LLM_SECTIONS, LLMSynthesizer

Reply = Callable[[dict[str, Any]], tuple[int, Any]]


class FakeChat:
    """A chat-completions server on 127.0.0.1 whose answer a test sets with ``reply``."""

    def __init__(self) -> None:
        self.reply: Reply = lambda request: (500, {"error": "no reply set"})
        self.requests: list[tuple[dict[str, str], dict[str, Any]]] = []
        self.delay = 0.0
        self.url = ""


@pytest.fixture
def fake_chat() -> Iterator[FakeChat]:
    fake = FakeChat()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args: Any) -> None:
            pass

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            fake.requests.append((dict(self.headers), body))
            time.sleep(fake.delay)
            status, payload = fake.reply(body) if self.path == "/v1/chat/completions" else (
                404, {})  # fmt: skip
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (timeout test)
                pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    fake.url = f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield fake
    httpd.shutdown()
    httpd.server_close()


def _numbered(request: dict[str, Any]) -> dict[int, str]:
    """The numbered source sentences of the prompt, as the model sees them."""
    user = request["messages"][-1]["content"]
    return {int(n): text for n, text in re.findall(r"^\[(\d+)\] \([^)]*\) (.*)$", user, re.M)}


def _cite(request: dict[str, Any], phrase: str) -> int:
    return next(n for n, text in _numbered(request).items() if phrase in text)


def _completion(answer: Any, *, tokens: int = 1500) -> dict[str, Any]:
    content = answer if isinstance(answer, str) else json.dumps(answer)
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": tokens - 300, "completion_tokens": 300, "total_tokens": tokens},
    }  # fmt: skip


def _good_answer(request: dict[str, Any]) -> dict[str, Any]:
    beams = _cite(request, "inspectors found cracks in two support beams")
    days = _cite(request, "stay closed for at least 45 days")
    return {
        "headline": {"text": "Harbor Bridge closed after cracks found in support beams",
                     "cites": [beams]},
        "summary": [{"heading": "Bridge closed", "text": "The bridge will stay closed for at least "
                     "45 days.", "cites": [days]}],
        "story": [{"text": "The Harbor Bridge closed after inspectors found cracks in two "
                   "support beams.", "cites": [beams]}],
        "why_it_matters": [], "context": [], "diverging_views": [], "global_impact": [],
        "key_points_left": [], "key_points_center": [], "key_points_right": [],
    }  # fmt: skip


def _synth(fake: FakeChat, **kwargs: Any) -> LLMSynthesizer:
    return LLMSynthesizer(fake.url, "test-model", api_key="sk-test", **kwargs)


def test_llm_brief_uses_the_models_sentences_with_resolved_citations(
    fake_chat: FakeChat, story_input: StoryInput
) -> None:
    fake_chat.reply = lambda req: (200, _completion(_good_answer(req)))
    brief = _synth(fake_chat).brief(story_input)
    story = brief.sections_json()["story"]
    assert story[0]["text"] == (
        "The Harbor Bridge closed after inspectors found cracks in two support beams."
    )
    assert "found cracks in two support beams" in story[0]["citations"][0]["source"]
    assert brief.stats["fallbacks"] == []
    assert brief.synthesizer == "llm:test-model"


def test_llm_request_speaks_chat_completions_with_the_key(
    fake_chat: FakeChat, story_input: StoryInput
) -> None:
    fake_chat.reply = lambda req: (200, _completion(_good_answer(req)))
    _synth(fake_chat).brief(story_input)
    headers, body = fake_chat.requests[0]
    assert headers["Authorization"] == "Bearer sk-test"
    assert body["model"] == "test-model"
    assert [m["role"] for m in body["messages"]] == ["system", "user"]
    assert _numbered(body)  # numbered sources were sent


def test_llm_tokens_and_cost_are_recorded(fake_chat: FakeChat, story_input: StoryInput) -> None:
    fake_chat.reply = lambda req: (200, _completion(_good_answer(req), tokens=2000))
    brief = _synth(fake_chat, cost_per_1k_tokens=0.5).brief(story_input)
    assert brief.stats["tokens"] == 2000
    assert brief.stats["cost"] == 1.0


def test_planted_llm_sentences_are_dropped_by_the_guard(
    fake_chat: FakeChat, story_input: StoryInput, guard: FaithfulnessGuard
) -> None:
    def reply(req: dict[str, Any]) -> tuple[int, Any]:
        answer = _good_answer(req)
        beams = _cite(req, "inspectors found cracks in two support beams")
        days = _cite(req, "stay closed for at least 45 days")
        answer["context"] = [
            {"text": "The Biden administration appears interested in leveraging moments like "
                     "these to further stabilize Belarus.", "cites": [beams]},
            {"text": "The bridge will stay closed for at least 90 days.", "cites": [days]},
            {"text": "Governor Kathy Hochul ordered the Harbor Bridge closed.", "cites": [beams]},
            {"text": "\u201cWe must understand that the situation is in flux,\u201d said a "
                     "seasoned diplomat.", "cites": [beams]},
        ]  # fmt: skip
        return 200, _completion(answer)

    fake_chat.reply = reply
    brief = guard.filter_brief(_synth(fake_chat).brief(story_input))
    sections = brief.sections_json()
    assert "context" not in sections  # every planted sentence dropped, section omitted
    reasons = [(d["text"].split()[1], d["reason"]) for d in brief.stats["dropped"]]
    assert reasons == [
        ("Biden", "entity"),
        ("bridge", "number"),
        ("Kathy", "entity"),
        ("must", "quote"),
    ]
    assert sections["story"][0]["text"].startswith("The Harbor Bridge closed")


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (lambda req: (200, _completion("{\"headline\": [oops")), "invalid_json"),
        (lambda req: (200, _completion("I'm sorry, but I can't help with that request.")),
         "refusal"),
        (lambda req: (200, {"choices": [{"finish_reason": "stop", "message": {
            "role": "assistant", "content": None, "refusal": "I can't assist."}}]}), "refusal"),
        (lambda req: (503, {"error": "overloaded"}), "http_503"),
    ],
    ids=["invalid-json", "refusal-text", "refusal-field", "server-error"],
)  # fmt: skip
def test_failed_answer_falls_back_to_extractive_for_every_section(
    fake_chat: FakeChat, story_input: StoryInput, reply: Reply, reason: str
) -> None:
    fake_chat.reply = reply
    brief = _synth(fake_chat).brief(story_input)
    assert {f["section"] for f in brief.stats["fallbacks"]} == set(LLM_SECTIONS)
    assert {f["reason"] for f in brief.stats["fallbacks"]} == {reason}
    sections = brief.sections_json()
    assert sections["headline"][0]["text"] in {a.title for a in story_input.articles}
    assert len(sections["summary"]) == 3


def test_timeout_falls_back_to_extractive_and_is_recorded(
    fake_chat: FakeChat, story_input: StoryInput
) -> None:
    fake_chat.delay = 1.5
    fake_chat.reply = lambda req: (200, _completion(_good_answer(req)))
    brief = _synth(fake_chat, timeout=0.3).brief(story_input)
    assert {f["reason"] for f in brief.stats["fallbacks"]} == {"timeout"}
    assert "summary" in brief.sections_json()


def test_section_citing_a_number_that_was_never_given_falls_back_alone(
    fake_chat: FakeChat, story_input: StoryInput
) -> None:
    def reply(req: dict[str, Any]) -> tuple[int, Any]:
        answer = _good_answer(req)
        answer["summary"] = [{"heading": "Cost", "text": "Repairs cost $12 million.",
                              "cites": [len(_numbered(req)) + 5]}]  # fmt: skip
        return 200, _completion(answer)

    fake_chat.reply = reply
    brief = _synth(fake_chat).brief(story_input)
    assert brief.stats["fallbacks"] == [{"section": "summary", "reason": "bad_citation"}]
    summary = brief.sections_json()["summary"]
    assert len(summary) == 3  # the extractive summary took its place
    assert brief.sections_json()["story"][0]["text"].startswith("The Harbor Bridge closed")


def test_key_points_citing_another_sides_source_fall_back(
    fake_chat: FakeChat, story_input: StoryInput
) -> None:
    def reply(req: dict[str, Any]) -> tuple[int, Any]:
        answer = _good_answer(req)
        wasteful = _cite(req, "wasteful spending")  # a right-leaning outlet's sentence
        answer["key_points_left"] = [{"text": "The city is wasteful.", "cites": [wasteful]}]
        return 200, _completion(answer)

    fake_chat.reply = reply
    brief = _synth(fake_chat).brief(story_input)
    assert {"section": "key_points_left", "reason": "wrong_side"} in brief.stats["fallbacks"]


def test_llm_synthesizer_without_endpoint_says_what_to_set(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="NEWSPRISM_LLM_URL"):
        LLMSynthesizer.from_settings(settings)
