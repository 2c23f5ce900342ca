// Package static holds the embedded stylesheets, scripts and images, each
// reachable under a content-hashed URL (/static/app.3f2a9c1b0d.css) that can
// be cached for a year: a changed file gets a new URL.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

//go:embed *.css *.svg *.js
var files embed.FS

// Asset is one embedded file.
type Asset struct {
	Name      string // file name, e.g. app.css
	Data      []byte
	ETag      string // strong ETag from the content hash
	Immutable bool   // requested by its hashed name: cache forever
}

var byName, byHashed = load()

func load() (byName, byHashed map[string]Asset) {
	byName, byHashed = map[string]Asset{}, map[string]Asset{}
	entries, err := fs.ReadDir(files, ".")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		if e.IsDir() || !e.Type().IsRegular() {
			continue
		}
		data, err := files.ReadFile(e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(data)
		hash := hex.EncodeToString(sum[:])[:10]
		a := Asset{Name: e.Name(), Data: data, ETag: `"` + hash + `"`}
		byName[a.Name] = a
		ext := path.Ext(a.Name)
		a.Immutable = true
		byHashed[strings.TrimSuffix(a.Name, ext)+"."+hash+ext] = a
	}
	return byName, byHashed
}

// Path is the hashed URL of the named file. It panics on an unknown name,
// which the layout tests catch: a typo must not ship as a broken link.
func Path(name string) string {
	a, ok := byName[name]
	if !ok {
		panic(fmt.Sprintf("static: no asset %q", name))
	}
	hash := strings.Trim(a.ETag, `"`)
	ext := path.Ext(name)
	return "/static/" + strings.TrimSuffix(name, ext) + "." + hash + ext
}

// Lookup finds the file for a request path below /static/: by its hashed
// name (immutable) or by its plain name (revalidated with the ETag).
func Lookup(name string) (Asset, bool) {
	if a, ok := byHashed[name]; ok {
		return a, true
	}
	a, ok := byName[name]
	return a, ok
}
