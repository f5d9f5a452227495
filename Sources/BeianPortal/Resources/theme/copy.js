// 备案标识的“复制代码”按钮（filing pages）. Without JavaScript the snippet stays selectable in
// its read-only text box; with it, the button appears and copies the snippet.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var box = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!box) return;
    button.hidden = false;
    function done(ok) {
      // The page says the two messages in its language (data-copied, data-copy-failed).
      if (status) status.textContent = ok ? (button.getAttribute("data-copied") || "已复制")
        : (button.getAttribute("data-copy-failed") || "请手动选择并复制上面的代码");
    }
    button.addEventListener("click", function () {
      var text = box.value;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () {
          box.select();
          done(document.execCommand && document.execCommand("copy"));
        });
      } else {
        box.select();
        done(document.execCommand && document.execCommand("copy"));
      }
    });
  });
})();
