// Enhancements only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // Read the screen aloud for the youngest pupils, in the page's language, with the device's own voice.
  // Play and stop with one button; say so when the device has no voice for the language.
  if ("speechSynthesis" in window) {
    const synth = window.speechSynthesis;
    const pageLang = document.documentElement.lang === "zh-hans" ? "zh-CN" : document.documentElement.lang;
    const prefix = pageLang.slice(0, 2).toLowerCase();
    const hasVoice = () => synth.getVoices().some((voice) => voice.lang.toLowerCase().startsWith(prefix));
    synth.getVoices(); // some browsers load the voices only when first asked
    for (const button of document.querySelectorAll("[data-read-aloud]")) {
      const target = document.getElementById(button.dataset.readAloud);
      if (!target) continue;
      const missing = button.parentElement.querySelector("[data-read-aloud-missing]");
      const playLabel = button.textContent;
      const playing = (on) => {
        button.textContent = on ? button.dataset.labelStop : playLabel;
        button.setAttribute("aria-pressed", on ? "true" : "false");
      };
      button.hidden = false;
      button.addEventListener("click", () => {
        if (button.getAttribute("aria-pressed") === "true") {
          synth.cancel();
          playing(false);
          return;
        }
        if (!hasVoice()) {
          if (missing) missing.hidden = false;
          return;
        }
        synth.cancel();
        const utterance = new SpeechSynthesisUtterance(target.innerText);
        utterance.lang = pageLang;
        utterance.rate = 0.9;
        utterance.addEventListener("end", () => playing(false));
        utterance.addEventListener("error", () => playing(false));
        synth.speak(utterance);
        playing(true);
      });
    }
  }
});
