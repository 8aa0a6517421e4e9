package views

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/s3sec/s3sec/awsops"
	"github.com/s3sec/s3sec/awsops/clientside"
	"github.com/s3sec/s3sec/localfile"
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
var errTargetExists = errors.New("choose another name (an existing file is never replaced)")

// downloadBeforePublish runs between a complete download and its
// publication; tests make the target appear there.
var downloadBeforePublish = func(target string) {}

// run downloads into a temporary file (mode 0600) beside the target and
// publishes it only once the whole object was read and, for client-side
// objects, authenticated, never over anything that has the target's name,
// even if it appeared meanwhile (localfile, as s3sec cp): on any failure
// the temporary file is removed, so no plaintext is left behind. Keys are
// read from their files here and cleared on return.
func (j downloadJob) run(ctx context.Context, be Backend, id int, report func(tea.Msg)) tea.Msg {
	target := expandHome(j.choice.target)
	done := func(res awsops.DownloadResult, err error) tea.Msg {
		return downloadDoneMsg{id: id, target: target, result: res, err: err}
	}
	if err := localfile.CheckFree(target); err != nil {
		return done(awsops.DownloadResult{}, refuseExisting(err))
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
	stale := localfile.CleanStale(filepath.Dir(target), time.Now())
	tmp, err := localfile.NewTemp(target)
	if err != nil {
		return done(awsops.DownloadResult{}, err)
	}
	defer tmp.Discard()
	start := time.Now()
	in.DiscardsOnError = true // client-side plaintext goes into tmp, which is removed unless it authenticates
	res, err := be.Download(ctx, in, tmp.File, func(p awsops.DownloadProgress) {
		report(xferProgressMsg{id: id, bytes: p.Bytes, total: p.Total, elapsed: time.Since(start)})
	})
	if err != nil {
		return done(res, err)
	}
	downloadBeforePublish(target)
	if err := tmp.Publish(false); err != nil {
		return done(res, refuseExisting(err))
	}
	msg := done(res, nil).(downloadDoneMsg)
	msg.stale = stale
	return msg
}

// refuseExisting adds what to do to a refusal to replace.
func refuseExisting(err error) error {
	var ee *localfile.ExistsError
	if errors.As(err, &ee) {
		return fmt.Errorf("%w: %w", err, errTargetExists)
	}
	return err
}
