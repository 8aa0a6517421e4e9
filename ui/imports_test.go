package ui

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestUIKnowsNothingOfAWS keeps the toolkit reusable: it may import the
// standard library, Charm and x/ansi, never the AWS SDK or the project.
func TestUIKnowsNothingOfAWS(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fs := token.NewFileSet()
	for _, f := range files {
		af, err := parser.ParseFile(fs, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			allowed := !strings.Contains(path, ".") ||
				strings.HasPrefix(path, "charm.land/") ||
				strings.HasPrefix(path, "github.com/charmbracelet/")
			if !allowed {
				t.Errorf("%s imports %s", f, path)
			}
		}
	}
}
