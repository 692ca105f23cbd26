/* The upload page (/admin): send the file with the token, then follow the job until it ends. */
(function () {
  "use strict";
  var form = document.getElementById("upload");
  var status = document.getElementById("status");
  var bar = document.getElementById("bar");
  var send = document.getElementById("send");

  function show(text, progress) {
    status.textContent = text;
    if (progress !== undefined) { bar.hidden = false; bar.value = progress; }
  }

  function follow(id, token) {
    fetch("/api/v1/admin/jobs/" + id, { headers: { Authorization: "Bearer " + token } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        show(job.message || job.error || job.status, job.progress);
        if (job.status === "done" || job.status === "failed") { send.disabled = false; return; }
        setTimeout(function () { follow(id, token); }, 1000);
      })
      .catch(function () { show("无法获取进度，请刷新页面后重试"); send.disabled = false; });
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var token = document.getElementById("token").value.trim();
    var file = document.getElementById("file").files[0];
    if (!token || !file) return;
    var body = new FormData();
    body.append("file", file);
    send.disabled = true;
    show("正在上传 " + file.name + " …", 0);
    fetch("/api/v1/admin/issues", { method: "POST", headers: { Authorization: "Bearer " + token }, body: body })
      .then(function (r) { return r.json().then(function (data) { return { ok: r.ok, data: data }; }); })
      .then(function (res) {
        if (!res.ok) { show(res.data.error || "上传失败"); send.disabled = false; return; }
        follow(res.data.id, token);
      })
      .catch(function () { show("上传失败：无法连接服务"); send.disabled = false; });
  });
})();
