package awsops

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// MaxPolicyBytes is S3's limit on the normalised (whitespace-free) bucket
// policy document: a larger one is refused with MalformedPolicy.
const MaxPolicyBytes = 20480

// maxPolicyInput bounds what ParsePolicy reads, so a hostile or broken
// document cannot make the console allocate without limit. It is far above
// MaxPolicyBytes because pretty-printed input carries whitespace.
const maxPolicyInput = 1 << 20

// PolicyDoc is a bucket policy parsed for editing. Every top-level element
// keeps its position and its bytes, and every statement keeps its bytes, so
// statements the editor does not touch are re-emitted unchanged (compacted).
type PolicyDoc struct {
	members    []policyMember    // top-level elements in document order
	statements []json.RawMessage // the Statement element, one entry per statement
	single     bool              // Statement was one object, not a list
}

// policyMember is one top-level element; Statement's value is kept in
// PolicyDoc.statements instead.
type policyMember struct {
	Key   string
	Value json.RawMessage
}

// ParsePolicy reads a bucket policy. An empty (or all-space) text is an
// empty document: no policy yet. Statement may be one object or a list of
// objects; anything else is an error that names the problem.
func ParsePolicy(text string) (*PolicyDoc, error) {
	if len(text) > maxPolicyInput {
		return nil, fmt.Errorf("the policy is %d bytes, far beyond the %d-byte limit", len(text), MaxPolicyBytes)
	}
	if len(bytes.TrimSpace([]byte(text))) == 0 {
		return &PolicyDoc{}, nil
	}
	members, err := orderedObject([]byte(text))
	if err != nil {
		return nil, fmt.Errorf("the policy is not a JSON object: %w", err)
	}
	d := &PolicyDoc{}
	seenStatement := false
	for _, m := range members {
		if m.Key != "Statement" {
			d.members = append(d.members, m)
			continue
		}
		if seenStatement {
			return nil, errors.New("the policy has Statement twice")
		}
		seenStatement = true
		if err := d.readStatements(m.Value); err != nil {
			return nil, err
		}
		d.members = append(d.members, policyMember{Key: "Statement"})
	}
	return d, nil
}

// readStatements accepts one statement object or a list of them.
func (d *PolicyDoc) readStatements(raw json.RawMessage) error {
	trimmed := bytes.TrimSpace(raw)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &probe); err != nil {
			return fmt.Errorf("the Statement is not a JSON object: %w", err)
		}
		d.single = true
		d.statements = []json.RawMessage{compactRaw(trimmed)}
		return nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(trimmed, &list); err != nil {
		return errors.New("the Statement must be an object or a list of objects")
	}
	for i, st := range list {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(st, &probe); err != nil || probe == nil {
			return fmt.Errorf("statement %d is not a JSON object", i+1)
		}
		d.statements = append(d.statements, compactRaw(st))
	}
	return nil
}

// orderedObject decodes a JSON object into its members in document order.
func orderedObject(data []byte) ([]policyMember, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if delim, ok := tok.(json.Delim); !ok || delim != '{' {
		return nil, errors.New("the first character must be '{'")
	}
	var out []policyMember
	seen := map[string]bool{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, fmt.Errorf("the element %q appears twice", key)
		}
		seen[key] = true
		out = append(out, policyMember{Key: key, Value: compactRaw(value)})
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("text follows the policy object")
	}
	return out, nil
}

// compactRaw removes insignificant whitespace; the value is valid JSON
// already (it came out of the decoder).
func compactRaw(raw []byte) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Compact(&buf, raw); err != nil {
		return append(json.RawMessage(nil), raw...)
	}
	return buf.Bytes()
}

// Statements returns the statements as raw JSON, in order.
func (d *PolicyDoc) Statements() []json.RawMessage {
	return append([]json.RawMessage(nil), d.statements...)
}

// Empty reports whether the document has no statements left: such a policy
// is not worth keeping (S3 refuses it), so the caller deletes the policy.
func (d *PolicyDoc) Empty() bool { return len(d.statements) == 0 }

// statementSid reads the Sid of one statement ("" when it has none).
func statementSid(raw json.RawMessage) string {
	var st struct {
		Sid string
	}
	_ = json.Unmarshal(raw, &st)
	return st.Sid
}

// Upsert puts the statement in place of the statement with the same Sid,
// or appends it. Later statements with that Sid are dropped, so applying
// the same statement twice gives the same document.
func (d *PolicyDoc) Upsert(st Statement) error {
	if st.Sid == "" {
		return errors.New("a statement to merge needs a Sid")
	}
	raw, err := json.Marshal(st)
	if err != nil {
		return err
	}
	replaced := false
	var out []json.RawMessage
	for _, old := range d.statements {
		if statementSid(old) != st.Sid {
			out = append(out, old)
			continue
		}
		if !replaced {
			out = append(out, raw)
			replaced = true
		}
	}
	if !replaced {
		out = append(out, raw)
	}
	d.statements = out
	d.ensureMembers()
	return nil
}

// Remove drops every statement with the Sid and reports whether one was there.
func (d *PolicyDoc) Remove(sid string) bool {
	var out []json.RawMessage
	for _, st := range d.statements {
		if statementSid(st) != sid {
			out = append(out, st)
		}
	}
	removed := len(out) != len(d.statements)
	d.statements = out
	return removed
}

// RemoveAt drops the statements at the given 0-based positions (for
// statements without a Sid, found by analysis).
func (d *PolicyDoc) RemoveAt(positions []int) {
	drop := map[int]bool{}
	for _, p := range positions {
		drop[p] = true
	}
	var out []json.RawMessage
	for i, st := range d.statements {
		if !drop[i] {
			out = append(out, st)
		}
	}
	d.statements = out
}

// ensureMembers gives a document built from nothing a Version and a
// Statement element.
func (d *PolicyDoc) ensureMembers() {
	hasVersion, hasStatement := false, false
	for _, m := range d.members {
		hasVersion = hasVersion || m.Key == "Version"
		hasStatement = hasStatement || m.Key == "Statement"
	}
	if !hasVersion {
		d.members = append([]policyMember{{Key: "Version", Value: json.RawMessage(`"2012-10-17"`)}}, d.members...)
	}
	if !hasStatement {
		d.members = append(d.members, policyMember{Key: "Statement"})
	}
}

// JSON writes the document without whitespace, as S3 measures it, and
// refuses one above MaxPolicyBytes. An empty document is "" (no policy).
func (d *PolicyDoc) JSON() (string, error) {
	if d.Empty() {
		return "", nil
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range d.members {
		if i > 0 {
			buf.WriteByte(',')
		}
		key, _ := json.Marshal(m.Key)
		buf.Write(key)
		buf.WriteByte(':')
		if m.Key != "Statement" {
			buf.Write(m.Value)
			continue
		}
		if d.single && len(d.statements) == 1 {
			buf.Write(d.statements[0])
			continue
		}
		buf.WriteByte('[')
		for j, st := range d.statements {
			if j > 0 {
				buf.WriteByte(',')
			}
			buf.Write(st)
		}
		buf.WriteByte(']')
	}
	buf.WriteByte('}')
	if buf.Len() > MaxPolicyBytes {
		return "", fmt.Errorf("the policy would be %d bytes without whitespace; S3 allows at most %d", buf.Len(), MaxPolicyBytes)
	}
	return buf.String(), nil
}

// PrettyPolicy indents a policy document by two spaces for reading and for
// the line diff of a plan preview. Text that is not JSON is returned as is.
func PrettyPolicy(text string) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, []byte(text), "", "  "); err != nil {
		return text
	}
	return buf.String()
}

// UpsertStatement merges the statement (by Sid) into the policy text and
// returns the new compact document.
func UpsertStatement(policy string, st Statement) (string, error) {
	d, err := ParsePolicy(policy)
	if err != nil {
		return "", err
	}
	if err := d.Upsert(st); err != nil {
		return "", err
	}
	return d.JSON()
}

// RemoveStatement drops the statement with the Sid. The result is "" when
// no statement is left: the caller then deletes the bucket policy instead
// of writing one.
func RemoveStatement(policy, sid string) (string, error) {
	d, err := ParsePolicy(policy)
	if err != nil {
		return "", err
	}
	d.Remove(sid)
	return d.JSON()
}
