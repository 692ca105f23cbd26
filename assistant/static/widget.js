/* 公报问答 embeddable widget. Dependency-free; lives in a Shadow DOM so it neither breaks
 * nor restyles the host page. All text is inserted with textContent: nothing from a
 * question or a document is ever interpreted as HTML.
 * Usage: <script src="https://HOST/widget.js" data-title="公报问答" async></script> */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__gazetteWidgetLoaded) return;
  window.__gazetteWidgetLoaded = true;
  var base = new URL(script.src, location.href).origin;
  var title = script.getAttribute("data-title") || "公报问答";
  var history = [];

  var host = document.createElement("div");
  host.setAttribute("data-gazette-widget", "");
  var root = host.attachShadow({ mode: "open" });
  var style = document.createElement("style");
  style.textContent = [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif}",
    ".fab{position:fixed;right:20px;bottom:20px;z-index:2147483000;background:#b3261e;color:#fff;border:0;border-radius:28px;padding:12px 18px;font-size:15px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}",
    ".panel{position:fixed;right:20px;bottom:80px;z-index:2147483000;width:380px;max-width:calc(100vw - 24px);height:520px;max-height:calc(100vh - 100px);background:#fff;border:1px solid #ccd3dc;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:none;flex-direction:column;overflow:hidden}",
    ".panel.open{display:flex}",
    ".head{background:#b3261e;color:#fff;padding:10px 14px;font-size:15px;display:flex;justify-content:space-between;align-items:center}",
    ".head button{background:none;border:0;color:#fff;font-size:18px;cursor:pointer}",
    ".log{flex:1;overflow-y:auto;padding:10px;font-size:14px;line-height:1.6;color:#222}",
    ".q{background:#eef3fa;border-radius:8px;padding:6px 10px;margin:8px 0 4px auto;max-width:90%;width:fit-content;white-space:pre-wrap;word-break:break-all}",
    ".a{background:#f7f7f7;border-radius:8px;padding:6px 10px;margin:4px 0;white-space:pre-wrap;word-break:break-all}",
    ".cites{margin:2px 0 8px}",
    ".choice{display:block;margin:4px 0;padding:4px 8px;border:1px solid #b3261e;border-radius:6px;background:#fff;color:#b3261e;cursor:pointer;text-align:left;font-size:13px}",
    ".cite{display:block;color:#1f4e8c;font-size:13px;margin:2px 0;cursor:pointer;text-decoration:underline}",
    ".quote{display:none;font-size:12px;color:#444;border-left:3px solid #b3261e;padding-left:8px;margin:2px 0 6px}",
    ".quote.show{display:block}",
    ".row{display:flex;border-top:1px solid #e3e7ec;padding:8px;gap:6px}",
    ".row input{flex:1;padding:8px;border:1px solid #ccd3dc;border-radius:6px;font-size:14px}",
    ".row button{background:#b3261e;color:#fff;border:0;border-radius:6px;padding:0 14px;font-size:14px;cursor:pointer}",
    ".err{color:#b3261e}",
    "@media (max-width:480px){.panel{right:6px;left:6px;width:auto;bottom:70px;height:calc(100vh - 90px)}}"
  ].join("\n");
  root.appendChild(style);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var fab = el("button", "fab", title);
  fab.setAttribute("aria-label", title);
  var panel = el("div", "panel");
  panel.setAttribute("role", "dialog");
  var head = el("div", "head");
  head.appendChild(el("span", "", title + " · 朔州市人民政府公报"));
  var close = el("button", "", "×");
  close.setAttribute("aria-label", "关闭");
  head.appendChild(close);
  var log = el("div", "log");
  log.appendChild(el("div", "a", "您好！请输入关于市政府公报的问题，回答会注明文号和页码。"));
  var row = el("form", "row");
  var input = el("input");
  input.maxLength = 500;
  input.placeholder = "例如：导游证核发现在归哪个部门";
  var send = el("button", "", "提问");
  send.type = "submit";
  row.appendChild(input);
  row.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(row);
  root.appendChild(fab);
  root.appendChild(panel);

  fab.addEventListener("click", function () { panel.classList.toggle("open"); if (panel.classList.contains("open")) input.focus(); });
  close.addEventListener("click", function () { panel.classList.remove("open"); });

  function showCitations(box, answer) {
    (answer.citations || []).forEach(function (c) {
      var link = el("a", "cite", "[" + c.n + "] " + c.doc_number + " · " + (c.page ? "第" + c.page + "页" : "页码未知"));
      link.title = c.title;
      var quote = el("div", "quote", c.title + (c.section ? "｜" + c.section : "") + "\n「" + c.quote + "」");
      link.addEventListener("click", function () { quote.classList.toggle("show"); });
      box.appendChild(link);
      box.appendChild(quote);
    });
  }

  // A question back (「您问的是哪一个」): each choice is a whole question, asked on click.
  function showChoices(box, answer) {
    (answer.choices || []).forEach(function (choice) {
      var b = el("button", "choice", choice);
      b.type = "button";
      b.addEventListener("click", function () { if (!send.disabled) ask(choice); });
      box.appendChild(b);
    });
  }

  function ask(question) {
    log.appendChild(el("div", "q", question));
    var out = el("div", "a", "…");
    var cites = el("div", "cites");
    log.appendChild(out);
    log.appendChild(cites);
    log.scrollTop = log.scrollHeight;
    send.disabled = true;
    var text = "";
    fetch(base + "/api/v1/ask/stream", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: question, history: history.slice(-3) })
    }).then(function (resp) {
      if (!resp.ok) {
        return resp.json().then(function (j) { throw new Error(j.error || ("HTTP " + resp.status)); },
                                function () { throw new Error("HTTP " + resp.status); });
      }
      var reader = resp.body.getReader();
      var decoder = new TextDecoder();
      var buffer = "";
      function handle(block) {
        var data = block.split("\n").filter(function (l) { return l.indexOf("data:") === 0; })
          .map(function (l) { return l.slice(5).trim(); }).join("");
        if (!data) return;
        var ev = JSON.parse(data);
        if (ev.type === "reset") { text = ""; }
        else if (ev.type === "delta") { text += ev.text; out.textContent = text; }
        else if (ev.type === "answer") {
          out.textContent = (ev.answer.notice ? "（" + ev.answer.notice + "）\n" : "") + ev.answer.answer;
          showCitations(cites, ev.answer);
          showChoices(cites, ev.answer);
          history.push({
            question: question, answer: ev.answer.answer.slice(0, 4000),
            cited: (ev.answer.citations || []).map(function (c) { return c.doc_number; }),
            rewritten: ev.answer.rewritten_question || null
          });
        } else if (ev.type === "error") { out.textContent = ev.message; out.classList.add("err"); }
        log.scrollTop = log.scrollHeight;
      }
      function pump() {
        return reader.read().then(function (r) {
          if (r.done) { if (buffer.trim()) handle(buffer); return; }
          buffer += decoder.decode(r.value, { stream: true });
          var parts = buffer.split("\n\n");
          buffer = parts.pop();
          parts.forEach(handle);
          return pump();
        });
      }
      return pump();
    }).catch(function (e) {
      out.textContent = "抱歉，暂时无法回答：" + e.message;
      out.classList.add("err");
    }).then(function () { send.disabled = false; });
  }

  row.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value.trim();
    if (!q) return;
    input.value = "";
    ask(q);
  });

  function mount() { document.body.appendChild(host); }
  if (document.body) mount(); else document.addEventListener("DOMContentLoaded", mount);
})();
