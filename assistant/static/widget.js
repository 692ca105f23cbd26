/* 公报问答 embeddable widget. Dependency-free; lives in a Shadow DOM so it neither breaks
 * nor restyles the host page. All text is inserted with textContent: nothing from a
 * question or a document is ever interpreted as HTML. Styles are a constructed style sheet,
 * so a host page whose CSP allows only this script's origin (script-src, connect-src) works.
 * Usage: <script src="https://HOST/widget.js" async
 *          data-title="公报问答" data-color="#b3261e" data-position="right"
 *          data-issue="2022-05" data-doc="临政办发〔2022〕27号"
 *          data-examples="问题一|问题二"></script>
 * Without data-color or data-examples, the gazette profile's colour and example questions apply:
 * the server writes them into the PROFILE line below (GAZETTE_PROFILE). */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || window.__gazetteWidgetLoaded) return;
  window.__gazetteWidgetLoaded = true;
  var base = new URL(script.src, location.href).origin;
  var PROFILE = {"gazette": "政府公报", "color": "#b3261e", "examples": []};
  var title = script.getAttribute("data-title") || "公报问答";
  // Only a plain colour reaches the style sheet (no CSS can be injected through the attribute).
  var color = /^#[0-9a-fA-F]{3,8}$/.test(script.getAttribute("data-color") || "") ? script.getAttribute("data-color") : PROFILE.color;
  var side = script.getAttribute("data-position") === "left" ? "left" : "right";
  var filters = {};
  if (script.getAttribute("data-issue")) filters.issue = script.getAttribute("data-issue");
  if (script.getAttribute("data-doc")) filters.doc_number = script.getAttribute("data-doc");
  var examples = (script.getAttribute("data-examples") || PROFILE.examples.join("|"))
    .split("|").map(function (q) { return q.trim(); }).filter(Boolean).slice(0, 3);
  var history = [];

  var host = document.createElement("div");
  host.setAttribute("data-gazette-widget", "");
  var root = host.attachShadow({ mode: "open" });
  var css = [
    ":host{all:initial}",
    "*{box-sizing:border-box;font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif}",
    ".fab{position:fixed;SIDE:20px;bottom:20px;z-index:2147483000;background:COLOR;color:#fff;border:0;border-radius:28px;padding:12px 18px;font-size:15px;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}",
    ".fab[hidden]{display:none}",
    ".panel{position:fixed;SIDE:20px;bottom:20px;z-index:2147483000;width:380px;max-width:calc(100vw - 24px);height:540px;max-height:calc(100vh - 40px);background:#fff;border:1px solid #ccd3dc;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.25);display:none;flex-direction:column;overflow:hidden}",
    ".panel.open{display:flex}",
    ".head{background:COLOR;color:#fff;padding:10px 14px;font-size:15px;display:flex;justify-content:space-between;align-items:center}",
    ".head small{opacity:.85;font-size:12px;margin-left:6px}",
    ".head button{background:none;border:0;color:#fff;font-size:20px;cursor:pointer;min-width:32px;min-height:32px}",
    ".log{flex:1;overflow-y:auto;padding:10px;font-size:14px;line-height:1.6;color:#222}",
    ".q{background:#eef3fa;border-radius:8px;padding:6px 10px;margin:8px 0 4px auto;max-width:90%;width:fit-content;white-space:pre-wrap;word-break:break-all}",
    ".a{background:#f7f7f7;border-radius:8px;padding:6px 10px;margin:4px 0;white-space:pre-wrap;word-break:break-all}",
    ".a.low{border-left:3px solid #d08a00}",
    ".cites{margin:2px 0 8px}",
    ".choice,.chip{display:block;margin:4px 0;padding:4px 8px;border:1px solid COLOR;border-radius:6px;background:#fff;color:COLOR;cursor:pointer;text-align:left;font-size:13px}",
    ".chip{display:inline-block;margin:4px 6px 0 0;border-radius:14px}",
    ".cite{display:block;color:#1f4e8c;font-size:13px;margin:2px 0;cursor:pointer;text-decoration:underline;background:none;border:0;padding:0;text-align:left}",
    ".quote{display:none;font-size:12px;color:#444;border-left:3px solid COLOR;padding-left:8px;margin:2px 0 6px;white-space:pre-wrap}",
    ".quote.show{display:block}",
    ".quote .view{display:block;color:#1f4e8c;margin-top:2px}",
    ".quote .ocr{display:block;color:#9a6700;margin-top:2px}",
    ".row{display:flex;border-top:1px solid #e3e7ec;padding:8px;gap:6px}",
    ".row input{flex:1;padding:8px;border:1px solid #ccd3dc;border-radius:6px;font-size:14px}",
    ".row button{background:COLOR;color:#fff;border:0;border-radius:6px;padding:0 14px;font-size:14px;cursor:pointer}",
    ".err{color:#b3261e}",
    // On a phone the panel is a layer over the lower part of the page: the host's header stays visible.
    "@media (max-width:480px){.panel{left:6px;right:6px;width:auto;max-width:none;bottom:6px;height:72vh;max-height:72vh}}"
  ].join("\n").replace(/COLOR/g, color).replace(/SIDE/g, side);
  if (root.adoptedStyleSheets !== undefined && typeof CSSStyleSheet === "function" && "replaceSync" in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {  // older browsers: a <style> element (needs style-src 'unsafe-inline' under a CSP)
    var style = document.createElement("style");
    style.textContent = css;
    root.appendChild(style);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var fab = el("button", "fab", title);
  fab.type = "button";
  fab.setAttribute("aria-label", "打开" + title);
  fab.setAttribute("aria-expanded", "false");
  var panel = el("div", "panel");
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", title);
  var head = el("div", "head");
  var heading = el("span", "", title);
  heading.appendChild(el("small", "", "浮层 · " + PROFILE.gazette));
  head.appendChild(heading);
  var close = el("button", "", "×");
  close.type = "button";
  close.setAttribute("aria-label", "关闭" + title);
  head.appendChild(close);
  var log = el("div", "log");
  log.setAttribute("aria-live", "polite");
  var hello = el("div", "a", "您好！请输入关于市政府公报的问题，回答会注明文号和页码。");
  log.appendChild(hello);
  var chips = el("div", "chips");
  examples.forEach(function (q) {
    var chip = el("button", "chip", q);
    chip.type = "button";
    chip.addEventListener("click", function () { if (!send.disabled) ask(q); });
    chips.appendChild(chip);
  });
  log.appendChild(chips);
  var row = el("form", "row");
  var input = el("input");
  input.maxLength = 500;
  input.placeholder = "例如：导游证核发现在归哪个部门";
  input.setAttribute("aria-label", "输入问题，按回车提问");
  var send = el("button", "", "提问");
  send.type = "submit";
  row.appendChild(input);
  row.appendChild(send);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(row);
  root.appendChild(fab);
  root.appendChild(panel);

  function open() {
    panel.classList.add("open");
    fab.hidden = true;  // the launcher never sits under (or next to) the open panel
    fab.setAttribute("aria-expanded", "true");
    input.focus();
  }
  function shut() {
    panel.classList.remove("open");
    fab.hidden = false;
    fab.setAttribute("aria-expanded", "false");
    fab.focus();
  }
  fab.addEventListener("click", open);
  close.addEventListener("click", shut);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") { e.preventDefault(); shut(); } });

  // The answer as readable lines: the supporting claims one a line, a table row as its name
  // and then 「· 列：值」 lines (the text itself stays as the gazette has it).
  function readable(text) {
    return text.split("\n").map(function (para) {
      var basis = para.indexOf("依据：") === 0;
      var claims = (basis ? para.slice(3) : para).split(/(?<=\]。)/);
      var lines = claims.map(function (claim) {
        var m = /^(?:「[^」]*」)?(第\d+项 [^：]+|合计|总计)：(.+?)((?:\[\d+\])+。?)$/.exec(claim.trim());
        if (!m || m[2].indexOf("；") < 0) return claim.trim();
        return m[1] + m[3] + "\n" + m[2].split("；").map(function (c) { return "  · " + c; }).join("\n");
      }).filter(Boolean);
      return (basis ? "依据：\n" : "") + lines.join("\n");
    }).join("\n");
  }

  function showCitations(box, answer) {
    (answer.citations || []).forEach(function (c) {
      var page = c.page ? "第" + c.page + "页" + (c.page_source === "estimated" ? "（估算）" : "") : "页码未知";
      var link = el("button", "cite", "[" + c.n + "] " + c.doc_number + " · " + page);
      link.type = "button";
      link.title = c.title;
      link.setAttribute("aria-expanded", "false");
      var quote = el("div", "quote", c.title + (c.section ? "｜" + c.section : "") + "\n「" + c.quote + "」");
      link.addEventListener("click", function () {
        link.setAttribute("aria-expanded", String(quote.classList.toggle("show")));
      });
      // A quote read by OCR from a scanned page may be misread (assistant.answer.OCR_NOTE).
      if (c.ocr) quote.appendChild(el("span", "ocr", "该段引文来自扫描页的文字识别（OCR），可能有误"));
      var view = sourceLink(c.url);
      if (view) quote.appendChild(view);
      box.appendChild(link);
      box.appendChild(quote);
    });
  }

  // 「在原文中查看」: the service's source viewer at the quote (or a web source's own page), in a new tab.
  function sourceLink(url) {
    if (!url) return null;
    var target;
    try { target = new URL(url, base); } catch (e) { return null; }
    if (target.protocol !== "https:" && target.protocol !== "http:") return null;
    var a = el("a", "view", target.origin === base ? "在原文中查看" : "查看原网页");
    a.href = target.href;
    a.target = "_blank";
    a.rel = "noopener";
    return a;
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
    if (chips.parentNode) chips.parentNode.removeChild(chips);
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
      body: JSON.stringify({ question: question, history: history.slice(-3), filters: filters })
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
          out.textContent = (ev.answer.notice ? "（" + ev.answer.notice + "）\n" : "") + readable(ev.answer.answer);
          if (ev.answer.confidence !== "high") out.classList.add("low");
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
