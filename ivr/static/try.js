// The /try page: text and call the line through /try/sms and /try/voice, which run the
// real webhooks. No libraries, nothing from the network but this app.
"use strict";
const tab = Math.floor(Math.random() * 100);  // this tab's test number, 555-0100 to 555-0199
let smsLanguage = null;
let call = null; // {action, redirect, afterCall} while a call is on

async function post(url, data) {
  const response = await fetch(url, {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({...data, tab}),
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// Numbers said digit by digit ("9 1 1") are kept on one line.
const unbroken = (text) => text.replace(/(\d) (?=\d)/g, "$1\u00a0");

function add(container, className, text) {
  const element = document.createElement("div");
  element.className = className;
  element.textContent = unbroken(text);
  container.appendChild(element);
  container.scrollTop = container.scrollHeight;
  return element;
}

// Text
document.getElementById("sms-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = document.getElementById("sms-body");
  const thread = document.getElementById("thread");
  add(thread, "bubble sent", input.value || " ");
  const body = input.value;
  input.value = "";
  try {
    const result = await post("try/sms", {body, lang: smsLanguage});
    smsLanguage = result.lang;
    document.getElementById("sms-language").textContent = result.lang;
    if (result.reply === null) {
      add(thread, "meta", "(no reply: the line sends nothing to this message)");
    } else {
      add(thread, "bubble received", result.reply);
      add(thread, "meta", `${result.encoding} · ${result.chars} characters · ${result.segments} SMS segment(s)`);
    }
  } catch (error) {
    add(thread, "meta", `Could not reach the line: ${error.message}`);
  }
});

// A new conversation forgets the language, as a new phone would.
const smsHint = document.querySelector("#thread .hint");
document.getElementById("new-conversation").addEventListener("click", () => {
  smsLanguage = null;
  document.getElementById("sms-language").textContent = document.documentElement.dataset.defaultLanguage;
  document.getElementById("thread").replaceChildren(smsHint);
});

// Call
const heard = document.getElementById("heard");

function speak(said) {
  if (!document.getElementById("speak").checked || !("speechSynthesis" in window)) return;
  for (const line of said) {
    const utterance = new SpeechSynthesisUtterance(line.text);
    utterance.lang = line.lang || "en-US";
    window.speechSynthesis.speak(utterance);
  }
}

function setCallControls(on) {
  document.querySelectorAll(".key, #silence, #hangup, #say, #say-words").forEach((b) => { b.disabled = !on; });
  document.getElementById("call").disabled = on;
  document.getElementById("put-through").hidden = true;
}

// The line puts the caller through to a helpline: nothing is dialled here; you choose how that call goes.
function showPutThrough(number) {
  add(heard, "hint", `(the line connects you to ${number})`);
  document.querySelectorAll(".key, #silence, #say, #say-words").forEach((b) => { b.disabled = true; });
  document.getElementById("put-through").hidden = false;
}

function endCall(message) {
  call = null;
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  add(heard, "hint", message);
  setCallControls(false);
}

async function step(data, label) {
  if (label) add(heard, "pressed", label);
  if ("speechSynthesis" in window) window.speechSynthesis.cancel();
  try {
    const result = await post("try/voice", data);
    for (const line of result.said) add(heard, "heard", line.text).lang = line.lang;
    speak(result.said);
    if (result.ended) endCall("The line hung up.");
    else if (result.put_through_to) {
      call = {afterCall: result.after_call};
      showPutThrough(result.put_through_to);
    } else {
      setCallControls(true);
      call = {action: result.action, redirect: result.redirect};
    }
  } catch (error) {
    endCall(`Could not reach the line: ${error.message}`);
  }
}

document.getElementById("call").addEventListener("click", () => {
  heard.textContent = "";
  setCallControls(true);
  step({url: "/voice"}, "Calling…");
});
document.querySelectorAll(".key").forEach((button) => {
  button.addEventListener("click", () => call && call.action && step({url: call.action, digits: button.dataset.key}, `You pressed ${button.dataset.key}`));
});
document.getElementById("silence").addEventListener("click", () => call && call.redirect && step({url: call.redirect}, "You said nothing"));
document.getElementById("say-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const words = document.getElementById("say-words");
  if (call && call.action && words.value.trim()) step({url: call.action, speech: words.value}, `You said: ${words.value}`);
  words.value = "";
});
document.getElementById("hangup").addEventListener("click", () => endCall("You hung up."));
document.querySelectorAll(".call-ends").forEach((button) => {
  button.addEventListener("click", () => call && call.afterCall &&
    step({url: call.afterCall, dial_status: button.dataset.status}, `The helpline: ${button.textContent}`));
});
