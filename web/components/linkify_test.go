package components

import (
	"context"
	"strings"
	"testing"
)

func TestPlainTextLinksAddressesAndEscapesTheRest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Easy run.\nFelt good", "Easy run.\nFelt good"},
		{`<script>alert(1)</script> & <b>bold</b>`, `&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;`},
		{"See https://example.com/plan?a=1&b=2.", `See <a href="https://example.com/plan?a=1&amp;b=2" rel="noopener nofollow ugc">https://example.com/plan?a=1&amp;b=2</a>.`},
		{"(http://example.com/x)", `(<a href="http://example.com/x" rel="noopener nofollow ugc">http://example.com/x</a>)`},
		{"https://en.wikipedia.org/wiki/Taper_(sport), then", `<a href="https://en.wikipedia.org/wiki/Taper_(sport)" rel="noopener nofollow ugc">https://en.wikipedia.org/wiki/Taper_(sport)</a>, then`},
		{"HTTPS://EXAMPLE.COM", `<a href="HTTPS://EXAMPLE.COM" rel="noopener nofollow ugc">HTTPS://EXAMPLE.COM</a>`},
		{"javascript:alert(1) data:text/html,x ftp://example.com https:// http://", "javascript:alert(1) data:text/html,x ftp://example.com https:// http://"},
		{`http://x.example/"onmouseover="alert(1)`, `<a href="http://x.example/" rel="noopener nofollow ugc">http://x.example/</a>&#34;onmouseover=&#34;alert(1)`},
		{"two links: http://a.example and http://b.example!", `two links: <a href="http://a.example" rel="noopener nofollow ugc">http://a.example</a> and <a href="http://b.example" rel="noopener nofollow ugc">http://b.example</a>!`},
	} {
		var b strings.Builder
		if err := PlainText(tc.in).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSuffix(strings.TrimPrefix(b.String(), `<div class="plain-text">`), `</div>`)
		if got != tc.want {
			t.Errorf("PlainText(%q)\n got %s\nwant %s", tc.in, got, tc.want)
		}
	}
}
