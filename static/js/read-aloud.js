/* 朗读: read the main text with the browser's speech synthesis — only when a Chinese voice
   is there; otherwise the button stays hidden. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var buttons = document.querySelectorAll(".read-aloud");
  if (!synth || !window.SpeechSynthesisUtterance || !buttons.length) { return; }
  var ready = false;
  function chineseVoice() {
    return synth.getVoices().find(function (voice) { return /^zh/i.test(voice.lang); });
  }
  function setUp() {
    var voice = chineseVoice();
    if (ready || !voice) { return; }
    ready = true;
    buttons.forEach(function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        if (synth.speaking) {
          synth.cancel();
          button.textContent = label;
          return;
        }
        var target = document.getElementById(button.dataset.readTarget);
        var utterance = new SpeechSynthesisUtterance(target ? target.innerText : "");
        utterance.voice = voice;
        utterance.lang = voice.lang;
        utterance.rate = 0.9;
        utterance.onend = function () { button.textContent = label; };
        button.textContent = button.dataset.labelStop;
        synth.speak(utterance);
      });
    });
  }
  setUp();
  if (!ready && synth.addEventListener) { synth.addEventListener("voiceschanged", setUp); }
}());
