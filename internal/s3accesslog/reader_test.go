package s3accesslog

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadAllNamesBadLinesAndKeepsGoing(t *testing.T) {
	long := strings.Repeat("x", MaxLineBytes+10)
	body := everyField + "\r\n" + // CRLF is tolerated
		"\n" + // empty lines are skipped but counted
		"not a record\n" +
		long + "\n" +
		everyField // the last line may lack its newline
	recs, bad, err := ReadAll(strings.NewReader(body), "logs/2026-05-01-00-00-00-ABC")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || recs[0].Bucket != "DOC-EXAMPLE-BUCKET1" || recs[1].Region != "us-west-1" {
		t.Fatalf("records %+v", recs)
	}
	want := []string{
		"access log logs/2026-05-01-00-00-00-ABC line 3: 3 fields, a record has at least 18",
		"access log logs/2026-05-01-00-00-00-ABC line 4: line longer than 1048576 bytes, skipped",
	}
	if len(bad) != len(want) {
		t.Fatalf("bad lines %v, want %d", bad, len(want))
	}
	for i, w := range want {
		if bad[i].Error() != w {
			t.Errorf("bad line %d: %q, want %q", i, bad[i].Error(), w)
		}
	}
}

func TestReadAllReportsReadErrors(t *testing.T) {
	boom := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader(everyField+"\n"), iotest.ErrReader(boom))
	recs, _, err := ReadAll(r, "x")
	if !errors.Is(err, boom) || len(recs) != 1 {
		t.Fatalf("records %d, error %v: want the one record and the read error", len(recs), err)
	}
}

// FuzzParse: no input makes the parser panic, and what it accepts is
// consistent with the splitter.
func FuzzParse(f *testing.F) {
	f.Add(everyField)
	f.Add(everyField + ` extra "x y"`)
	f.Add(owner + ` b [06/Feb/2019:00:00:38 +0000] - - - - - "-" - - - - - - "-" "-" -`)
	f.Add(`a "b\" [c] \x`)
	f.Add(`"\x4`)
	f.Add(`[`)
	f.Fuzz(func(t *testing.T, line string) {
		rec, err := Parse(line)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Error() == "" {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		fields, err := SplitFields(line)
		if err != nil || len(fields) != rec.Fields || rec.Fields < MinFields {
			t.Fatalf("parsed %d fields, split %d (%v)", rec.Fields, len(fields), err)
		}
		if len(rec.Extra) != max(0, rec.Fields-FieldCount) {
			t.Fatalf("%d extra fields of %d", len(rec.Extra), rec.Fields)
		}
		if _, _, err := ReadAll(strings.NewReader(line+"\n"+line), "f"); err != nil {
			t.Fatal(err)
		}
	})
}
