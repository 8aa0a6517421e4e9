package views

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
)

// uploadJob is everything the upload command needs, copied out of the
// model before the command runs.
type uploadJob struct {
	choice uploadChoice
	bucket string
	region string
}

// run uploads the file, reporting progress. Key files are read here and
// the keys cleared when the upload returns: no secret reaches the model,
// a message or an error.
func (j uploadJob) run(ctx context.Context, be Backend, id int, report func(tea.Msg)) tea.Msg {
	ch := j.choice
	key := ch.objectKey()
	done := func(res awsops.UploadResult, generated string, err error) tea.Msg {
		return uploadDoneMsg{id: id, key: key, result: res, generated: generated, err: err}
	}
	in := awsops.UploadInput{Bucket: j.bucket, Region: j.region, Key: key, Mode: ch.mode, Path: expandHome(ch.path)}
	var generated string
	switch ch.mode {
	case awsops.SSEKMS, awsops.DSSEKMS:
		in.KMSKeyID = ch.kmsKey()
	case awsops.SSEC:
		path := expandHome(ch.ssecPath)
		if ch.ssecSource == ssecGenerate {
			if !be.Secure() { // never create a key that cannot be sent
				return done(awsops.UploadResult{}, "", &awsops.SSECOverHTTPError{Endpoint: be.Endpoint()})
			}
			if err := awsops.GenerateSSECKeyFile(path); err != nil {
				return done(awsops.UploadResult{}, "", err)
			}
			generated = path
		}
		k, err := awsops.LoadSSECKey(path)
		if err != nil {
			return done(awsops.UploadResult{}, generated, err)
		}
		defer clear(k)
		in.SSECKey = k
	case awsops.SSEClient:
		in.ClientFormat = clientside.FormatV2
		if ch.format == "v3" {
			in.ClientFormat = clientside.FormatV3
		}
		if ch.wrap == wrapMaster {
			mk, err := clientside.LoadMasterKey(expandHome(ch.masterPath))
			if err != nil {
				return done(awsops.UploadResult{}, "", err)
			}
			kr, err := clientside.NewAESKeyring(mk)
			clear(mk)
			if err != nil {
				return done(awsops.UploadResult{}, "", err)
			}
			in.Keyring = kr
		} else {
			in.Keyring = be.KMSKeyring(j.region, ch.kmsKey())
		}
	}
	if info, err := os.Stat(in.Path); err != nil {
		return done(awsops.UploadResult{}, generated, err)
	} else if !info.Mode().IsRegular() {
		return done(awsops.UploadResult{}, generated, &notAFileError{path: ch.path})
	}
	start := time.Now()
	res, err := be.Upload(ctx, in, func(p awsops.UploadProgress) {
		report(xferProgressMsg{id: id, bytes: p.Bytes, total: p.Total, parts: p.Parts, elapsed: time.Since(start)})
	})
	return done(res, generated, err)
}

// notAFileError refuses to upload a directory or a device.
type notAFileError struct{ path string }

// Error says what is wrong.
func (e *notAFileError) Error() string { return e.path + " is not a regular file" }

// expandHome replaces a leading ~/ with the home directory.
func expandHome(p string) string {
	p = strings.TrimSpace(p)
	if rest, ok := strings.CutPrefix(p, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return p
}
