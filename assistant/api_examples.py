"""The examples of the API document, from the gazette profile.

The request and response models are module-level classes, the same for every gazette, so
their examples and the examples in their descriptions are written as placeholders
(``placeholder("doc_number")``). ``fill_examples`` puts the profile's examples in their place
when the app builds its OpenAPI document: a real answer of that gazette, a follow-up question,
a 文号, an issuer and an issue of it. A profile names its examples in a JSON file beside its
TOML file (``api_examples``); a profile without one gets examples made of its example
questions, city and gazette name.
"""

from __future__ import annotations

import copy
import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.answer import Answer
from assistant.errors import ProfileError
from corpus.profile import GazetteProfile
from corpus.profile import example_placeholder as placeholder


class FollowUp(BaseModel):
    """A follow-up question with the earlier turn it follows (the body of ``/ask``)."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(..., min_length=1)
    history: list[dict[str, Any]] = Field(default_factory=list)


class ApiExamples(BaseModel):
    """The profile's file of API examples (``api_examples``)."""

    model_config = ConfigDict(extra="forbid")

    answer: dict[str, Any] = Field(..., description="A real answer object of the gazette (trimmed), with at least "
                                                    "one citation: its 文号, issuer and issue are the examples of "
                                                    "those fields.")
    follow_up: FollowUp = Field(..., description="A follow-up question with the earlier turn (a /ask body).")
    unknown_doc_number: str = Field(..., min_length=2, description="A 文号 that is not in the gazette (the 404 "
                                                                   "example).")

    def citation(self, key: str) -> str:
        """``key`` of the answer's first citation."""
        return str(self.answer["citations"][0].get(key) or "")


def load_api_examples(profile: GazetteProfile) -> ApiExamples:
    """The profile's API examples, read from its file (``ProfileError`` naming the file and the
    problem), or made of its example questions when it names none."""
    path = profile.api_examples_path()
    if path is None:
        return _made_up(profile)
    try:
        examples = ApiExamples.model_validate(json.loads(path.read_text("utf-8")))
        if not Answer.model_validate(examples.answer).citations:
            raise ValueError("answer 须至少有一条引用（citations）")
    except FileNotFoundError:
        raise ProfileError(f"找不到公报配置所指的 API 示例文件 {path}") from None
    except (json.JSONDecodeError, ValidationError, ValueError) as exc:
        raise ProfileError(f"API 示例文件 {path} 无效：{exc}") from None
    return examples


def _made_up(profile: GazetteProfile) -> ApiExamples:
    # No real answer to show: the first example question, an answer that says what goes where.
    question = profile.examples[0]
    answer = Answer(question=question, answer="（回答正文，每句注明出处）[1]。").model_dump(mode="json")
    answer["citations"] = [{"n": 1, "doc_number": "X政办发〔2022〕1号", "title": "（文件标题）",
                            "issuer": f"{profile.city}人民政府办公室", "page": 1, "quote": "（公报原文）",
                            "issue": f"{profile.gazette}2022年第1期"}]
    turn = {"question": question, "answer": answer["answer"], "cited": ["X政办发〔2022〕1号"]}
    return ApiExamples(answer=answer, follow_up=FollowUp(question="那这个文件是什么时候印发的？", history=[turn]),
                       unknown_doc_number="X政发〔2021〕1号")


def example_values(examples: ApiExamples) -> dict[str, Any]:
    """Each placeholder and what takes its place."""
    values: dict[str, Any] = {
        "question": str(examples.answer["question"]),
        "answer_lead": str(examples.answer["answer"])[:6],
        # FastAPI leaves null values out of the document it writes; the example does the same.
        "answer": _without_nulls(examples.answer),
        "follow_up": examples.follow_up.model_dump(exclude_defaults=True),
        "doc_number": examples.citation("doc_number"),
        "issuer": examples.citation("issuer"),
        "issue_label": examples.citation("issue"),
        "unknown_doc_number": examples.unknown_doc_number,
    }
    return {placeholder(name): value for name, value in values.items()}


def _without_nulls(node: Any) -> Any:
    if isinstance(node, dict):
        return {key: _without_nulls(value) for key, value in node.items() if value is not None}
    if isinstance(node, list):
        return [_without_nulls(item) for item in node]
    return node


def fill_examples(node: Any, values: dict[str, Any]) -> Any:
    """``node`` (an OpenAPI document, or any part of it) with the placeholders replaced: a string
    that is one placeholder becomes its value (an object too), one that holds some gets them
    written in."""
    if isinstance(node, dict):
        return {key: fill_examples(value, values) for key, value in node.items()}
    if isinstance(node, list):
        return [fill_examples(item, values) for item in node]
    if not isinstance(node, str) or "«example:" not in node:
        return node
    if node in values:
        return copy.deepcopy(values[node])
    for token, value in values.items():
        if isinstance(value, str):
            node = node.replace(token, value)
    return node
