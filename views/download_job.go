package views

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
)

// downloadJob is everything the download command needs, copied out of the
// model before the command runs.
type downloadJob struct {
	choice downloadChoice
	bucket string
	region string
	ref    objRef
	ssec   bool // the object is SSE-C
	client bool // the object is encrypted client-side
}

// errTargetExists refuses to replace a local file.
var errTargetExists = errors.New("the file exists; choose another name (an existing file is never replaced)")

// run downloads into a temporary file (mode 0600) beside the target and
// renames it only once the whole object was read and, for client-side
// objects, authenticated: on any failure the temporary file is removed, so
// no plaintext is left behind. Keys are read from their files here and
// cleared on return.
func (j downloadJob) run(ctx context.Context, be Backend, id int, report func(tea.Msg)) tea.Msg {
	target := expandHome(j.choice.target)
	done := func(res awsops.DownloadResult, err error) tea.Msg {
		return downloadDoneMsg{id: id, target: target, result: res, err: err}
	}
	if _, err := os.Lstat(target); err == nil {
		return done(awsops.DownloadResult{}, fmt.Errorf("%s: %w", target, errTargetExists))
	}
	in := awsops.DownloadInput{Bucket: j.bucket, Region: j.region, Key: j.ref.key, VersionID: j.ref.version}
	if j.ssec {
		k, err := awsops.LoadSSECKey(expandHome(j.choice.ssecPath))
		if err != nil {
			return done(awsops.DownloadResult{}, err)
		}
		defer clear(k)
		in.SSECKey = k
	}
	if j.client {
		if j.choice.wrap == wrapMaster {
			mk, err := clientside.LoadMasterKey(expandHome(j.choice.masterPath))
			if err != nil {
				return done(awsops.DownloadResult{}, err)
			}
			kr, err := clientside.NewAESKeyring(mk)
			clear(mk)
			if err != nil {
				return done(awsops.DownloadResult{}, err)
			}
			in.Keyring = kr
		} else {
			in.Keyring = be.KMSKeyring(j.region, "")
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), ".s3sec-download-*")
	if err != nil {
		return done(awsops.DownloadResult{}, err)
	}
	keep := false
	defer func() {
		if !keep {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	start := time.Now()
	res, err := be.Download(ctx, in, tmp, func(p awsops.DownloadProgress) {
		report(xferProgressMsg{id: id, bytes: p.Bytes, total: p.Total, elapsed: time.Since(start)})
	})
	if err != nil {
		return done(res, err)
	}
	if err := errors.Join(tmp.Sync(), tmp.Close()); err != nil {
		return done(res, err)
	}
	if _, err := os.Lstat(target); err == nil {
		return done(res, fmt.Errorf("%s: %w", target, errTargetExists))
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return done(res, err)
	}
	keep = true
	return done(res, nil)
}
