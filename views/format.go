package views

import (
	"fmt"
	"strings"
	"time"

	"github.com/s3sec/s3sec/awsops"
)

// encryptionMode is the short name of an encryption algorithm, with "+BK"
// when the S3 Bucket Key is on.
func encryptionMode(e awsops.Encryption) string {
	var mode string
	switch e.Algorithm {
	case "AES256":
		mode = "SSE-S3"
	case "aws:kms":
		mode = "SSE-KMS"
	case "aws:kms:dsse":
		mode = "DSSE"
	case "":
		mode = "none"
	default:
		mode = e.Algorithm
	}
	if e.BucketKey {
		mode += "+BK"
	}
	return mode
}

// encryptionLabel is the cell form of the default encryption: the mode,
// then the KMS key (alias or short id) for KMS modes.
func encryptionLabel(e awsops.Encryption) string {
	mode := encryptionMode(e)
	if strings.HasPrefix(e.Algorithm, "aws:kms") {
		mode += " " + shortKMSKey(e.KMSKeyID)
	}
	return mode
}

// shortKMSKey shortens a KMS key reference for a table cell: an alias
// becomes its name, key ids and key ARNs the first block of the key id, and
// an empty id is the AWS-managed key. The detail pane shows the full reference.
func shortKMSKey(id string) string {
	if strings.HasPrefix(id, "arn:") {
		id = id[strings.LastIndex(id, ":")+1:]
		id = strings.TrimPrefix(id, "key/")
	}
	switch {
	case id == "":
		return "aws/s3"
	case strings.HasPrefix(id, "alias/"):
		return strings.TrimPrefix(id, "alias/")
	}
	if i := strings.IndexByte(id, '-'); i > 0 {
		return id[:i]
	}
	return id
}

// userOf returns the user or role name of an ARN: the part after the last
// "user/" or "assumed-role/", or the whole resource otherwise.
func userOf(arn string) string {
	_, res, ok := strings.Cut(arn, ":iam::")
	if !ok {
		_, res, ok = strings.Cut(arn, ":sts::")
	}
	if !ok {
		return arn
	}
	if _, after, ok := strings.Cut(res, ":"); ok {
		res = after
	}
	for _, p := range []string{"user/", "assumed-role/", "role/"} {
		if rest, ok := strings.CutPrefix(res, p); ok {
			return rest
		}
	}
	return res
}

// hostOf strips the scheme of an endpoint URL for the status bar.
// endpointLabel is the status bar's endpoint: the host, and the server's
// name once an answer said it (the name comes first: it is what the bar keeps
// when the host must be shortened).
func endpointLabel(be Backend) string {
	host := hostOf(be.Endpoint())
	if name := be.EndpointName(); name != "" && name != "Amazon S3" {
		return name + " " + host
	}
	return host
}

func hostOf(endpoint string) string {
	if _, rest, ok := strings.Cut(endpoint, "://"); ok {
		endpoint = rest
	}
	return strings.TrimSuffix(endpoint, "/")
}

// humanSize prints a byte count with a binary unit.
func humanSize(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}

// stamp prints a time in UTC, to the minute.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// age prints how long ago t was, in the largest whole unit.
func age(now, t time.Time) string {
	if t.IsZero() || now.IsZero() {
		return ""
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return "in the future"
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	default:
		return fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
}

// plural picks the singular or plural form of a noun for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
