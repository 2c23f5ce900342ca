// Package auth owns credentials: password hashing and checking, password
// rules, and the random tokens of invite and reset links.
package auth

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's recommendation (Password Storage Cheat
// Sheet, 2023) of 19 MiB, two passes, one lane: ≈50 ms here, and small
// enough in memory that a burst of logins cannot exhaust the machine.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// hashing bounds concurrent hashes (each holds argonMemory) to the cores.
var hashing = make(chan struct{}, max(2, runtime.NumCPU()))

// MinPasswordLength follows NIST SP 800-63B: length, not composition rules.
const MinPasswordLength = 10

// MaxPasswordLength keeps a hash from being a denial-of-service lever.
const MaxPasswordLength = 256

// HashPassword returns an encoded argon2id hash (PHC string format). It
// waits for a free hashing slot no longer than ctx allows.
func HashPassword(ctx context.Context, password string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key, err := derive(ctx, []byte(password), salt, argonTime, argonMemory, argonThreads)
	if err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches encoded. An empty
// encoded hash (unknown user) is compared against a dummy hash, so the
// answer takes as long as for a real account and timing reveals nothing.
// A ctx that ends while waiting for a hashing slot gives false.
func CheckPassword(ctx context.Context, encoded, password string) bool {
	if encoded == "" {
		encoded = dummyHash
	}
	var version int
	var memory, time uint32
	var threads uint8
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false
	}
	// Bounds keep a corrupt stored hash from asking for gigabytes.
	if memory < 8 || memory > 1<<18 || time < 1 || time > 10 || threads < 1 || threads > 16 {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got, err := derive(ctx, []byte(password), salt, time, memory, threads)
	return err == nil && subtle.ConstantTimeCompare(got, want) == 1 && encoded != dummyHash
}

func derive(ctx context.Context, password, salt []byte, time, memory uint32, threads uint8) ([]byte, error) {
	select {
	case hashing <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-hashing }()
	return argon2.IDKey(password, salt, time, memory, threads, argonKeyLen), nil
}

// dummyHash is a valid hash of a random password nobody knows.
var dummyHash = func() string {
	h, err := HashPassword(context.Background(), rand.Text())
	if err != nil {
		panic(err)
	}
	return h
}()

//go:embed common_passwords.txt
var commonList []byte

var common = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(commonList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// CheckNewPassword returns a message for the form when password is not
// acceptable, or "" when it is. email is the account's, which must not
// be the password.
func CheckNewPassword(password, email string) string {
	n := utf8.RuneCountInString(password)
	switch {
	case n < MinPasswordLength:
		return fmt.Sprintf("Use at least %d characters.", MinPasswordLength)
	case n > MaxPasswordLength:
		return fmt.Sprintf("Use at most %d characters.", MaxPasswordLength)
	case common[strings.ToLower(password)]:
		return "This password is one of the most commonly used ones, so it is among the first an attacker tries. Choose another."
	case email != "" && strings.EqualFold(strings.TrimSpace(password), strings.TrimSpace(email)):
		return "Your password must not be your e-mail address."
	}
	return ""
}
