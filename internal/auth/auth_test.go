package auth

import (
	"context"
	"strings"
	"testing"
)

var ctx = context.Background()

func TestPasswordHashRoundTrip(t *testing.T) {
	h, err := HashPassword(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not argon2id with the expected parameters", h)
	}
	if !CheckPassword(ctx, h, "correct horse battery") {
		t.Error("the right password was refused")
	}
	for _, wrong := range []string{"", "correct horse batter", "Correct horse battery", "correct horse battery "} {
		if CheckPassword(ctx, h, wrong) {
			t.Errorf("%q accepted", wrong)
		}
	}
	h2, _ := HashPassword(ctx, "correct horse battery")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestCheckPasswordRefusesGarbage(t *testing.T) {
	for _, encoded := range []string{"", "plain", "$argon2id$v=19$m=1,t=1,p=1$$", "$bcrypt$x$y$z$w", "$argon2id$v=18$m=19456,t=2,p=1$c2FsdA$aGFzaA"} {
		if CheckPassword(ctx, encoded, "anything at all") {
			t.Errorf("CheckPassword(%q) = true", encoded)
		}
	}
}

func TestNewPasswordRules(t *testing.T) {
	for _, tc := range []struct {
		password, email, want string
	}{
		{"short", "", "at least 10"},
		{"Password123", "", "most commonly used"},
		{"QWERTYUIOP", "", "most commonly used"},
		{"maya@example.com", "Maya@Example.com", "e-mail"},
		{strings.Repeat("x", 257), "", "at most 256"},
		{"kettle orbit walnut", "maya@example.com", ""},
		{"ünïcödé-päss", "", ""}, // 12 characters, 17 bytes
	} {
		got := CheckNewPassword(tc.password, tc.email)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("CheckNewPassword(%q) = %q, want %q", tc.password, got, tc.want)
		}
	}
}

func TestHashingGivesUpWhenTheRequestEnds(t *testing.T) {
	done, cancel := context.WithCancel(ctx)
	cancel()
	for range cap(hashing) { // every slot busy
		hashing <- struct{}{}
	}
	defer func() {
		for range cap(hashing) {
			<-hashing
		}
	}()
	if _, err := HashPassword(done, "correct horse battery"); err == nil {
		t.Error("HashPassword waited past the end of its context")
	}
	if CheckPassword(done, dummyHash, "x") {
		t.Error("CheckPassword succeeded without hashing")
	}
}

func TestTokens(t *testing.T) {
	a, ha := NewToken()
	b, _ := NewToken()
	if a == b || len(a) != 43 || strings.ContainsAny(a, "+/=") {
		t.Fatalf("tokens %q %q: want distinct, 43 URL-safe characters", a, b)
	}
	if string(HashToken(a)) != string(ha) || len(ha) != 32 {
		t.Fatal("HashToken does not reproduce the stored hash")
	}
}

func FuzzCheckPassword(f *testing.F) {
	f.Add("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", "pw")
	f.Add("$argon2id$v=19$m=99999999,t=99,p=255$$", "pw")
	f.Fuzz(func(t *testing.T, encoded, password string) {
		if len(encoded) > 200 {
			return
		}
		CheckPassword(ctx, encoded, password) // must not panic or allocate without bound
	})
}
