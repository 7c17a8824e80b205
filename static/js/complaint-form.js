// The complaint form: hide contact inputs while "anonymous" is ticked, and check the chosen
// files before they are uploaded, so that a too-large file does not cost the person the form.
(function () {
  var form = document.querySelector(".js-complaint-form");
  if (!form) { return; }
  var anonymous = form.querySelector("#anonymous");
  var contact = form.querySelector(".contact-fields__inputs");
  var kinds = form.querySelectorAll("input[name='kind']");

  function syncAnonymous() {
    var kind = form.querySelector("input[name='kind']:checked");
    var allowed = !kind || kind.value !== "complaint";
    anonymous.closest(".field").hidden = !allowed;
    if (!allowed) { anonymous.checked = false; }
    contact.hidden = anonymous.checked;
  }
  if (anonymous && contact) {
    anonymous.addEventListener("change", syncAnonymous);
    kinds.forEach(function (input) { input.addEventListener("change", syncAnonymous); });
    syncAnonymous();
  }

  var files = form.querySelector("input[type='file']");
  var problem = form.querySelector(".js-file-problem");
  var maxFiles = parseInt(form.dataset.maxFiles, 10);
  var maxBytes = parseInt(form.dataset.maxBytes, 10);
  function fileProblem() {
    if (!files || !files.files) { return ""; }
    if (files.files.length > maxFiles) { return "最多上传" + maxFiles + "个附件"; }
    for (var i = 0; i < files.files.length; i++) {
      if (files.files[i].size > maxBytes) {
        return "“" + files.files[i].name + "”超过 " + Math.floor(maxBytes / 1048576) + " MB，请压缩后再上传";
      }
    }
    return "";
  }
  if (files && problem) {
    files.addEventListener("change", function () {
      var text = fileProblem();
      problem.textContent = text;
      problem.hidden = !text;
    });
    form.addEventListener("submit", function (event) {
      var text = fileProblem();
      if (text) {
        event.preventDefault();
        problem.textContent = text;
        problem.hidden = false;
        files.focus();
      }
    });
  }
})();
