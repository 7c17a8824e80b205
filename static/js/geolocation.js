// "使用我的位置" on the complaint form: the browser's position goes into two hidden inputs
// (latitude, longitude). Shown only where the browser offers geolocation; optional.
(function () {
  var box = document.querySelector(".js-geolocation");
  if (!box || !navigator.geolocation) { return; }
  var button = box.querySelector(".js-geolocate");
  var status = box.querySelector(".js-geolocation-status");
  var latitude = document.querySelector(".js-latitude");
  var longitude = document.querySelector(".js-longitude");
  box.hidden = false;
  if (latitude.value && longitude.value) {
    status.textContent = "已附上您的位置。";
  }
  button.addEventListener("click", function () {
    status.textContent = "正在获取位置…";
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = "已附上您的位置（误差约" + Math.round(position.coords.accuracy) +
          "米）。只有办理人员能看到精确位置；请仍在上方写明地点。";
        button.disabled = false;
      },
      function () {
        status.textContent = "未能获取位置（可能未允许定位），请直接填写地点。";
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
