// A conversation page: new messages arrive over the socket; sending stays a
// plain form (htmx when present). After a network blip the page reconnects
// and asks for everything newer than the last message it shows.
(() => {
  "use strict";
  const root = document.querySelector("[data-conversation]");
  const list = document.getElementById("messages");
  const status = document.getElementById("live-status");
  if (!root || !list || !("WebSocket" in window)) return;
  let socket = null;
  let retry = 0;

  const lastId = () => {
    const items = list.querySelectorAll("[data-message-id]");
    return items.length ? Number(items[items.length - 1].dataset.messageId) : 0;
  };

  // Keep one element per message: the socket and the send response may both bring it.
  const dedupe = () => {
    const seen = new Set();
    list.querySelectorAll("[data-message-id]").forEach((item) => {
      if (seen.has(item.dataset.messageId)) item.remove();
      else seen.add(item.dataset.messageId);
    });
  };

  const place = (id, html, changed) => {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const node = template.content.firstElementChild;
    if (!node) return;
    const existing = document.getElementById("m-" + id);
    if (existing) existing.replaceWith(node);
    else if (!changed) {
      list.append(node);
      const empty = document.getElementById("no-messages");
      if (empty) empty.remove();
    }
    if (window.htmx) window.htmx.process(node);
  };

  const send = (data) => {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(data));
  };

  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(`${scheme}://${location.host}/ws/conversations/${root.dataset.conversation}/`);
    socket.addEventListener("open", () => {
      retry = 0;
      status.textContent = root.dataset.liveText;
      root.dataset.live = "open";
      send({ type: "since", id: lastId() });
    });
    socket.addEventListener("message", (event) => {
      const data = JSON.parse(event.data);
      if (data.type === "message") {
        place(data.id, data.html, data.changed);
        if (document.visibilityState === "visible") send({ type: "read", id: data.id });
      } else if (data.type === "error") {
        status.textContent = data.message;
      }
    });
    socket.addEventListener("close", (event) => {
      root.dataset.live = "closed";
      if (event.code === 4403) {
        status.textContent = root.dataset.goneText;
        return;
      }
      status.textContent = root.dataset.offlineText;
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 400 * 2 ** retry);
    });
  };

  document.body.addEventListener("htmx:oobAfterSwap", dedupe);
  document.body.addEventListener("htmx:afterSwap", dedupe);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && lastId()) send({ type: "read", id: lastId() });
  });
  connect();
})();
