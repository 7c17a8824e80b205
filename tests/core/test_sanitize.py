"""Staff-written HTML: the safelist keeps formatting, and no script survives."""

import pytest

from portal.core.sanitize import (
    ALLOWED_TAGS,
    html_to_text,
    mask_html,
    sanitize_html,
    sanitize_staff_input,
)

# Payloads from the OWASP XSS filter evasion cheat sheet and html5sec.org, plus mutation tricks.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=javascript:alert('XSS')>",
    '<img src="x" onerror="alert(String.fromCharCode(88,83,83))">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">点我</a>',
    '<a href="JaVaScRiPt:alert(1)">点我</a>',
    '<a href="jav&#x09;ascript:alert(1)">点我</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p style="background:url(javascript:alert(1))">样式</p>',
    '<div style="width: expression(alert(1))">x</div>',
    "<object data=javascript:alert(1)></object>",
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>提交</button></form>',
    '<input autofocus onfocus="alert(1)">',
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style>@import 'javascript:alert(1)';</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<p onclick="alert(1)" onmouseover="alert(1)">段落</p>',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    "<!--<img src=x onerror=alert(1)>-->",
    '<a href="#" onclick="alert(1)">x</a>',
    "<video><source onerror=alert(1)></video>",
    "<marquee onstart=alert(1)>x</marquee>",
    '<template><img src=x onerror="alert(1)"></template>',
    "<textarea><script>alert(1)</script></textarea>",
    '<a href=" javascript:alert(1)">x</a>',
]
FORBIDDEN = [
    "<script",
    "<img",
    "<svg",
    "<iframe",
    "<object",
    "<embed",
    "<style",
    "<form",
    "<input",
    "<meta",
    "<link",
    "<base",
    "<template",
    "<textarea",
    "<video",
    "<math",
    "javascript:",
    "vbscript:",
    "data:",
    "onerror",
    "onload",
    "onclick",
    "onfocus",
    "ontoggle",
    "onmouseover",
    "onstart",
    "style=",
    "expression(",
    "<!--",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_xss_payload_survives(payload):
    for cleaned in (str(sanitize_html(payload)), sanitize_staff_input(payload), mask_html(payload)):
        lowered = cleaned.lower()
        for needle in FORBIDDEN:
            assert needle not in lowered, (payload, cleaned)


def test_sanitising_is_stable():
    for payload in XSS_PAYLOADS:
        once = str(sanitize_html(payload))
        assert str(sanitize_html(once)) == once


def test_the_safelist_keeps_formatting_tables_and_safe_links():
    html = (
        "<h2>执法依据</h2><p>依据<strong>《行政处罚法》</strong>第<em>五</em>条。</p>"
        "<ol><li>立案</li><li>调查</li></ol>"
        '<table><caption>裁量</caption><thead><tr><th scope="col" colspan="2">情节</th></tr>'
        '</thead><tbody><tr><td rowspan="2">轻微</td><td>警告</td></tr></tbody></table>'
        '<p><a href="https://www.pds.gov.cn/" title="市政府">市政府网站</a> '
        '<a href="tel:12319">12319</a> <a href="mailto:cgjd@pds.gov.cn">来信</a></p>'
    )
    assert str(sanitize_html(html)) == html


def test_what_the_safelist_drops():
    cleaned = str(sanitize_html('<h1 class="x" id="y">标题</h1><span>文字</span><div>块</div>'))
    assert "<" not in cleaned and cleaned.replace("\n", "") == "标题文字块"  # text stays
    assert "h1" not in ALLOWED_TAGS and "img" not in ALLOWED_TAGS


def test_plain_text_becomes_paragraphs():
    stored = sanitize_staff_input("第一段\n第一段第二行\n\n第二段 <-- 不是标记")
    assert stored.startswith("<p>第一段<br>第一段第二行</p>")
    assert stored.endswith("<p>第二段 &lt;-- 不是标记</p>")


def test_html_to_text_puts_blocks_on_lines():
    assert html_to_text("<h2>标题</h2><p>一<b>二</b>三</p><ul><li>甲</li><li>乙</li></ul>") == (
        "标题\n一二三\n甲\n乙"
    )


class TestMaskingInsideHtml:
    def test_text_is_masked_and_markup_kept(self):
        masked = mask_html("<p>联系人手机<strong>13812345678</strong>，邮箱 zhang@example.com</p>")
        assert masked == "<p>联系人手机<strong>138****5678</strong>，邮箱 z***@example.com</p>"

    def test_a_number_split_by_markup_is_still_found(self):
        masked = mask_html("<p>电话138<b>1234</b>5678</p>")
        assert "1234" not in masked and "5678" in masked
        assert masked == "<p>电话138****5678<b></b></p>"

    def test_entity_encoded_digits_are_found(self):
        masked = mask_html("<p>身份证号&#52;10402198001011234</p>")
        assert "410402198001011234" not in masked
        assert "410402********1234" in masked

    def test_links_are_masked_too(self):
        masked = mask_html('<p><a href="tel:13812345678" title="13812345678">打电话</a></p>')
        assert "13812345678" not in masked

    def test_blocks_do_not_join_into_one_number(self):
        html = "<p>编号 1381234</p><p>5678 件</p>"
        assert mask_html(html) == html

    def test_public_contacts_stay(self):
        html = "<p>投诉电话 0375-4932619，邮箱 xinhua_cgts@pds.gov.cn</p>"
        masked = mask_html(
            html, public_phones=["0375-4932619"], public_emails=["xinhua_cgts@pds.gov.cn"]
        )
        assert masked == html
        assert "4932619" not in mask_html(html)
