// Reply page: a template link fills the reply text in place instead of reloading the page
// (without a script the link reloads the page with the template filled in).
document.querySelectorAll(".js-reply-template").forEach(function (link) {
  link.addEventListener("click", function (event) {
    var text = document.querySelector("#text");
    if (!text) { return; }
    event.preventDefault();
    if (text.value.trim() && text.value !== link.dataset.body &&
        !window.confirm("用模板内容替换已填写的答复？")) { return; }
    text.value = link.dataset.body;
    text.focus();
  });
});
