/* The kiosk: network-checked navigation, the on-screen keypad, the one-question-per-screen
   complaint wizard, printing, the clock, and the walk-away wipe (75 s warning, 90 s wipe). */
(function () {
  "use strict";
  var body = document.body;
  var WARN_AFTER = 75000;
  var WIPE_AFTER = 90000;

  // --- never a browser error page: ask the server first, show 网络中断 when it is away ---
  var offline = document.getElementById("offline");
  var retryAction = null;
  function reachable() {
    return fetch(body.dataset.ping, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok; }, function () { return false; });
  }
  function whenReachable(action) {
    reachable().then(function (ok) {
      if (ok) { action(); return; }
      retryAction = function () { whenReachable(action); };
      offline.hidden = false;
      document.getElementById("offline-retry").focus();
    });
  }
  document.getElementById("offline-retry").addEventListener("click", function () {
    offline.hidden = true;
    if (retryAction) { retryAction(); }
  });
  function go(url) { whenReachable(function () { window.location.replace(url); }); }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || link.origin !== window.location.origin) { return; }
    event.preventDefault();
    go(link.href);
  });
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      whenReachable(function () { form.submit(); });
    });
  });
  // a page brought back from the back-forward cache may hold someone's answers: reload it
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { window.location.reload(); }
  });

  // --- walk-away: warn at 75 s, wipe at 90 s -------------------------------------------
  var warning = document.getElementById("idle-warning");
  var secondsLeft = document.getElementById("idle-seconds");
  var warnTimer = null, wipeTimer = null, countdown = null;
  function wipe() {
    document.querySelectorAll("form").forEach(function (form) {
      form.reset();
      form.querySelectorAll("input, textarea").forEach(function (input) {
        if (input.type === "radio" || input.type === "checkbox") { input.checked = false; }
        else if (input.type !== "hidden") { input.value = ""; }
      });
    });
    document.getElementById("main").textContent = "";
    try { window.sessionStorage.clear(); window.localStorage.clear(); } catch (ignored) { /* off */ }
    fetch(body.dataset.wipe, { method: "POST", cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("wipe refused"); }
        window.location.replace(body.dataset.home);
      })
      .catch(function () {
        retryAction = wipe;
        warning.hidden = true;
        offline.hidden = false;
      });
  }
  function showWarning() {
    var left = Math.round((WIPE_AFTER - WARN_AFTER) / 1000);
    secondsLeft.textContent = String(left);
    warning.hidden = false;
    document.getElementById("idle-continue").focus();
    countdown = window.setInterval(function () {
      left = Math.max(0, left - 1);
      secondsLeft.textContent = String(left);
    }, 1000);
  }
  function restartIdle() {
    window.clearTimeout(warnTimer);
    window.clearTimeout(wipeTimer);
    window.clearInterval(countdown);
    warning.hidden = true;
    warnTimer = window.setTimeout(showWarning, WARN_AFTER);
    wipeTimer = window.setTimeout(wipe, WIPE_AFTER);
  }
  if (body.dataset.idle !== "off") {
    ["pointerdown", "touchstart", "keydown", "input"].forEach(function (name) {
      document.addEventListener(name, restartIdle, { passive: true, capture: true });
    });
    document.getElementById("idle-continue").addEventListener("click", restartIdle);
    restartIdle();
  }

  // --- clock ------------------------------------------------------------------------------
  var clock = document.getElementById("kiosk-clock");
  function tick() {
    var now = new Date();
    clock.textContent = String(now.getHours()).padStart(2, "0") + ":" +
      String(now.getMinutes()).padStart(2, "0");
  }
  tick();
  window.setInterval(tick, 15000);

  // --- the numeric keypad -------------------------------------------------------------------
  document.querySelectorAll(".k-keypad").forEach(function (pad) {
    var form = pad.closest("form");
    var target = document.getElementById(pad.dataset.target);
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-keypad-field]"));
    function choose(field) {
      target = field;
      fields.forEach(function (other) {
        other.parentNode.classList.toggle("k-field--active", other === field);
      });
    }
    fields.forEach(function (field) {
      field.addEventListener("click", function () { choose(field); });
    });
    if (fields.length) { choose(target); }
    pad.addEventListener("click", function (event) {
      var key = event.target.closest("[data-key]");
      if (!key) { return; }
      var value = key.dataset.key;
      if (value === "back") { target.value = target.value.slice(0, -1); }
      else if (value === "clear") { target.value = ""; }
      else if (target.value.length < target.maxLength) { target.value += value; }
      target.dispatchEvent(new Event("input", { bubbles: true }));
      var next = fields[fields.indexOf(target) + 1];
      if (next && target.value.length === target.maxLength && /\d/.test(value)) { choose(next); }
    });
  });

  // --- printing: the query code only when "打印查询码" was tapped ---------------------------
  [["print-receipt", false], ["print-with-code", true]].forEach(function (pair) {
    var button = document.getElementById(pair[0]);
    if (!button) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      body.classList.toggle("print-code", pair[1]);
      window.print();
    });
  });

  // --- the complaint wizard: one question per screen ----------------------------------------
  var wizard = document.getElementById("wizard");
  if (!wizard) { return; }
  var steps = Array.prototype.slice.call(wizard.querySelectorAll(".k-step"));
  var counter = document.getElementById("step-counter");
  var current = 0;
  function checked(name) { return wizard.querySelector("input[name='" + name + "']:checked"); }
  function kind() { var input = checked("kind"); return input ? input.value : ""; }
  function anonymous() { var input = checked("anonymous"); return !!(input && input.value); }
  function field(name) { return wizard.elements[name]; }
  function applies(step) { return step.dataset.step !== "person" || !anonymous(); }
  function labelOf(input) { return input ? input.parentNode.textContent.trim() : "—"; }
  var needsContact = { complaint: true, tipoff: true };
  var problems = {
    kind: function () { return kind() ? "" : "请选择一类"; },
    unit: function () { return checked("unit") ? "" : "请选择单位；不清楚请选“不清楚”"; },
    what: function () {
      return field("description").value.trim().length >= 10 ? "" : "请写明事情经过，至少10个字";
    },
    where: function () {
      return !needsContact[kind()] || field("location").value.trim() ? "" : "请填写发生地点";
    },
    contact: function () { return ""; },
    person: function () {
      if (!needsContact[kind()]) { return ""; }
      if (!field("contact_name").value.trim()) { return "请填写姓名"; }
      var phone = field("contact_phone").value;
      return /^(1[3-9]\d{9}|0\d{9,11})$/.test(phone) ? "" : "请输入11位手机号或带区号的固定电话";
    },
    check: function () { return ""; }
  };
  function message(step, text) {
    var box = step.querySelector(".k-step__message");
    if (!box) {
      box = document.createElement("p");
      box.className = "k-field__error k-step__message";
      box.setAttribute("role", "alert");
      step.querySelector(".k-step__nav").before(box);
    }
    box.textContent = text;
    box.hidden = !text;
  }
  function fitKind() {
    var chosen = kind();
    wizard.querySelectorAll(".k-matters").forEach(function (group) {
      group.hidden = group.dataset.kind !== chosen;
    });
    var anonymousChoice = wizard.querySelector("[data-anonymous-choice]");
    anonymousChoice.hidden = chosen === "complaint";
    if (chosen === "complaint" && anonymous()) {
      wizard.querySelector("input[name='anonymous'][value='']").checked = true;
    }
  }
  function summarise() {
    var set = function (name, text) { wizard.querySelector("[data-summary='" + name + "']").textContent = text || "—"; };
    set("kind", labelOf(checked("kind")));
    set("unit", labelOf(checked("unit")));
    set("description", field("description").value.trim());
    set("when", labelOf(checked("when")));
    set("location", field("location").value.trim());
    set("contact", anonymous() ? "匿名" :
      (field("contact_name").value.trim() + " " + field("contact_phone").value).trim());
  }
  function show(index) {
    current = index;
    var active = steps.filter(applies);
    steps.forEach(function (step, position) { step.hidden = position !== index; });
    counter.hidden = false;
    document.getElementById("step-no").textContent = String(active.indexOf(steps[index]) + 1);
    document.getElementById("step-total").textContent = String(active.length);
    fitKind();
    if (steps[index].dataset.step === "check") { summarise(); }
    steps[index].setAttribute("tabindex", "-1");
    steps[index].focus();
  }
  function move(delta) {
    var index = current + delta;
    while (index >= 0 && index < steps.length && !applies(steps[index])) { index += delta; }
    return index;
  }
  wizard.addEventListener("click", function (event) {
    var step = steps[current];
    if (event.target.closest("[data-next]")) {
      var problem = problems[step.dataset.step]();
      message(step, problem);
      if (!problem) { show(move(1)); }
    } else if (event.target.closest("[data-prev]")) {
      var back = move(-1);
      if (back < 0) { go(body.dataset.home); } else { show(back); }
    } else if (event.target.closest("[data-insert]")) {
      var text = event.target.closest("[data-insert]").dataset.insert;
      var description = field("description");
      description.value = description.value.trim() ? description.value.trim() + "；" + text : text + "：";
      restartIdle();
    }
  });
  wizard.addEventListener("change", fitKind);
  wizard.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.tagName === "INPUT") { event.preventDefault(); }
  });
  var firstError = steps.findIndex(function (step) { return step.hasAttribute("data-error"); });
  show(firstError >= 0 ? firstError : 0);
}());
