package views

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/ui"
)

// encryptionPane shows the default encryption rule in full.
type encryptionPane struct{}

func (encryptionPane) title() string { return "Encryption" }

func (encryptionPane) actions(k ui.KeyMap) []ui.Action {
	return []ui.Action{
		k.Action(k.Edit, "edit encryption"),
		k.Action(k.BucketKey, "bucket key on"),
	}
}

// start implements actionPane.
func (encryptionPane) start(d *Detail, a ui.Action) tea.Cmd {
	switch {
	case isVerb(a, d.c.keys.Edit):
		return d.startEncryptionEdit()
	case isVerb(a, d.c.keys.BucketKey):
		return d.startBucketKey()
	}
	return nil
}

func (encryptionPane) lines(e paneEnv) []string {
	out := []string{e.heading("Default encryption")}
	if p, ok := e.facetProblem(awsops.FacetEncryption); ok {
		return append(out, p...)
	}
	enc := *e.state.Encryption
	var mode string
	switch enc.Algorithm {
	case "AES256":
		mode = "SSE-S3 (AES256): keys managed by S3"
	case "aws:kms":
		mode = "SSE-KMS (aws:kms): keys in AWS KMS"
	case "aws:kms:dsse":
		mode = "DSSE-KMS (aws:kms:dsse): dual-layer, keys in AWS KMS"
	case "":
		mode = e.st.Bad.Render("none")
	default:
		mode = enc.Algorithm
	}
	out = append(out, e.kv("Algorithm", mode))
	if strings.HasPrefix(enc.Algorithm, "aws:kms") {
		key := enc.KMSKeyID
		if key == "" {
			key = "aws/s3 (the AWS-managed key)"
		}
		out = append(out, e.kvWrapped("KMS key", key)...)
		bk := e.onOff(enc.BucketKey, true)
		if enc.BucketKey {
			bk += e.st.Muted.Render("  fewer KMS requests, lower cost")
		}
		out = append(out, e.kv("S3 Bucket Key", bk))
		if !enc.BucketKey {
			out = append(out, e.hintLines(awsops.KMSCostHint(enc), labelWidth)...)
			if enc.Algorithm == awsops.AlgorithmKMS {
				out = append(out, e.hintLines("Press b to turn the S3 Bucket Key on (it applies to newly written objects).", labelWidth)...)
			}
		}
	}
	blocked := e.st.Muted.Render("none listed")
	if enc.BlockedEncryptionTypes != nil {
		blocked = strings.Join(enc.BlockedEncryptionTypes, ", ")
	}
	out = append(out, e.kv("Blocked types", blocked))
	ssec := e.st.Warn.Render("allowed")
	if enc.SSECBlocked() {
		ssec = e.st.Good.Render("blocked")
	}
	out = append(out, e.kv("SSE-C uploads", ssec))
	if fs := findingsWithPrefix(e.findings, "kms-", "ssec-", "encryption-"); len(fs) > 0 {
		out = append(out, "", e.heading("Findings"))
		out = append(out, e.findingLines(fs)...)
	}
	return out
}
