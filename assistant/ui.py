"""The Gradio chat page. It calls the same ``AskService`` as the API; it only renders."""

from __future__ import annotations

import html

import gradio as gr

from assistant.conversation import Turn
from assistant.feedback import FeedbackStore
from assistant.service import AskService, FilterSpec, QuestionError


EXAMPLES = [
    "谁负责地下水压采的技术指导和监督",
    "导游证核发现在归哪个部门",
    "应县的地下水压减目标是多少",
    "应县至繁峙高速公路项目建设工作专班组长是谁",
    "朔政办发〔2022〕27号是什么文件",
]
ALL = "全部"

CSS = """
.source-card {border:1px solid #d6dde6;border-radius:8px;padding:8px 12px;margin:6px 0;background:#fafcff}
.source-card summary {cursor:pointer;font-weight:600;color:#1f4e8c}
.source-card .meta {color:#555;font-size:0.9em;margin:4px 0}
.source-card blockquote {margin:6px 0;padding-left:10px;border-left:3px solid #c0392b;color:#222}
"""


def render_sources(answer: dict) -> str:
    """Citation cards (HTML, every value escaped)."""
    if answer.get("refused"):
        related = answer.get("related") or []
        if not related:
            return ""
        items = "".join(f"<li>{html.escape(r['title'])}（{html.escape(r['doc_number'])}）</li>" for r in related)
        return f"<div class='source-card'><b>可能相关的文件</b><ul>{items}</ul></div>"
    cards = []
    for c in answer.get("citations", []):
        page = f"第{c['page']}页" if c.get("page") else "页码未知"
        cards.append(
            "<details class='source-card' open>"
            f"<summary>[{c['n']}] {html.escape(c['doc_number'])} · {page}</summary>"
            f"<div class='meta'>{html.escape(c['title'])}"
            + (f"<br>{html.escape(c['section'])}" if c.get("section") else "")
            + (f"<br>{html.escape(c['issuer'] or '')} {html.escape(c.get('date') or '')}" if c.get("issuer") else "")
            + f"</div><blockquote>{html.escape(c['quote'])}</blockquote></details>"
        )
    return "".join(cards)


def build_ui(service: AskService, feedback: FeedbackStore) -> gr.Blocks:
    issues = "、".join(i["label"] for i in service.index.manifest.issues)
    doc_choices = [ALL] + [f"{d['doc_number']} {d['title']}" for d in service.documents()]
    issuers = [ALL] + sorted({d["issuer"] for d in service.documents() if d.get("issuer")})

    with gr.Blocks(title="公报问答 · 朔州市人民政府公报", analytics_enabled=False) as ui:
        gr.HTML(f"<style>{CSS}</style>")
        gr.Markdown(f"## 公报问答 · 朔州市人民政府公报\n根据已收录的 **{html.escape(issues)}** 回答问题，"
                    "每条回答注明文号和页码；公报中没有的内容会如实说明。")
        with gr.Row():
            doc_filter = gr.Dropdown(doc_choices, value=ALL, label="限定文件", scale=3)
            issuer_filter = gr.Dropdown(issuers, value=ALL, label="限定发文机关", scale=2)
        chat = gr.Chatbot(label="对话", height=430, elem_id="chat")
        sources = gr.HTML(elem_id="sources")
        with gr.Row():
            box = gr.Textbox(placeholder="请输入问题，例如：谁负责地下水压采的技术指导和监督", show_label=False,
                             scale=5, elem_id="question", max_length=service.settings.max_question_chars)
            send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
        gr.Examples(EXAMPLES, inputs=box, label="示例问题")
        with gr.Row():
            clear = gr.Button("清空对话", elem_id="clear")
        with gr.Accordion("对回答的意见（可选）", open=False):
            comment = gr.Textbox(label="意见", lines=2)
            comment_send = gr.Button("提交意见")
            comment_status = gr.Markdown()
        answers = gr.State([])

        def respond(message, history, doc_choice, issuer_choice, past):
            message = (message or "").strip()
            history = history or []
            if not message:
                yield history, gr.update(), "", past
                return
            # The visible conversation, from the stored answer objects (the chat shows escaped text).
            turns = [Turn.from_answer(a["question"], a) for a in past][-5:]
            filters = FilterSpec(doc_number=None if doc_choice == ALL else doc_choice.split(" ")[0],
                                 issuer=None if issuer_choice == ALL else issuer_choice)
            shown = history + [{"role": "user", "content": html.escape(message)}, {"role": "assistant", "content": ""}]
            text = ""
            try:
                for event in service.stream(message, turns, filters):
                    if event["type"] == "reset":
                        text = ""
                    elif event["type"] == "delta":
                        text += event["text"]
                        shown[-1] = {"role": "assistant", "content": html.escape(text)}
                        yield shown, gr.update(), "", past
                    elif event["type"] == "answer":
                        answer = event["answer"]
                        body = html.escape(answer["answer"])
                        if answer.get("notice"):
                            body = f"（{html.escape(answer['notice'])}）\n\n{body}"
                        shown[-1] = {"role": "assistant", "content": body}
                        yield shown, render_sources(answer), "", past + [answer]
            except QuestionError as exc:
                shown[-1] = {"role": "assistant", "content": html.escape(str(exc))}
                yield shown, "", "", past + [{"question": message, "answer": str(exc), "citations": []}]

        def like(data: gr.LikeData, past):
            idx = (data.index[0] if isinstance(data.index, (list, tuple)) else data.index) // 2
            if 0 <= idx < len(past):
                a = past[idx]
                feedback.add(a["question"], a["answer"], a.get("citations", []), "up" if data.liked else "down")

        def send_comment(text, past):
            if not past or not (text or "").strip():
                return "请先提问并填写意见。", text
            a = past[-1]
            feedback.add(a["question"], a["answer"], a.get("citations", []), "down", text.strip())
            return "感谢您的意见，已记录。", ""

        inputs = [box, chat, doc_filter, issuer_filter, answers]
        outputs = [chat, sources, box, answers]
        box.submit(respond, inputs, outputs)
        send.click(respond, inputs, outputs)
        clear.click(lambda: ([], "", []), None, [chat, sources, answers])
        chat.like(like, [answers], None)
        comment_send.click(send_comment, [comment, answers], [comment_status, comment])
    return ui

