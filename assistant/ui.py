"""The Gradio chat page. It calls the same ``AskService`` as the API; it only renders."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import gradio as gr

from assistant.chat_html import answer_html
from assistant.conversation import Turn
from assistant.errors import UserError
from assistant.feedback import FeedbackStore
from assistant.guards import RateLimiter
from assistant.service import AskService, FilterSpec
from corpus.profile import GazetteProfile

ALL = "全部"

# LINK_COLOUR and ACCENT_COLOUR stand for the profile's colours (``_coloured`` writes them in).
CSS = """
footer {display:none !important}
#chat .answer p {margin:0 0 6px}
#chat .answer ul {margin:2px 0 6px 1.2em;padding:0}
#chat .answer .basis {color:#555;margin-top:6px}
#chat .answer a.cite {color:LINK_COLOUR;text-decoration:none;font-weight:600}
#chat .conf-label {font-weight:600;margin-bottom:4px}
#chat .conf-low {border-left:4px solid #d08a00;padding-left:8px}
#chat .conf-low .conf-label {color:#9a6700}
#chat .conf-none {border-left:4px solid #8a8f98;padding-left:8px;color:#333}
#chat .conf-none .conf-label {color:#555}
.source-card {border:1px solid #d6dde6;border-radius:8px;padding:6px 10px;margin:6px 0;background:#fafcff}
.source-card:target {outline:2px solid ACCENT_COLOUR}
.source-card summary {cursor:pointer;font-weight:600;color:LINK_COLOUR}
.source-card .meta {color:#555;font-size:0.9em;margin:4px 0}
.source-card .estimated {color:#9a6700;font-weight:400}
.source-card .ocr-note {color:#9a6700;font-size:0.9em;margin:4px 0}
.source-card a.view-source {font-size:0.9em;color:LINK_COLOUR}
.source-card blockquote {margin:6px 0;padding-left:10px;border-left:3px solid ACCENT_COLOUR;color:#222}
.site-footer {color:#666;font-size:0.85em;text-align:center;margin-top:8px}
"""
HIGHLIGHT_JS = """
() => {
  // 「[n]」 jumps to its card inside the scrolling chat and marks it for a moment.
  document.addEventListener('click', (e) => {
    const link = e.target.closest && e.target.closest('a.cite');
    if (!link) return;
    const card = document.getElementById(link.getAttribute('href').slice(1));
    if (!card) return;
    e.preventDefault();
    card.open = true;
    card.scrollIntoView({block: 'nearest'});
    card.style.outline = '2px solid ACCENT_COLOUR';
    setTimeout(() => { card.style.outline = ''; }, 1600);
  });
}
"""
FAVICON = Path(__file__).resolve().parent / "static" / "favicon.svg"


def _coloured(text: str, profile: GazetteProfile) -> str:
    """``text`` with the profile's colours in place of LINK_COLOUR and ACCENT_COLOUR (checked hex colours)."""
    return text.replace("LINK_COLOUR", profile.colours.link).replace("ACCENT_COLOUR", profile.colours.accent)


def mount_ui(app, service: AskService, feedback: FeedbackStore):
    """The chat page at / of ``app``, with the service's title, favicon and no Gradio footer. It
    answers from the app's current service (an admin ingest replaces it) and counts questions in
    the app's rate limit, as the API does."""
    # An LLM's answer comes word by word through Gradio's queue; an extractive one is whole at
    # once and goes without it, so that any worker process may take each question.
    ui = build_ui(service, feedback, current=lambda: app.state.service or service, limiter=app.state.limiter,
                  streaming=service.settings.answer_mode == "llm")
    return gr.mount_gradio_app(app, ui, path="/", footer_links=[], css=_coloured(CSS, service.profile),
                               js=_coloured(HIGHLIGHT_JS, service.profile), favicon_path=str(FAVICON))


def build_ui(service: AskService, feedback: FeedbackStore, current: Callable[[], AskService] | None = None,
             limiter: RateLimiter | None = None, streaming: bool = False) -> gr.Blocks:
    """The chat page's Blocks. The conversation (the answers shown, with their cited 文号) lives in
    the page, not in the server process, and without ``streaming`` no event uses Gradio's queue:
    each question is one request, which any of several worker processes can answer (a queued
    event's stream must reach the process that took it)."""
    issues = "、".join(i["label"] for i in service.index.manifest.issues)
    doc_choices = [ALL] + [f"{d.doc_number} {d.title}" for d in service.documents()]
    issuers = [ALL] + sorted({d.issuer for d in service.documents() if d.issuer})
    answering_service = current or (lambda: service)
    profile = service.profile

    with gr.Blocks(title=profile.title, analytics_enabled=False) as ui:
        gr.Markdown(f"## {html.escape(profile.title)}\n根据已收录的 **{html.escape(issues)}** 回答问题，"
                    "每条回答注明文号和页码；公报中没有的内容会如实说明。")
        # A fixed-height chat with each answer's sources inside it: the question box stays in view.
        chat = gr.Chatbot(label="对话", height="52vh", elem_id="chat", sanitize_html=False,
                          feedback_options=("Like", "Dislike"), placeholder="请在下方输入问题，或点选示例问题。")
        with gr.Row():
            box = gr.Textbox(placeholder=f"请输入问题，例如：{profile.examples[0]}", show_label=False,
                             scale=5, elem_id="question", max_length=service.settings.max_question_chars)
            send = gr.Button("提问", variant="primary", scale=1, elem_id="send")
        gr.Examples(profile.examples, inputs=box, label="示例问题")
        with gr.Accordion("筛选（可选）", open=False):
            with gr.Row():
                doc_filter = gr.Dropdown(doc_choices, value=ALL, label="限定文件", scale=3)
                issuer_filter = gr.Dropdown(issuers, value=ALL, label="限定发文机关", scale=2)
                issue_filter = gr.Dropdown(issue_choices(service), value=ALL, label="限定期次", scale=2,
                                           elem_id="issue-filter")
        with gr.Row():
            clear = gr.Button("清空对话", elem_id="clear")
        with gr.Accordion("对最近一条回答的意见（可选）", open=False):
            comment = gr.Textbox(label="意见", lines=2, elem_id="comment")
            comment_send = gr.Button("提交意见", elem_id="comment-send")
            comment_status = gr.Markdown()
        gr.HTML("<div class='site-footer'>回答均摘自公报原文并注明文号、页码；如有出入，以公报正式文本为准。"
                "每条回答下方可点 👍 / 👎 评价。</div>")
        answers = gr.JSON(value=[], visible=False)  # in the page: sent with every question

        def respond(message, history, doc_choice, issuer_choice, issue_choice, past, request: gr.Request):
            message = (message or "").strip()
            history = history or []
            if not message:
                yield history, "", past
                return
            wait = limiter.check(request.client.host if request and request.client else "?") if limiter else 0
            if wait:
                shown = history + [{"role": "user", "content": html.escape(message)},
                                   {"role": "assistant", "content": f"提问过于频繁，请 {wait} 秒后再试。"}]
                yield shown, message, past
                return
            answering = answering_service()
            # what the page sent back: kept only where it has the shape the page was given
            turns = [Turn.from_answer(a["question"], a) for a in past if _kept_shape(a)][-5:]
            filters = FilterSpec(doc_number=None if doc_choice == ALL else doc_choice.split(" ")[0],
                                 issuer=None if issuer_choice == ALL else issuer_choice,
                                 issue=issue_id(answering, issue_choice))
            shown = history + [{"role": "user", "content": html.escape(message)}, {"role": "assistant", "content": ""}]
            text = ""
            try:
                for event in answering.stream(message, turns, filters):
                    if event["type"] == "reset":
                        text = ""
                    elif event["type"] == "delta":
                        text += event["text"]
                        shown[-1] = {"role": "assistant", "content": html.escape(text)}
                        yield shown, "", past
                    elif event["type"] == "answer":
                        answer = event["answer"]
                        shown[-1] = {"role": "assistant", "content": answer_html(answer, str(len(past) + 1))}
                        yield shown, "", past + [_kept(answer)]
            except UserError as exc:  # a question too long, the Chroma server away, …
                shown[-1] = {"role": "assistant", "content": html.escape(exc.public)}
                yield shown, "", past + [{"question": message, "answer": exc.public, "citations": []}]

        def like(data: gr.LikeData, past):
            idx = (data.index[0] if isinstance(data.index, (list, tuple)) else data.index) // 2
            if 0 <= idx < len(past) and _kept_shape(past[idx]):
                a = past[idx]
                feedback.add(a["question"], a["answer"], a.get("citations", []), "up" if data.liked else "down")

        def send_comment(text, past):
            if not past or not (text or "").strip() or not _kept_shape(past[-1]):
                return "请先提问并填写意见。", text
            a = past[-1]
            feedback.add(a["question"], a["answer"], a.get("citations", []), "down", text.strip())
            return "感谢您的意见，已记录。", ""

        def respond_whole(message, history, doc_choice, issuer_choice, issue_choice, past, request: gr.Request):
            """The last of ``respond``'s updates: the whole answer in one response."""
            *_, last = respond(message, history, doc_choice, issuer_choice, issue_choice, past, request)
            return last

        inputs = [box, chat, doc_filter, issuer_filter, issue_filter, answers]
        outputs = [chat, box, answers]
        answer_event = respond if streaming else respond_whole  # queued only to stream (see the docstring)
        box.submit(answer_event, inputs, outputs, queue=streaming)
        send.click(answer_event, inputs, outputs, queue=streaming)
        clear.click(lambda: ([], []), None, [chat, answers], queue=streaming)
        chat.like(like, [answers], None, queue=streaming)
        comment_send.click(send_comment, [comment, answers], [comment_status, comment], queue=streaming)
        # The issues as they are when the page opens: an admin upload adds one without a restart.
        ui.load(lambda: gr.update(choices=issue_choices(answering_service())), None, [issue_filter], queue=streaming)
    return ui


def _kept(answer: dict) -> dict:
    """What the page keeps of an answer for the conversation and the feedback buttons: the
    question, the text and each citation's 文号, page and quote (not the retrieved passages)."""
    return {"question": answer.get("question", ""), "answer": answer.get("answer", ""),
            "rewritten_question": answer.get("rewritten_question"),
            "citations": [{"doc_number": c.get("doc_number", ""), "page": c.get("page"), "quote": c.get("quote", "")}
                          for c in answer.get("citations") or [] if isinstance(c, dict)]}


def _kept_shape(item: object) -> bool:
    """Whether an entry the page sent back has the shape ``_kept`` gives (the page is the client's)."""
    return (isinstance(item, dict) and isinstance(item.get("question"), str) and isinstance(item.get("answer"), str)
            and isinstance(item.get("citations"), list)
            and all(isinstance(c, dict) and isinstance(c.get("doc_number"), str) for c in item["citations"]))


def issue_choices(service: AskService) -> list[str]:
    """The issue filter's choices: 全部, then each indexed issue's label (GET /api/v1/issues)."""
    return [ALL] + [i["label"] for i in service.issues()]


def issue_id(service: AskService, label: str | None) -> str | None:
    """The ``issue`` filter value of a chosen label (None: all issues, or one no longer indexed)."""
    return next((i["issue_id"] for i in service.issues() if i["label"] == label), None)
