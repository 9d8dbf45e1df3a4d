// Enhancements only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
  // Read a step aloud for the youngest pupils, in the page's language, with the browser's own voice.
  if ("speechSynthesis" in window) {
    for (const button of document.querySelectorAll("[data-read-aloud]")) {
      const target = document.getElementById(button.dataset.readAloud);
      if (!target) continue;
      button.hidden = false;
      button.addEventListener("click", () => {
        window.speechSynthesis.cancel();
        const utterance = new SpeechSynthesisUtterance(target.innerText);
        utterance.lang = document.documentElement.lang === "zh-hans" ? "zh-CN" : document.documentElement.lang;
        utterance.rate = 0.9;
        window.speechSynthesis.speak(utterance);
      });
    }
  }
});
