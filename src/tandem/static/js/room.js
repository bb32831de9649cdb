// The live room of a session: a WebRTC mesh (each browser sends to every
// other) with signalling over the room socket. Audio first: the camera starts
// off, and "audio only" also asks the others to stop sending video. The notes
// beside the call are the session's shared record, saved as people type.
// In live coaching the teacher sends camera and sound and receives only the
// coach's voice and prompts; the coach receives and sends only sound.
(() => {
  "use strict";
  const root = document.getElementById("room");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const T = JSON.parse($("room-text").textContent);
  const fmt = (text, vars) => text.replace(/\{(\w+)\}/g, (_m, key) => (vars[key] ?? ""));
  const coaching = root.dataset.mode === "coaching";
  const teacher = Boolean(root.dataset.teacher);
  const coach = coaching && !teacher;
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;

  const state = {
    socket: null, me: "", ice: [], peers: new Map(), known: new Map(),
    mic: null, camera: null, screen: null,
    micOn: true, cameraOn: false, audioOnly: false,
    retry: 0, leaving: false, pingTimer: null,
    base: {}, inflight: {}, again: {}, timers: {},
    recording: null, recorder: null, answered: new Set(),
  };
  window.tandemRoom = state; // inspected by the browser tests

  const say = (text) => { $("room-status").textContent = text; };
  const warn = (text) => { const el = $("device-status"); el.textContent = text || ""; el.hidden = !text; };
  const send = (data) => {
    if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(data));
  };
  const press = (id, on) => { const el = $(id); if (el) el.setAttribute("aria-pressed", on ? "true" : "false"); };

  // --- devices -----------------------------------------------------------------------
  const problem = (error, kind) => {
    const name = error && error.name;
    if (name === "NotAllowedError" || name === "SecurityError") return T[kind + "Blocked"];
    if (name === "NotFoundError" || name === "OverconstrainedError") return T[kind + "Missing"];
    if (name === "NotReadableError" || name === "AbortError") return T[kind + "Busy"];
    return T.noMedia;
  };
  const capture = async (constraints, kind) => {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { warn(T.noMedia); return null; }
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      return stream.getTracks()[0];
    } catch (error) {
      warn(problem(error, kind));
      return null;
    }
  };
  const getMic = () => capture({ audio: { echoCancellation: true, noiseSuppression: true } }, "mic");
  // Small and slow: most of a weak connection stays free for the voices.
  const getCamera = () => capture({ video: { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { max: 15 } } }, "cam");

  const videoToSend = () => {
    if (coach || state.audioOnly) return null;
    return state.screen || (state.cameraOn ? state.camera : null);
  };
  const direction = (kind) => {
    if (!coaching || kind === "audio") return "sendrecv";
    return teacher ? "sendonly" : "recvonly";
  };
  // Put the right local track on each of a peer's senders (no renegotiation).
  const configure = (peer) => {
    for (const t of peer.pc.getTransceivers()) {
      if (t.currentDirection === "stopped") continue;
      const kind = t.receiver.track.kind;
      const dir = direction(kind);
      if (t.direction !== dir) t.direction = dir;
      let track = null;
      if (dir.includes("send")) track = kind === "audio" ? state.mic : (peer.audioOnly ? null : videoToSend());
      if (t.sender.track !== track) t.sender.replaceTrack(track).catch(() => {});
    }
  };
  const configureAll = () => { for (const peer of state.peers.values()) configure(peer); showSelf(); sendState(); };
  const sendState = () => send({
    type: "state", audio_only: state.audioOnly, mic: Boolean(state.mic && state.micOn),
    camera: Boolean(videoToSend() && !state.screen), screen: Boolean(state.screen && !state.audioOnly),
  });

  const showSelf = () => {
    const video = $("self-video");
    if (!video) return;
    const track = videoToSend() || (teacher ? state.camera : null);
    video.srcObject = track ? new MediaStream([track]) : null;
    $("tile-self").classList.toggle("no-video", !track);
    const bits = [];
    if (!state.mic) bits.push(T.listening); else if (!state.micOn) bits.push(T.muted);
    if (state.audioOnly) bits.push(T.audioOnly); else if (!track) bits.push(T.cameraOff);
    $("self-state").textContent = bits.join(" · ");
  };

  // --- peers ---------------------------------------------------------------------------
  const tileFor = (peer) => {
    const li = document.createElement("li");
    li.className = "tile no-video";
    li.dataset.peer = peer.peer;
    const media = document.createElement(teacher ? "audio" : "video");
    media.autoplay = true;
    media.setAttribute("playsinline", "");
    media.srcObject = peer.stream;
    const name = document.createElement("span");
    name.className = "tile-name";
    const info = document.createElement("span");
    info.className = "tile-state";
    li.append(media, name, " ", info);
    $("tiles").append(li);
    return li;
  };
  const refresh = (peer) => {
    const li = peer.tile;
    li.querySelector(".tile-name").textContent = peer.name || "…";
    const video = peer.stream.getVideoTracks().some((t) => t.readyState === "live" && !t.muted);
    const showing = !teacher && !state.audioOnly && video && (peer.camera || peer.screen);
    li.classList.toggle("no-video", !showing);
    const bits = [];
    const cs = peer.pc.connectionState;
    if (cs === "new" || cs === "connecting") bits.push(T.connectingPeer);
    else if (cs === "failed" || cs === "disconnected") bits.push(T.trouble);
    if (peer.mic === false) bits.push(T.muted);
    if (!teacher) {
      if (peer.audioOnly) bits.push(T.audioOnly);
      else if (peer.screen) bits.push(T.screen);
      else if (!peer.camera && !coaching) bits.push(T.cameraOff);
    }
    li.querySelector(".tile-state").textContent = bits.join(" · ");
    li.dataset.connection = cs;
  };
  const updateStatus = () => {
    const names = [...state.peers.values()].map((p) => p.name).filter(Boolean);
    if (teacher) say(names.length ? T.coachHere : T.alone);
    else if (coach && !names.length) say(T.teacherMissing);
    else say(names.length ? fmt(T.with, { names: names.join(", ") }) : T.alone);
  };

  const createPeer = (id, initiator) => {
    const info = state.known.get(id) || { peer: id };
    const pc = new RTCPeerConnection({ iceServers: state.ice });
    const peer = {
      peer: id, name: info.name, audioOnly: Boolean(info.audio_only), mic: true, camera: false, screen: false,
      pc, stream: new MediaStream(), polite: state.me < id, makingOffer: false, ignoreOffer: false,
      queue: Promise.resolve(),
    };
    peer.tile = tileFor(peer);
    state.peers.set(id, peer);
    if (initiator) {
      pc.addTransceiver("audio", { direction: direction("audio") });
      pc.addTransceiver("video", { direction: direction("video") });
      configure(peer);
    }
    pc.onnegotiationneeded = async () => {
      try {
        peer.makingOffer = true;
        await pc.setLocalDescription();
        send({ type: "signal", to: id, data: { description: pc.localDescription } });
      } catch (error) {
        console.warn("offer", error);
      } finally {
        peer.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => { if (candidate) send({ type: "signal", to: id, data: { candidate } }); };
    pc.ontrack = ({ track }) => {
      peer.stream.addTrack(track);
      track.onunmute = () => refresh(peer);
      track.onmute = () => refresh(peer);
      if (state.recorder && track.kind === "audio") state.recorder.mix(track);
      refresh(peer);
    };
    pc.onconnectionstatechange = () => {
      if (pc.connectionState === "failed" && !peer.polite) pc.restartIce();
      refresh(peer);
    };
    refresh(peer);
    updateStatus();
    return peer;
  };
  const dropPeer = (id) => {
    const peer = state.peers.get(id);
    if (!peer) return;
    peer.pc.close();
    peer.tile.remove();
    state.peers.delete(id);
    updateStatus();
  };
  // "Perfect negotiation": either side may offer; on a collision the polite one yields.
  const onSignal = (from, data) => {
    // Only from someone in the room: a late candidate from a page that left is dropped.
    if (!state.peers.has(from) && !state.known.has(from)) return;
    const peer = state.peers.get(from) || createPeer(from, false);
    peer.queue = peer.queue.then(async () => {
      const pc = peer.pc;
      try {
        if (data.description) {
          const collision = data.description.type === "offer" && (peer.makingOffer || pc.signalingState !== "stable");
          peer.ignoreOffer = !peer.polite && collision;
          if (peer.ignoreOffer) return;
          await pc.setRemoteDescription(data.description);
          if (data.description.type === "offer") {
            configure(peer);
            await pc.setLocalDescription();
            send({ type: "signal", to: from, data: { description: pc.localDescription } });
          }
        } else if (data.candidate) {
          try {
            await pc.addIceCandidate(data.candidate);
          } catch (error) {
            if (!peer.ignoreOffer) console.warn("candidate", error);
          }
        }
      } catch (error) {
        console.warn("signal", error);
      }
    });
  };

  // --- lines: chat and prompts -----------------------------------------------------------
  const addLine = (listId, html) => {
    const list = $(listId);
    if (!list) return;
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    const node = template.content.firstElementChild;
    if (node && !document.getElementById(node.id)) list.append(node);
    list.scrollTop = list.scrollHeight;
  };
  const showPrompt = (text) => {
    const el = $("prompt");
    if (!el) return;
    el.textContent = text;
    el.classList.remove("fresh");
    void el.offsetWidth; // restart the highlight
    el.classList.add("fresh");
  };

  // --- notes: the session record, typed live -----------------------------------------------
  const areas = [...root.querySelectorAll("textarea[data-part]")];
  const area = (part) => areas.find((a) => a.dataset.part === part);
  const setText = (ta, text) => {
    if (ta.value === text) return;
    const focused = document.activeElement === ta;
    const [start, end] = [ta.selectionStart, ta.selectionEnd];
    ta.value = text;
    if (focused) ta.setSelectionRange(Math.min(start, text.length), Math.min(end, text.length));
  };
  const pending = (ta) => state.inflight[ta.dataset.part] != null || ta.value !== (state.base[ta.dataset.part] ?? ta.value);
  const loadNotes = (notes) => {
    for (const ta of areas) {
      const part = ta.dataset.part;
      if (state.base[part] === undefined || !pending(ta)) {
        setText(ta, notes[part] || "");
        state.base[part] = notes[part] || "";
      }
    }
  };
  const sendNotes = (part) => {
    const ta = area(part);
    if (state.inflight[part] != null) { state.again[part] = true; return; }
    if (ta.value === state.base[part]) return;
    state.inflight[part] = ta.value;
    $("notes-status").textContent = T.saving;
    send({ type: "notes", part, text: ta.value, base: state.base[part] || "" });
  };
  const notesAck = (m) => {
    const ta = area(m.part);
    const sent = state.inflight[m.part];
    state.inflight[m.part] = null;
    if (ta.value === sent) setText(ta, m.text);
    state.base[m.part] = ta.value === m.text ? m.text : sent;
    $("notes-status").textContent = fmt(T.notesSaved, { n: m.version });
    if (state.again[m.part] || ta.value !== state.base[m.part]) { state.again[m.part] = false; sendNotes(m.part); }
  };
  const notesFromOthers = (m) => {
    const ta = area(m.part);
    if (!ta) return;
    if (!pending(ta)) { setText(ta, m.text); state.base[m.part] = m.text; }
    $("notes-status").textContent = fmt(T.notesBy, { who: m.by });
  };
  const notesConflict = (m) => {
    const ta = area(m.part);
    state.inflight[m.part] = null;
    state.base[m.part] = m.theirs;
    const box = $("conflict-" + m.part);
    box.replaceChildren();
    const p = document.createElement("p");
    p.textContent = fmt(T.conflict, { who: m.by || T.someone });
    const pre = document.createElement("pre");
    pre.textContent = m.theirs;
    const both = document.createElement("button");
    both.type = "button";
    both.className = "secondary small";
    both.textContent = T.useBoth;
    both.addEventListener("click", () => {
      ta.value = m.theirs + (m.theirs && ta.value ? "\n" : "") + ta.value;
      box.hidden = true;
      sendNotes(m.part);
    });
    box.append(p, pre, both);
    box.hidden = false;
  };
  for (const ta of areas) {
    ta.addEventListener("input", () => {
      clearTimeout(state.timers[ta.dataset.part]);
      state.timers[ta.dataset.part] = setTimeout(() => sendNotes(ta.dataset.part), 600);
    });
  }

  // --- recording, with everyone's consent --------------------------------------------------
  const badge = (text) => { const el = $("recording-status"); el.textContent = text || ""; el.hidden = !text; };
  const recordButton = (recording) => {
    const button = $("record");
    if (!button) return;
    const active = recording && (recording.status === "asking" || recording.status === "recording");
    button.textContent = active ? T.stop : T.record;
  };
  const mime = () => ["audio/webm;codecs=opus", "audio/webm", "audio/ogg;codecs=opus"]
    .find((type) => window.MediaRecorder && MediaRecorder.isTypeSupported(type));
  const startRecorder = (id) => {
    if (!mime()) { send({ type: "record-stop", id }); return; }
    const ctx = new AudioContext();
    const out = ctx.createMediaStreamDestination();
    const mix = (track) => { try { ctx.createMediaStreamSource(new MediaStream([track])).connect(out); } catch (_e) { /* ended */ } };
    if (state.mic) mix(state.mic);
    for (const peer of state.peers.values()) peer.stream.getAudioTracks().forEach(mix);
    const chunks = [];
    const recorder = new MediaRecorder(out.stream, { mimeType: mime() });
    const started = Date.now();
    recorder.ondataavailable = (event) => { if (event.data.size) chunks.push(event.data); };
    recorder.onstop = () => {
      upload(id, new Blob(chunks, { type: recorder.mimeType }), Math.round((Date.now() - started) / 1000));
      ctx.close();
    };
    recorder.start(1000);
    state.recorder = { id, recorder, mix };
  };
  const stopRecorder = () => {
    if (state.recorder && state.recorder.recorder.state !== "inactive") state.recorder.recorder.stop();
    state.recorder = null;
  };
  const upload = async (id, blob, seconds) => {
    badge(T.uploading);
    const body = new FormData();
    body.append("file", blob, `recording-${id}.webm`);
    body.append("duration", String(seconds));
    try {
      const response = await fetch(root.dataset.upload.replace("/recordings/0/", `/recordings/${id}/`), {
        method: "POST", body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin",
      });
      const data = await response.json();
      if (!response.ok) badge(fmt(T.uploadFailed, { error: data.error || response.status }));
      else badge(T.saved);
    } catch (error) {
      badge(fmt(T.uploadFailed, { error: String(error) }));
    }
  };
  const onRecording = (r) => {
    state.recording = r && r.id ? r : null;
    recordButton(state.recording);
    const dialog = $("consent");
    if (!state.recording) { badge(""); return; }
    const mine = r.recorder === state.me;
    if (r.status !== "asking" && dialog.open) dialog.close();
    if (r.status === "asking") {
      if (mine) badge(T.waiting);
      else if (!state.answered.has(r.id)) {
        $("consent-text").textContent = fmt(T.ask, { who: r.by });
        if (!dialog.open) dialog.showModal();
      }
    } else if (r.status === "recording") {
      badge(T.recording);
      if (mine && (!state.recorder || state.recorder.id !== r.id)) startRecorder(r.id);
    } else if (r.status === "stopped") {
      badge(fmt(T.stopped, { reason: r.reason || "" }));
      if (state.recorder && state.recorder.id === r.id) stopRecorder();
    } else if (r.status === "declined") {
      badge(T.declined);
    } else if (r.status === "saved") {
      badge(T.saved);
    }
  };
  const answer = (agree) => {
    const r = state.recording;
    $("consent").close();
    if (!r) return;
    state.answered.add(r.id);
    send({ type: "record-answer", id: r.id, agree });
  };

  // --- the socket ----------------------------------------------------------------------------
  const handle = (m) => {
    switch (m.type) {
      case "welcome":
        state.me = m.peer;
        state.ice = m.ice_servers || [];
        state.retry = 0;
        root.dataset.state = "joined";
        for (const id of [...state.peers.keys()]) dropPeer(id);
        state.known = new Map(m.peers.map((p) => [p.peer, p]));
        for (const p of m.peers) createPeer(p.peer, true);
        loadNotes(m.notes || {});
        onRecording(m.recording);
        sendState();
        updateStatus();
        clearInterval(state.pingTimer);
        state.pingTimer = setInterval(() => send({ type: "ping" }), 20000);
        break;
      case "peer-joined":
        state.known.set(m.peer, m);
        if (state.peers.has(m.peer)) { state.peers.get(m.peer).name = m.name; refresh(state.peers.get(m.peer)); }
        sendState(); // tell the newcomer how we are
        updateStatus();
        break;
      case "peer-left":
        state.known.delete(m.peer);
        dropPeer(m.peer);
        break;
      case "peer-state": {
        const peer = state.peers.get(m.peer);
        if (!peer) break;
        Object.assign(peer, { audioOnly: m.audio_only, mic: m.mic, camera: m.camera, screen: m.screen });
        configure(peer);
        refresh(peer);
        break;
      }
      case "signal": onSignal(m.from, m.data); break;
      case "chat": addLine("chat", m.html); break;
      case "prompt": if (teacher) showPrompt(m.text); else addLine("prompts", m.html); break;
      case "notes": notesFromOthers(m); break;
      case "notes-ack": notesAck(m); break;
      case "notes-conflict": notesConflict(m); break;
      case "recording": onRecording(m); break;
      case "ended": finish(fmt(T.ended, { who: m.by })); break;
      case "error": say(m.message); break;
      default: break;
    }
  };
  const FINAL = { 4000: "replaced", 4403: "forbidden", 4409: "full" };
  const connect = () => {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}${root.dataset.ws}`);
    state.socket = socket;
    say(T.connecting);
    socket.addEventListener("open", () => send({ type: "join", audio_only: state.audioOnly }));
    socket.addEventListener("message", (event) => handle(JSON.parse(event.data)));
    socket.addEventListener("close", (event) => {
      if (state.socket !== socket) return;
      clearInterval(state.pingTimer);
      if (state.leaving || event.code === 4410) return;
      if (FINAL[event.code]) { finish(T[FINAL[event.code]]); return; }
      root.dataset.state = "reconnecting";
      say(T.reconnecting);
      state.retry = Math.min(state.retry + 1, 5);
      setTimeout(() => { if (!state.leaving && state.socket === socket) connect(); }, 250 * 2 ** state.retry);
    });
  };
  const finish = (message) => {
    state.leaving = true;
    stopRecorder();
    clearInterval(state.pingTimer);
    const socket = state.socket;
    state.socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000);
    for (const id of [...state.peers.keys()]) dropPeer(id);
    for (const track of [state.mic, state.camera, state.screen]) if (track) track.stop();
    state.mic = state.camera = state.screen = null;
    state.cameraOn = false;
    press("toggle-camera", false);
    press("toggle-screen", false);
    root.dataset.state = "left";
    $("call").hidden = true;
    $("lobby").hidden = false;
    $("join").disabled = false;
    warn(message);
  };

  const join = async () => {
    $("join").disabled = true;
    warn("");
    state.leaving = false;
    const box = $("join-audio-only");
    state.audioOnly = Boolean(box && box.checked);
    press("toggle-audio-only", state.audioOnly);
    state.mic = await getMic();
    state.micOn = true;
    press("toggle-mic", Boolean(state.mic));
    if (teacher) {
      state.camera = await getCamera();
      state.cameraOn = Boolean(state.camera);
      press("toggle-camera", state.cameraOn);
    }
    for (const id of ["toggle-camera", "toggle-screen"]) { const el = $(id); if (el) el.disabled = state.audioOnly; }
    $("lobby").hidden = true;
    $("call").hidden = false;
    showSelf();
    connect();
  };

  // --- controls --------------------------------------------------------------------------------
  const on = (id, handler) => { const el = $(id); if (el) el.addEventListener("click", handler); };
  if (!navigator.mediaDevices || !navigator.mediaDevices.getDisplayMedia) {
    const share = $("toggle-screen"); // phones cannot share their screen
    if (share) share.hidden = true;
  }
  on("join", join);
  on("toggle-mic", async () => {
    if (!state.mic) {
      state.mic = await getMic();
      if (!state.mic) return;
      warn("");
      state.micOn = true;
    } else {
      state.micOn = !state.micOn;
      state.mic.enabled = state.micOn;
    }
    press("toggle-mic", state.micOn);
    configureAll();
  });
  on("toggle-camera", async () => {
    if (state.cameraOn) {
      if (state.camera) state.camera.stop(); // the camera's light goes off too
      state.camera = null;
      state.cameraOn = false;
    } else {
      state.camera = await getCamera();
      state.cameraOn = Boolean(state.camera);
      if (state.camera) warn("");
    }
    press("toggle-camera", state.cameraOn);
    configureAll();
  });
  const stopScreen = () => {
    if (state.screen) state.screen.stop();
    state.screen = null;
    press("toggle-screen", false);
    configureAll();
  };
  on("toggle-screen", async () => {
    if (state.screen) { stopScreen(); return; }
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { max: 5 } }, audio: false });
      state.screen = stream.getVideoTracks()[0];
      state.screen.addEventListener("ended", stopScreen);
      press("toggle-screen", true);
      configureAll();
    } catch (_error) {
      warn(T.screenFailed);
    }
  });
  on("toggle-audio-only", () => {
    state.audioOnly = !state.audioOnly;
    press("toggle-audio-only", state.audioOnly);
    if (state.audioOnly) {
      if (state.camera) state.camera.stop();
      if (state.screen) state.screen.stop();
      state.camera = state.screen = null;
      state.cameraOn = false;
      press("toggle-camera", false);
      press("toggle-screen", false);
    }
    for (const id of ["toggle-camera", "toggle-screen"]) { const el = $(id); if (el) el.disabled = state.audioOnly; }
    configureAll();
    for (const peer of state.peers.values()) refresh(peer);
  });
  on("record", () => {
    const r = state.recording;
    if (r && (r.status === "asking" || r.status === "recording")) send({ type: "record-stop", id: r.id });
    else send({ type: "record-ask" });
  });
  on("consent-yes", () => answer(true));
  on("consent-no", () => answer(false));
  on("leave", () => { send({ type: "leave" }); finish(T.left); });
  on("end", () => send({ type: "end" }));
  const sendLine = (type, input) => {
    const text = input.value.trim();
    if (!text) return;
    send({ type, text });
    input.value = "";
  };
  const chat = $("chat-form");
  if (chat) chat.addEventListener("submit", (event) => { event.preventDefault(); sendLine("chat", $("chat-text")); });
  const prompt = $("prompt-form");
  if (prompt) prompt.addEventListener("submit", (event) => { event.preventDefault(); sendLine("prompt", $("prompt-text")); });
  root.querySelectorAll("[data-prompt]").forEach((button) => {
    button.addEventListener("click", () => send({ type: "prompt", text: button.dataset.prompt }));
  });
  window.addEventListener("pagehide", () => { if (state.socket) send({ type: "leave" }); });

  // Test and debugging aid: what this page receives, per peer and kind.
  state.inbound = async () => {
    const rows = [];
    for (const peer of state.peers.values()) {
      const stats = await peer.pc.getStats();
      stats.forEach((r) => {
        if (r.type === "inbound-rtp") rows.push({ peer: peer.peer, kind: r.kind, bytes: r.bytesReceived || 0 });
      });
    }
    return rows;
  };
})();
