// The chat page's answers stream in as they are written. The ask form (and
// the example questions) are posted with fetch to the form's data-stream-url,
// which answers with Server-Sent Events (codingdesk/assistant/streaming.py):
// "token" chunks are shown as plain text, then "done" swaps in the server's
// sanitized HTML of the saved answer and moves the URL to the conversation.
// Without this script the forms post as usual and the page reloads.
(function () {
  function parseEvent(block) {
    let name = "message";
    const data = [];
    block.split("\n").forEach(function (line) {
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    });
    return { name: name, data: data.length ? JSON.parse(data.join("\n")) : {} };
  }

  // Calls onEvent for each event in the response body as it arrives.
  async function readEvents(response, onEvent) {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.trim()) onEvent(parseEvent(block));
      }
    }
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function truncate(text, length) {
    return text.length > length ? text.slice(0, length - 1) + "…" : text;
  }

  // What the server renders for a saved conversation, for a new one started here.
  function showConversation(form, question, data) {
    let hidden = form.querySelector('input[name="conversation_id"]');
    if (!hidden) {
      hidden = element("input");
      hidden.type = "hidden";
      hidden.name = "conversation_id";
      form.insertBefore(hidden, form.querySelector("label"));
      const label = form.querySelector('label[for="question"]');
      if (label) label.textContent = "Ask a follow-up";
      const heading = document.getElementById("chat-heading");
      if (heading) heading.textContent = truncate(question, 90);
      document.title = truncate(question, 60) + " · CodingDesk";
      document.querySelectorAll(".chat-intro, .examples").forEach(function (node) { node.remove(); });
      const list = document.querySelector(".conversation-list ul");
      if (list) {
        list.querySelectorAll("li.muted").forEach(function (node) { node.remove(); });
        list.querySelectorAll("[aria-current]").forEach(function (node) { node.removeAttribute("aria-current"); });
        const item = element("li");
        item.setAttribute("aria-current", "page");
        const link = element("a", "", truncate(question, 60));
        link.href = data.conversation_url;
        item.appendChild(link);
        list.prepend(item);
      }
    }
    hidden.value = data.conversation_id;
    history.replaceState(null, "", data.conversation_url + "#message-" + data.message_id);
  }

  function showAnswer(turn, data) {
    turn.id = "message-" + data.message_id;
    turn.dataset.kind = data.kind;
    const text = element("div", "answer-text");
    text.innerHTML = data.html; // rendered and allow-list cleaned on the server (codingdesk/lib/markdown.py)
    turn.replaceChildren(text);
    if (data.follow_up_questions.length) {
      const followUps = element("div", "follow-ups");
      const title = element("p");
      title.appendChild(element("strong", "", "Follow-ups:"));
      const list = element("ul");
      data.follow_up_questions.forEach(function (question) { list.appendChild(element("li", "", question)); });
      followUps.append(title, list);
      turn.appendChild(followUps);
    }
    // Only now is it an answer: tests and styles that look for .answer see the final one.
    turn.classList.remove("streaming");
    turn.classList.add("answer");
    turn.removeAttribute("aria-busy");
  }

  function showError(turn, detail) {
    turn.classList.remove("streaming");
    turn.classList.add("error");
    turn.removeAttribute("aria-busy");
    turn.replaceChildren(element("p", "error-text", detail));
    turn.setAttribute("role", "alert");
  }

  async function ask(form, question, fallback) {
    const turns = document.querySelector(".chat .turns");
    const button = form.querySelector('button[type="submit"]');
    const body = new FormData(form);
    body.set("question", question);
    const token = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
    let response;
    button.disabled = true;
    try {
      response = await fetch(form.dataset.streamUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": token, Accept: "text/event-stream" },
        credentials: "same-origin",
      });
    } catch (error) {
      response = null;
    }
    const type = response ? response.headers.get("Content-Type") || "" : "";
    if (!response || !response.ok || !type.startsWith("text/event-stream")) {
      // Signed out, a stale CSRF token, or no network: let the form post as it would without us.
      button.disabled = false;
      fallback();
      return;
    }
    const asked = element("li", "turn question");
    asked.appendChild(element("p", "question-text", question));
    const turn = element("li", "turn streaming");
    turn.setAttribute("aria-busy", "true");
    turn.setAttribute("aria-live", "polite");
    const streamed = element("div", "answer-text");
    turn.appendChild(streamed);
    turns.append(asked, turn);
    form.querySelector("textarea").value = "";
    let finished = false;
    try {
      await readEvents(response, function (event) {
        if (event.name === "token") {
          streamed.appendChild(document.createTextNode(event.data.text));
        } else if (event.name === "done") {
          finished = true;
          showConversation(form, question, event.data);
          showAnswer(turn, event.data);
        } else if (event.name === "error") {
          finished = true;
          asked.remove();
          showError(turn, event.data.detail);
          form.querySelector("textarea").value = question; // to fix and ask again
        }
      });
    } catch (error) {
      // The connection dropped: what was written so far is not the saved answer.
    }
    if (!finished) showError(turn, "The answer was cut off. Reload the page to see whether it was saved.");
    button.disabled = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.querySelector(".chat .ask-form[data-stream-url]");
    if (!form || !window.fetch || !window.ReadableStream) return;

    form.addEventListener("submit", function (event) {
      const question = form.querySelector("textarea").value.trim();
      if (!question) return; // the server explains an empty question
      event.preventDefault();
      ask(form, question, function () { form.submit(); });
    });

    document.querySelectorAll(".chat .examples form").forEach(function (example) {
      example.addEventListener("submit", function (event) {
        event.preventDefault();
        const question = example.querySelector('input[name="question"]').value;
        ask(form, question, function () { example.submit(); });
      });
    });
  });
})();
