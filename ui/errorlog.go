package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// ErrorLogSize is how many errors the error log keeps: enough to see what
// went wrong in the last few operations, small enough for one screen.
const ErrorLogSize = 10

// ErrorEntry is one error the status bar showed.
type ErrorEntry struct {
	At   time.Time // when it was reported
	Op   string    // the operation that failed (ListBuckets, ...); "" when unknown
	Text string    // the message, without the operation
}

// ErrorLog keeps the last ErrorLogSize errors, oldest first. Error messages
// expire from the status bar like any other; the log is where they stay.
type ErrorLog struct {
	entries []ErrorEntry
}

// Add records an error. A text of the form "Op: message" (an API name or
// a plan title such as "Set the default encryption of b to SSE-S3") is split when the message has no
// Op of its own, so every entry names its operation.
func (l *ErrorLog) Add(at time.Time, op, text string) {
	if op == "" {
		if before, after, ok := strings.Cut(text, ": "); ok && looksLikeOp(before) {
			op, text = before, after
		}
	} else {
		text = strings.TrimPrefix(text, op+": ")
	}
	l.entries = append(l.entries, ErrorEntry{At: at, Op: op, Text: text})
	if over := len(l.entries) - ErrorLogSize; over > 0 {
		l.entries = append([]ErrorEntry(nil), l.entries[over:]...)
	}
}

// looksLikeOp reports whether the start of a message names an operation:
// a name or a title, not a sentence.
func looksLikeOp(s string) bool {
	return strings.TrimSpace(s) != "" && len(s) <= 80 && !strings.ContainsAny(s, ",;")
}

// Entries returns the errors kept, newest first.
func (l ErrorLog) Entries() []ErrorEntry {
	out := make([]ErrorEntry, len(l.entries))
	for i, e := range l.entries {
		out[len(out)-1-i] = e
	}
	return out
}

// Len is the number of errors kept.
func (l ErrorLog) Len() int { return len(l.entries) }

// ErrorLogView renders the log as an overlay of at most height lines of
// width cells: a heading, then each error newest first with its time and
// operation, its message wrapped under it. Errors that do not fit are
// counted on the last line rather than cut silently.
func ErrorLogView(l ErrorLog, st *Styles, width, height int) string {
	head := []string{
		st.Pane.Heading.Render(fmt.Sprintf("Recent errors (last %d)", ErrorLogSize)) +
			"  " + st.Muted.Render("esc, q or ! closes"),
		"",
	}
	if l.Len() == 0 {
		head = append(head, st.Muted.Render("No errors since the console started."))
		return clipLines(head, width, height)
	}
	out := head
	entries := l.Entries()
	for i, e := range entries {
		var block []string
		op := e.Op
		if op == "" {
			op = "error"
		}
		block = append(block, st.Muted.Render(e.At.Local().Format("15:04:05"))+"  "+st.Error.Render(op))
		for _, w := range Wrap(e.Text, max(10, width-2)) {
			block = append(block, "  "+st.Text.Render(w))
		}
		if len(out)+len(block) > height-1 && i > 0 {
			out = append(out, st.Muted.Render(fmt.Sprintf("… %d older not shown", len(entries)-i)))
			break
		}
		out = append(out, block...)
	}
	return clipLines(out, width, height)
}

// clipLines keeps at most height lines, each cut to width cells.
func clipLines(lines []string, width, height int) string {
	if height >= 0 && len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(lines, "\n")
}
