"""The OpenAI-compatible endpoint, with the official ``openai`` client over real HTTP."""

import httpx
import openai
import pytest

from assistant.api import create_app
from assistant.openai_compat import MODEL_ID
from tests.conftest import ServerThread

Q = "谁负责地下水压采的技术指导和监督"


def client(url: str, key: str = "unused") -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{url}/v1", api_key=key, max_retries=0, timeout=60)


def test_a_cited_answer_unstreamed(server):
    reply = client(server.url).chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": Q}])
    text = reply.choices[0].message.content
    assert text.startswith("市水利局") and "\n\n出处：\n[1] 朔政办发〔2022〕27号" in text and "第125页" in text
    answer = reply.model_extra["gazette"]
    assert answer["citations"][0]["doc_number"] == "朔政办发〔2022〕27号" and answer["citations"][0]["page"] == 125
    assert reply.choices[0].finish_reason == "stop"


def test_a_cited_answer_streamed_with_the_earlier_turns(server):
    api = client(server.url)
    first = api.chat.completions.create(model=MODEL_ID,
                                        messages=[{"role": "user", "content": "导游证核发现在归哪个部门"}])
    stream = api.chat.completions.create(model=MODEL_ID, stream=True, messages=[
        {"role": "system", "content": "你是公报助手"},
        {"role": "user", "content": "导游证核发现在归哪个部门"},
        {"role": "assistant", "content": first.choices[0].message.content},
        {"role": "user", "content": [{"type": "text", "text": "这个文件是哪天印发的"}]}])
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    # 「这个文件」 is the document the earlier reply's 出处 cited.
    assert "2022年8月9日" in text and "朔政发〔2022〕20号" in text
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["gazette"]["followup_kind"] == "document"


def test_models_and_a_question_too_long_answered_in_the_chat(server):
    assert [m.id for m in client(server.url).models.list()] == [MODEL_ID]
    reply = client(server.url).chat.completions.create(model=MODEL_ID,
                                                       messages=[{"role": "user", "content": "地" * 600}])
    assert "问题太长" in reply.choices[0].message.content


def test_keys_when_configured(settings, service):
    keyed = settings.model_copy(update={"api_keys": ["k-123"]})
    with ServerThread(create_app(keyed, service=service, with_ui=False)) as srv:
        with pytest.raises(openai.AuthenticationError):
            client(srv.url, "wrong").chat.completions.create(model=MODEL_ID, messages=[{"role": "user", "content": Q}])
        r = httpx.get(f"{srv.url}/v1/models")
        assert r.status_code == 401 and r.json()["error"]["type"] == "authentication_error"
        reply = client(srv.url, "k-123").chat.completions.create(model=MODEL_ID,
                                                                 messages=[{"role": "user", "content": Q}])
        assert "朔政办发〔2022〕27号" in reply.choices[0].message.content
        # The widget's API stays keyless: it is gated by the host page's origin.
        assert httpx.post(f"{srv.url}/api/v1/ask", json={"question": Q}, timeout=30).status_code == 200
