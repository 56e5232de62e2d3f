"""The LLM synthesizer: any OpenAI-compatible chat-completions endpoint writes the brief.

The model sees numbered source sentences and must answer with JSON in which every sentence
cites source numbers. Whatever it gets wrong falls back to the extractive synthesizer,
section by section, and is recorded in ``brief.stats["fallbacks"]``:

* the whole answer: ``timeout``, ``http_<status>``, ``connection``, ``refusal``,
  ``invalid_json``;
* one section: ``missing``, ``malformed``, ``bad_citation`` (a number that was not given),
  ``wrong_side`` (a Left/Center/Right key point citing another side's source).

Bias comparison and Sources are always built from the story analysis (framing terms and
verbatim quotes), never by the model. The faithfulness guard then checks every sentence.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

import httpx

from newsprism.config import Settings
from newsprism.errors import ConfigError
from newsprism.synth.brief import SECTION_NAMES, Brief, Sentence, StoryInput
from newsprism.synth.extractive import ExtractiveSynthesizer
from newsprism.synth.sources import SourceSentence

__all__ = ["LLM_SECTIONS", "LLMSynthesizer", "build_prompt"]

#: Sections the model writes; the others come from the analysis (see the module doc).
#: sections always written extractively (templates or exact spans), never asked of the model
EXTRACTIVE_ONLY = ("bias_comparison", "sources", "key_players", "international_reactions")
LLM_SECTIONS = tuple(n for n in SECTION_NAMES if n not in EXTRACTIVE_ONLY)
_HEADED = ("summary", "why_it_matters")

SYSTEM_PROMPT = """You write neutral news briefs from numbered source sentences by several \
outlets. Use only facts stated in the sources. Every sentence you write must cite the numbers \
of the source sentences that state its facts. Never invent names, numbers, dates or quotations; \
copy quotations verbatim. Answer with one JSON object and nothing else:
{"headline": {"text": str, "cites": [int]},
 "summary": [3 × {"heading": str, "text": str, "cites": [int]}],
 "story": [{"text": str, "cites": [int]}],
 "why_it_matters": [3 × {"heading": str, "text": str, "cites": [int]}],
 "context": [...], "diverging_views": [...], "global_impact": [...],
 "key_points_left": [...], "key_points_center": [...], "key_points_right": [...]}
Key points of a side cite only that side's sources. Leave a list empty when the sources do \
not support it."""

_REFUSAL = re.compile(r"^\s*(i'?m sorry|i am sorry|i can(?:'|no)t|i cannot|as an ai)", re.I)


def _pick_sources(sentences: list[SourceSentence], scores: Any, limit: int) -> list[SourceSentence]:
    """Pick the *limit* most central sentences, round-robin across sides for balance."""
    by_side: dict[str, list[SourceSentence]] = {}
    for s in sorted(sentences, key=lambda s: -float(scores[s.index])):
        by_side.setdefault(s.side, []).append(s)
    picked: list[SourceSentence] = []
    while len(picked) < limit and any(by_side.values()):
        for side in list(by_side):
            if by_side[side] and len(picked) < limit:
                picked.append(by_side[side].pop(0))
    return picked


def build_prompt(story: StoryInput, sources: list[SourceSentence]) -> list[dict[str, str]]:
    """Build the chat messages: instructions, then numbered sources with outlet and side."""
    lines = [f"Story: {story.title}", "", "Sources:"]
    for number, s in enumerate(sources, 1):
        lines.append(f"[{number}] ({s.outlet}; {s.side}) {s.text}")
    return [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": "\n".join(lines)},
    ]


class LLMSynthesizer:
    """Briefs from an OpenAI-compatible endpoint, with extractive fallback per section."""

    name = "llm"

    def __init__(
        self,
        url: str,
        model: str,
        *,
        api_key: str = "",
        timeout: float = 60.0,
        max_sources: int = 80,
        cost_per_1k_tokens: float = 0.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        if not url or not model:
            raise ConfigError(
                "The LLM synthesizer needs an endpoint and a model: set NEWSPRISM_LLM_URL "
                "(e.g. http://127.0.0.1:8080/v1) and NEWSPRISM_LLM_MODEL, or use "
                "NEWSPRISM_SYNTHESIZER=extractive."
            )
        self.url = url.rstrip("/") + "/chat/completions"
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.max_sources = max_sources
        self.cost_per_1k_tokens = cost_per_1k_tokens
        self.transport = transport
        self.extractive = ExtractiveSynthesizer()
        self.name = f"llm:{model}"[:40]

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMSynthesizer:
        """Build the synthesizer configured by ``llm_url``, ``llm_model``, ``llm_api_key``."""
        return cls(
            settings.llm_url,
            settings.llm_model,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout,
            max_sources=settings.llm_max_sources,
            cost_per_1k_tokens=settings.llm_cost_per_1k_tokens,
        )

    def brief(self, story: StoryInput) -> Brief:
        """Ask the model; every failed section is written by the extractive synthesizer."""
        started = time.perf_counter()
        pool = self.extractive.pool(story)
        sources = _pick_sources(pool.sentences, pool.scores, self.max_sources)
        stats: dict[str, Any] = {"model": self.model, "sources_sent": len(sources), "tokens": 0,
                                 "cost": 0.0, "fallbacks": []}  # fmt: skip
        sections: dict[str, list[Sentence]] = {}
        failed: dict[str, str] = {}
        answer, problem = self._ask(build_prompt(story, sources), stats) if sources else (
            None, "no_sources")  # fmt: skip
        if answer is None:
            failed = dict.fromkeys(LLM_SECTIONS, problem or "invalid_json")
        else:
            for name in LLM_SECTIONS:
                parsed, why = _parse_section(name, answer.get(name), sources)
                if why is not None:
                    failed[name] = why
                elif parsed:
                    sections[name] = parsed
        fallback_names = [*failed, *EXTRACTIVE_ONLY]
        extractive = self.extractive.brief_sections(story, fallback_names)
        for name, sentences in extractive.sections.items():
            sections[name] = sentences
        stats["fallbacks"] = [{"section": k, "reason": v} for k, v in failed.items()]
        stats["llm_seconds"] = stats.get("llm_seconds", 0.0)
        stats["seconds"] = round(time.perf_counter() - started, 3)
        stats["cost"] = round(stats["tokens"] / 1000 * self.cost_per_1k_tokens, 6)
        return Brief(story.story_id, sections, self.name, stats)

    def _ask(
        self, messages: list[dict[str, str]], stats: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, str | None]:
        """POST the chat request; return the parsed JSON object, or None and why not."""
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        body = {"model": self.model, "messages": messages, "temperature": 0,
                "response_format": {"type": "json_object"}}  # fmt: skip
        started = time.perf_counter()
        try:
            with httpx.Client(timeout=self.timeout, transport=self.transport) as client:
                response = client.post(self.url, json=body, headers=headers)
        except httpx.TimeoutException:
            return None, "timeout"
        except httpx.HTTPError:
            return None, "connection"
        finally:
            stats["llm_seconds"] = round(time.perf_counter() - started, 3)
        if response.status_code != 200:
            return None, f"http_{response.status_code}"
        try:
            payload = response.json()
            choice = payload["choices"][0]
            message = choice["message"]
        except (ValueError, KeyError, IndexError, TypeError):
            return None, "invalid_json"
        usage = payload.get("usage") or {}
        stats["tokens"] = int(usage.get("total_tokens") or 0)
        stats["prompt_tokens"] = int(usage.get("prompt_tokens") or 0)
        stats["completion_tokens"] = int(usage.get("completion_tokens") or 0)
        content = message.get("content") or ""
        if message.get("refusal") or choice.get("finish_reason") == "content_filter":
            return None, "refusal"
        if _REFUSAL.match(content):
            return None, "refusal"
        content = re.sub(r"^```(?:json)?\s*|\s*```\s*$", "", content.strip())
        try:
            answer = json.loads(content)
        except ValueError:
            return None, "invalid_json"
        if not isinstance(answer, dict):
            return None, "invalid_json"
        return answer, None


def _parse_section(
    name: str, raw: Any, sources: list[SourceSentence]
) -> tuple[list[Sentence], str | None]:
    """Parse one section: its sentences with citations resolved, or the reason to fall back."""
    if raw is None:
        return [], "missing"
    items = [raw] if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        return [], "malformed"
    side = name.removeprefix("key_points_") if name.startswith("key_points_") else None
    out: list[Sentence] = []
    for k, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            return [], "malformed"
        cites = item.get("cites", item.get("citations", []))
        if not isinstance(cites, list) or not all(isinstance(c, int) for c in cites):
            return [], "malformed"
        if any(c < 1 or c > len(sources) for c in cites):
            return [], "bad_citation"
        cited = [sources[c - 1] for c in dict.fromkeys(cites)]
        if side is not None and any(s.side != side for s in cited):
            return [], "wrong_side"
        heading = item.get("heading") if name in _HEADED else None
        out.append(
            Sentence(
                text=item["text"].strip(),
                citations=[s.citation() for s in cited],
                heading=str(heading).strip() if heading else None,
                paragraph=k // 3 if name == "story" else None,
                side=side,
                origin="llm",
            )
        )
    return out, None
